/**
 * MongoDB-style query objects ⇄ vmfilter WHERE trees (`toMongo`, `fromMongo`).
 *
 * The meaning kept is LANGUAGE.md section 5, read as follows (every choice below is tested
 * against `sift` and a reference evaluator of that meaning):
 * - A comparison on a path looks at every value the path reaches: a path through an array reaches
 *   each element (`ip4.ip`), an array at the end of the path gives its elements (`tags`). The
 *   comparison is true when some value compares true; otherwise unknown when some value is null or
 *   missing (a missing member on the way counts as missing); otherwise false. So an empty array
 *   gives false, and `IS null` is true exactly when some reached value is null or missing.
 *   This is Mongo's own reading of `{ p: v }` and `{ p: null }`, and SQL's `= ANY` for arrays.
 * - A value of another type than the literal compares false (`NE`: true), as Mongo's type
 *   bracketing does; a number compared with a quoted number (`'5'`) compares numerically.
 * - Three-valued logic: `NOT` is pushed down to the comparisons (De Morgan, exact in
 *   three-valued logic), and `NOT c` is written `{ $nor: [c, { p: null }] }` (neither true nor
 *   unknown). `NOT (p IS null)` is `{ p: { $ne: null } }`. So Mongo never returns a row that
 *   vmfilter would drop as unknown. Reading the result back gives the pushed-down tree
 *   (`NOT (a AND b)` comes back as `NOT a OR NOT b`): same meaning, other shape.
 * - `NE` is `{ p: { $nin: [v, null] } }`: Mongo's `$ne` matches missing fields, vmfilter's does
 *   not. For a field the schema declares as an array (or reached through one), "some element
 *   differs" is written with `$elemMatch`; for a field the schema does not know, the `$nin` form is
 *   right for one value but not for arrays, and an info (`convert-array-field`) says so.
 * - `CP` is `$regex` `^…$` with `%` as `.*`, every other character literal (regex metacharacters
 *   escaped) and `$options: "is"`: `i` because CP ignores case, `s` so that `.*` spans line
 *   breaks as `%` does. Mongo's `i` folds non-ASCII letters too (`é`/`É`) where CP folds ASCII
 *   only: an info (`convert-case-folding`) when the mask holds such a letter. (Mongo's regex
 *   engine also folds U+212A KELVIN SIGN and U+017F LONG S with `k` and `s`, and its `$` accepts
 *   a final line break; JavaScript's, and so `sift`'s, do neither.)
 * - Numbers become JavaScript numbers; one that does not survive that exactly (beyond 2^53, too
 *   many digits) gets a `convert-lossy` warning. A quoted number (`a EQ '5'`) on a field the
 *   schema does not type is compared both as text and as a number (`{ a: { $in: ['5', 5] } }`),
 *   with an info (`convert-rewritten`); on a numeric field only as a number, on a text field only
 *   as text.
 * - A reference field (schema `reference`) compared with a number compares its `id`:
 *   `cluster EQ 3` → `{ 'cluster.id': 3 }`. Without a schema no field is known to be a reference.
 * - ORDERBY becomes `sort` (`{ name: 1, id: -1 }`; a URL-form query without ORDERBY sorts by
 *   `{ id: 1 }`, the API's order), LIMIT becomes `skip` and `limit`; other URL parameters are
 *   dropped with an info.
 * - `fromMongo` reads `$and $or $nor $not $eq $ne $gt $gte $lt $lte $in $nin $regex $options
 *   $exists $elemMatch`, implicit equality and dotted keys. Mongo's negations (`$ne`, `$nin`,
 *   `$not`, `$nor`) match missing and null fields, so they are read as `NOT c OR p IS null`
 *   (exact for fields holding one value; `convert-array-field` otherwise), except the shapes
 *   `toMongo` writes, which are read back exactly. `$regex` becomes CP only when it is a mask
 *   (optional `^`, literal characters and `.*`, optional `$`) matched ignoring case (or holding no
 *   ASCII letter); anything else is `convert-unsupported`. `$exists` becomes `IS null` /
 *   `IS NOT null` with a warning (vmfilter does not tell a missing field from a null one).
 * - Nothing throws: bad shapes are diagnostics (`start`/`end` 0, the JSON path in the message) and
 *   the part is left out, so a result with errors is partial and must not be used as is.
 * @module
 */
import type { CompareOperator, ComparisonNode, Expression, FieldNode, LiteralNode, QueryNode } from "../syntax/ast.js";
import { CompareOperators } from "../syntax/ast.js";
import type { Diagnostic } from "../syntax/diagnostics.js";
import { normalizeNumber } from "../syntax/numbers.js";
import { isFieldName } from "../syntax/tokens.js";
import type { ResolvedField, Schema } from "../schema/schema.js";
import {
  ConvertCodes,
  ConvertReporter,
  checkedFieldName,
  checkedLiteral,
  describe,
  describeValue,
  fieldNode,
  hasOwn,
  hasNonAsciiCasedLetter,
  isObject,
  isPlainObject,
  junction,
  maskText,
  MAX_CONVERT_DEPTH,
  notNode,
  NUMBER_TEXT,
  numberFromText,
  put,
  readInput,
  textFromNumber,
  type ConvertCode,
  type JsonPath,
} from "./shared.js";
export { ConvertCodes, type ConvertCode, type JsonPath } from "./shared.js";

// ---------------------------------------------------------------------------------------------
// Types

/** A MongoDB-style query object (`{ name: { $regex: '^web', $options: 'is' } }`). */
export interface MongoQuery {
  [key: string]: unknown;
}

