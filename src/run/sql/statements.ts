/**
 * Whole statements around `toSql`'s clauses: the page of rows and the count of all matches,
 * which together give the API's `{ list, size }`.
 * @module
 */
import { FilterRunError, RunCodes } from "../diagnostics.js";
import { tableName } from "./columns.js";
import { dialects } from "./dialect.js";
import type { SqlQuery } from "./to-sql.js";

/** A statement and its bound values, ready for a driver (`db.prepare(text).all(...params)`). */
export interface SqlStatement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/** Options of {@link selectStatement}. */
export interface SelectOptions {
  /** The columns to select (quoted as identifiers); default `*`. */
  readonly select?: readonly string[];
}

function checked(sql: SqlQuery, from: string): string {
  if (!sql || sql.ok !== true) throw new FilterRunError(RunCodes.InvalidInput, "The filter did not compile to SQL (see its diagnostics); there is no statement to build.");
  const table = tableName(from, dialects[sql.dialect]);
  if (table === undefined) throw new FilterRunError(RunCodes.InvalidInput, `"${from}" is not a table name.`);
  return table;
}

/** `SELECT … FROM table WHERE … ORDER BY … LIMIT …` with the query's parameters. */
export function selectStatement(sql: SqlQuery, from: string, options: SelectOptions = {}): SqlStatement {
  const table = checked(sql, from);
  const d = dialects[sql.dialect];
  const select = options.select && options.select.length > 0 ? options.select.map((c) => tableName(c, d) ?? fail(c)).join(", ") : "*";
  let text = `SELECT ${select} FROM ${table}`;
  if (sql.where) text += ` WHERE ${sql.where}`;
  if (sql.orderBy) text += ` ORDER BY ${sql.orderBy}`;
  if (sql.limit) text += ` ${sql.limit}`;
  return { text, params: sql.params };
}

/** `SELECT count(*) AS size FROM table WHERE …`: the `size` of the list, before the limit. */
export function countStatement(sql: SqlQuery, from: string): SqlStatement {
  const table = checked(sql, from);
  return { text: `SELECT count(*) AS size FROM ${table}${sql.where ? ` WHERE ${sql.where}` : ""}`, params: sql.whereParams };
}

function fail(column: string): never {
  throw new FilterRunError(RunCodes.InvalidInput, `"${column}" is not a column name.`);
}
