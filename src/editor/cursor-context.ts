/**
 * Where the cursor stands in a filter, for completion: which layer and parameter, what the grammar
 * expects next, and which text a completion replaces.
 *
 * How the place is found (no parse of the whole text, no validator):
 * 1. The URL layer, as `parse` splits it (`findQuery`, `splitSegments`): the cursor is in a URL's
 *    address or fragment (nothing to complete), in a parameter name, or in a parameter value, which
 *    is percent-decoded with its map back to raw offsets.
 * 2. The decoded value is lexed **up to the cursor only** (the text after it may be anything) with
 *    the parser's own lexer and word classification. The word touching the cursor (a word or number
 *    being typed, or an unclosed string the cursor is in) is what a completion replaces: from its
 *    start to the end of the word after the cursor.
 * 3. The tokens before that word run through a small automaton of the grammar (the productions of
 *    parser.ts, LANGUAGE.md sections 2 and 3), which keeps the bracket depth and the field and
 *    operator of the condition being written, and recovers from a token that does not fit the way
 *    the parser does (a missing value, a stray `)`, a condition without AND before it). Its final
 *    state is the context.
 * @module
 */
import { tokenMatcher, type IToken } from "chevrotain";
import type { CompareOperator } from "../syntax/ast.js";
import {
  classifyTokens,
  Comma,
  CompareOp,
  Direction,
  ForeignOperator,
  getLexer,
  Is,
  LogicalOp,
  LParen,
  MalformedNumber,
  Name,
  Not,
  Null,
  NumberLike,
  NumberLiteral,
  RParen,
  StringLiteral,
  Word,
} from "../syntax/tokens.js";
import { TreeBuilder } from "../syntax/tree-builder.js";
import { decodeComponent, decodedIndex, findQuery, PLAIN_SPELLING, plainText, rawOffset, spellingOf, splitSegments, type DecodedText, type Spelling } from "../syntax/url.js";
import { FILTER_PARAMETERS, type FilterParameter } from "./language-docs.js";
import type { TextRange } from "./types.js";

/** What the grammar expects at the cursor. */
export type Expectation =
  /** Nothing can be proposed: a URL's address or fragment, a number being typed, inside an escape. */
  | { readonly kind: "none" }
  /** A parameter name of the query string; `used` are the ones other parameters already are. */
  | { readonly kind: "parameter"; readonly used: readonly FilterParameter[] }
  /** A condition starts: a field, NOT or `(`. `firstWord`: the first word of a bare expression (may become `where=`). */
  | { readonly kind: "condition"; readonly firstWord: boolean }
  /** An operator after `field`. */
  | { readonly kind: "operator"; readonly field: string }
  /** A value after `field operator` (`operator` undefined for an unknown one); `inString`: the cursor is in the quotes. */
  | { readonly kind: "value"; readonly field: string; readonly operator: CompareOperator | undefined; readonly inString: boolean }
  /** `null` after `IS` (`afterNot`: after `IS NOT`). */
  | { readonly kind: "null"; readonly field: string; readonly afterNot: boolean }
  /** A condition is complete: AND, OR, a `)` closing one of `depth` open brackets. */
  | { readonly kind: "joiner"; readonly depth: number }
  /** A sort key's field. */
  | { readonly kind: "sort-field" }
  /** After a sort key's field: a direction or the next key. */
  | { readonly kind: "direction" }
  /** After a complete sort key: the next key. */
  | { readonly kind: "sort-next" }
  /** After a limit's offset: `,` and the count. */
  | { readonly kind: "limit-comma" }
  /** After a complete limit. */
  | { readonly kind: "limit-end" };

