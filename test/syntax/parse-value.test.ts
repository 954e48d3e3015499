/**
 * How parse reads one parameter value (parseValue in src/syntax/parse.ts): unexpected characters,
 * the nesting limit's diagnostic, text left after a complete parse (reported once, and read again
 * in WHERE only, at most 50 times), and the limit's advice dropped when the limit is broken.
 * Written from the mutants Stryker left alive in parse.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";

const shape = (text: string) => parse(text).diagnostics.map((d) => [d.code, d.severity, d.start, d.end]);

describe("unexpected characters", () => {
  it("are errors named one or several, and a long run is shortened to 27 characters and an ellipsis", () => {
    const [one] = parse("id EQ ~ 1").diagnostics;
    expect([one!.code, one!.severity, one!.start, one!.end]).toEqual(["unexpected-character", "error", 6, 7]);
    expect(one!.message).toBe("Unexpected character '~'. Field names use ASCII letters, digits, '_' and '.'; text values go in single quotes.");
    expect(parse("id EQ ~~ 1").diagnostics[0]!.message).toMatch(/^Unexpected characters '~~'\. /);
    const thirty = "~".repeat(30);
    expect(parse(`id EQ 1 ${thirty}`).diagnostics[0]!.message).toMatch(new RegExp(`^Unexpected characters '${thirty}'\\. `));
    const long = parse(`id EQ 1 ${"~".repeat(31)}`).diagnostics[0]!;
    expect(long.message).toMatch(new RegExp(`^Unexpected characters '${"~".repeat(27)}…'\\. `));
    expect([long.start, long.end]).toEqual([8, 39]);
  });
});

describe("nesting too deep", () => {
  it("is an error at the first token one level too deep", () => {
    expect(shape("((a EQ 1))".replace("a", "NOT a"))).toEqual([]);
    const [d] = parse("(((a EQ 1)))", { maxDepth: 2 }).diagnostics;
    expect([d!.code, d!.severity, d!.start, d!.end, d!.message]).toEqual(["nesting-too-deep", "error", 2, 3, "Brackets and NOTs nest deeper than 2 levels here; the filter was not parsed."]);
    expect(parse("((a EQ 1))", { maxDepth: 1 }).diagnostics[0]!.message).toBe("Brackets and NOTs nest deeper than 1 level here; the filter was not parsed.");
  });
});

describe("text left after a complete value", () => {
  it("in WHERE, each leftover piece is reported once and reading goes on after it", () => {
    expect(shape("a EQ 1 b EQ 2 c EQ 3")).toEqual([
      ["unexpected-token", "error", 7, 8],
      ["unexpected-token", "error", 14, 15],
    ]);
    expect(shape("a EQ 1 ) b EQ 2")).toEqual([["unexpected-token", "error", 7, 8]]);
  });

  it("in WHERE, at most 50 pieces are read again (the first 50 leftovers are reported)", () => {
    const text = ["a EQ 1", ...Array.from({ length: 60 }, (_, i) => `b${i} EQ ${i}`)].join(" ");
    const { diagnostics } = parse(text);
    expect(diagnostics.length).toBe(50);
    expect(diagnostics.every((d) => d.code === "unexpected-token")).toBe(true);
    expect(diagnostics.at(-1)!.start).toBe(text.indexOf("b49 "));
  });

  it("in ORDERBY and LIMIT, only the first leftover is reported", () => {
    expect(shape("orderby=a b c d")).toEqual([["unexpected-token", "error", 10, 11]]);
    // a word before an operator is where WHERE would read again: ORDERBY does not
    expect(shape("orderby=a b EQ c")).toEqual([["unexpected-token", "error", 10, 11]]);
    expect(shape("orderby=a NOT b EQ 1")).toEqual([["unexpected-token", "error", 10, 13]]);
    expect(shape("limit=1,2 3 4")).toEqual([["unexpected-token", "error", 10, 11]]);
  });
});

describe("a one-number limit", () => {
  it("keeps its advice unless the limit itself is broken, whatever the other parameters hold", () => {
    expect(shape("limit=5")).toEqual([["limit-single-number", "warning", 6, 7]]);
    expect(shape("limit=5 6")).toEqual([["unexpected-token", "error", 8, 9]]);
    expect(shape("limit=5&where=a EQ")).toEqual([
      ["limit-single-number", "warning", 6, 7],
      ["missing-value", "error", 18, 18],
    ]);
    expect(shape("where=a EQ&limit=5").map((d) => d[0])).toEqual(["missing-value", "limit-single-number"]);
  });
});
