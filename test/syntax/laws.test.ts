/**
 * The laws of LANGUAGE.md section 4, as fast-check properties over generated trees with hostile
 * strings, plus "any string never throws and every diagnostic lies inside the input".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalize,
  format,
  hasErrors,
  parse,
  parseLimit,
  parseOrderBy,
  parseWhere,
  toQueryString,
  type Diagnostic,
} from "../../src/index.js";
import { fixtures, kitchenSink } from "../fixtures/filters.js";
import {
  expressionArb,
  limitArb,
  orderByArb,
  queryArb,
  sloppinessArb,
  sloppyEncode,
  sloppyExpression,
} from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";

const RUNS = { numRuns: 1000 };

function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

describe("URL round trip: parse(toQueryString(q)) equals q", () => {
  for (const spaces of ["plus", "percent"] as const) {
    it(`with spaces as ${spaces}`, () => {
      fc.assert(
        fc.property(queryArb, (query) => {
          const text = toQueryString(query, { spaces });
          const { query: back, diagnostics } = parse(text);
          expect(errorsOf(diagnostics)).toEqual([]);
          expect(strip(back)).toEqual(strip(query));
        }),
        RUNS,
      );
    });
  }
});

describe("expression round trip: parseX(format(x)) equals x", () => {
  it("WHERE", () => {
    fc.assert(
      fc.property(expressionArb, (expression) => {
        const { where, diagnostics } = parseWhere(format(expression));
        expect(errorsOf(diagnostics)).toEqual([]);
        expect(strip(where)).toEqual(strip(expression));
      }),
      RUNS,
    );
  });
  it("ORDERBY", () => {
    fc.assert(
      fc.property(orderByArb, (orderBy) => {
        const { orderBy: back, diagnostics } = parseOrderBy(format(orderBy));
        expect(errorsOf(diagnostics)).toEqual([]);
        expect(strip(back)).toEqual(strip(orderBy));
      }),
      RUNS,
    );
  });
  it("LIMIT", () => {
    fc.assert(
      fc.property(limitArb, (limit) => {
        const { limit: back, diagnostics } = parseLimit(format(limit));
        expect(diagnostics).toEqual([]);
        expect(strip(back)).toEqual(strip(limit));
      }),
      RUNS,
    );
  });
});

describe("idempotence", () => {
  it("URL form: format(parse(toQueryString(parse(s).query)).query) === format(parse(s).query)", () => {
    const sloppyUrl = fc.tuple(expressionArb, fc.option(orderByArb, { nil: undefined }), sloppinessArb).map(([where, orderBy, s]) => {
      const parts = [`where=${sloppyEncode(sloppyExpression(where, s), s)}`];
      if (orderBy) parts.push(`orderby=${sloppyEncode(orderBy.keys.map((k) => `${k.field.name} ${k.direction.toUpperCase()}`).join(","), s)}`);
      return parts.join("&");
    });
    fc.assert(
      fc.property(sloppyUrl, (s) => {
        const once = parse(s).query;
        expect(format(parse(toQueryString(once)).query)).toBe(format(once));
      }),
      RUNS,
    );
  });
  it("bare expression: canonicalize(canonicalize(s)) === canonicalize(s)", () => {
    fc.assert(
      fc.property(expressionArb, sloppinessArb, (expression, s) => {
        const text = sloppyExpression(expression, s);
        const once = canonicalize(text);
        expect(canonicalize(once)).toBe(once);
        expect(strip(parseWhere(once).where)).toEqual(strip(expression));
      }),
      RUNS,
    );
  });
  it("holds for every fixture and the kitchen sink", () => {
    for (const input of [...fixtures.map((f) => f.input), kitchenSink]) {
      const once = parse(input).query;
      if (once.form === "url") expect(format(parse(toQueryString(once)).query)).toBe(format(once));
      else expect(format(parse(format(once)).query)).toBe(format(once));
    }
  });
});

function checkRanges(input: string): void {
  const { query, diagnostics } = parse(input);
  expect(query.kind).toBe("Query");
  for (const d of diagnostics) {
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.end).toBeGreaterThanOrEqual(d.start);
    expect(d.end).toBeLessThanOrEqual(input.length);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    for (const edit of d.fix?.edits ?? []) {
      expect(edit.start).toBeGreaterThanOrEqual(0);
      expect(edit.end).toBeGreaterThanOrEqual(edit.start);
      expect(edit.end).toBeLessThanOrEqual(input.length);
    }
  }
  // printing a partial tree never throws either
  format(query);
  toQueryString(query);
}

describe("any string: parse never throws and every diagnostic lies inside the input", () => {
  it("full unicode strings (lone surrogates included)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), checkRanges), RUNS);
  });
  it("strings over the language's own alphabet", () => {
    const alphabet = fc.constantFrom(..."()'%+&=#?, \t\nEQNOTANDORIS nullx.1-_25a");
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join("")), checkRanges), RUNS);
  });
  it("mutations of valid filters (insert, delete, swap, random percent-escapes)", () => {
    const seeds = [...fixtures.map((f) => f.input), kitchenSink];
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("insert", "delete", "swap", "escape"), fc.string({ maxLength: 3 })), { maxLength: 6 }))
      .map(([seed, edits]) => {
        let text = seed;
        for (const [a, b, op, piece] of edits) {
          const i = text.length === 0 ? 0 : a % text.length;
          const j = text.length === 0 ? 0 : b % text.length;
          if (op === "insert") text = text.slice(0, i) + piece + text.slice(i);
          else if (op === "delete") text = text.slice(0, i) + text.slice(i + 1 + (j % 4));
          else if (op === "swap" && i < j) text = text.slice(0, i) + text.slice(j, j + 3) + text.slice(i + 3, j) + text.slice(i, i + 3) + text.slice(j + 3);
          else text = text.slice(0, i) + "%" + (j % 256).toString(16).toUpperCase().padStart(2, "0") + text.slice(i);
        }
        return text;
      });
    fc.assert(fc.property(mutated, checkRanges), RUNS);
  });
  it("a canonical form with errors never hides them: valid canonical text parses without errors", () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        expect(hasErrors(parse(format(query).includes("&") ? toQueryString(query) : toQueryString(query)).diagnostics)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
