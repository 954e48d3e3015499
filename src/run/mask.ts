/**
 * CP masks: `%` is any run of characters, everything else literal; ASCII letters match either
 * case unless the match is case-sensitive; `_` is literal unless `underscoreWildcard` makes it
 * one character (one code point). Matching places each piece at its leftmost place, so the cost
 * is at most the text's length times the mask's, never a backtracking blow-up.
 * @module
 */

/** How a CP mask matches (the defaults are LANGUAGE.md section 5's). */
export interface MaskOptions {
  /** Match letter case exactly (default false: ASCII letters A–Z match a–z; other letters always exactly). */
  readonly caseSensitive?: boolean;
  /** Read `_` as any one character, as SQL's LIKE does (default false: `_` is literal). */
  readonly underscoreWildcard?: boolean;
}

/** A compiled mask. */
export type MaskMatcher = (text: string) => boolean;

const UNDERSCORE = 95;

/** ASCII-only lower case (`É` stays `É`). @internal */
export function foldAscii(text: string): string {
  // toLowerCase is exact on pure ASCII and much faster than a replace
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * The fold a mask needs. toLowerCase folds more than ASCII, but against a mask of ASCII alone with
 * no `i` or `k` that cannot change a match: other letters stay outside ASCII (only U+0130 İ and
 * U+212A KELVIN SIGN lower-case to ASCII letters, `i` and `k`), and ASCII runs fold exactly.
 */
function cheapestFold(mask: string): (text: string) => string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(mask) && !/[ik]/.test(mask) ? lowerCase : foldAscii;
}

const lowerCase = (text: string) => text.toLowerCase();

/** Compiles a mask once into a matcher. */
export function compileMask(mask: string, options: MaskOptions = {}): MaskMatcher {
  const caseSensitive = options.caseSensitive === true;
  const folded = caseSensitive ? mask : foldAscii(mask);
  const fold = caseSensitive || !/[A-Za-z]/.test(folded) ? undefined : cheapestFold(folded);
  const pieces = folded.split("%");
  const wildcards = options.underscoreWildcard === true && folded.includes("_");
  if (!wildcards) return literalPieces(pieces, fold);
  return wildcardPieces(pieces, fold);
}

/** Pieces with no wildcard inside: native startsWith / indexOf / endsWith. */
function literalPieces(pieces: readonly string[], fold: ((s: string) => string) | undefined): MaskMatcher {
  if (pieces.length === 1) {
    const whole = pieces[0]!;
    return fold ? (text) => text.length === whole.length && fold(text) === whole : (text) => text === whole;
  }
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((p) => p !== "");
  const minimum = first.length + last.length + middle.reduce((n, p) => n + p.length, 0);
  if (middle.length === 0 && first === "" && last === "") return () => true;
  if (middle.length === 1 && first === "" && last === "") {
    const needle = middle[0]!;
    return fold ? (text) => text.length >= minimum && fold(text).includes(needle) : (text) => text.includes(needle);
  }
  return (raw) => {
    if (raw.length < minimum) return false;
    const text = fold ? fold(raw) : raw;
    if (!text.startsWith(first) || !text.endsWith(last)) return false;
    let at = first.length;
    const end = text.length - last.length;
    for (const piece of middle) {
      const found = text.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}

/** Pieces where `_` is one code point: each piece tried at its leftmost place, unit by unit. */
function wildcardPieces(pieces: readonly string[], fold: ((s: string) => string) | undefined): MaskMatcher {
  const last = pieces.length - 1;
  return (raw) => {
    const text = fold ? fold(raw) : raw;
    if (last === 0) return matchAt(pieces[0]!, text, 0) === text.length;
    let at = matchAt(pieces[0]!, text, 0);
    if (at < 0) return false;
    for (let p = 1; p < last; p++) {
      const piece = pieces[p]!;
      let found = -1;
      for (let start = at; start <= text.length && found < 0; start = nextCodePoint(text, start)) found = matchAt(piece, text, start);
      if (found < 0) return false;
      at = found;
    }
    // the last piece must end the text: try every start from the right place on
    const piece = pieces[last]!;
    for (let start = at; start <= text.length; start = nextCodePoint(text, start)) if (matchAt(piece, text, start) === text.length) return true;
    return false;
  };
}

/** The offset after the code point at `at` (pieces start on code point boundaries, as SQL's do). */
function nextCodePoint(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  return unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? at + 2 : at + 1;
}

/** Where `piece` ends when matched at `start` (`_` takes one code point), or -1. */
function matchAt(piece: string, text: string, start: number): number {
  let t = start;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (t >= text.length) return -1;
    if (c === UNDERSCORE) {
      t = nextCodePoint(text, t);
    } else if (text.charCodeAt(t) === c) t++;
    else return -1;
  }
  return t;
}
