/**
 * The parse functions lex with a hand-written scanner (src/syntax/scanner.ts); Chevrotain's lexer
 * built from the same token definitions (`createLexer` in src/syntax/tokens.ts) is the reference.
 * Both must give the same tokens (type, image, offset) and the same error stretches on any string.
 */
import fc from "fast-check";
import type { IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/syntax/scanner.js";
import { createLexer, WIDE_LETTER_RANGES } from "../../src/syntax/tokens.js";
import { fixtures, kitchenSink } from "../fixtures/filters.js";

const reference = createLexer(true);

const shape = (tokens: readonly IToken[]) => tokens.map((t) => [t.tokenType.name, t.image, t.startOffset, t.tokenTypeIdx]);

function same(text: string): void {
  const expected = reference.tokenize(text);
  const actual = scan(text);
  expect(shape(actual.tokens), JSON.stringify(text)).toEqual(shape(expected.tokens));
  expect(actual.errors, JSON.stringify(text)).toEqual(expected.errors.map((e) => ({ offset: e.offset, length: e.length })));
}

/** Characters where the patterns change their mind: every pattern's first and later characters, and both sides of each wide-letter range. */
const edgeCharacters = [
  ..."-.0123456789eE+ \t\n\r'(),=!<>aZz_%&\"*;:/\\?#[]{}|^~`@$",
  "\u0000",
  "\u00a0",
  "\u00d7",
  "\u00f7",
  "\ud83d", // a high surrogate
  "\ude00", // a low surrogate
  "\ud83d\ude00", // a pair (an emoji)
  "\u200f", // RTL mark
  "\u0301", // combining acute
  ...WIDE_LETTER_RANGES.flatMap((c) => [c - 1, c, c + 1].map((code) => String.fromCharCode(code))),
];

describe("scan agrees with Chevrotain's lexer", () => {
  it("on every fixture and the kitchen sink", () => {
    for (const fixture of fixtures) same(fixture.input);
    same(kitchenSink);
    same(decodeURIComponent(kitchenSink.replaceAll("+", " ")));
  });

  it("on the number-like patterns, one by one", () => {
    for (const text of ["1", "-1", "1.", "1.5", ".5", "-.5", "1.2.3", "1..2", "1e5", "1e", "1e+", "1E-7", "1.5e3x", "-", "- 5", "-  .5", "- .x", "-+5", "-\t\n5e2", "- 5.5.5", ".", "..5", "-x", "5-5", "1-", "0.0.", "1.e5"]) same(text);
  });

  it("on strings, quotes and errors at the end", () => {
    for (const text of ["'", "''", "'''", "''''", "'a''", "'a'''b'", "'unterminated", "id EQ 'x", "&", "a&", "&a", "-&-", ".&.", "%%", "id EQ 1;", "é×é", "\ud800", "a\ud800b"]) same(text);
  });

  it("on random strings of the edge characters (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...edgeCharacters), { maxLength: 40 }), (parts) => same(parts.join(""))),
      { numRuns: 5_000 },
    );
  });

  it("on random full-unicode strings, lone surrogates included (fast-check)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), same), { numRuns: 2_000 });
  });
});
