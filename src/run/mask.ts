/**
 * CP masks: `%` is any run of characters, everything else literal; ASCII letters match either
 * case unless the match is case-sensitive; `_` is literal unless `underscoreWildcard` makes it
 * one character (one code point). Matching places each piece at its leftmost place, so the cost
 * is at most the text's length times the mask's, never a backtracking blow-up. Literal pieces are
 * compared unit by unit with ASCII letters folded, so matching allocates nothing (no lower-cased
 * copy of the text).
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
 * How a text is folded before it is matched: not at all (case-sensitive, or a mask without
 * letters), or ASCII letters only. Masks with `_` wildcards fold a copy of the text, with
 * toLowerCase where that is exact (see `foldFor`) or foldAscii; literal pieces fold unit by unit
 * as they compare (`foldedAt`). A number, not a function, so that matching calls no closure.
 * (`const enum`s, here and below, so the bundler writes the numbers into the code.)
 */
const enum Fold {
  None,
  LowerCase,
  Ascii,
}

/**
 * The fold a (folded) mask needs. toLowerCase folds more than ASCII, but against a mask of ASCII
 * alone with no `i` or `k` that cannot change a match: other letters stay outside ASCII (only
 * U+0130 İ and U+212A KELVIN SIGN lower-case to ASCII letters, `i` and `k`), and ASCII runs fold
 * exactly.
 */
function foldFor(mask: string, caseSensitive: boolean): Fold {
  if (caseSensitive || !/[A-Za-z]/.test(mask)) return Fold.None;
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(mask) && !/[ik]/.test(mask) ? Fold.LowerCase : Fold.Ascii;
}

/** The text folded for a mask that folds (its fold is not `Fold.None`). */
function folded(text: string, fold: Fold): string {
  return fold === Fold.LowerCase ? text.toLowerCase() : foldAscii(text);
}

/**
 * The shapes of a mask, each matched its own way by `matches`: Any `%`; Whole `web`; Prefix
 * `web%`; Suffix `%web`; Contains `%web%`; Pieces `a%b%c` (leftmost placement, native indexOf);
 * Wildcards: `_` as one code point (underscoreWildcard), matched unit by unit.
 */
const enum Shape {
  Any,
  Whole,
  Prefix,
  Suffix,
  Contains,
  Pieces,
  Wildcards,
}

/**
 * A compiled mask, as data: its shape, its pieces (folded as texts will be) and the fold. The
 * predicate compiler keeps it in its value tests and calls {@link matches}, which V8 can inline,
 * where a matcher closure per mask would be a call through a function value on every record.
 * @internal
 */
export interface Mask {
  /** A `Shape`. */
  readonly shape: number;
  /** A `Fold`. */
  readonly fold: number;
  /** The text before the first `%` (the whole mask for Whole, the needle for Contains). */
  readonly first: string;
  /** The text after the last `%`. */
  readonly last: string;
  /** The non-empty pieces between (Pieces); every piece, empty ones too (Wildcards). */
  readonly pieces: readonly string[];
  /** The shortest text that can match (the length of every piece), before folding. */
  readonly minimum: number;
  /** For one piece of ASCII matched with letters folded: the case-insensitive RegExp (see `patternOf`). */
  readonly pattern: RegExp | null;
}

/** Compiles a mask once into a matcher. */
export function compileMask(mask: string, options: MaskOptions = {}): MaskMatcher {
  const compiled = maskOf(mask, options);
  return (text) => matches(compiled, text);
}

/** A mask as data (see {@link Mask}). @internal */
export function maskOf(mask: string, options: MaskOptions = {}): Mask {
  const caseSensitive = options.caseSensitive === true;
  // the mask folded as texts will be: its pieces are compared with folded text
  const target = caseSensitive ? mask : foldAscii(mask);
  const fold = foldFor(target, caseSensitive);
  const pieces = target.split("%");
  const make = (shape: number, first: string, last: string, list: readonly string[], minimum: number): Mask => ({
    shape,
    fold,
    first,
    last,
    pieces: list,
    minimum,
    pattern: fold === Fold.None ? null : patternOf(shape, first + last),
  });
  if (options.underscoreWildcard === true && target.includes("_")) return make(Shape.Wildcards, "", "", pieces, 0);
  if (pieces.length === 1) return make(Shape.Whole, target, "", [], target.length);
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((p) => p !== "");
  const minimum = first.length + last.length + middle.reduce((n, p) => n + p.length, 0);
  if (middle.length === 0 && first === "" && last === "") return make(Shape.Any, "", "", [], 0);
  if (middle.length === 0 && last === "") return make(Shape.Prefix, first, "", [], minimum);
  if (middle.length === 0 && first === "") return make(Shape.Suffix, "", last, [], minimum);
  if (middle.length === 1 && first === "" && last === "") return make(Shape.Contains, middle[0]!, "", [], minimum);
  return make(Shape.Pieces, first, last, middle, minimum);
}

