/**
 * The token vocabulary and the lexer. Nothing else lives here.
 *
 * The lexer knows eight patterns (few patterns keep Chevrotain's lexer fast). Words and numbers
 * are lexed broadly and classified afterwards in one pass ({@link classifyTokens}): a word becomes
 * a keyword, a field name or an invalid word; a number a number or a malformed one. That pass also
 * decides, from the tokens around it, whether an `AND`, `OR` or `NOT` is a field name, so the
 * grammar needs no predicates and Chevrotain can choose every alternative from one token.
 * @module
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";

/** Spaces, tabs, line breaks and `+` separate tokens (a literal `+` outside strings is a separator). */
export const Separator = createToken({ name: "Separator", pattern: /[ \t\n\r+]+/, group: Lexer.SKIPPED });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "')'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
/** `'…'` with `''` for a quote; the closing quote may be missing (reported by the parser). */
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /'(?:[^']|'')*'?/, label: "a string" });
/** Operators of other languages (`=`, `!=`, `<>`, `>=`…), lexed so they can be reported well. */
export const ForeignOperator = createToken({ name: "ForeignOperator", pattern: /[=!<>]+/, label: "an operator" });

/** Letters beyond ASCII that may stand in a word (letter blocks; symbols, spaces and full-width punctuation excluded). */
const WIDE = "\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u1FFF\\u2C00-\\u2DFF\\u3040-\\uD7FF\\uF900-\\uFDFF\\uFE70-\\uFEFE\\uFF66-\\uFFEF";

/** Any word as lexed; {@link classifyTokens} turns it into a keyword, a `Name` or a `ForeignWord`. */
export const Word = createToken({ name: "Word", pattern: new RegExp(`[A-Za-z_${WIDE}][A-Za-z0-9_.${WIDE}]*`) });
/** Any number as lexed; {@link classifyTokens} turns it into a `NumberLiteral` or a `MalformedNumber`. */
export const NumberLike = createToken({
  name: "NumberLike",
  pattern: /-?(?:\d+(?:\.\d*)?|\.\d+)(?:\.\d*)*(?:[eE][+-]?\d+)?|-[ \t\n\r+]+(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
});

/**
 * Category of every token that can stand where a field name (or an unquoted word) does: plain
 * names, words that are not valid names, and every keyword but AND, OR and NOT (which
 * {@link classifyTokens} retypes to `Name` where they are field names).
 */
export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "a field name" });
/** A valid field name: ASCII letters, digits and `_`, dotted (`cluster.name`). */
export const FieldName = createToken({ name: "FieldName", pattern: Lexer.NA, categories: [Name], label: "a field name" });
/**
 * A word that is no valid field name (`имя`, `näme`, `cluster.`): reported where it stands, and
 * offered quotes where a value belongs.
 */
export const ForeignWord = createToken({ name: "ForeignWord", pattern: Lexer.NA, categories: [Name], label: "a field name" });
/** `[-]digits[.digits]`. */
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: Lexer.NA, label: "a number" });
/** Number-like text the language does not allow (`1.`, `.5`, `1e5`, `1.2.3`, `- 5`), reported with a fix where there is one. */
export const MalformedNumber = createToken({ name: "MalformedNumber", pattern: Lexer.NA, label: "a number" });

/** Category of the comparison operators `EQ NE GT GE LT LE CP`. */
export const CompareOp = createToken({ name: "CompareOp", pattern: Lexer.NA, label: "an operator" });
/** Category of the logical operators `AND OR`. */
export const LogicalOp = createToken({ name: "LogicalOp", pattern: Lexer.NA, label: "'AND' or 'OR'" });
/** Category of the sort directions `asc desc`. */
export const Direction = createToken({ name: "Direction", pattern: Lexer.NA, label: "'asc' or 'desc'" });

function keyword(word: string, categories: TokenType[]): TokenType {
  return createToken({ name: word.toUpperCase(), pattern: Lexer.NA, categories, label: `'${word}'` });
}

export const And = keyword("AND", [LogicalOp]);
export const Or = keyword("OR", [LogicalOp]);
export const Not = keyword("NOT", []);
export const Is = keyword("IS", [Name]);
export const Null = keyword("null", [Name]);
export const True = keyword("true", [Name]);
export const False = keyword("false", [Name]);
export const Eq = keyword("EQ", [Name, CompareOp]);
export const Ne = keyword("NE", [Name, CompareOp]);
export const Gt = keyword("GT", [Name, CompareOp]);
export const Ge = keyword("GE", [Name, CompareOp]);
export const Lt = keyword("LT", [Name, CompareOp]);
export const Le = keyword("LE", [Name, CompareOp]);
export const Cp = keyword("CP", [Name, CompareOp]);
export const Asc = keyword("asc", [Name, Direction]);
export const Desc = keyword("desc", [Name, Direction]);

/** The patterns the lexer tries, most frequent first. */
const lexedTokens: TokenType[] = [Separator, Word, LParen, RParen, StringLiteral, NumberLike, Comma, ForeignOperator];

