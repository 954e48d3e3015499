/**
 * The token vocabulary and the lexer. Nothing else lives here.
 *
 * The lexer knows only ten patterns (few token types keep Chevrotain's lexer fast); keywords are
 * words, re-typed after lexing by one map lookup ({@link retypeKeywords}). Every keyword also
 * belongs to the `Name` category, so a field may be named like a keyword.
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
/**
 * Number-like text this language does not allow (`1.`, `.5`, `1e5`, `1.2.3`, `- 5`), lexed whole so the
 * parser can report it once, with a fix to plain decimal where there is one.
 */
export const MalformedNumber = createToken({
  name: "MalformedNumber",
  pattern: /-?(?:\d+\.\d*|\.\d+|\d+)(?:\.\d*)*(?:[eE][+-]?\d+)?|-[ \t\n\r+]+(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/,
  label: "a number",
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /-?\d+(?:\.\d+)?/,
  label: "a number",
  longer_alt: MalformedNumber,
});
/** Operators of other languages (`=`, `!=`, `<>`, `>=`…), lexed so they can be reported well. */
export const ForeignOperator = createToken({ name: "ForeignOperator", pattern: /[=!<>]+/, label: "an operator" });

/**
 * A word with letters beyond ASCII (`имя`, `näme`): never a valid field name, lexed whole so the
 * parser can report it once (and offer quotes when it stands where a value belongs). The ranges
 * are letter blocks; symbols, spaces and punctuation (× ÷, U+3000, the BOM, full-width forms)
 * stay unexpected characters. It belongs to the `Name` category (set below: `Name` needs it as
 * its `longer_alt` first).
 */
export const ForeignWord = createToken({
  name: "ForeignWord",
  pattern: /[A-Za-z0-9_.]*[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2DFF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFE\uFF66-\uFFEF][A-Za-z0-9_.\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2DFF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFE\uFF66-\uFFEF]*/,
  label: "a field name",
});

/** Any word: a field name (dotted) or a keyword before {@link retypeKeywords} runs. */
export const Name = createToken({
  name: "Name",
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/,
  label: "a field name",
  longer_alt: ForeignWord,
});

/** Category of the comparison operators `EQ NE GT GE LT LE CP`. */
export const CompareOp = createToken({ name: "CompareOp", pattern: Lexer.NA, label: "an operator" });
/** Category of the logical operators `AND OR`. */
export const LogicalOp = createToken({ name: "LogicalOp", pattern: Lexer.NA, label: "'AND' or 'OR'" });
/** Category of the sort directions `asc desc`. */
export const Direction = createToken({ name: "Direction", pattern: Lexer.NA, label: "'asc' or 'desc'" });

ForeignWord.CATEGORIES = [Name];

function keyword(word: string, categories: TokenType[] = []): TokenType {
  return createToken({ name: word.toUpperCase(), pattern: Lexer.NA, categories: [Name, ...categories], label: `'${word}'` });
}

export const And = keyword("AND", [LogicalOp]);
export const Or = keyword("OR", [LogicalOp]);
export const Not = keyword("NOT");
export const Is = keyword("IS");
export const Null = keyword("null");
export const True = keyword("true");
export const False = keyword("false");
export const Eq = keyword("EQ", [CompareOp]);
export const Ne = keyword("NE", [CompareOp]);
export const Gt = keyword("GT", [CompareOp]);
export const Ge = keyword("GE", [CompareOp]);
export const Lt = keyword("LT", [CompareOp]);
export const Le = keyword("LE", [CompareOp]);
export const Cp = keyword("CP", [CompareOp]);
export const Asc = keyword("asc", [Direction]);
export const Desc = keyword("desc", [Direction]);

/** The patterns the lexer tries, most frequent first. */
const lexedTokens: TokenType[] = [
  Separator,
  Name,
  LParen,
  RParen,
  StringLiteral,
  NumberLiteral,
  Comma,
  ForeignOperator,
  ForeignWord,
  MalformedNumber,
];

/** Every token type the parser knows (lexed ones, categories and keywords). */
export const allTokens: TokenType[] = [
  ...lexedTokens,
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

const keywordsByUpperImage = new Map<string, TokenType>(
  [And, Or, Not, Is, Null, True, False, Eq, Ne, Gt, Ge, Lt, Le, Cp, Asc, Desc].map((t) => [t.name.toUpperCase(), t]),
);

/** The keyword token type of a word, or undefined for a plain name. Case is ignored. */
export function keywordOf(image: string): TokenType | undefined {
  if (image.length > 5) return undefined;
  return keywordsByUpperImage.get(image) ?? keywordsByUpperImage.get(image.toUpperCase());
}

/** Turns `Name` tokens spelled like keywords into keyword tokens, in place. */
export function retypeKeywords(tokens: IToken[]): void {
  const nameIdx = Name.tokenTypeIdx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenTypeIdx !== nameIdx) continue;
    const kw = keywordOf(t.image);
    if (kw !== undefined) {
      t.tokenType = kw;
      t.tokenTypeIdx = kw.tokenTypeIdx!;
    }
  }
}

let lexer: Lexer | undefined;

/** The one lexer of the process, built on first use. */
export function getLexer(): Lexer {
  lexer ??= new Lexer(lexedTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: true,
  });
  return lexer;
}

/** Token types the lexer itself produces (for tests and tooling). */
export const lexerTokens: readonly TokenType[] = lexedTokens;
