/**
 * Plain-words parser error messages: what was expected and what was found, never Chevrotain's
 * internal token names.
 * @module
 */
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import { CompareOp, Direction, Name } from "./tokens.js";

/** Text for a message: control characters and invisible spaces shown as `U+0001`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u00a0\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g, (ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** A token's text for a message: shortened, control characters made visible. */
function shown(image: string): string {
  return printable(image.length > 30 ? `${image.slice(0, 27)}…` : image);
}

/** How a found token is named in a message: `'AND'`, `the string 'a'`, `end of input`. */
export function describeFound(token: IToken): string {
  if (token.tokenType === EOF) return "end of input";
  const image = shown(token.image);
  if (token.tokenType.name === "StringLiteral") return `the string ${image}`;
  if (token.tokenType.name === "NumberLiteral") return `the number ${image}`;
  return `'${image}'`;
}

/** " after 'EQ'" for the token before the error, or "" at the start. */
export function describeAfter(previous: IToken | undefined): string {
  if (previous === undefined || previous.tokenType === EOF || Number.isNaN(previous.startOffset)) return "";
  return ` after '${shown(previous.image)}'`;
}

/** The name of what a token type stands for: `')'`, `a field name`, `an operator`. */
export function describeExpected(type: TokenType): string {
  if (type === EOF) return "end of input";
  if (tokenMatcher({ tokenTypeIdx: type.tokenTypeIdx } as IToken, CompareOp)) return "an operator";
  if (tokenMatcher({ tokenTypeIdx: type.tokenTypeIdx } as IToken, Direction)) return "'asc' or 'desc'";
  if (type === Name) return "a field name";
  return type.LABEL ?? type.name;
}

function joinAlternatives(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? "something else";
  return `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1]}`;
}

const RULE_EXPECTATION: Record<string, string> = {
  whereClause: "a condition",
  orExpr: "a condition",
  andExpr: "a condition",
  notExpr: "a condition",
  condition: "a condition",
  orderBy: "a field name",
  sortKey: "a field name",
  limit: "a number",
};

const AFTER_END: Record<string, string> = {
  whereClause: "'AND', 'OR' or end of input",
  orderBy: "',' or end of input",
  sortKey: "',' or end of input",
  // after `1` a ',' may follow, after `1,2` nothing: naming the form is right in both places
  limit: "end of input (a limit is written 'offset,count')",
};

/** The message provider installed on the parser. */
export const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    const what = expected === EOF ? (AFTER_END[ruleName] ?? "end of input") : describeExpected(expected);
    // after recovery skipped tokens, "previous" may stand after the token found: then it says nothing
    const after = previous.startOffset < actual.startOffset || actual.tokenType === EOF ? describeAfter(previous) : "";
    return `Expected ${what}${after}, found ${describeFound(actual)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant, ruleName }) {
    return `Expected ${AFTER_END[ruleName] ?? "end of input"}, found ${describeFound(firstRedundant)}.`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const expected =
      RULE_EXPECTATION[ruleName] ??
      joinAlternatives(expectedPathsPerAlt.flatMap((alt) => alt.map((path) => describeExpected(path[0]!))));
    return `Expected ${expected}${describeAfter(previous)}, found ${describeFound(actual[0]!)}.`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }) {
    const expected =
      RULE_EXPECTATION[ruleName] ?? joinAlternatives(expectedIterationPaths.map((path) => describeExpected(path[0]!)));
    return `Expected ${expected}${describeAfter(previous)}, found ${describeFound(actual[0]!)}.`;
  },
};