/** Options of {@link toMongo}. */
export interface ToMongoOptions {
  /**
   * The entity's schema: which fields are arrays (for exact `NE` on arrays), references
   * (`cluster EQ 3` → `cluster.id`) and numeric or text (how a quoted number compares).
   */
  readonly schema?: Schema;
}

/** The result of {@link toMongo}. */
export interface ToMongoResult {
  /** The filter: `{}` when there is no WHERE. Partial when `diagnostics` has errors. */
  readonly query: MongoQuery;
  /** ORDERBY as a Mongo sort (`{ name: 1, id: -1 }`); `{ id: 1 }` for a URL-form query without ORDERBY. */
  readonly sort?: Record<string, 1 | -1>;
  /** LIMIT's offset. */
  readonly skip?: number;
  /** LIMIT's count. */
  readonly limit?: number;
  readonly diagnostics: Diagnostic[];
}

/** Options of {@link fromMongo}. */
export interface FromMongoOptions {
  /** Fields the schema declares as holding one value (not an array) need no `convert-array-field` note. */
  readonly schema?: Schema;
}

/** The result of {@link fromMongo}. */
export interface FromMongoResult {
  /** The WHERE expression; undefined when the query matches everything (`{}`) or nothing usable was read. */
  readonly where: Expression | undefined;
  readonly diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// toMongo

const MONGO_OPERATOR: Record<Exclude<CompareOperator, "EQ" | "NE" | "CP">, string> = { GT: "$gt", GE: "$gte", LT: "$lt", LE: "$lte" };
const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|]/g;

/** `%web%` → `^.*web.*$`: `%` is `.*`, everything else literal. */
export function maskToRegex(mask: string): string {
  return `^${mask
    .split("%")
    .map((part) => part.replace(REGEX_SPECIAL, "\\$&"))
    .join(".*")}$`;
}

function single(key: string, value: unknown): MongoQuery {
  return put({} as MongoQuery, key, value);
}

function onlyKey(query: MongoQuery, key: string): boolean {
  const keys = Object.keys(query);
  return keys.length === 1 && keys[0] === key;
}

/** AND of queries: one object when their keys differ (`{ a: 1, b: 2 }`), else `$and`, in order. */
function conjoin(parts: readonly MongoQuery[]): MongoQuery {
  const items = parts.flatMap((p) => (onlyKey(p, "$and") ? (p.$and as MongoQuery[]) : [p]));
  if (items.length === 1) return items[0]!;
  const seen = new Set<string>();
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (seen.has(key)) return { $and: items };
      seen.add(key);
    }
  }
  const merged: MongoQuery = {};
  for (const item of items) for (const key of Object.keys(item)) put(merged, key, item[key]);
  return merged;
}

function disjoin(parts: readonly MongoQuery[]): MongoQuery {
  const items = parts.flatMap((p) => (onlyKey(p, "$or") ? (p.$or as MongoQuery[]) : [p]));
  return items.length === 1 ? items[0]! : { $or: items };
}

class MongoWriter {
  constructor(
    private readonly reporter: ConvertReporter,
    private readonly schema: Schema | undefined,
  ) {}

  /** The query selecting rows where `node` is true (or, `negated`, false). */
  write(node: unknown, negated: boolean, depth: number): MongoQuery | undefined {
    if (depth > MAX_CONVERT_DEPTH) {
      this.reporter.atNode(node, ConvertCodes.TooDeep, "error", `The tree nests deeper than ${MAX_CONVERT_DEPTH} levels.`);
      return undefined;
    }
    const kind = isObject(node) ? (node as { kind?: unknown }).kind : undefined;
    switch (kind) {
      case "And":
      case "Or": {
        const operands = (node as { operands?: unknown }).operands;
        if (!Array.isArray(operands) || operands.length === 0) {
          this.reporter.atNode(node, ConvertCodes.InvalidInput, "error", `An ${String(kind).toUpperCase()} node needs a list of operands.`);
          return undefined;
        }
        const parts = operands.map((o) => this.write(o, negated, depth + 1)).filter((q): q is MongoQuery => q !== undefined);
        if (parts.length === 0) return undefined;
        return (kind === "And") !== negated ? conjoin(parts) : disjoin(parts);
      }
      case "Not":
        return this.write((node as { operand?: unknown }).operand, !negated, depth + 1);
      case "IsNull": {
        const name = this.field(node as object);
        if (name === undefined) return undefined;
        return single(name, negated ? { $ne: null } : null);
      }
      case "Comparison":
        return this.comparison(node as ComparisonNode, negated);
      default:
        this.reporter.atNode(node, ConvertCodes.InvalidInput, "error", "Expected a WHERE expression node (And, Or, Not, Comparison, IsNull).");
        return undefined;
    }
  }

  private field(node: object): string | undefined {
    const name = checkedFieldName((node as { field?: unknown }).field);
    if (name === undefined) this.reporter.atNode(node, ConvertCodes.InvalidField, "error", "The condition has no valid field (dot-separated names of letters, digits and _).");
    return name;
  }

