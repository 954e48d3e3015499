/**
 * How two values compare, as LANGUAGE.md section 5 says: numbers as exact decimals (never through
 * a lossy float), strings by Unicode code point, booleans `false < true`; anything else does not
 * compare (a type mismatch). Shared by the predicate compiler and the sorter.
 * @module
 */
import { normalizeNumber, plainDecimal } from "../syntax/numbers.js";

/** Number text as the grammar writes it (`-12.5`). @internal */
export const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * Compares two numbers in normal decimal form (as `normalizeNumber` prints them) exactly:
 * negative, zero or positive.
 * @internal
 */
export function compareDecimals(a: string, b: string): number {
  const negativeA = a.charCodeAt(0) === 45;
  const negativeB = b.charCodeAt(0) === 45;
  if (negativeA !== negativeB) return negativeA ? -1 : 1;
  const magnitude = compareMagnitudes(negativeA ? a.slice(1) : a, negativeB ? b.slice(1) : b);
  return negativeA ? -magnitude : magnitude;
}

function compareMagnitudes(a: string, b: string): number {
  const dotA = a.indexOf(".");
  const dotB = b.indexOf(".");
  const wholeA = dotA < 0 ? a.length : dotA;
  const wholeB = dotB < 0 ? b.length : dotB;
  // normal form: no leading zeros, so a longer whole part is a bigger number
  if (wholeA !== wholeB) return wholeA - wholeB;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    // past the end, a fraction reads as zeros; a missing '.' reads as the '.' the other has
    const x = i < a.length ? a.charCodeAt(i) : i === wholeA ? 46 : 48;
    const y = i < b.length ? b.charCodeAt(i) : i === wholeB ? 46 : 48;
    if (x !== y) return x - y;
  }
  return 0;
}

/** The exact decimal a finite JavaScript number prints as (`1e21` → `1000000000000000000000`). @internal */
export function decimalOfNumber(value: number): string {
  return plainDecimal(String(value)) ?? String(value);
}

/**
 * The normal decimal text of a numeric value: a finite number, a bigint, or (when `strings` is
 * true, for fields a schema declares numeric) number text. Undefined for anything else.
 * @internal
 */
export function decimalOf(value: unknown, strings: boolean): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? decimalOfNumber(value) : undefined;
  if (typeof value === "bigint") return String(value);
  if (strings && typeof value === "string" && NUMBER_TEXT.test(value)) return normalizeNumber(value);
  return undefined;
}

/**
 * Compares strings by Unicode code point (what SQLite's BINARY, PostgreSQL's "C" and MySQL's
 * `utf8mb4_bin` collations do), not by UTF-16 unit as `<` does.
 * @internal
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === length) return a.length - b.length;
  // Compare whole code points: step back when the difference is inside a surrogate pair
  // (the high half is shared), then read a pair as one code point and a lone surrogate as itself.
  if (i > 0 && isHigh(a.charCodeAt(i - 1)) && (isLow(a.charCodeAt(i)) || isLow(b.charCodeAt(i)))) i--;
  return a.codePointAt(i)! - b.codePointAt(i)!;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
