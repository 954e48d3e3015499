/**
 * Exact decimal text of numbers, computed on the text, never through a float.
 * @module
 */

/**
 * Normal decimal form of a number written as `[-]digits[.digits]`: no leading zeros, no trailing
 * fractional zeros, no `-0` (`007.50` → `7.5`, `-0.0` → `0`).
 */
export function normalizeNumber(raw: string): string {
  let negative = false;
  let text = raw;
  if (text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    text = text.slice(1);
  }
  const dot = text.indexOf(".");
  let whole = dot < 0 ? text : text.slice(0, dot);
  let fraction = dot < 0 ? "" : text.slice(dot + 1);
  let i = 0;
  while (i < whole.length - 1 && whole.charCodeAt(i) === 48) i++;
  whole = whole.slice(i);
  let j = fraction.length;
  while (j > 0 && fraction.charCodeAt(j - 1) === 48) j--;
  fraction = fraction.slice(0, j);
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== "0" ? `-${body}` : body;
}

/** True when `text` is a number in normal decimal form (as {@link normalizeNumber} prints). */
export function isNormalNumber(text: string): boolean {
  return /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/.test(text) && text !== "-0";
}

/** Largest exponent {@link plainDecimal} expands (a bigger one would make a huge text). */
const MAX_EXPONENT = 400;

/**
 * The plain decimal text of number-like text this language does not allow: `1.` → `1`,
 * `.5` → `0.5`, `1.5e3` → `1500`, `-2E-2` → `-0.02`. Undefined when there is no single reading
 * (`1.2.3`) or the exponent is beyond ±400.
 */
export function plainDecimal(raw: string): string | undefined {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw.replace(/^-[ \t\n\r+]+/, "-"));
  if (!match) return undefined;
  const [, sign, whole = "", fraction = "", exponentText] = match;
  const digits = whole + fraction;
  if (digits === "") return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  let point = whole.length + exponent;
  let padded = digits;
  if (point > padded.length) padded += "0".repeat(point - padded.length);
  if (point <= 0) {
    padded = "0".repeat(1 - point) + padded;
    point = 1;
  }
  const text = `${sign}${padded.slice(0, point)}${point < padded.length ? `.${padded.slice(point)}` : ""}`;
  return normalizeNumber(text);
}