  private comparison(node: ComparisonNode, negated: boolean): MongoQuery | undefined {
    const name = this.field(node);
    const literal = checkedLiteral(node.value);
    const operator = node.operator;
    if (literal === undefined) this.reporter.atNode(node, ConvertCodes.InvalidValue, "error", "The comparison has no valid literal value.");
    if (!(CompareOperators as readonly unknown[]).includes(operator)) {
      this.reporter.atNode(node, ConvertCodes.UnsupportedOperator, "error", `Unknown comparison operator ${JSON.stringify(operator)}.`);
      return undefined;
    }
    if (name === undefined || literal === undefined) return undefined;
    let path = name;
    let positive: MongoQuery;
    if (operator === "CP") {
      const mask = maskText(literal);
      if (literal.kind !== "String") {
        this.reporter.atNode(node, ConvertCodes.Rewritten, "info", `${describe(node)}: CP matches text, so the ${literal.kind === "Number" ? "number" : "boolean"} is written as the mask '${mask}'.`);
      }
      if (hasNonAsciiCasedLetter(mask) && this.reporter.once("case-folding")) {
        this.reporter.atNode(
          node,
          ConvertCodes.CaseFolding,
          "info",
          `${describe(node)}: Mongo's case-insensitive regex also folds letters outside ASCII ('é' matches 'É'), while CP ignores the case of ASCII letters only.`,
        );
      }
      positive = single(name, { $regex: maskToRegex(mask), $options: "is" });
    } else {
      const operands = this.operands(node, name, literal);
      path = operands.path;
      const values = operands.values;
      if (operator === "EQ") positive = single(path, values.length === 1 ? values[0] : { $in: values });
      else if (operator === "NE") positive = this.notEqual(node, path, values);
      else {
        const op = MONGO_OPERATOR[operator];
        const parts = values.map((v) => single(path, single(op, v)));
        positive = parts.length === 1 ? parts[0]! : { $or: parts };
      }
    }
    return negated ? { $nor: [positive, single(path, null)] } : positive;
  }

  /** The path compared (a reference's `id` for numbers) and the value(s) to compare with. */
  private operands(node: ComparisonNode, name: string, literal: LiteralNode): { path: string; values: unknown[] } {
    const field = this.schema?.field(name);
    const idPath = field?.kind === "reference" ? `${name}.id` : name;
    switch (literal.kind) {
      case "Boolean":
        return { path: name, values: [literal.value] };
      case "Number":
        return { path: idPath, values: [this.number(node, literal.value)] };
      case "String": {
        if (!NUMBER_TEXT.test(literal.value)) return { path: name, values: [literal.value] };
        if (field !== undefined && NUMERIC_TYPES.has(field.type)) return { path: idPath, values: [this.number(node, literal.value)] };
        if (field !== undefined) return { path: name, values: [literal.value] };
        this.reporter.atNode(
          node,
          ConvertCodes.Rewritten,
          "info",
          `${describe(node)}: a quoted number compares numerically with a number field and as text with a text field; no schema says which '${name}' is, so both are written.`,
        );
        return { path: name, values: [literal.value, this.number(node, literal.value)] };
      }
    }
  }

  private number(node: ComparisonNode, text: string): number {
    const { value, exact } = numberFromText(text);
    if (!exact) {
      this.reporter.atNode(node, ConvertCodes.Lossy, "warning", `${describe(node)}: ${text} is not exactly a JavaScript number; written as ${String(value)}.`);
    }
    return value;
  }

  /** `NE`: some value differs and is not null (written per element for arrays the schema knows). */
  private notEqual(node: ComparisonNode, path: string, values: unknown[]): MongoQuery {
    const field = this.schema?.field(path);
    if (field === undefined && this.reporter.once(`array:${path}`)) {
      this.reporter.atNode(
        node,
        ConvertCodes.ArrayField,
        "info",
        `${describe(node)}: written for a field holding one value ({ $nin: [value, null] }). If '${path}' holds an array, vmfilter matches when some element differs, which this query does not say; a schema declaring the field converts it exactly.`,
      );
    }
    return this.someValue(path.split("."), 0, { $nin: [...values, null] });
  }

  private isArrayPath(segments: readonly string[], end: number): boolean {
    const field: ResolvedField | undefined = this.schema?.field(segments.slice(0, end).join("."));
    return field?.kind === "array";
  }

  /** "Some value at the path satisfies `predicate`", with `$elemMatch` where the schema puts arrays. */
  private someValue(segments: readonly string[], from: number, predicate: MongoQuery): MongoQuery {
    for (let end = from + 1; end <= segments.length; end++) {
      if (!this.isArrayPath(segments, end)) continue;
      const key = segments.slice(from, end).join(".");
      const inner = end === segments.length ? predicate : this.someValue(segments, end, predicate);
      return single(key, { $elemMatch: inner });
    }
    return single(segments.slice(from).join("."), predicate);
  }
}

/**
 * Converts a filter (text, a parsed Query, or a WHERE expression) to a MongoDB-style query object
 * with the same meaning (LANGUAGE.md section 5; the module documentation lists the choices).
 * Never throws; anything that cannot be said exactly is reported.
 *
 * ```ts
 * toMongo("(name CP '%web%') AND NOT (state EQ 'stopped')").query
 * // { name: { $regex: '^.*web.*$', $options: 'is' }, $nor: [{ state: 'stopped' }, { state: null }] }
 * ```
 */