/** The cursor's place: what is expected, what is replaced, how insertions are spelled. */
export interface CursorContext {
  readonly expect: Expectation;
  /** Raw range a completion replaces: the word being typed, or empty at the cursor. */
  readonly range: TextRange;
  /** How the parameter spells spaces, quotes and `%` (plain for a bare expression). */
  readonly spelling: Spelling;
  /** Whether the text is in URL form (parameters joined with `&`). */
  readonly url: boolean;
  /** Words inserted here need a space before them (the range follows `)` or a closing quote directly). */
  readonly spaceBefore: boolean;
}

function nothing(offset: number, url: boolean): CursorContext {
  return { expect: { kind: "none" }, range: { start: offset, end: offset }, spelling: PLAIN_SPELLING, url, spaceBefore: false };
}

/** The known parameter a (decoded) name is, ignoring case, as `parse` matches them. */
function knownParameter(name: string): FilterParameter | undefined {
  const lower = name.toLowerCase();
  return (FILTER_PARAMETERS as readonly string[]).includes(lower) ? (lower as FilterParameter) : undefined;
}

/** The context at raw `offset` of `text` (clamped into the text). Never throws. */
export function findCursorContext(text: string, offset: number): CursorContext {
  const at = Number.isFinite(offset) ? Math.max(0, Math.min(text.length, Math.floor(offset))) : 0;
  const bounds = findQuery(text);
  if (bounds === null) return inValue("where", plainText(text), PLAIN_SPELLING, at, false);
  if (at < bounds.start || at > bounds.end) return nothing(at, true);
  const segments = splitSegments(text, bounds);
  const here = segments.find((s) => s.start <= at && at <= s.end);
  const usedBy = (except: unknown) =>
    segments.flatMap((s) => {
      const known = s === except ? undefined : knownParameter(s.name);
      return known === undefined ? [] : [known];
    });
  if (here === undefined) {
    // between `&&`, after a trailing `&` or right after `?`: a new parameter starts
    return { expect: { kind: "parameter", used: usedBy(undefined) }, range: { start: at, end: at }, spelling: PLAIN_SPELLING, url: true, spaceBefore: false };
  }
  if (at <= here.nameEnd) {
    // in the name: the item replaces it with its `=` (a name is inserted as `where=`)
    const end = here.hasValue ? here.nameEnd + 1 : here.nameEnd;
    return { expect: { kind: "parameter", used: usedBy(here) }, range: { start: here.start, end }, spelling: PLAIN_SPELLING, url: true, spaceBefore: false };
  }
  const parameter = knownParameter(here.name);
  if (parameter === undefined) return nothing(at, true);
  const decoded = decodeComponent(here.rawValue, here.valueStart, []);
  return inValue(parameter, decoded, spellingOf(here.rawValue), at, true);
}

/** Characters that continue a word (the lexer's `Word` and `NumberLike` bodies): ASCII letters, digits, `_`, `.`, letters beyond ASCII. */
const WORD_CHAR = /[A-Za-z0-9_.\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2DFF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFE\uFF66-\uFFEF]/;
/** Text the lexer skips between tokens. */
const SEPARATORS = /^[ \t\n\r+]*$/;
/** A complete string literal: opening quote, `''` escapes, closing quote. */
const CLOSED_STRING = /^'(?:[^']|'')*'$/;
/** A string literal from its opening quote, closed or not (the lexer's pattern). */
const STRING_AT = /'(?:[^']|'')*'?/y;

