/// <reference types="node" />
/**
 * `vmfilter sql`: a filter as SQL for PostgreSQL, SQLite or MySQL (`toSql`), every value a bound
 * parameter. The option handling and the output are shared with `vmfilter convert --to sql`.
 *
 * Decisions:
 * - `--dialect` and `--columns` are required: the columns map is where every identifier comes
 *   from (a field missing from it is an error, never raw text), and there is no safe guess for
 *   it (`cluster.name` may be a column, a JSON member or another table's column). `--columns`
 *   takes a JSON file, or the JSON object itself when the value starts with `{`.
 * - Without `--table` the output is the clauses (`WHERE …`, `ORDER BY …`, `LIMIT …`), to put
 *   into a query of your own; with `--table` it is the whole `SELECT * FROM table …` and the
 *   `SELECT count(*) AS size …` for the total (together the API's `{ list, size }`). No default
 *   table name is invented: a made-up one would look runnable and is not.
 * - The bound values follow each statement as an SQL comment (`-- params: [...]`, JSON), so the
 *   text output stays a script. An integer beyond 2^53 (SQLite binds those as BigInt) is written
 *   exactly there, and as a decimal string in the `--format json` data (JSON numbers in
 *   JavaScript cannot hold it).
 * - `--id-field` is toSql's `idField`: the field sorted by when there is no orderby, and the last
 *   tie-breaking key (default `id`; `none` turns it off).
 * @module
 */
import { readFileSync } from "node:fs";
import type { Schema } from "../../schema/schema.js";
import type { Expression, QueryNode } from "../../syntax/ast.js";
import { tableName } from "../../run/sql/columns.js";
import { dialects, SqlDialects, type SqlDialect } from "../../run/sql/dialect.js";
import { countStatement, selectStatement, type SqlStatement } from "../../run/sql/statements.js";
import { toSql, type SqlQuery, type ToSqlOptions } from "../../run/sql/to-sql.js";
import type { ColumnMap } from "../../run/sql/columns.js";
import { UsageError, type Command, type FilterResult, type OptionSpec, type OptionValues } from "../command.js";
import { SCHEMA_OPTIONS, schemaOption } from "../schema-option.js";

/** The options of SQL output (`sql`, and `convert --to sql`), without the schema ones. */
export const SQL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  dialect: { type: "string", value: "name", description: `the SQL engine: ${SqlDialects.join(", ")} (required)` },
  columns: { type: "string", value: "file.json", description: 'field → column map as JSON (required): a file, or the object itself: \'{"id":"id","name":"name"}\'' },
  table: { type: "string", value: "name", description: "print whole SELECT and count statements for this table (default: just the clauses)" },
  "id-field": { type: "string", value: "field|none", description: "sorted by when there is no orderby, and the last tie-breaker (default id)" },
};

/** The SQL settings read from the options once. */
export interface SqlSettings {
  readonly options: ToSqlOptions;
  readonly table: string | undefined;
}

/** Whether any SQL option was given (for `convert`, where they belong to `--to sql` only). */
export function hasSqlOptions(values: OptionValues): boolean {
  return Object.keys(SQL_OPTIONS).some((name) => values[name] !== undefined);
}