export function toMongo(input: string | QueryNode | Expression, options: ToMongoOptions = {}): ToMongoResult {
  const reporter = new ConvertReporter();
  try {
    const { where, query } = readInput(input, reporter);
    const writer = new MongoWriter(reporter, options.schema);
    const result: { -readonly [K in keyof ToMongoResult]?: ToMongoResult[K] } = { query: (where !== undefined ? writer.write(where, false, 0) : undefined) ?? {} };
    if (query !== undefined) {
      if (query.orderBy !== undefined) {
        const sort: Record<string, 1 | -1> = {};
        for (const key of Array.isArray(query.orderBy.keys) ? query.orderBy.keys : []) {
          const name = checkedFieldName(key?.field);
          if (name === undefined) reporter.atNode(key, ConvertCodes.InvalidField, "error", "A sort key has no valid field.");
          else put(sort, name, key.direction === "desc" ? -1 : 1);
        }
        result.sort = sort;
      } else if (query.form === "url") {
        result.sort = { id: 1 };
      }
      if (query.limit !== undefined) {
        result.skip = query.limit.offset;
        result.limit = query.limit.count;
        if (query.limit.count === 0) {
          reporter.atNode(query.limit, ConvertCodes.Lossy, "warning", "LIMIT with a count of 0 selects no rows, but Mongo's limit 0 means no limit.");
        }
      }
      for (const parameter of Array.isArray(query.parameters) ? query.parameters : []) {
        reporter.atNode(parameter, ConvertCodes.Dropped, "info", `The URL parameter '${String(parameter?.name)}' has no place in a Mongo query and is left out.`);
      }
    }
    return { ...(result as ToMongoResult), diagnostics: reporter.finish() };
  } catch (error) {
    reporter.internal(error);
    return { query: {}, diagnostics: reporter.finish() };
  }
}

// ---------------------------------------------------------------------------------------------
// fromMongo

/** A query matching every row (`{}`): no WHERE. */
const ALL = Symbol("all");
type Read = Expression | typeof ALL | undefined;

const COMPARISON_OF: Record<string, CompareOperator> = { $gt: "GT", $gte: "GE", $lt: "LT", $lte: "LE" };
const ASCII_LETTER = /[A-Za-z]/;

function comparison(field: FieldNode, operator: CompareOperator, value: LiteralNode): ComparisonNode {
  return { kind: "Comparison", field, operator, value };
}

function isScalar(value: unknown): value is string | number | boolean | bigint {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint";
}

/** The field name when the expression is only comparisons on one field under AND/OR (no NOT, no IS null). */
function monotoneField(node: Expression): string | undefined {
  if (node.kind === "Comparison") return node.field.name;
  if (node.kind !== "And" && node.kind !== "Or") return undefined;
  let name: string | undefined;
  for (const operand of node.operands) {
    const inner = monotoneField(operand);
    if (inner === undefined || (name !== undefined && inner !== name)) return undefined;
    name = inner;
  }
  return name;
}

/**
 * Whether a `$nor` item may be the `c` of a `{ $nor: [c, { p: null }] }` pair: one key, the field
 * `p` itself or an `$or`/`$and` of conditions on `p` only (checked before reading it twice, so that
 * nested `$nor` never doubles the work).
 */
function pairable(item: unknown, nullItems: ReadonlyMap<string, number>): boolean {
  if (!isPlainObject(item)) return false;
  const keys = Object.keys(item);
  if (keys.length !== 1) return false;
  const key = keys[0]!;
  if (nullItems.has(key)) return true;
  if (key !== "$or" && key !== "$and") return false;
  const list = item[key];
  if (!Array.isArray(list) || list.length === 0) return false;
  let name: string | undefined;
  for (const sub of list) {
    if (!isPlainObject(sub)) return false;
    const subKeys = Object.keys(sub);
    if (subKeys.length !== 1 || !nullItems.has(subKeys[0]!) || (name !== undefined && name !== subKeys[0])) return false;
    name = subKeys[0];
  }
  return true;
}

/** An operator object (`{ $gt: 1, $lt: 5 }`): not empty, every key an operator. */
function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith("$"));
}

function containsNot(node: Expression): boolean {
  if (node.kind === "Not") return true;
  return (node.kind === "And" || node.kind === "Or") && node.operands.some(containsNot);
}

class MongoReader {
  constructor(
    private readonly reporter: ConvertReporter,
    private readonly schema: Schema | undefined,
  ) {}

  private error(path: JsonPath, code: ConvertCode, message: string): undefined {
    this.reporter.atPath(path, code, "error", message);
    return undefined;
  }

  private deep(path: JsonPath, depth: number): boolean {
    if (depth <= MAX_CONVERT_DEPTH) return false;
    this.error(path, ConvertCodes.TooDeep, `The query nests deeper than ${MAX_CONVERT_DEPTH} levels.`);
    return true;
  }

  private and(items: readonly Read[]): Read {
    const kept = items.filter((x): x is Expression => x !== undefined && x !== ALL);
    if (kept.length === 0) return items.length === 0 || items.includes(ALL) ? ALL : undefined;
    return junction("And", kept);
  }

  private or(items: readonly Read[]): Read {
    if (items.includes(ALL)) return ALL;
    const kept = items.filter((x): x is Expression => x !== undefined && x !== ALL);
    return junction("Or", kept);
  }

  /** "Matches nothing" has no vmfilter spelling. */
  private nothing(path: JsonPath): undefined {
    return this.error(path, ConvertCodes.Unsupported, "This part matches no row, which a vmfilter expression cannot say; it is left out.");
  }

  private list(value: unknown, path: JsonPath): unknown[] | undefined {
    if (Array.isArray(value) && value.length > 0) return value;
    return this.error(path, ConvertCodes.InvalidInput, "Expected a non-empty array.");
  }

  private literal(value: unknown, path: JsonPath): LiteralNode | undefined {
    if (typeof value === "string") return { kind: "String", value };
    if (typeof value === "boolean") return { kind: "Boolean", value };
    if (typeof value === "bigint") return { kind: "Number", value: normalizeNumber(value.toString()) };
    if (typeof value === "number") {
      const text = textFromNumber(value);
      if (text !== undefined) return { kind: "Number", value: text };
    }
    return this.error(path, ConvertCodes.InvalidValue, `${describeValue(value)} cannot be a vmfilter value (text, a finite number or true/false).`);
  }

