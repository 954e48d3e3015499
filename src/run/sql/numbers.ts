/**
 * Exact numeric comparisons in SQL. A literal the column's values can hold exactly is bound as
 * it is; otherwise the comparison is rewritten to an equivalent one on a value they can hold
 * (`n GT 1.5` on integers is `n > 1`; a literal between two doubles compares with the nearer
 * one and the right strictness), or to a constant when no value can satisfy it. The column stays
 * bare on the left, so indexes still serve the comparison.
 * @module
 */
import type { CompareOperator } from "../../syntax/ast.js";
import { compareDecimals, decimalOfNumber } from "../values.js";
import type { ColumnType, SqlDialect } from "./dialect.js";

/** What a numeric comparison becomes. @internal */
export type NumericPlan =
  | { readonly kind: "compare"; readonly operator: SqlOperator; readonly value: string; readonly integer: boolean }
  | { readonly kind: "constant"; readonly value: boolean };

/** The six SQL comparison operators. @internal */
export type SqlOperator = "=" | "<>" | ">" | ">=" | "<" | "<=";

/** The SQL operator of each ordering operator. @internal */
export const SQL_OPERATORS: Readonly<Record<Exclude<CompareOperator, "CP">, SqlOperator>> = { EQ: "=", NE: "<>", GT: ">", GE: ">=", LT: "<", LE: "<=" };

const INT64_MAX = "9223372036854775807";
const INT64_MIN = "-9223372036854775808";
const TWO_53 = "9007199254740992";

const isInteger = (decimal: string) => !decimal.includes(".");
const inInt64 = (decimal: string) => compareDecimals(decimal, INT64_MIN) >= 0 && compareDecimals(decimal, INT64_MAX) <= 0;
const negative = (decimal: string) => decimal.charCodeAt(0) === 45;

/** `floor` and `ceil` of a non-integer decimal. */
function floorCeil(decimal: string): { floor: string; ceil: string } {
  const whole = decimal.slice(0, decimal.indexOf("."));
  const stepped = (BigInt(whole === "-0" ? "0" : whole) + (negative(decimal) ? -1n : 1n)).toString();
  const truncated = whole === "-0" ? "0" : whole;
  return negative(decimal) ? { floor: stepped, ceil: truncated } : { floor: truncated, ceil: stepped };
}

/** EQ never holds (and NE always does) against a literal no value can equal. */
const NEVER_EQUAL = { EQ: { kind: "constant", value: false }, NE: { kind: "constant", value: true } } as const;

/** The comparison for values that are all integers, against a non-integer literal. */
function integerRewrite(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const { floor, ceil } = floorCeil(decimal);
  switch (operator) {
    case "EQ":
    case "NE":
      return NEVER_EQUAL[operator];
    case "GT":
    case "GE":
      return { kind: "compare", operator: ">=", value: ceil, integer: true };
    case "LT":
    case "LE":
      return { kind: "compare", operator: "<=", value: floor, integer: true };
  }
}

/** Every int64 against a literal outside int64's range. */
function outOfRange(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const above = !negative(decimal);
  switch (operator) {
    case "EQ":
    case "NE":
      return NEVER_EQUAL[operator];
    case "GT":
    case "GE":
      return { kind: "constant", value: !above };
    case "LT":
    case "LE":
      return { kind: "constant", value: above };
  }
}

/**
 * For values that are doubles (SQLite's REAL): a literal that is not the decimal of any double
 * lies strictly between two, and every double compares with it as with the nearer one, with
 * the strictness adjusted. `EQ` can never hold.
 */
function doubleRewrite(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const nearest = Number(decimal);
  const text = decimalOfNumber(nearest);
  if (text === decimal) return { kind: "compare", operator: SQL_OPERATORS[operator], value: text, integer: false };
  const below = compareDecimals(text, decimal) < 0;
  switch (operator) {
    case "EQ":
    case "NE":
      return NEVER_EQUAL[operator];
    case "GT":
    case "GE":
      return { kind: "compare", operator: below ? ">" : ">=", value: text, integer: false };
    case "LT":
    case "LE":
      return { kind: "compare", operator: below ? "<=" : "<", value: text, integer: false };
  }
}

/**
 * How `column OP literal` is written for a numeric literal (normal decimal text) in a dialect,
 * given the column's type (undefined when unknown) and whether the value is read from JSON.
 * @internal
 */
export function planNumeric(dialect: SqlDialect, type: ColumnType | undefined, stored: "column" | "json", operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const integer = isInteger(decimal);
  if (type === "integer") {
    // PostgreSQL and MySQL integer columns and SQLite INTEGER: int64 at most
    if (!integer) return inInt64(floorCeil(decimal).floor) && inInt64(floorCeil(decimal).ceil) ? integerRewrite(operator, decimal) : outOfRange(operator, decimal);
    return inInt64(decimal) ? { kind: "compare", operator: SQL_OPERATORS[operator], value: decimal, integer: true } : outOfRange(operator, decimal);
  }
  if (dialect !== "sqlite") {
    // exact decimal arithmetic in the engine (numeric / DECIMAL)
    return { kind: "compare", operator: SQL_OPERATORS[operator], value: decimal, integer: integer && inInt64(decimal) };
  }
  // SQLite: values are int64 or doubles. A REAL column holds doubles, and a double compares as
  // the decimal it prints as (184113858411237472 prints as 184113858411237470), so every literal
  // goes through the nearest double. JSON numbers are read from their text: integers exactly.
  if (type === "number" && stored === "column") return doubleRewrite(operator, decimal);
  if (integer && inInt64(decimal)) return { kind: "compare", operator: SQL_OPERATORS[operator], value: decimal, integer: true };
  const magnitude = negative(decimal) ? decimal.slice(1) : decimal;
  if (!integer && compareDecimals(magnitude, TWO_53) >= 0 && inInt64(floorCeil(decimal).floor) && inInt64(floorCeil(decimal).ceil)) {
    // past 2^53 every double is an integer, and so is every INTEGER
    return integerRewrite(operator, decimal);
  }
  return doubleRewrite(operator, decimal);
}
