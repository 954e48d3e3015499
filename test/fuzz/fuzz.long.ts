/**
 * `npm run fuzz` (not in CI): the fuzz property over VMFILTER_FUZZ_RUNS inputs (default 1 000 000,
 * a third per family), in batches of 50 000 with seeds VMFILTER_FUZZ_SEED + batch number (the base
 * seed is printed). A shrunk counterexample is saved to test/fixtures/fuzz-regressions.json, which
 * `npm test` replays; the run then fails.
 */
import { describe, expect, it } from "vitest";
import { grammarInput, mutatedInput, unicodeInput } from "./harness.js";
import { fuzzFamily } from "./runner.js";

const TOTAL = Math.max(3, Number(process.env.VMFILTER_FUZZ_RUNS ?? 1_000_000) || 1_000_000);
const SEED = process.env.VMFILTER_FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.VMFILTER_FUZZ_SEED);
const BATCH = 50_000;

console.log(`fuzz: ${TOTAL} inputs, base seed ${SEED} (VMFILTER_FUZZ_SEED=${SEED} replays this run)`);

describe(`fuzz (${TOTAL} inputs, seed ${SEED})`, () => {
  for (const [family, arbitrary] of [["unicode", unicodeInput], ["mutated", mutatedInput], ["grammar", grammarInput]] as const) {
    it(`${family}: ${Math.ceil(TOTAL / 3)} inputs`, () => {
      let left = Math.ceil(TOTAL / 3);
      let batch = 0;
      let done = 0;
      let ms = 0;
      while (left > 0) {
        const runs = Math.min(BATCH, left);
        const seed = (SEED + batch) % 2 ** 31;
        const result = fuzzFamily(family, arbitrary, runs, seed, true);
        done += result.runs;
        ms += result.ms;
        if (result.failure !== undefined) {
          console.log(`fuzz ${family}: FAILED at seed ${seed}: ${JSON.stringify(result.counterexample)} (saved)\n${result.failure}`);
          expect.fail(`${family}, seed ${seed}: ${result.failure}`);
        }
        left -= runs;
        batch += 1;
      }
      console.log(`fuzz ${family}: ${done} inputs passed in ${(ms / 1000).toFixed(1)} s (seeds ${SEED}..${SEED + batch - 1})`);
    }, 24 * 3600_000);
  }
});