  private field(key: string, path: JsonPath): FieldNode | undefined {
    if (isFieldName(key)) return fieldNode(key);
    return this.error(path, ConvertCodes.InvalidField, `'${key}' is not a vmfilter field name (dot-separated names of letters, digits and _, not starting with a digit).`);
  }

  /** Above 0 while reading the condition inside `$elemMatch`, which is about one element. */
  private inElement = 0;

  /** The info that a negation read for one value is not exact for arrays (unless the schema says one value). */
  private arrayNote(field: FieldNode, path: JsonPath, what: string): void {
    if (this.inElement > 0) return;
    const known = this.schema?.field(field.name);
    if (known !== undefined && !known.many && known.kind !== "array") return;
    if (!this.reporter.once(`array:${field.name}`)) return;
    this.reporter.atPath(
      path,
      ConvertCodes.ArrayField,
      "info",
      `${what} is read for a field holding one value. If '${field.name}' holds an array, Mongo asks about every element and vmfilter about some element, which differ; a schema declaring the field as one value removes this note.`,
    );
  }

  /** The rows the query object matches. */
  query(query: unknown, path: JsonPath, depth: number): Read {
    if (this.deep(path, depth)) return undefined;
    if (!isPlainObject(query)) return this.error(path, ConvertCodes.InvalidInput, `Expected a query object, found ${describeValue(query)}.`);
    const parts: Read[] = [];
    for (const key of Object.keys(query)) {
      const value = query[key];
      const at = [...path, key];
      if (key === "$and" || key === "$or") {
        const items = this.list(value, at);
        if (items === undefined) continue;
        const read = items.map((item, i) => this.query(item, [...at, i], depth + 1));
        parts.push(key === "$and" ? this.and(read) : this.or(read));
      } else if (key === "$nor") {
        parts.push(this.nor(value, at, depth));
      } else if (key === "$comment") {
        this.reporter.atPath(at, ConvertCodes.Dropped, "info", "The comment is left out.");
      } else if (key.startsWith("$")) {
        parts.push(this.error(at, ConvertCodes.UnsupportedOperator, `${key} has no vmfilter equivalent.`));
      } else {
        parts.push(this.fieldCondition(key, value, at, depth));
      }
    }
    return this.and(parts);
  }

  /** The rows the query object does not match. */
  private negQuery(query: unknown, path: JsonPath, depth: number): Read {
    if (this.deep(path, depth)) return undefined;
    if (!isPlainObject(query)) return this.error(path, ConvertCodes.InvalidInput, `Expected a query object, found ${describeValue(query)}.`);
    const keys = Object.keys(query);
    if (keys.length === 0) return this.nothing(path);
    const parts: Read[] = [];
    for (const key of keys) {
      const value = query[key];
      const at = [...path, key];
      if (key === "$and" || key === "$or" || key === "$nor") {
        const items = this.list(value, at);
        if (items === undefined) continue;
        if (key === "$and") parts.push(this.or(items.map((item, i) => this.negQuery(item, [...at, i], depth + 1))));
        else if (key === "$or") parts.push(this.and(items.map((item, i) => this.negQuery(item, [...at, i], depth + 1))));
        else parts.push(this.or(items.map((item, i) => this.query(item, [...at, i], depth + 1))));
      } else if (key === "$comment") {
        this.reporter.atPath(at, ConvertCodes.Dropped, "info", "The comment is left out.");
      } else if (key.startsWith("$")) {
        parts.push(this.error(at, ConvertCodes.UnsupportedOperator, `${key} has no vmfilter equivalent.`));
      } else {
        parts.push(this.negFieldCondition(key, value, at, depth));
      }
    }
    // the rows where some key's condition fails: all rows when one of them never holds
    return this.or(parts);
  }

  /**
   * `$nor`: none of the items match. An item on one field `p` beside `{ p: null }` is exactly
   * `NOT item` (neither true nor unknown): that is how `toMongo` writes NOT.
   */
  private nor(value: unknown, path: JsonPath, depth: number): Read {
    const items = this.list(value, path);
    if (items === undefined) return undefined;
    const nullItems = new Map<string, number>();
    items.forEach((item, i) => {
      if (!isPlainObject(item)) return;
      const keys = Object.keys(item);
      if (keys.length !== 1 || !isFieldName(keys[0]!)) return;
      const v = item[keys[0]!];
      if (v === null || (isPlainObject(v) && Object.keys(v).length === 1 && hasOwn(v, "$eq") && v.$eq === null)) nullItems.set(keys[0]!, i);
    });
    const nullIndexes = new Set(nullItems.values());
    const units = new Map<number, Read>();
    const used = new Set<number>();
    items.forEach((item, i) => {
      if (nullIndexes.has(i)) return;
      const at = [...path, i];
      if (pairable(item, nullItems)) {
        const attempt = this.reporter.capture(() => this.query(item, at, depth + 1));
        const read = attempt.value;
        const name = read !== undefined && read !== ALL ? monotoneField(read) : undefined;
        const partner = name === undefined ? undefined : nullItems.get(name);
        if (read !== undefined && read !== ALL && partner !== undefined) {
          attempt.commit();
          units.set(i, notNode(read));
          used.add(partner);
          return;
        }
      }
      units.set(i, this.negQuery(item, at, depth + 1));
    });
    for (const [name, i] of nullItems) {
      if (!used.has(i)) units.set(i, notNode({ kind: "IsNull", field: fieldNode(name) }));
    }
    const ordered = [...units.entries()].sort((a, b) => a[0] - b[0]).map(([, unit]) => unit);
    // an item matching no row (its unit: every row) takes nothing away
    return this.and(ordered);
  }

