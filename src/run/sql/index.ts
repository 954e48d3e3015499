/**
 * SQL for PostgreSQL, SQLite and MySQL.
 * @module
 */
export { toSql } from "./to-sql.js";
export type { ToSqlOptions, SqlQuery } from "./to-sql.js";
export { selectStatement, countStatement } from "./statements.js";
export type { SqlStatement, SelectOptions } from "./statements.js";
export { SqlDialects } from "./dialect.js";
export type { SqlDialect, ColumnType } from "./dialect.js";
export type { ColumnSpec, ColumnMap } from "./columns.js";