function inValue(parameter: FilterParameter, decoded: DecodedText, spelling: Spelling, offset: number, url: boolean): CursorContext {
  const index = decodedIndex(decoded, offset);
  if (index < 0) return nothing(offset, url);
  const value = decoded.text;
  const tokens = getLexer().tokenize(value.slice(0, index)).tokens;
  // the word touching the cursor is being typed: it is replaced, and not part of the context
  let wordStart = index;
  let inString = false;
  const last = tokens[tokens.length - 1];
  if (last !== undefined && last.startOffset + last.image.length === index) {
    if (last.tokenType === Word || last.tokenType === NumberLike) {
      wordStart = last.startOffset;
      tokens.pop();
    } else if (last.tokenType === StringLiteral && !CLOSED_STRING.test(last.image)) {
      wordStart = last.startOffset;
      inString = true;
      tokens.pop();
    }
  }
  if (!inString && value[index] === "'") {
    if (last !== undefined && tokens[tokens.length - 1] === last && last.tokenType === StringLiteral && last.startOffset + last.image.length === index) {
      // `'O'│'Brien'`: the quote after the cursor makes the two a doubled quote, one string
      wordStart = last.startOffset;
      tokens.pop();
      inString = true;
    } else if (wordStart === index) inString = true; // right before a string: it is the word at the cursor
  }
  // between the last token and the word only separators may stand; anything else is text the
  // lexer cannot read (a lone `-` of a number being typed, a `"`): nothing fits after it
  const previous = tokens[tokens.length - 1];
  const previousEnd = previous === undefined ? 0 : previous.startOffset + previous.image.length;
  if (!SEPARATORS.test(value.slice(previousEnd, wordStart))) return nothing(offset, url);
  let wordEnd = index;
  if (inString) {
    STRING_AT.lastIndex = wordStart;
    // value[wordStart] is the string's opening quote: the pattern always matches
    wordEnd = wordStart + STRING_AT.exec(value)![0].length;
  } else while (wordEnd < value.length && WORD_CHAR.test(value[wordEnd]!)) wordEnd++;
  classifyTokens(tokens, parameter === "where");
  const range = { start: rawOffset(decoded, wordStart), end: rawOffset(decoded, wordEnd) };
  const before = value[wordStart - 1];
  const context = (expect: Expectation): CursorContext => ({ expect, range, spelling, url, spaceBefore: !inString && (before === ")" || before === "'") });
  // a number is being typed (or stands at the cursor): there is nothing to propose for it
  const numberHere = !inString && /^[-.0-9]/.test(value.slice(wordStart, wordEnd));
  if (parameter === "orderby") return inString ? nothing(offset, url) : context(orderByExpectation(tokens));
  if (parameter === "limit") {
    const expect = limitExpectation(tokens);
    return inString || expect === undefined ? nothing(offset, url) : context(expect);
  }
  const expect = whereExpectation(tokens, !url && tokens.length === 0);
  if (inString ? expect.kind !== "value" : numberHere && expect.kind === "value") return nothing(offset, url);
  return context(expect.kind === "value" ? { ...expect, inString } : expect);
}

// ---------------------------------------------------------------------------------------------
// The WHERE automaton

/** What the WHERE grammar expects next (the states of the automaton). */
type WhereState = "condition" | "operator" | "value" | "is" | "is-not" | "joiner";

let operatorReader: TreeBuilder | undefined;

/** The operator a foreign spelling means (`=` is EQ, `LIKE` is CP), as the parser reads it. */
function foreignMeaning(token: IToken): CompareOperator | undefined {
  operatorReader ??= new TreeBuilder();
  return operatorReader.foreignOperator(token);
}

function isValueToken(token: IToken): boolean {
  return tokenMatcher(token, StringLiteral) || tokenMatcher(token, NumberLiteral) || tokenMatcher(token, MalformedNumber) || tokenMatcher(token, Name);
}

/**
 * Runs the WHERE grammar over `tokens` (classified, all before the cursor):
 *
 *   condition: "(" → condition (depth + 1) | NOT → condition | field → operator
 *   operator:  EQ…CP (or `=`, `LIKE`) → value | IS → is
 *   value:     string | number | word → joiner
 *   is:        NOT → is-not | null → joiner          is-not: null → joiner
 *   joiner:    AND | OR → condition | ")" → joiner (depth − 1)
 *
 * A token that does not fit is read as the parser's recovery reads it: AND/OR start a new
 * condition, `)` closes a bracket, `(`/NOT/a word start a condition, anything else is skipped.
 */
