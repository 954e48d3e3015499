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
    expect(shape("((NOT a EQ 1))")).toEqual([]);
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

describe("control-character escapes", () => {
  it("inside a string are warnings with a fix that writes '%' as '%25'; outside strings they are unexpected characters", () => {
    const [warning] = parse("where=name EQ %27a%01b%27").diagnostics;
    expect([warning!.code, warning!.severity, warning!.start, warning!.end]).toEqual(["control-character-escape", "warning", 18, 21]);
    expect(warning!.fix?.edits).toEqual([{ start: 19, end: 19, newText: "25" }]);
    expect(shape("where=name EQ %27a%01%27 AND x EQ %01")).toEqual([
      ["control-character-escape", "warning", 18, 21],
      ["unexpected-character", "error", 34, 37],
      ["missing-value", "error", 37, 37],
    ]);
    // right after the closing quote is outside the string
    expect(shape("where=name EQ %27%01%27%01")).toEqual([
      ["control-character-escape", "warning", 17, 20],
      ["unexpected-character", "error", 23, 26],
    ]);
  });
});

describe("lone surrogates", () => {
  it("each unpaired high or low surrogate is an error at its place; a pair is one character", () => {
    expect(shape("name EQ \uDFFF")[0]).toEqual(["lone-surrogate", "error", 8, 9]);
    expect(shape("name EQ \uDBFF")[0]).toEqual(["lone-surrogate", "error", 8, 9]);
    expect(shape("name EQ \uDBFF\uDFFF").map((d) => d[0])).not.toContain("lone-surrogate");
    expect(shape("name EQ \uD800\uDC00").map((d) => d[0])).not.toContain("lone-surrogate");
    expect(shape("name EQ \uDC00\uDC00").filter((d) => d[0] === "lone-surrogate")).toEqual([
      ["lone-surrogate", "error", 8, 9],
      ["lone-surrogate", "error", 9, 10],
    ]);
  });
});

describe("the query node and the whole input", () => {
  it("holds only the parts that are present: no key set to undefined", () => {
    expect(Object.keys(parse("orderby=a").query)).toEqual(["kind", "form", "orderBy", "parameters", "loc"]);
    expect(Object.keys(parse("limit=0,5").query)).toEqual(["kind", "form", "limit", "parameters", "loc"]);
    expect(Object.keys(parse("id EQ 1").query)).toEqual(["kind", "form", "where", "parameters", "loc"]);
    expect(Object.keys(parse("").query)).toEqual(["kind", "form", "parameters", "loc"]);
  });

  it("accepts input of exactly maxLength and refuses one character more, as an error over the excess", () => {
    expect(shape("id EQ 1")).toEqual([]);
    expect(parse("id EQ 1", { maxLength: 7 }).diagnostics).toEqual([]);
    expect(parse("id EQ 1", { maxLength: 6 }).diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([["input-too-long", "error", 6, 7]]);
  });

  it("a dropped fragment is information, over the '#' and what follows", () => {
    expect(shape("where=id EQ 1#x")).toEqual([["fragment-dropped", "info", 13, 15]]);
  });
});

describe("unknown parameters", () => {
  it("a misspelling of a known one, in any case, is a warning with the right name as its fix; every unknown one is kept with its place", () => {
    const { query, diagnostics } = parse("WHER=a EQ 1&x=1");
    expect(diagnostics.map((d) => [d.code, d.severity, d.start, d.end, d.message])).toEqual([
      ["misspelled-parameter", "warning", 0, 4, "Unknown parameter 'WHER' is passed through unchanged. Did you mean 'where'?"],
      ["no-filter-parameters", "info", 0, 15, "This query has no where, orderby or limit parameter; its parameters are passed through unchanged."],
    ]);
    expect(diagnostics[0]!.fix?.edits).toEqual([{ start: 0, end: 4, newText: "where" }]);
    expect(query.parameters).toEqual([
      { kind: "Parameter", name: "WHER", value: "a EQ 1", loc: { start: 0, end: 11 } },
      { kind: "Parameter", name: "x", value: "1", loc: { start: 12, end: 15 } },
    ]);
  });
});
