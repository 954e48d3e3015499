/**
 * The run layer: filters executed in memory (`compile`, `apply`) and pushed down to SQL (`toSql`).
 * @module
 */
export { compile, MAX_COMPILE_DEPTH } from "./compile.js";
export type { CompileOptions, Predicate } from "./compile.js";
export { apply, DEFAULT_ORDER } from "./apply.js";
export type { ListResult } from "./apply.js";
export { compileMask } from "./mask.js";
export type { MaskOptions, MaskMatcher } from "./mask.js";
export { ownPath } from "./record.js";
export type { FieldAccessor } from "./record.js";
export { RunCodes, FilterRunError } from "./diagnostics.js";
export type { RunCode } from "./diagnostics.js";
export { toSql, selectStatement, countStatement, SqlDialects } from "./sql/index.js";
export type { ToSqlOptions, SqlQuery, SqlStatement, SelectOptions, SqlDialect, ColumnType, ColumnSpec, ColumnMap } from "./sql/index.js";
