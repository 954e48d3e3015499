/**
 * Values to literal text, safely: what the builder and the tagged template write for a value.
 * @module
 */
import { plainDecimal } from "../syntax/numbers.js";

/** A value that can become a literal. */
export type LiteralValue = string | number | bigint | boolean | null;

/** Thrown for values that have no literal: NaN, ±Infinity, strings with lone surrogates, other types. */
export class FilterValueError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "FilterValueError";
  }
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return true;
    const d = text.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
    i++;
  }
  return false;
}

/**
 * A number as plain decimal text, never in exponent form: `1e21` → `1000000000000000000000`,
 * `1e-7` → `0.0000001`, `-0` → `0`. The text is the exact decimal value JavaScript prints for the
 * number (shortest round-trip digits). NaN and ±Infinity throw {@link FilterValueError}.
 */
export function numberText(value: number | bigint): string {
  if (typeof value === "bigint") return value.toString();
  if (!Number.isFinite(value)) throw new FilterValueError(`${value} is not a number a filter can hold`);
  return plainDecimal(String(value))!;
}

/**
 * The literal text of a value, escaped so it can never be read as syntax: strings single-quoted with
 * `''` for a quote, numbers and bigints in plain decimal, `true`, `false`, `null`. Throws
 * {@link FilterValueError} for NaN, ±Infinity, strings with lone surrogates and other types.
 */
export function quote(value: LiteralValue): string {
  switch (typeof value) {
    case "string":
      if (hasLoneSurrogate(value)) throw new FilterValueError(`the string ${JSON.stringify(value)} holds a lone surrogate, which is not text`);
      return `'${value.replaceAll("'", "''")}'`;
    case "number":
    case "bigint":
      return numberText(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      if (value === null) return "null";
      throw new FilterValueError(`${value === undefined ? "undefined" : typeof value === "object" ? "an object" : `a ${typeof value}`} cannot be a filter value (strings, numbers, bigints, booleans and null can)`);
  }
}
