/**
 * Huge and hostile input answers with a tree or a diagnostic, never a RangeError (issue 9), beyond
 * what test/syntax/limits.test.ts covers (depth 100 000, 1 MB of conditions, 1 MB of one repeated
 * character): 10 MB with `maxLength` raised, 100 000 conditions, identifiers, words and strings of
 * 1 MB, and the input that made the URL-form detection quadratic before test/security/redos.test.ts
 * caught it. Each case stays within a few seconds; the time is linear in the input, which
 * bench/limits.bench.mjs shows (no timing assert here).
 */
import { describe, expect, it } from "vitest";
import { analyze, apply, compile, format, parse, toQueryString, toSql, type Diagnostic } from "../../src/index.js";

const MB = 1_000_000;

/** Every diagnostic lies inside the input. */
function expectInside(diagnostics: readonly Diagnostic[], input: string): void {
  for (const d of diagnostics) {
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.end).toBeLessThanOrEqual(input.length);
    expect(d.start).toBeLessThanOrEqual(d.end);
  }
}

/** `(f0 EQ 0) AND (f1 EQ 1) …` with `n` conditions. */
const conditions = (n: number) => Array.from({ length: n }, (_, i) => `(f${i % 50} EQ ${i})`).join(" AND ");

describe("size", () => {
  it("100 000 conditions: one AND of 100 000 operands, printed back, compiled and applied", () => {
    const input = conditions(100_000);
    const { query, diagnostics } = parse(input, { maxLength: 4 * MB });
    expect(diagnostics).toEqual([]);
    expect((query.where as { operands: readonly unknown[] }).operands).toHaveLength(100_000);
    expect(format(query)).toBe(input);
    expect(compile(query)({ f0: 0 })).toBe(false);
    expect(apply(query, [{ id: 1 }]).size).toBe(0);
    const sql = toSql(query, { dialect: "sqlite", columns: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, `f${i}`])) });
    expect([sql.ok, sql.params.length]).toEqual([true, 100_000]);
  }, 30_000);

  it("10 MB of conditions in URL form with maxLength raised: a tree; over maxLength: input-too-long only", () => {
    const parts: string[] = [];
    let size = "where=".length;
    for (let i = 0; size < 10 * MB + 5; i++) {
      const part = `(name+CP+'%25web${i}%25')`;
      parts.push(part);
      size += part.length + 5;
    }
    const input = `where=${parts.join("+AND+")}`;
    expect(input.length).toBeGreaterThanOrEqual(10 * MB);
    const { query, diagnostics } = parse(input, { maxLength: 11 * MB });
    expect(diagnostics).toEqual([]);
    expect((query.where as { operands: readonly unknown[] }).operands).toHaveLength(parts.length);
    expect(toQueryString(query)).toBe(input);
    const refused = parse(input, { maxLength: 10 * MB - 1 });
    expect(refused.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["input-too-long", 10 * MB - 1, input.length]]);
  }, 60_000);

  it("10 MB of one repeated character answers without throwing", () => {
    for (const ch of ["'", "(", "%", "a"]) {
      const input = ch.repeat(10 * MB);
      const { diagnostics } = parse(input, { maxLength: 10 * MB });
      expectInside(diagnostics, input);
    }
  }, 60_000);
});

describe("long tokens (1 MB)", () => {
  const long = "a".repeat(MB);

  it("a 1 MB field name: a tree, printed back; a 1 MB dotted path too", () => {
    for (const field of [long, Array.from({ length: MB / 4 }, () => "abc").join(".").slice(0, MB - 1)]) {
      const input = `${field} EQ 1`;
      const { query, diagnostics } = parse(input, { maxLength: 2 * MB });
      expect(diagnostics).toEqual([]);
      expect(format(query)).toBe(`(${input})`);
      expect(compile(query)({})).toBe(false);
    }
  });

  it("a 1 MB string literal and a 1 MB number: a tree; 1 MB of doubled quotes: one value", () => {
    expect(parse(`name EQ '${long}'`, { maxLength: 2 * MB }).diagnostics).toEqual([]);
    const digits = "9".repeat(MB);
    const number = parse(`n GT ${digits}`, { maxLength: 2 * MB });
    expect(number.diagnostics).toEqual([]);
    expect(compile(number.query)({ n: 1 })).toBe(false);
    const quotes = parse(`name EQ '${"''".repeat(MB / 2)}'`, { maxLength: 2 * MB });
    expect(quotes.diagnostics).toEqual([]);
    expect(compile(quotes.query)({ name: "'".repeat(MB / 2) })).toBe(true);
  });

  it("a 1 MB unquoted word, a 1 MB non-ASCII word, 1 MB runs of '%XX' escapes: a tree or diagnostics inside the input", () => {
    // [input, whether it is valid]
    const cases: [string, boolean][] = [
      [`name EQ ${long}`, false],
      [`${"é".repeat(MB)} EQ 1`, false],
      [`where=${"%41".repeat(MB / 3)}+EQ+1`, true], // %41 is A: a 333 333-letter field name
      [`where=name+EQ+'${"%ab".repeat(MB / 3)}'`, false], // not UTF-8: kept literally, with a warning
    ];
    for (const [input, valid] of cases) {
      const { query, diagnostics } = analyze(input, { maxLength: 2 * MB });
      if (valid) expect([diagnostics, query.where?.kind]).toEqual([[], "Comparison"]);
      else expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.length).toBeLessThanOrEqual(100);
      expectInside(diagnostics, input);
    }
  });
});

describe("URL-form detection stays linear", () => {
  it("answers 1 MB of slashes and NULs before an '=' (quadratic before the fix) well within the test time", () => {
    for (const input of ["/" + "/\0".repeat(MB / 2) + "=", "a" + "/".repeat(MB) + "=", "x:" + "?".repeat(MB)]) {
      const { diagnostics } = parse(input, { maxLength: 2 * MB });
      expectInside(diagnostics, input);
    }
  }, 10_000);
});