/** The columns map from `--columns`: a JSON file, or inline JSON starting with `{`. */
function columnsOption(value: string): ColumnMap {
  const inline = /^\s*[[{]/.test(value);
  let text = value;
  if (!inline) {
    try {
      text = readFileSync(value, "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UsageError(`Cannot read the columns file ${value}: ${code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error)}.`);
    }
  }
  const where = inline ? "--columns" : `The columns file ${value}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${where} must hold a JSON object mapping field paths to columns, like {"id": "id", "name": "name"}.`);
  }
  return parsed as ColumnMap;
}

/** Reads `--dialect`, `--columns`, `--table`, `--id-field` (and takes the schema); throws UsageError. */
export function sqlSettings(values: OptionValues, schema: Schema | undefined): SqlSettings {
  const dialect = values.dialect;
  if (dialect === undefined) throw new UsageError(`--dialect is required: one of ${SqlDialects.join(", ")}.`);
  if (typeof dialect !== "string" || !SqlDialects.includes(dialect as SqlDialect)) throw new UsageError(`--dialect must be one of ${SqlDialects.join(", ")}; got ${JSON.stringify(dialect)}.`);
  const columns = values.columns;
  if (typeof columns !== "string") throw new UsageError(`--columns is required: a JSON file (or the JSON object itself) mapping each field to its column, like {"id": "id", "name": "name"}.`);
  const table = typeof values.table === "string" ? values.table : undefined;
  if (table !== undefined && tableName(table, dialects[dialect as SqlDialect]) === undefined) throw new UsageError(`--table ${JSON.stringify(table)} is not a table name.`);
  const idField = values["id-field"];
  if (typeof idField === "string" && idField !== "none" && !/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(idField)) {
    throw new UsageError(`--id-field must be a field name (like id) or none; got ${JSON.stringify(idField)}.`);
  }
  return {
    options: {
      dialect: dialect as SqlDialect,
      columns: columnsOption(columns),
      ...(schema ? { schema } : {}),
      ...(typeof idField === "string" ? { idField: idField === "none" ? null : idField } : {}),
    },
    table,
  };
}

/** A bound value as JSON text, exact (a BigInt as its digits). */
function paramText(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : JSON.stringify(value);
}

/** The values as a JSON array, exact. */
export function paramsText(params: readonly unknown[]): string {
  return `[${params.map(paramText).join(",")}]`;
}

/** A bound value for JSON data: a BigInt (beyond 2^53) as its decimal text. */
function paramData(value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

function statementData(statement: SqlStatement): { text: string; params: unknown[] } {
  return { text: statement.text, params: statement.params.map(paramData) };
}

/** The text and data of a compiled filter (no diagnostics). */
export function sqlOutput(sql: SqlQuery, table: string | undefined): { output: string; data: unknown } {
  const select = table !== undefined ? selectStatement(sql, table) : undefined;
  const count = table !== undefined ? countStatement(sql, table) : undefined;
  let output: string;
  if (select && count) {
    output = `${select.text};\n-- params: ${paramsText(select.params)}\n${count.text};\n-- params: ${paramsText(count.params)}`;
  } else {
    const clauses = [sql.where ? `WHERE ${sql.where}` : "", sql.orderBy ? `ORDER BY ${sql.orderBy}` : "", sql.limit].filter((c) => c !== "");
    output = [...clauses, `-- params: ${paramsText(sql.params)}`].join("\n");
  }
  const data = {
    dialect: sql.dialect,
    where: sql.where,
    orderBy: sql.orderBy,
    limit: sql.limit,
    params: sql.params.map(paramData),
    whereParams: sql.whereParams.map(paramData),
    select: select ? statementData(select) : null,
    count: count ? statementData(count) : null,
  };
  return { output, data };
}

/** A filter (text, Query or expression) through toSql: output and data, or its diagnostics. */
export function sqlResult(input: string | QueryNode | Expression, settings: SqlSettings): FilterResult {
  const sql = toSql(input, settings.options);
  if (!sql.ok) return { diagnostics: sql.diagnostics };
  return { ...sqlOutput(sql, settings.table), diagnostics: sql.diagnostics };
}

export const sqlCommand: Command = {
  name: "sql",
  summary: "compile a filter to SQL (PostgreSQL, SQLite, MySQL) with bound parameters, from a field → column map",
  usage: `sql [filter] --dialect ${SqlDialects.join("|")} --columns file.json [--table name] [--id-field field|none] [--schema name | --schema-file path]`,
  examples: [
    `vmfilter sql --dialect postgres --columns columns.json "name CP '%web%' AND cpu_number GE 2"`,
    `vmfilter sql --dialect sqlite --columns '{"id":"id","name":"name"}' --table hosts "where=name EQ 'web'&orderby=name desc&limit=0,20"`,
    `vmfilter sql --dialect mysql --columns columns.json --schema vm.host "cluster EQ 3"   # the schema gives each field's type`,
    `vmfilter sql --dialect postgres --columns columns.json --format json "id GT 100" | jq .output.params`,
    `# columns.json: {"id": "id", "name": "name", "cluster.name": "cluster_name", "tags": {"array": "tags"}, "meta": {"json": "meta"}}`,
  ],
  options: {
    ...SQL_OPTIONS,
    ...SCHEMA_OPTIONS,
  },
  takesFilter: true,
  reportsDiagnostics: false,
  prepare(values) {
    const settings = sqlSettings(values, schemaOption(values));
    return (text) => sqlResult(text, settings);
  },
};
