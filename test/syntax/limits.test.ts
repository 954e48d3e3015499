/** Huge and deeply nested input gives a diagnostic or a tree, never a RangeError. */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_MAX_DEPTH, MAX_SAFE_DEPTH, format, parse, parseWhere, toQueryString } from "../../src/index.js";
import { getLexer } from "../../src/syntax/tokens.js";

const nested = (depth: number) => "(".repeat(depth) + "a EQ 1" + ")".repeat(depth);
const nots = (depth: number) => "NOT ".repeat(depth) + "a EQ 1";

describe("nesting depth", () => {
  it("accepts the default depth and reports one level more, at the token that goes too deep", () => {
    expect(parse(nested(DEFAULT_MAX_DEPTH)).diagnostics).toEqual([]);
    const { query, diagnostics } = parse(nested(DEFAULT_MAX_DEPTH + 1));
    expect(query.where).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["nesting-too-deep", DEFAULT_MAX_DEPTH, DEFAULT_MAX_DEPTH + 1]]);
  });

  it("counts NOTs and brackets together", () => {
    expect(parse("(".repeat(128) + "NOT ".repeat(128) + "a EQ 1" + ")".repeat(128)).diagnostics).toEqual([]);
    expect(parse("(".repeat(128) + "NOT ".repeat(129) + "a EQ 1" + ")".repeat(128)).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
    expect(parse("NOT (".repeat(128) + "a EQ 1" + ")".repeat(128)).diagnostics).toEqual([]);
    expect(parse("NOT (".repeat(129) + "a EQ 1" + ")".repeat(129)).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
    expect(parse(nots(DEFAULT_MAX_DEPTH + 1)).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
  });

  it("does not count a field named not", () => {
    expect(parse("(".repeat(DEFAULT_MAX_DEPTH) + "not IS null" + ")".repeat(DEFAULT_MAX_DEPTH)).diagnostics).toEqual([]);
  });

  it("parses, prints and encodes at the largest allowed depth", () => {
    const half = MAX_SAFE_DEPTH / 2;
    for (const input of [nested(MAX_SAFE_DEPTH), nots(MAX_SAFE_DEPTH), "NOT (".repeat(half) + "a EQ 1" + ")".repeat(half)]) {
      const { query, diagnostics } = parse(input, { maxDepth: MAX_SAFE_DEPTH });
      expect(diagnostics).toEqual([]);
      format(query);
      toQueryString(query);
    }
    // a NOT chain prints as NOT (NOT (…)): twice the levels, so half the chain reads back
    const { query } = parse(nots(half), { maxDepth: MAX_SAFE_DEPTH });
    expect(parse(toQueryString(query), { maxDepth: MAX_SAFE_DEPTH }).diagnostics).toEqual([]);
  });

  it("lowers maxDepth above the safe maximum to it", () => {
    const { diagnostics } = parse(nested(MAX_SAFE_DEPTH + 1), { maxDepth: 1_000_000 });
    expect(diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
  });

  it("counts NOT and its bracket apart, so a canonical NOT chain is about twice as deep as its source", () => {
    const source = nots(128);
    const canonical = format(parse(source).query);
    expect(canonical.startsWith("NOT (NOT (")).toBe(true);
    expect(parse(canonical).diagnostics).toEqual([]);
    expect(parse(format(parse(nots(DEFAULT_MAX_DEPTH)).query)).diagnostics.map((d) => d.code)).toEqual(["nesting-too-deep"]);
  });

  it("answers 100 000 brackets and 100 000 NOTs with a diagnostic, under the default and the largest depth", () => {
    for (const maxDepth of [undefined, MAX_SAFE_DEPTH]) {
      for (const input of [nested(100_000), nots(100_000), "(".repeat(100_000), ")".repeat(100_000)]) {
        const { diagnostics } = parse(input, { maxLength: 1_000_000, ...(maxDepth ? { maxDepth } : {}) });
        expect(diagnostics.length).toBeGreaterThan(0);
        expect(diagnostics.length).toBeLessThanOrEqual(60);
      }
    }
  });

  it("says 'level' for a maxDepth of 1", () => {
    expect(parse("((a EQ 1))", { maxDepth: 1 }).diagnostics.map((d) => [d.code, d.start, d.message])).toEqual([
      ["nesting-too-deep", 1, "Brackets and NOTs nest deeper than 1 level here; the filter was not parsed."],
    ]);
  });

  it("reports a stack that runs out as nesting-too-deep instead of throwing", () => {
    const recurse = (n: number): ReturnType<typeof parseWhere> => (n === 0 ? parseWhere(nested(MAX_SAFE_DEPTH), { maxDepth: MAX_SAFE_DEPTH }) : recurse(n - 1));
    // eat most of the stack before parsing; whatever is left, the parse must not throw
    for (const n of [0, 4000, 6000, 7000, 8000]) {
      let result: ReturnType<typeof parseWhere> | undefined;
      try {
        result = recurse(n);
      } catch (error) {
        // the test's own recursion may overflow first; that is not the parser's doing
        expect(error).toBeInstanceOf(RangeError);
        continue;
      }
      expect(result.diagnostics.every((d) => d.code === "nesting-too-deep")).toBe(true);
    }
  });
});

describe("nesting depth counts what is open, not what came before", () => {
  const tooDeep = (input: string, maxDepth: number) =>
    parse(input, { maxDepth, maxLength: 1_000_000 })
      .diagnostics.filter((d) => d.code === "nesting-too-deep")
      .map((d) => [d.start, d.end]);

  it("closes a bracket at ')' and a NOT where its operand ends (')', AND, OR)", () => {
    const flat = [
      "(a EQ 1) AND ".repeat(400) + "(a EQ 1)",
      "NOT (a EQ 1) AND ".repeat(400) + "(a EQ 1)",
      "NOT a EQ 1 AND ".repeat(400) + "a EQ 1",
      "NOT a EQ 1 OR ".repeat(400) + "a EQ 1",
      "(NOT NOT a EQ 1) AND ".repeat(400) + "a EQ 1",
      "((a EQ 1)) OR ".repeat(400) + "a EQ 1",
    ];
    for (const input of flat) expect(tooDeep(input, 3), input.slice(0, 30)).toEqual([]);
  });

  it("reports the exact token that opens one level too many", () => {
    const input = "((a EQ 1) AND (NOT (b EQ 1)))";
    expect(tooDeep(input, 4)).toEqual([]);
    expect(tooDeep(input, 3)).toEqual([[19, 20]]);
    expect(tooDeep("NOT NOT (a EQ 1)", 2)).toEqual([[8, 9]]);
    expect(tooDeep("(((a EQ 1))) AND (((b EQ 1)))", 3)).toEqual([]);
    expect(tooDeep("(((a EQ 1))) AND (((b EQ 1)))", 2)).toEqual([[2, 3]]);
    // brackets stay open across AND: only NOTs end there
    expect(tooDeep("(a EQ 1 AND (b EQ 1 AND (c EQ 1)))", 2)).toEqual([[24, 25]]);
    expect(tooDeep("(NOT a EQ 1 AND (NOT b EQ 1))", 2)).toEqual([[17, 20]]);
  });
});

describe("nothing is read past the point where the nesting gets too deep", () => {
  const shape = (input: string) => parse(input, { maxLength: 10_000_000 }).diagnostics.map((d) => [d.code, d.start, d.end]);

  it("reports the characters it could not read before that point, not after it", () => {
    const deep = "(".repeat(DEFAULT_MAX_DEPTH + 1);
    expect(shape(`& ${deep} & a EQ 1`)).toEqual([
      ["unexpected-character", 0, 1],
      ["nesting-too-deep", 2 + DEFAULT_MAX_DEPTH, 3 + DEFAULT_MAX_DEPTH],
    ]);
    // nor a control character escape in a string past that point
    expect(shape(`where=${"%28".repeat(DEFAULT_MAX_DEPTH + 1)}a+EQ+'%01'`)).toEqual([["nesting-too-deep", 6 + 3 * DEFAULT_MAX_DEPTH, 9 + 3 * DEFAULT_MAX_DEPTH]]);
    expect(shape(`where=(a+EQ+'%01')`).map((d) => d[0])).toEqual(["control-character-escape"]);
  });

  /** A WHERE head that nests too deep within its first kilobytes, in many ways. */
  const deepHead = fc
    .array(fc.constantFrom("(", "NOT ", "NOT (", "a EQ 1 AND ", "x ", "& ", "'s(t)r''(' ", "NOT EQ 1 AND ", "not IS null OR ", "- 5 ", "1e+5 ", "é "), {
      minLength: 1,
      maxLength: 30,
    })
    .map((parts) => {
      let text = "";
      for (let i = 0; text.length < 2_000; i++) text += i % 3 === 0 ? parts[i % parts.length]! : "(";
      // too deep by here at the latest
      return text + "(".repeat(DEFAULT_MAX_DEPTH + 1);
    });
  /** What follows the head: a few kilobytes of filler without brackets, then anything. */
  const filler = fc.constantFrom("x ", "a EQ 1 AND ", "NOT ", "& ", "'", "é ", "- ", "1e ");
  const tail = fc.constantFrom("(", ")", "'", "&", "NOT ", "a EQ 1 AND ", "-", " ", "(a EQ 1)", "'''", "é");

  it("a value longer than 64 KiB gives the same diagnostics as the same head with a short tail (fast-check)", () => {
    fc.assert(
      fc.property(deepHead, filler, tail, (head, pad, rest) => {
        const start = head + pad.repeat(Math.ceil(3_000 / pad.length));
        const long = start + rest.repeat(Math.ceil(70_000 / rest.length));
        const short = start + rest.repeat(Math.ceil(2_000 / rest.length));
        expect(shape(long)).toEqual(shape(short));
        expect(shape(`where=${long}`)).toEqual(shape(`where=${short}`));
      }),
      { numRuns: 150 },
    );
  });

  it("answers megabytes of brackets or NOTs after lexing their head only", () => {
    // the shared lexer, watched: which lengths of text it is given
    const tokenize = vi.spyOn(getLexer(), "tokenize");
    const lexed = () => tokenize.mock.calls.map(([text]) => text.length);
    try {
      for (const input of ["(".repeat(5_000_000), "NOT ".repeat(1_250_000) + "a EQ 1", `a EQ 1 AND ${"NOT (".repeat(1_000_000)}`]) {
        tokenize.mockClear();
        const diagnostics = shape(input);
        expect(diagnostics.map((d) => d[0])).toEqual(["nesting-too-deep"]);
        expect(diagnostics[0]![1]).toBeLessThan(2_000);
        expect(lexed()).toHaveLength(1);
        expect(lexed()[0]).toBeGreaterThanOrEqual(4_096);
        expect(lexed()[0]).toBeLessThan(8_192);
      }
      // a value that is not too deep in its head is lexed whole
      tokenize.mockClear();
      const wide = "(".repeat(200) + "a EQ 1 AND ".repeat(10_000) + "a EQ 1" + ")".repeat(200);
      expect(shape(wide)).toEqual([]);
      expect(lexed().at(-1)).toBe(wide.length);
    } finally {
      tokenize.mockRestore();
    }
  });
});

describe("length", () => {
  it("refuses input over maxLength before parsing, with the excess as the range", () => {
    const input = "where=(a EQ '" + "x".repeat(70_000) + "')";
    const { query, diagnostics } = parse(input);
    expect(query.where).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["input-too-long", 65_536, input.length]]);
  });

  it("refuses a single parameter's value over maxLength the same way", () => {
    const result = parseWhere("a EQ 1", { maxLength: 3 });
    expect(result.where).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["input-too-long", 3, 6]]);
  });

  it("parses 1 MB of conditions with maxLength raised", () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const part = `(field_${i % 97}.name CP '%web${i}%')`;
      parts.push(part);
      size += part.length + 5;
    }
    const input = parts.join(" AND ");
    const { query, diagnostics } = parse(input, { maxLength: 2_000_000 });
    expect(diagnostics).toEqual([]);
    expect(query.where).toMatchObject({ kind: "And" });
    expect((query.where as { operands: readonly unknown[] }).operands).toHaveLength(parts.length);
    expect(format(query)).toBe(input);
  });

  it("answers 1 MB of one repeated character without throwing", () => {
    for (const ch of ["'", "%", "(", ")", "\\", "-", "7", "a", "+", " ", "é"]) {
      const input = ch.repeat(1_000_000);
      const { diagnostics } = parse(input, { maxLength: 1_000_000 });
      for (const d of diagnostics) expect(d.end).toBeLessThanOrEqual(input.length);
      parse(`where=${input}`, { maxLength: 2_000_000 });
    }
  }, 60_000);
});
