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
  | { readonly kind: "compare"; readonly operator: SqlOperator; readonly value: string; readonly integer: boolean; readonly double?: true }
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

/**
 * The plan against a literal no value can equal: EQ never holds, NE always does, `GT`/`GE` become
 * `greater` and `LT`/`LE` become `less`.
 */
function neverEqual(operator: Exclude<CompareOperator, "CP">, greater: NumericPlan, less: NumericPlan): NumericPlan {
  switch (operator) {
    case "EQ":
    case "NE":
      return { kind: "constant", value: operator === "NE" };
    case "GT":
    case "GE":
      return greater;
    case "LT":
    case "LE":
      return less;
  }
}

/** The comparison for values that are all integers, against a non-integer literal. */
function integerRewrite(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const { floor, ceil } = floorCeil(decimal);
  return neverEqual(operator, { kind: "compare", operator: ">=", value: ceil, integer: true }, { kind: "compare", operator: "<=", value: floor, integer: true });
}

/** The scale and integer digits of MySQL's DECIMAL(65,30), which number columns and literals use. */
const MYSQL_SCALE = 30;
const MYSQL_INTEGER_DIGITS = 35;

/**
 * For values that are DECIMAL(65,30): a literal beyond 35 integer digits is decided at once (MySQL
 * would clamp it, even flipping the sign of a long negative one); one with more than 30 decimals
 * compares as its floor or ceiling at 30 decimals, which no value lies between.
 */
function decimalColumnRewrite(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const magnitude = negative(decimal) ? decimal.slice(1) : decimal;
  const dot = magnitude.indexOf(".");
  if ((dot < 0 ? magnitude.length : dot) > MYSQL_INTEGER_DIGITS) return outOfRange(operator, decimal);
  if (dot < 0 || magnitude.length - dot - 1 <= MYSQL_SCALE) return { kind: "compare", operator: SQL_OPERATORS[operator], value: decimal, integer: false };
  // move the point MYSQL_SCALE places right (the literal has more decimals than that): the
  // rewrite works on integers, then moves it back
  const point = decimal.indexOf(".");
  const fraction = decimal.slice(point + 1);
  const shifted = `${decimal.slice(0, point)}${fraction.slice(0, MYSQL_SCALE)}.${fraction.slice(MYSQL_SCALE)}`.replace(/^(-?)0+(?=\d)/, "$1");
  const plan = integerRewrite(operator, shifted);
  if (plan.kind === "constant") return plan;
  return { ...plan, value: scaleBack(plan.value, MYSQL_SCALE), integer: false };
}

/** An integer's text (never `-0`) divided by 10^scale, in normal decimal form. */
function scaleBack(integer: string, scale: number): string {
  const sign = negative(integer) ? "-" : "";
  const digits = (sign ? integer.slice(1) : integer).padStart(scale + 1, "0");
  // the fraction without its trailing zeros (a loop: /\.?0+$/ is quadratic on a run of zeros)
  const fraction = digits.slice(-scale);
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48 /* 0 */) end--;
  const whole = digits.slice(0, -scale);
  const text = end === 0 ? whole : `${whole}.${fraction.slice(0, end)}`;
  return `${sign}${text}`;
}

/** Every int64 against a literal outside int64's range. */
function outOfRange(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const above = !negative(decimal);
  return neverEqual(operator, { kind: "constant", value: !above }, { kind: "constant", value: above });
}

/**
 * For values that are doubles (SQLite's REAL): a literal that is not the decimal of any double
 * lies strictly between two, and every double compares with it as with the nearer one, with
 * the strictness adjusted. `EQ` can never hold.
 */
function doubleRewrite(operator: Exclude<CompareOperator, "CP">, decimal: string): NumericPlan {
  const nearest = Number(decimal);
  const text = decimalOfNumber(nearest);
  if (text === decimal) return { kind: "compare", operator: SQL_OPERATORS[operator], value: text, integer: false, double: true };
  const below = compareDecimals(text, decimal) < 0;
  return neverEqual(
    operator,
    { kind: "compare", operator: below ? ">" : ">=", value: text, integer: false, double: true },
    { kind: "compare", operator: below ? "<=" : "<", value: text, integer: false, double: true },
  );
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
  if (dialect === "mysql" && type === "number" && stored === "json") {
    // JSON numbers are read as DOUBLE, the JavaScript number they were written from
    return doubleRewrite(operator, decimal);
  }
  if (dialect === "mysql" && type === "number") {
    // DECIMAL(65,30): 35 integer digits and 30 decimals at most, and the literal is bound as one
    return decimalColumnRewrite(operator, decimal);
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