  private fieldCondition(key: string, value: unknown, path: JsonPath, depth: number): Read {
    const field = this.field(key, path);
    if (field === undefined) return undefined;
    return isOperatorObject(value) ? this.operators(field, value, path, depth) : this.valueCondition(field, value, path);
  }

  /** `{ p: value }` for a value that is no operator object: null, a regular expression or a literal. */
  private valueCondition(field: FieldNode, value: unknown, path: JsonPath): Expression | undefined {
    if (value === null) return { kind: "IsNull", field };
    if (value instanceof RegExp) return this.regex(field, value.source, value.flags, path);
    if (isScalar(value)) {
      const literal = this.literal(value, path);
      return literal && comparison(field, "EQ", literal);
    }
    if (isPlainObject(value)) {
      if (Object.keys(value).some((k) => k.startsWith("$"))) return this.error(path, ConvertCodes.InvalidInput, "Operators and plain keys are mixed in one object.");
      return this.error(path, ConvertCodes.Unsupported, `Equality with a whole document has no vmfilter equivalent; compare its members ('${field.name}.member').`);
    }
    if (Array.isArray(value)) return this.error(path, ConvertCodes.Unsupported, "Equality with a whole array has no vmfilter equivalent.");
    return this.error(path, ConvertCodes.InvalidValue, `${describeValue(value)} cannot be a vmfilter value.`);
  }

  private negFieldCondition(key: string, value: unknown, path: JsonPath, depth: number): Read {
    const field = this.field(key, path);
    if (field === undefined) return undefined;
    if (value === null) return notNode({ kind: "IsNull", field });
    if (isOperatorObject(value)) return this.negOperators(field, value, path, depth);
    const positive = this.valueCondition(field, value, path);
    if (positive === undefined) return undefined;
    this.arrayNote(field, path, "This negation");
    return this.orNull(positive, field);
  }

  /** `NOT c OR p IS null`: Mongo's "does not match", exact when the field holds one value. */
  private orNull(positive: Expression, field: FieldNode): Expression {
    return { kind: "Or", operands: [notNode(positive), { kind: "IsNull", field }] };
  }

  private operators(field: FieldNode, ops: Record<string, unknown>, path: JsonPath, depth: number): Read {
    const parts: Read[] = [];
    for (const op of Object.keys(ops)) {
      const value = ops[op];
      const at = [...path, op];
      switch (op) {
        case "$eq":
          if (value === null) parts.push({ kind: "IsNull", field });
          else parts.push(this.equal(field, value, at));
          break;
        case "$ne":
          if (value === null) parts.push(notNode({ kind: "IsNull", field }));
          else {
            const eq = this.equal(field, value, at);
            if (eq !== undefined) {
              this.arrayNote(field, at, "$ne");
              parts.push(this.orNull(eq, field));
            }
          }
          break;
        case "$gt":
        case "$gte":
        case "$lt":
        case "$lte": {
          const literal = value === null ? this.error(at, ConvertCodes.InvalidValue, `${op} with null has no vmfilter equivalent.`) : this.literal(value, at);
          if (literal !== undefined) parts.push(comparison(field, COMPARISON_OF[op]!, literal));
          break;
        }
        case "$in":
          parts.push(this.inList(field, value, at));
          break;
        case "$nin":
          parts.push(this.ninList(field, value, at));
          break;
        case "$exists":
          parts.push(this.exists(field, value, at, false));
          break;
        case "$regex":
          parts.push(this.regexOperator(field, ops, at));
          break;
        case "$options":
          if (!hasOwn(ops, "$regex")) parts.push(this.error(at, ConvertCodes.InvalidInput, "$options without $regex."));
          break;
        case "$not":
          parts.push(this.not(field, value, at, depth));
          break;
        case "$elemMatch":
          parts.push(this.elemMatch(field, value, at, depth));
          break;
        default:
          parts.push(this.error(at, ConvertCodes.UnsupportedOperator, `${op} has no vmfilter equivalent.`));
      }
    }
    return this.and(parts);
  }

  /** The rows where not every operator matches (an OR of each operator's negation). */
  private negOperators(field: FieldNode, ops: Record<string, unknown>, path: JsonPath, depth: number): Read {
    const parts: Read[] = [];
    for (const op of Object.keys(ops)) {
      const value = ops[op];
      const at = [...path, op];
      switch (op) {
        case "$eq":
          if (value === null) parts.push(notNode({ kind: "IsNull", field }));
          else {
            const eq = this.equal(field, value, at);
            if (eq !== undefined) {
              this.arrayNote(field, at, "This negation");
              parts.push(this.orNull(eq, field));
            }
          }
          break;
        case "$ne":
          parts.push(value === null ? { kind: "IsNull", field } : this.equal(field, value, at));
          break;
        case "$in":
          parts.push(this.ninList(field, value, at));
          break;
        case "$nin":
          parts.push(this.inList(field, value, at));
          break;
        case "$exists":
          parts.push(this.exists(field, value, at, true));
          break;
        case "$not":
          parts.push(isOperatorObject(value) ? this.operators(field, value, at, depth + 1) : value instanceof RegExp ? this.regex(field, value.source, value.flags, at) : this.error(at, ConvertCodes.InvalidInput, "$not needs an operator object or a regular expression."));
          break;
        case "$options":
          if (!hasOwn(ops, "$regex")) parts.push(this.error(at, ConvertCodes.InvalidInput, "$options without $regex."));
          break;
        case "$gt":
        case "$gte":
        case "$lt":
        case "$lte":
        case "$regex": {
          const sub = op === "$regex" ? put(put({}, "$regex", value), "$options", hasOwn(ops, "$options") ? ops.$options : "") : put({}, op, value);
          const positive = this.operators(field, sub as Record<string, unknown>, path, depth);
          if (positive === undefined || positive === ALL) break;
          this.arrayNote(field, at, "This negation");
          parts.push(this.orNull(positive, field));
          break;
        }
        case "$elemMatch":
          parts.push(this.error(at, ConvertCodes.Unsupported, "A negated $elemMatch has no vmfilter equivalent."));
          break;
        default:
          parts.push(this.error(at, ConvertCodes.UnsupportedOperator, `${op} has no vmfilter equivalent.`));
      }
    }
    return this.or(parts);
  }

