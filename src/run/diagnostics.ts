/**
 * The stable codes of the run layer (`compile`, `apply`, `toSql`) and the error `compile` throws.
 * @module
 */

/** Diagnostic codes of `toSql`, and error codes of {@link FilterRunError}. */
export const RunCodes = {
  /** The input is not a filter: not a string, Query or expression node, or a malformed tree (error). */
  InvalidInput: "run-invalid-input",
  /** The tree nests deeper than the compilers follow (error). */
  TooDeep: "run-too-deep",
  /** A field has no entry in the `columns` map, so it has no SQL column (error). */
  UnmappedField: "sql-unmapped-field",
  /** A `columns` entry is not a usable column spec: empty name, a name with a NUL, an unknown shape, an array column in MySQL (error). */
  InvalidColumn: "sql-invalid-column",
  /** The construct has no translation in SQL: sorting by an array field (error). */
  Unsupported: "sql-unsupported",
  /** The comparison can never be true for a non-null value (wrong type, out of range); compiled to a constant that keeps NULL unknown (info). */
  ConstantComparison: "sql-constant-comparison",
  /** A compared field has no type (no schema entry, no `type` in its column): the engine decides how the value compares (info). */
  UntypedField: "sql-untyped-field",
  /** No `orderby` and no `id` column mapped: rows come in the engine's order (warning). */
  NoDefaultOrder: "sql-no-default-order",
} as const;

/** A run-layer code. */
export type RunCode = (typeof RunCodes)[keyof typeof RunCodes];

/** Thrown by `compile` and `apply` for input that is not a filter (API misuse), never for data. */
export class FilterRunError extends Error {
  /** A stable code from {@link RunCodes}. */
  readonly code: RunCode;

  constructor(code: RunCode, message: string) {
    super(message);
    this.name = "FilterRunError";
    this.code = code;
  }
}