function whereExpectation(tokens: readonly IToken[], firstWord: boolean): Expectation {
  let state = "condition" as WhereState;
  let depth = 0;
  let field = "";
  let operator: CompareOperator | undefined;
  const close = () => {
    if (depth > 0) depth--;
    state = "joiner";
  };
  const step = (token: IToken): void => {
    switch (state) {
      case "condition":
        if (tokenMatcher(token, LParen)) depth++;
        else if (tokenMatcher(token, Not) || tokenMatcher(token, LogicalOp)) return; // NOT, or a missing condition
        else if (tokenMatcher(token, Name)) {
          field = token.image;
          state = "operator";
        } else if (tokenMatcher(token, RParen)) close();
        return;
      case "operator":
        if (tokenMatcher(token, CompareOp)) {
          operator = token.tokenType.name as CompareOperator;
          state = "value";
        } else if (tokenMatcher(token, Is)) state = "is";
        else if (tokenMatcher(token, ForeignOperator) || tokenMatcher(token, Name)) {
          operator = foreignMeaning(token);
          state = "value";
        } else break;
        return;
      case "value":
        if (isValueToken(token)) {
          state = "joiner";
          return;
        }
        break;
      case "is":
        if (tokenMatcher(token, Not)) state = "is-not";
        else if (tokenMatcher(token, Null) || isValueToken(token)) state = "joiner";
        else break;
        return;
      case "is-not":
        if (tokenMatcher(token, Null) || isValueToken(token)) {
          state = "joiner";
          return;
        }
        break;
      case "joiner":
        if (tokenMatcher(token, LogicalOp)) state = "condition";
        else if (tokenMatcher(token, RParen)) close();
        else break;
        return;
    }
    // the token does not fit `state`: recover as the parser does (the "condition" state takes
    // every token it is given back, so the recursion ends there)
    if (tokenMatcher(token, LogicalOp)) state = "condition";
    else if (tokenMatcher(token, RParen)) close();
    else if (tokenMatcher(token, LParen) || tokenMatcher(token, Not) || tokenMatcher(token, Name)) {
      state = "condition";
      step(token);
    }
  };
  for (const token of tokens) step(token);
  switch (state) {
    case "condition":
      return { kind: "condition", firstWord };
    case "operator":
      return { kind: "operator", field };
    case "value":
      return { kind: "value", field, operator, inString: false };
    case "is":
    case "is-not":
      return { kind: "null", field, afterNot: state === "is-not" };
    case "joiner":
      return { kind: "joiner", depth };
  }
}

// ---------------------------------------------------------------------------------------------
// ORDERBY and LIMIT

/**
 *   sort-field: field → direction | "," → sort-field
 *   direction:  asc | desc → sort-next | "," → sort-field
 *   sort-next:  "," → sort-field
 * Other tokens are skipped (the parser reports them).
 */
function orderByExpectation(tokens: readonly IToken[]): Expectation {
  let state: "sort-field" | "direction" | "sort-next" = "sort-field";
  for (const token of tokens) {
    if (tokenMatcher(token, Comma)) state = "sort-field";
    else if (state === "sort-field" && tokenMatcher(token, Name)) state = "direction";
    else if (state === "direction" && tokenMatcher(token, Direction)) state = "sort-next";
  }
  return { kind: state };
}

/**
 *   offset: number → limit-comma;  limit-comma: "," → count;  count: number → limit-end
 * Undefined where a number is expected (nothing to propose).
 */
function limitExpectation(tokens: readonly IToken[]): Expectation | undefined {
  let state: "offset" | "limit-comma" | "count" | "limit-end" = "offset";
  for (const token of tokens) {
    if (state === "offset" && tokenMatcher(token, NumberLiteral)) state = "limit-comma";
    else if (state === "limit-comma" && tokenMatcher(token, Comma)) state = "count";
    else if (state === "count" && tokenMatcher(token, NumberLiteral)) state = "limit-end";
  }
  return state === "offset" || state === "count" ? undefined : { kind: state };
}
