/**
 * The lexer the parse functions use: the eight token patterns of tokens.ts matched character by
 * character, with the tokens and errors Chevrotain's lexer gives for them.
 *
 * Chevrotain's lexer (`createLexer` in tokens.ts) is the reference: it is built from the same
 * token definitions, and a property test (test/syntax/scanner.test.ts) checks that both give the
 * same tokens and errors on any string. This hand-written scanner exists for speed alone: a
 * bulk run spent a fifth of its time in the general lexer (regular expressions tried per token,
 * per-call set-up), which this does in a single switch per token.
 *
 * The patterns' first characters do not overlap, so the first character picks the one pattern
 * that can match there, as Chevrotain's first-character optimisation does:
 * - separators `[ \t\n\r+]+` (skipped), `(`, `)`, `,`;
 * - a string `'(?:[^']|'')*'?`;
 * - a foreign operator `[=!<>]+`;
 * - a word: a word letter, then word letters, digits, `_` and `.` ({@link isWordStart});
 * - a number: see {@link numberEnd}.
 *
 * At a character no pattern matches, an error starts; it runs to the next character where some
 * pattern matches (or the end), as Chevrotain's lexer recovers.
 * @module
 */
import type { IToken, TokenType } from "chevrotain";
import { Comma, ForeignOperator, LParen, NumberLike, RParen, StringLiteral, WIDE_LETTER_RANGES, Word } from "./tokens.js";

/** Characters the lexer could not read: `length` UTF-16 units from `offset`. */
export interface LexError {
  readonly offset: number;
  readonly length: number;
}

/** The tokens of a text (separators dropped) and the stretches no pattern matched. */
export interface LexResult {
  readonly tokens: IToken[];
  readonly errors: LexError[];
}

/** Whether `c` is a letter beyond ASCII that may stand in a word (tokens.ts `WIDE_LETTER_RANGES`). */
function isWideLetter(c: number): boolean {
  for (let i = 0; i < WIDE_LETTER_RANGES.length; i += 2) {
    if (c < WIDE_LETTER_RANGES[i]!) return false;
    if (c <= WIDE_LETTER_RANGES[i + 1]!) return true;
  }
  return false;
}

/** `[A-Za-z_]` or a wide letter: a word's first character. */
function isWordStart(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return isWideLetter(c);
}

/** A word's later characters: its first characters, digits and `.`. */
function isWordPart(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46;
  return isWideLetter(c);
}

function isSeparator(c: number): boolean {
  return c === 32 || c === 43 || c === 9 || c === 10 || c === 13;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isOperatorCharacter(c: number): boolean {
  return c === 61 || c === 33 || c === 60 || c === 62;
}

/** The end of the digits from `i` (`i` when there are none). */
function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** After a mantissa ending at `i`: the end of an exponent `[eE][+-]?\d+` there, else `i`. */
function exponentEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 101 && c !== 69) return i;
  let j = i + 1;
  const sign = text.charCodeAt(j);
  if (sign === 43 || sign === 45) j++;
  const end = digitsEnd(text, j);
  return end > j ? end : i;
}

/** The end of `\d+(?:\.\d*)?|\.\d+` at `i`, or -1. */
function mantissaEnd(text: string, i: number): number {
  const end = digitsEnd(text, i);
  if (end > i) return text.charCodeAt(end) === 46 ? digitsEnd(text, end + 1) : end;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) return digitsEnd(text, i + 2);
  return -1;
}

/**
 * The end of a number-like token at `i`, or -1: the pattern
 * `-?(?:\d+(?:\.\d*)?|\.\d+)(?:\.\d*)*(?:[eE][+-]?\d+)?|-[ \t\n\r+]+(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`
 * (each part greedy; every part after the mantissa is optional, so the greedy match is the match).
 */
function numberEnd(text: string, i: number): number {
  const minus = text.charCodeAt(i) === 45;
  let end = mantissaEnd(text, minus ? i + 1 : i);
  if (end >= 0) {
    while (text.charCodeAt(end) === 46) end = digitsEnd(text, end + 1);
    return exponentEnd(text, end);
  }
  if (!minus) return -1;
  // `- 5`: a minus sign, separators, then a number without further dots
  let j = i + 1;
  while (isSeparator(text.charCodeAt(j))) j++;
  if (j === i + 1) return -1;
  end = mantissaEnd(text, j);
  return end < 0 ? -1 : exponentEnd(text, end);
}

/** The end of the string literal opening at `i` (the closing quote may be missing). */
function stringEnd(text: string, i: number): number {
  const length = text.length;
  let j = i + 1;
  while (j < length) {
    if (text.charCodeAt(j) !== 39) j++;
    else if (text.charCodeAt(j + 1) === 39) j += 2;
    else return j + 1;
  }
  return j;
}

/** Whether some pattern matches at `i` (where an error stretch ends). */
function tokenStartsAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isSeparator(c) || isWordStart(c) || c === 40 || c === 41 || c === 39 || c === 44 || isOperatorCharacter(c) || numberEnd(text, i) >= 0;
}

function token(text: string, start: number, end: number, type: TokenType): IToken {
  return { image: text.substring(start, end), startOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/** Splits `text` into tokens (words and numbers still unclassified: see `classifyTokens`). */
export function scan(text: string): LexResult {
  const tokens: IToken[] = [];
  const errors: LexError[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isSeparator(c)) {
      i++;
      while (isSeparator(text.charCodeAt(i))) i++;
      continue;
    }
    let end = -1;
    let type: TokenType | undefined;
    if (isWordStart(c)) {
      end = i + 1;
      while (isWordPart(text.charCodeAt(end))) end++;
      type = Word;
    } else if (c === 40) {
      end = i + 1;
      type = LParen;
    } else if (c === 41) {
      end = i + 1;
      type = RParen;
    } else if (c === 39) {
      end = stringEnd(text, i);
      type = StringLiteral;
    } else if (c === 44) {
      end = i + 1;
      type = Comma;
    } else if (isOperatorCharacter(c)) {
      end = i + 1;
      while (isOperatorCharacter(text.charCodeAt(end))) end++;
      type = ForeignOperator;
    } else {
      end = numberEnd(text, i);
      type = NumberLike;
    }
    if (end >= 0) {
      tokens.push(token(text, i, end, type));
      i = end;
      continue;
    }
    const start = i;
    i++;
    while (i < length && !tokenStartsAt(text, i)) i++;
    errors.push({ offset: start, length: i - start });
  }
  return { tokens, errors };
}