  private equal(field: FieldNode, value: unknown, path: JsonPath): Expression | undefined {
    if (value instanceof RegExp) return this.error(path, ConvertCodes.Unsupported, "Equality with a regular expression value has no vmfilter equivalent (use $regex).");
    if (!isScalar(value)) return this.error(path, ConvertCodes.InvalidValue, `${describeValue(value)} cannot be a vmfilter value.`);
    const literal = this.literal(value, path);
    return literal && comparison(field, "EQ", literal);
  }

  /** The values of `$in`/`$nin`: a quoted number beside its number (`['5', 5]`) is one quoted number. */
  private values(value: unknown, path: JsonPath): { hasNull: boolean; items: { literal?: LiteralNode; regex?: RegExp; at: JsonPath }[] } | undefined {
    const list = this.list(value, path);
    if (list === undefined) return undefined;
    let hasNull = false;
    const items: { literal?: LiteralNode; regex?: RegExp; at: JsonPath }[] = [];
    list.forEach((v, i) => {
      const at = [...path, i];
      if (v === null) hasNull = true;
      else if (v instanceof RegExp) items.push({ regex: v, at });
      else {
        const literal = isScalar(v) ? this.literal(v, at) : this.error(at, ConvertCodes.InvalidValue, `${describeValue(v)} cannot be a vmfilter value.`);
        if (literal !== undefined) items.push({ literal, at });
      }
    });
    const drop = new Set<number>();
    for (const q of items) {
      if (q.literal?.kind !== "String" || !NUMBER_TEXT.test(q.literal.value)) continue;
      const n = normalizeNumber(q.literal.value);
      const partner = items.findIndex((x, k) => !drop.has(k) && x.literal?.kind === "Number" && x.literal.value === n);
      if (partner >= 0) drop.add(partner);
    }
    return { hasNull, items: items.filter((_, k) => !drop.has(k)) };
  }

  private inList(field: FieldNode, value: unknown, path: JsonPath): Read {
    const read = this.values(value, path);
    if (read === undefined) return undefined;
    const operands: Expression[] = [];
    if (read.hasNull) operands.push({ kind: "IsNull", field });
    for (const item of read.items) {
      const e = item.regex ? this.regex(field, item.regex.source, item.regex.flags, item.at) : comparison(field, "EQ", item.literal!);
      if (e !== undefined) operands.push(e);
    }
    if (operands.length > 1) this.reporter.atPath(path, ConvertCodes.Rewritten, "info", "$in is read as an OR of its values.");
    return junction("Or", operands);
  }

  /** `$nin`: no value in the list (and, without null in the list, also a missing or null field). */
  private ninList(field: FieldNode, value: unknown, path: JsonPath): Read {
    const read = this.values(value, path);
    if (read === undefined) return undefined;
    const operands: Expression[] = [];
    for (const item of read.items) {
      if (item.regex) {
        const cp = this.regex(field, item.regex.source, item.regex.flags, item.at);
        if (cp !== undefined) operands.push(notNode(cp));
      } else operands.push(comparison(field, "NE", item.literal!));
    }
    if (operands.length === 0) return read.hasNull ? notNode({ kind: "IsNull", field }) : undefined;
    this.arrayNote(field, path, "$nin");
    if (operands.length > 1 || !read.hasNull) this.reporter.atPath(path, ConvertCodes.Rewritten, "info", `$nin is read as an AND of NE${read.hasNull ? "" : ", or the field missing or null"}.`);
    const all = junction("And", operands)!;
    return read.hasNull ? all : { kind: "Or", operands: [all, { kind: "IsNull", field }] };
  }

  private exists(field: FieldNode, value: unknown, path: JsonPath, negated: boolean): Read {
    if (typeof value !== "boolean" && value !== 0 && value !== 1) return this.error(path, ConvertCodes.InvalidValue, "$exists needs true or false.");
    const present = Boolean(value) !== negated;
    this.reporter.atPath(
      path,
      ConvertCodes.Lossy,
      "warning",
      `vmfilter does not tell a missing field from a null one: read as ${present ? "NOT (IS null), so a field holding null no longer matches" : "IS null, so a field holding null matches too"}.`,
    );
    const isNull: Expression = { kind: "IsNull", field };
    return present ? notNode(isNull) : isNull;
  }

  private regexOperator(field: FieldNode, ops: Record<string, unknown>, path: JsonPath): Read {
    const pattern = ops.$regex;
    const options = hasOwn(ops, "$options") ? ops.$options : "";
    if (typeof options !== "string") return this.error(path, ConvertCodes.InvalidInput, "$options must be a string of flags.");
    if (pattern instanceof RegExp) return this.regex(field, pattern.source, pattern.flags + options, path);
    if (typeof pattern !== "string") return this.error(path, ConvertCodes.InvalidInput, "$regex must be a string or a regular expression.");
    return this.regex(field, pattern, options, path);
  }

