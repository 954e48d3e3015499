/// <reference types="node" />
/**
 * `vmfilter convert`: a filter from one shape to another.
 *
 * The shapes:
 * - `url`: filter text. Read: any form `parse` reads (URL form, encoded or not, or a bare
 *   expression). Written: the canonical URL-encoded form (`toQueryString`), what goes into a
 *   request; `vmfilter format` prints the decoded one.
 * - `json`: vmfilter's tree JSON, `{ "vmfilter": 1, "node": … }` (`toJSON` / `fromJSON`); read,
 *   the node may be a Query or a WHERE expression.
 * - `rqb`: a react-querybuilder rule group (`toReactQueryBuilder` / `fromReactQueryBuilder`).
 *   It has no place for orderby, limit or other parameters: they are left out with an info.
 * - `mongo`: written as the parts of a Mongo `find`: `{ "filter": {…}, "sort": {…}, "skip": n,
 *   "limit": n }` (`toMongo`; sort, skip and limit only when the filter has orderby / limit: the
 *   API's default order, by id, is not added, so that reading back gives the same filter). Read:
 *   that shape, or a bare query object. An object is read as the `find` shape when it has a
 *   `filter` member holding an object that is not a field condition (no `$eq`, `$regex`, … in
 *   it) and no members but `filter`, `sort`, `skip` and `limit`; anything else is the query
 *   itself. `sort` takes `1`/`-1` (or `"asc"`/`"desc"`) per field; Mongo's `limit: 0` means no
 *   limit; `skip` needs a `limit` (vmfilter's limit always has a count).
 * - `sql` (output only): as `vmfilter sql`, with the same `--dialect`, `--columns`, `--table`,
 *   `--id-field` (allowed only with `--to sql`).
 *
 * JSON inputs are the argument, stdin, or one JSON document per line with `--file`. JSON outputs
 * are one line each (so `--file` gives JSONL), indented with `--pretty`. `--schema` goes to the
 * converters that take one (toMongo, fromMongo, toSql, and the URL output, where a quoted number
 * on a numeric field is written as the number). Converter diagnostics pass through: errors fail
 * the filter (exit 1), lossy-conversion warnings show on stderr.
 * @module
 */
import { fromMongo, toMongo } from "../../convert/mongo.js";
import { fromReactQueryBuilder, toReactQueryBuilder } from "../../convert/react-querybuilder.js";
import { ConvertCodes } from "../../convert/shared.js";
import { toQueryString } from "../../print/encode.js";
import type { Schema } from "../../schema/schema.js";
import type { Expression, LimitNode, OrderByNode, QueryNode, SortKeyNode } from "../../syntax/ast.js";
import { hasErrors, type Diagnostic, type Severity } from "../../syntax/diagnostics.js";
import { parse } from "../../syntax/parse.js";
import { FIELD_SEGMENT, fromJSON, JsonCodes, toJSON } from "../../tree/json.js";
import { choice } from "../args.js";
import { UsageError, type Command, type FilterResult, type RunMode } from "../command.js";
import { SCHEMA_OPTIONS, schemaOption } from "../schema-option.js";
import { hasSqlOptions, SQL_OPTIONS, sqlResult, sqlSettings, type SqlSettings } from "./sql.js";

const FROM = ["url", "json", "rqb", "mongo"] as const;
const TO = ["url", "json", "rqb", "mongo", "sql"] as const;
type From = (typeof FROM)[number];
type To = (typeof TO)[number];