/** Every token type the parser knows (after classification; `Word` and `NumberLike` never reach it). */
export const allTokens: TokenType[] = [
  LParen,
  RParen,
  Comma,
  StringLiteral,
  ForeignOperator,
  Name,
  FieldName,
  ForeignWord,
  NumberLiteral,
  MalformedNumber,
  CompareOp,
  LogicalOp,
  Direction,
  And,
  Or,
  Not,
  Is,
  Null,
  True,
  False,
  Eq,
  Ne,
  Gt,
  Ge,
  Lt,
  Le,
  Cp,
  Asc,
  Desc,
];

/**
 * A word of up to five ASCII letters as a number, ignoring case (base 27, one digit per letter),
 * or -1 for any other word: keywords are found by one integer lookup, with no string hashed or
 * lower-cased.
 */
function letterKey(word: string): number {
  const length = word.length;
  if (length > 5) return -1;
  let key = 0;
  for (let i = 0; i < length; i++) {
    // setting bit 5 lower-cases an ASCII letter and maps no other character onto one
    const c = word.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) return -1;
    key = key * 27 + (c - 96);
  }
  return key;
}

const keywordsByKey = new Map<number, TokenType>();
for (const type of [And, Or, Not, Is, Null, True, False, Eq, Ne, Gt, Ge, Lt, Le, Cp, Asc, Desc]) keywordsByKey.set(letterKey(type.name), type);

/** The keyword token type of a word, or undefined for a plain name. Case is ignored. */
export function keywordOf(image: string): TokenType | undefined {
  const key = letterKey(image);
  return key < 0 ? undefined : keywordsByKey.get(key);
}

/** Whether `image` is a valid dotted field name of ASCII letters, digits and `_`. */
export function isFieldName(image: string): boolean {
  let segmentStart = true;
  for (let i = 0; i < image.length; i++) {
    const c = image.charCodeAt(i);
    if (c === 46 /* . */) {
      if (segmentStart) return false;
      segmentStart = true;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) segmentStart = false;
    else if (c >= 48 && c <= 57) {
      if (segmentStart) return false;
    } else return false;
  }
  return !segmentStart;
}

/** Whether `image` is `[-]digits[.digits]`. */
function isPlainNumber(image: string): boolean {
  let i = image.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < image.length; i++) {
    const c = image.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot && digits > 0) {
      dot = true;
      digits = 0;
    } else return false;
  }
  return digits > 0;
}

function setType(token: IToken, type: TokenType): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx!;
}

const WORD_IDX = Word.tokenTypeIdx!;
const NUMBER_LIKE_IDX = NumberLike.tokenTypeIdx!;
const IS_IDX = Is.tokenTypeIdx!;
const NOT_IDX = Not.tokenTypeIdx!;
const NULL_IDX = Null.tokenTypeIdx!;

function isCompareOp(token: IToken | undefined): boolean {
  return token !== undefined && CompareOp.categoryMatchesMap![token.tokenTypeIdx] === true;
}

/**
 * Whether the word at `i` starts a condition as a field name: it is followed by a comparison
 * operator that is not itself followed by another operator or IS, or by `IS null` / `IS NOT null`
 * (LANGUAGE.md section 2). Words after `i` must be classified already.
 */
function fieldAhead(tokens: readonly IToken[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined) return false;
  if (isCompareOp(next)) {
    const after = tokens[i + 2];
    return !isCompareOp(after) && after?.tokenTypeIdx !== IS_IDX;
  }
  if (next.tokenTypeIdx !== IS_IDX) return false;
  const after = tokens[i + 2]?.tokenTypeIdx;
  return after === NULL_IDX || (after === NOT_IDX && tokens[i + 3]?.tokenTypeIdx === NULL_IDX);
}

/**
 * Classifies lexed words and numbers in place. In a WHERE value (`where: true`), an AND, OR or NOT
 * that starts a condition as a field name becomes a `FieldName`; elsewhere they are always names.
 * Runs from the end so each word sees the classified tokens after it.
 */
export function classifyTokens(tokens: IToken[], where: boolean): void {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    const idx = token.tokenTypeIdx;
    if (idx === NUMBER_LIKE_IDX) {
      setType(token, isPlainNumber(token.image) ? NumberLiteral : MalformedNumber);
    } else if (idx === WORD_IDX) {
      const image = token.image;
      const kw = keywordOf(image);
      if (kw === undefined) setType(token, isFieldName(image) ? FieldName : ForeignWord);
      else if ((kw === And || kw === Or || kw === Not) && (!where || fieldAhead(tokens, i))) setType(token, FieldName);
      else setType(token, kw);
    }
  }
}

/**
 * A lexer of the token patterns. `validate` runs Chevrotain's checks of the patterns (they only
 * find mistakes in this file, never in input, and cost most of the lexer's construction), so the
 * lexer of the process skips them; a test builds one with them on.
 */
export function createLexer(validate = false): Lexer {
  return new Lexer(lexedTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: true,
    skipValidations: !validate,
  });
}

let lexer: Lexer | undefined;

/** The one lexer of the process, built on first use. */
export function getLexer(): Lexer {
  lexer ??= createLexer();
  return lexer;
}