  private not(field: FieldNode, value: unknown, path: JsonPath, depth: number): Read {
    if (value instanceof RegExp) {
      const cp = this.regex(field, value.source, value.flags, path);
      if (cp === undefined) return undefined;
      this.arrayNote(field, path, "$not");
      return this.orNull(cp, field);
    }
    if (isOperatorObject(value)) return this.negOperators(field, value, path, depth + 1);
    return this.error(path, ConvertCodes.InvalidInput, "$not needs an operator object or a regular expression.");
  }

  /** `$elemMatch` with one condition: vmfilter's any-element match (exact for arrays). */
  private elemMatch(field: FieldNode, value: unknown, path: JsonPath, depth: number): Read {
    if (!isPlainObject(value)) return this.error(path, ConvertCodes.InvalidInput, "$elemMatch needs a query object.");
    const keys = Object.keys(value).filter((k) => k !== "$options");
    const several = () => this.error(path, ConvertCodes.Unsupported, "vmfilter cannot require several conditions to hold for the same array element.");
    if (keys.length !== 1) return several();
    const key = keys[0]!;
    const inner = value[key];
    if (!key.startsWith("$") && isPlainObject(inner) && Object.keys(inner).filter((k) => k !== "$options").length > 1) return several();
    this.inElement++;
    let read: Read;
    try {
      read = key.startsWith("$") ? this.operators(field, value, path, depth + 1) : this.fieldCondition(`${field.name}.${key}`, inner, [...path, key], depth + 1);
    } finally {
      this.inElement--;
    }
    if (read !== undefined && read !== ALL && containsNot(read)) {
      return this.error(path, ConvertCodes.Unsupported, "A negation inside $elemMatch (about one element) has no vmfilter equivalent; $nin with null is read as NE.");
    }
    const known = this.schema?.field(field.name);
    if (known?.kind !== "array" && read !== undefined && this.reporter.once(`elem:${field.name}`)) {
      this.reporter.atPath(path, ConvertCodes.ArrayField, "info", `$elemMatch matches arrays only; vmfilter's any-element match on '${field.name}' also accepts a single value.`);
    }
    return read;
  }

  /** A regex that is a CP mask: `^`? (literal | `.*`)* `$`?, matched ignoring case. */
  private regex(field: FieldNode, source: string, flags: string, path: JsonPath): ComparisonNode | undefined {
    const fail = (why: string): undefined => this.error(path, ConvertCodes.Unsupported, `The regular expression /${source}/${flags} is not a CP mask: ${why}.`);
    for (const flag of flags) if (flag !== "i" && flag !== "s") return fail(`the flag '${flag}' has no CP equivalent`);
    let i = 0;
    let mask = "";
    let dotStar = false;
    const anchoredStart = source.startsWith("^");
    if (anchoredStart) i = 1;
    let anchoredEnd = false;
    while (i < source.length) {
      if (source.startsWith(".*", i)) {
        mask += "%";
        dotStar = true;
        i += 2;
        continue;
      }
      const ch = String.fromCodePoint(source.codePointAt(i)!);
      if (ch === "\\") {
        const next = source.codePointAt(i + 1);
        if (next === undefined) return fail("it ends with a lone backslash");
        const escaped = String.fromCodePoint(next);
        if (/[A-Za-z0-9]/.test(escaped)) return fail(`'\\${escaped}' has no CP equivalent`);
        if (escaped === "%") return fail("a literal '%' cannot be written in a CP mask (CP has no escape for %)");
        mask += escaped;
        i += 1 + escaped.length;
        continue;
      }
      if (ch === "$" && i === source.length - 1) {
        anchoredEnd = true;
        i += 1;
        continue;
      }
      if ("^$.*+?()[]{}|".includes(ch)) return fail(`'${ch}' has no CP equivalent`);
      if (ch === "%") return fail("a literal '%' cannot be written in a CP mask (CP has no escape for %)");
      mask += ch;
      i += ch.length;
    }
    mask = `${anchoredStart ? "" : "%"}${mask}${anchoredEnd ? "" : "%"}`;
    if (!flags.includes("i") && ASCII_LETTER.test(mask)) return fail("it is case-sensitive (no 'i' flag), while CP ignores the case of ASCII letters");
    if (flags.includes("i") && hasNonAsciiCasedLetter(mask) && this.reporter.once("case-folding")) {
      this.reporter.atPath(path, ConvertCodes.CaseFolding, "info", "Mongo's case-insensitive regex also folds letters outside ASCII ('é' matches 'É'), while CP ignores the case of ASCII letters only.");
    }
    if (dotStar && !flags.includes("s")) {
      this.reporter.atPath(path, ConvertCodes.Lossy, "warning", "Without the 's' flag '.*' stops at line breaks, while CP's '%' spans them.");
    }
    return comparison(field, "CP", { kind: "String", value: mask });
  }
}


/**
 * Reads a MongoDB-style query object as a WHERE expression with the same meaning, as far as
 * vmfilter can say it (the module documentation lists the choices). Never throws; what cannot be
 * read exactly is reported, and what cannot be read at all is left out with an error.
 *
 * ```ts
 * fromMongo({ name: { $regex: "^web", $options: "i" }, cpu_number: { $gte: 2 } }).where
 * // (name CP 'web%') AND (cpu_number GE 2)
 * ```
 */
export function fromMongo(query: unknown, options: FromMongoOptions = {}): FromMongoResult {
  const reporter = new ConvertReporter();
  try {
    const read = new MongoReader(reporter, options.schema).query(query, [], 0);
    return { where: read === ALL ? undefined : read, diagnostics: reporter.finish() };
  } catch (error) {
    reporter.internal(error);
    return { where: undefined, diagnostics: reporter.finish() };
  }
}