/**
 * The case-insensitive RegExp of a mask of one piece of ASCII (`web`, `web%`, `%web`, `%web%`),
 * or null. Without the `u` flag, `i` folds a character to its upper case only when both are ASCII
 * or both are not (ECMAScript's Canonicalize), so an ASCII pattern matches exactly the ASCII case
 * variants of its letters, as CP asks: `k` never matches U+212A KELVIN SIGN, `s` never U+017F ſ.
 * V8 runs it as native code: faster than lower-casing the text, and nothing is allocated.
 */
function patternOf(shape: number, piece: string): RegExp | null {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(piece)) return null;
  const escaped = piece.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  switch (shape) {
    case Shape.Whole:
      return new RegExp(`^${escaped}$`, "i");
    case Shape.Prefix:
      return new RegExp(`^${escaped}`, "i");
    case Shape.Suffix:
      return new RegExp(`${escaped}$`, "i");
    case Shape.Contains:
      return new RegExp(escaped, "i");
    default:
      return null;
  }
}

/**
 * Whether the text matches the mask. Small on purpose, so that V8 inlines it into the value tests:
 * the common masks are a RegExp (ASCII, letters folded) or a native string method (nothing to
 * fold); the others are matched by {@link matchesFolded}.
 * @internal
 */
export function matches(m: Mask, text: string): boolean {
  const shape = m.shape;
  if (shape === Shape.Any) return true;
  if (text.length < m.minimum) return false;
  if (m.pattern !== null) return m.pattern.test(text);
  if (m.fold !== Fold.None) return matchesFolded(m, text);
  switch (shape) {
    case Shape.Whole:
      return text === m.first;
    case Shape.Prefix:
      return text.startsWith(m.first);
    case Shape.Suffix:
      return text.endsWith(m.last);
    case Shape.Contains:
      return text.includes(m.first);
    case Shape.Pieces:
      return literalPieces(m, text, false);
    default:
      return wildcardPieces(m.pieces, text);
  }
}

/** The masks with letters to fold that are not one ASCII piece: non-ASCII text, several pieces, `_` wildcards. */
function matchesFolded(m: Mask, text: string): boolean {
  switch (m.shape) {
    case Shape.Whole:
      return text.length === m.minimum && foldedAt(text, m.first, 0);
    case Shape.Prefix:
      return foldedAt(text, m.first, 0);
    case Shape.Suffix:
      return foldedAt(text, m.last, text.length - m.last.length);
    case Shape.Contains:
      return foldedIndexOf(text, m.first, 0) >= 0;
    case Shape.Pieces:
      return literalPieces(m, text, true);
    default:
      return wildcardPieces(m.pieces, folded(text, m.fold));
  }
}

/** `first%…%last` with literal pieces: each piece at its leftmost place after the one before. */
function literalPieces(m: Mask, text: string, fold: boolean): boolean {
  const end = text.length - m.last.length;
  if (fold ? !foldedAt(text, m.first, 0) || !foldedAt(text, m.last, end) : !text.startsWith(m.first) || !text.endsWith(m.last)) return false;
  let at = m.first.length;
  for (let i = 0; i < m.pieces.length; i++) {
    const piece = m.pieces[i]!;
    const found = fold ? foldedIndexOf(text, piece, at) : text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * Whether `text` holds `piece` at `at`, with ASCII letters of the text folded (the piece is
 * folded already). Pieces are compared by UTF-16 unit, as the native string methods do; a text
 * whose other letters lower-case to ASCII (U+0130 İ, U+212A KELVIN SIGN) still matches only
 * itself, as LANGUAGE.md section 5 asks.
 */
function foldedAt(text: string, piece: string, at: number): boolean {
  // (the piece fits: callers check text.length against the mask's minimum first; a unit past
  // either end would read NaN, which equals no unit of the piece)
  for (let j = 0; j < piece.length; j++) {
    const c = text.charCodeAt(at + j);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== piece.charCodeAt(j)) return false;
  }
  return true;
}

/** The first place from `from` on where `text` holds `piece` (folded as in {@link foldedAt}), or -1. */
function foldedIndexOf(text: string, piece: string, from: number): number {
  for (let at = from, last = text.length - piece.length; at <= last; at++) if (foldedAt(text, piece, at)) return at;
  return -1;
}

/** Pieces where `_` is one code point: each piece tried at its leftmost place, unit by unit. */
function wildcardPieces(pieces: readonly string[], text: string): boolean {
  const last = pieces.length - 1;
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
