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
