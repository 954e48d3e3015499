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
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–U+DFFF) stand for code points above U+FFFF: move them past U+E000–U+FFFF.
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}
