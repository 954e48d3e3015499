/**
 * parse() tries every value first with a parser without Chevrotain's error recovery and keeps that
 * result only when it met no syntax error (src/syntax/parse.ts, parseQuickly). Here the shipped
 * parse functions are compared with a copy whose every parse runs with recovery only: the trees
 * and every diagnostic must be the same, for valid and broken input alike.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as shipped from "../../src/syntax/parse.js";
import { fixtures, kitchenSink } from "../fixtures/filters.js";

let recoveringOnly: typeof shipped;

beforeAll(async () => {
  vi.resetModules();
  vi.doMock("../../src/syntax/parser.js", async (importOriginal) => {
    const real = await importOriginal<typeof import("../../src/syntax/parser.js")>();
    return { ...real, getParser: () => real.getParser("recovering") };
  });
  recoveringOnly = await import("../../src/syntax/parse.js");
  vi.doUnmock("../../src/syntax/parser.js");
  expect(recoveringOnly.parse).not.toBe(shipped.parse);
});

function same(input: string): void {
  expect(shipped.parse(input)).toEqual(recoveringOnly.parse(input));
  expect(shipped.parseWhere(input)).toEqual(recoveringOnly.parseWhere(input));
  expect(shipped.parseOrderBy(input)).toEqual(recoveringOnly.parseOrderBy(input));
  expect(shipped.parseLimit(input)).toEqual(recoveringOnly.parseLimit(input));
}

const seeds = [...fixtures.map((f) => f.input), kitchenSink];

describe("the first parse without error recovery", () => {
  it("gives the same trees and diagnostics as recovery alone on every fixture", () => {
    for (const input of seeds) same(input);
  });

  it("gives the same on strings over the language's alphabet (mostly broken)", () => {
    const alphabet = fc.constantFrom(..."()'%+&=#?, EQNOTANDORIS nullx.1-_25a", "where=", "orderby=", "limit=", " EQ ", " AND ", "NOT ", "'a'", "12");
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join("")), same), { numRuns: 2000 });
  });

  it("gives the same on fixtures with tokens deleted or repeated", () => {
    const edited = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat(8), fc.boolean()).map(([seed, at, length, repeat]) => {
      const i = seed.length === 0 ? 0 : at % seed.length;
      return repeat ? seed.slice(0, i + length) + seed.slice(i) : seed.slice(0, i) + seed.slice(i + length);
    });
    fc.assert(fc.property(edited, same), { numRuns: 2000 });
  });
});
