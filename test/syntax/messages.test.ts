/**
 * The parser's message provider (src/syntax/messages.ts) on its own. The grammar reports most
 * errors itself (tree-builder.ts); Chevrotain asks the provider only for a missing ',' / number /
 * end of input in ORDERBY and LIMIT and for text after a complete WHERE. The provider still
 * answers for any rule and token, so that a rule added later gets words, not token names: these
 * tests pin those answers.
 */
import { createTokenInstance, EOF, type IToken, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { messageProvider } from "../../src/syntax/messages.js";
import { Asc, Eq, Gt, Is, Name, NumberLike, NumberLiteral, StringLiteral } from "../../src/syntax/tokens.js";

const token = (type: TokenType, image: string, offset: number): IToken => createTokenInstance(type, image, offset, offset + image.length - 1, 1, 1, offset + 1, offset + image.length);
const field = token(Name, "a", 0);
const end = token(EOF, "", NaN);

describe("a rule with no fixed expectation", () => {
  it("names the first token of each alternative in words, each once", () => {
    const message = messageProvider.buildNoViableAltMessage({
      expectedPathsPerAlt: [[[Eq], [Gt]], [[Asc]], [[Name]], [[Is]], [[NumberLike]], [[EOF]]],
      actual: [token(StringLiteral, "'x'", 2)],
      previous: field,
      customUserDescription: "",
      ruleName: "expression",
    });
    expect(message).toBe("Expected an operator, 'asc' or 'desc', a field name, 'IS', NumberLike or end of input after 'a', found the string 'x'.");
  });

  it("names a single alternative alone, and says 'something else' when there is none", () => {
    const early = (paths: TokenType[][]) =>
      messageProvider.buildEarlyExitMessage({ expectedIterationPaths: paths, actual: [end], previous: field, customUserDescription: "", ruleName: "expression" });
    expect(early([[NumberLiteral], [NumberLiteral]])).toBe("Expected a number after 'a', found end of input.");
    expect(early([])).toBe("Expected something else after 'a', found end of input.");
  });

  it("says 'end of input' where the rule has no words for what may follow it", () => {
    expect(messageProvider.buildNotAllInputParsedMessage({ firstRedundant: token(NumberLiteral, "7", 2), ruleName: "expression" })).toBe(
      "Expected end of input, found the number 7.",
    );
    expect(messageProvider.buildMismatchTokenMessage({ expected: EOF, actual: token(Name, "b", 2), previous: field, ruleName: "expression" })).toBe(
      "Expected end of input after 'a', found 'b'.",
    );
  });
});

describe("the rules the grammar has", () => {
  it("use their own words, whatever the alternatives", () => {
    expect(
      messageProvider.buildEarlyExitMessage({ expectedIterationPaths: [[Name]], actual: [end], previous: end, customUserDescription: "", ruleName: "orderBy" }),
    ).toBe("Expected a field name, found end of input.");
    expect(
      messageProvider.buildNoViableAltMessage({ expectedPathsPerAlt: [[[Eq]]], actual: [token(NumberLiteral, "1", 3)], previous: field, customUserDescription: "", ruleName: "limit" }),
    ).toBe("Expected a number after 'a', found the number 1.");
    expect(messageProvider.buildMismatchTokenMessage({ expected: EOF, actual: token(Name, "b", 4), previous: token(NumberLiteral, "1,2", 0), ruleName: "limit" })).toBe(
      "Expected end of input (a limit is written 'offset,count') after '1,2', found 'b'.",
    );
  });
});