/** A problem about a JSON input: no place in the text but its start. */
function problem(code: string, severity: Severity, message: string): Diagnostic {
  return { code, severity, message, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** A Query around a WHERE expression read from another shape (with the orderby and limit of a Mongo find). */
function queryOf(where: Expression | undefined, orderBy?: OrderByNode, limit?: LimitNode): QueryNode {
  return {
    kind: "Query",
    form: orderBy || limit ? "url" : "expression",
    ...(where ? { where } : {}),
    ...(orderBy ? { orderBy } : {}),
    ...(limit ? { limit } : {}),
    parameters: [],
  };
}

type Read = { readonly query?: QueryNode; readonly diagnostics: Diagnostic[] };

function readJsonText(text: string): { value?: unknown; diagnostics: Diagnostic[] } {
  try {
    return { value: JSON.parse(text) as unknown, diagnostics: [] };
  } catch (error) {
    return { diagnostics: [problem(JsonCodes.SyntaxError, "error", `The input is not JSON: ${error instanceof Error ? error.message : String(error)}`)] };
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Operators that make an object a field condition (`{ $regex: … }`), not a query. */
const FIELD_OPERATORS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex", "$options", "$exists", "$elemMatch", "$not", "$size", "$all", "$type", "$mod"]);
const FIND_KEYS = new Set(["filter", "sort", "skip", "limit"]);

/** Whether a Mongo input is the `{ filter, sort, skip, limit }` shape rather than a query. */
function isFind(value: Record<string, unknown>): boolean {
  if (!hasOwn(value, "filter") || !Object.keys(value).every((k) => FIND_KEYS.has(k))) return false;
  const filter = value.filter;
  return isPlainObject(filter) && !Object.keys(filter).some((k) => FIELD_OPERATORS.has(k));
}

function readSort(sort: unknown, diagnostics: Diagnostic[]): OrderByNode | undefined {
  if (!isPlainObject(sort)) {
    diagnostics.push(problem(ConvertCodes.InvalidInput, "error", "sort: expected an object of fields and directions ({ \"name\": 1, \"id\": -1 })."));
    return undefined;
  }
  const keys: SortKeyNode[] = [];
  for (const [name, direction] of Object.entries(sort)) {
    const path = name.split(".");
    if (!path.every((s) => FIELD_SEGMENT.test(s))) {
      diagnostics.push(problem(ConvertCodes.InvalidField, "error", `sort[${JSON.stringify(name)}]: not a field name vmfilter can write.`));
      continue;
    }
    const asc = direction === 1 || direction === "asc" || direction === "ascending";
    const desc = direction === -1 || direction === "desc" || direction === "descending";
    if (!asc && !desc) {
      diagnostics.push(problem(ConvertCodes.InvalidValue, "error", `sort[${JSON.stringify(name)}]: the direction must be 1 or -1 (or "asc" / "desc"), found ${JSON.stringify(direction) ?? String(direction)}.`));
      continue;
    }
    keys.push({ kind: "SortKey", field: { kind: "Field", path, name }, direction: asc ? "asc" : "desc" });
  }
  return keys.length > 0 ? { kind: "OrderBy", keys } : undefined;
}

function readCount(value: unknown, name: string, diagnostics: Diagnostic[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  diagnostics.push(problem(ConvertCodes.InvalidValue, "error", `${name}: expected a whole number ≥ 0, found ${JSON.stringify(value) ?? String(value)}.`));
  return undefined;
}

function readMongo(value: unknown, schema: Schema | undefined): Read {
  if (!isPlainObject(value) || !isFind(value)) {
    const { where, diagnostics } = fromMongo(value, schema ? { schema } : {});
    return { query: queryOf(where), diagnostics };
  }
  const diagnostics: Diagnostic[] = [];
  const { where, diagnostics: filterDiagnostics } = fromMongo(value.filter, schema ? { schema } : {});
  diagnostics.push(...filterDiagnostics);
  const orderBy = value.sort === undefined ? undefined : readSort(value.sort, diagnostics);
  const skip = readCount(value.skip, "skip", diagnostics);
  const count = readCount(value.limit, "limit", diagnostics);
  let limit: LimitNode | undefined;
  if (count !== undefined && count > 0) limit = { kind: "Limit", offset: skip ?? 0, count };
  else if (skip !== undefined && skip > 0) diagnostics.push(problem(ConvertCodes.Unsupported, "error", "skip: vmfilter's limit needs a count; give a limit (Mongo's limit 0 means no limit)."));
  else if (count === 0) diagnostics.push(problem(ConvertCodes.Dropped, "info", "limit: Mongo's limit 0 means no limit; the filter has none."));
  return { query: queryOf(where, orderBy, limit), diagnostics };
}

/** The input as a Query, or the diagnostics that stop it. */
function read(from: From, text: string, schema: Schema | undefined): Read {
  if (from === "url") {
    const { query, diagnostics } = parse(text);
    return { query, diagnostics };
  }
  if (from === "json") {
    const { node, diagnostics } = fromJSON(text);
    if (!node) return { diagnostics };
    if (node.kind === "Query") return { query: node, diagnostics };
    if (node.kind === "And" || node.kind === "Or" || node.kind === "Not" || node.kind === "Comparison" || node.kind === "IsNull") return { query: queryOf(node), diagnostics };
    return { diagnostics: [problem(ConvertCodes.InvalidInput, "error", `The tree is a ${node.kind}; convert takes a Query or a WHERE expression.`)] };
  }
  const json = readJsonText(text);
  if (hasErrors(json.diagnostics)) return json;
  if (from === "rqb") {
    const { where, diagnostics } = fromReactQueryBuilder(json.value);
    return { query: queryOf(where), diagnostics };
  }
  return readMongo(json.value, schema);
}

/** The query in the target shape. */
function write(to: To, query: QueryNode, schema: Schema | undefined, sql: SqlSettings | undefined, indent: number | undefined): FilterResult {
  const json = (value: unknown) => JSON.stringify(value, null, indent);
  switch (to) {
    case "url":
      return { output: toQueryString(query, schema ? { schema } : {}), diagnostics: [] };
    case "json": {
      const tree = toJSON(query);
      return { output: json(tree), data: tree, diagnostics: [] };
    }
    case "rqb": {
      const { group, diagnostics } = toReactQueryBuilder(query);
      return { output: json(group), data: group, diagnostics };
    }
    case "mongo": {
      const result = toMongo(query, schema ? { schema } : {});
      const find = {
        filter: result.query,
        ...(query.orderBy && result.sort ? { sort: result.sort } : {}),
        ...(result.skip !== undefined ? { skip: result.skip } : {}),
        ...(result.limit !== undefined ? { limit: result.limit } : {}),
      };
      return { output: json(find), data: find, diagnostics: result.diagnostics };
    }
    case "sql":
      return sqlResult(query, sql!);
  }
}

export const convertCommand: Command = {
  name: "convert",
  summary: "convert a filter between URL text, vmfilter tree JSON, react-querybuilder, Mongo, and SQL (output only)",
  usage: `convert [input] --to ${TO.join("|")} [--from ${FROM.join("|")}] [--pretty] [--schema name | --schema-file path] [SQL options with --to sql]`,
  examples: [
    `vmfilter convert --to mongo "where=(name CP '%25web%25') AND NOT (state EQ 'stopped')&orderby=name&limit=0,20"`,
    `vmfilter convert --to rqb --pretty "(name CP '%web%') AND (cpu_number GE 2)"`,
    `vmfilter convert --to json "id EQ 1" | vmfilter convert --from json --to url`,
    `vmfilter convert --from rqb --to url '{"combinator":"and","rules":[{"field":"name","operator":"contains","value":"web"}]}'`,
    `vmfilter convert --from mongo --to url '{"filter":{"cpu_number":{"$gte":2}},"sort":{"name":-1},"limit":50}'`,
    `vmfilter convert --from mongo --to sql --dialect postgres --columns columns.json '{"name":"web"}'`,
    `vmfilter convert --from rqb --to url --file saved-rules.jsonl     # one JSON document per line`,
    `vmfilter convert --from mongo --to url --file searches.jsonl --field query   # {"id": 7, "query": {"name": "web"}} per line`,
  ],
  options: {
    from: { type: "string", value: FROM.join("|"), description: "what the input is (default url: filter text)" },
    to: { type: "string", value: TO.join("|"), description: "what to write (required)" },
    pretty: { type: "boolean", description: "indent JSON output (json, rqb, mongo); without it one line per filter" },
    ...SCHEMA_OPTIONS,
    ...Object.fromEntries(Object.entries(SQL_OPTIONS).map(([name, spec]) => [name, { ...spec, description: `--to sql: ${spec.description}` }])),
  },
  takesFilter: true,
  reportsDiagnostics: false,
  runMode(values): RunMode {
    // JSON inputs may sit in a JSONL line as an object, not only as a string holding JSON
    return { text: "output", jsonMembers: values.from !== undefined && values.from !== "url" };
  },
  prepare(values) {
    if (values.to === undefined) throw new UsageError(`--to is required: one of ${TO.join(", ")}.`);
    if (values.from === "sql") throw new UsageError("sql is an output only (--to sql); --from takes url, json, rqb or mongo.");
    const from = choice(values, "from", FROM, "url");
    const to = choice(values, "to", TO, "url");
    const schema = schemaOption(values);
    if (to !== "sql" && hasSqlOptions(values)) throw new UsageError("--dialect, --columns, --table and --id-field are for --to sql only.");
    const sql = to === "sql" ? sqlSettings(values, schema) : undefined;
    const indent = values.pretty === true ? 2 : undefined;
    return (text) => {
      const input = read(from, text, schema);
      if (!input.query || hasErrors(input.diagnostics)) return { diagnostics: input.diagnostics };
      const output = write(to, input.query, schema, sql, indent);
      return { ...output, diagnostics: [...input.diagnostics, ...output.diagnostics] };
    };
  },
};
