/**
 * Runs the fuzz property over one input family with a given count and seed, and saves a shrunk
 * counterexample to test/fixtures/fuzz-regressions.json (which test/fuzz/fuzz.test.ts replays).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { checkInput } from "./harness.js";

/** The regression fixtures file. */
export const REGRESSIONS_FILE = fileURLToPath(new URL("../fixtures/fuzz-regressions.json", import.meta.url));

/** One saved counterexample. */
export interface Regression {
  readonly input: string;
  /** The family and seed that found it. */
  readonly found: string;
  /** What broke (first line of the failure). */
  readonly failure: string;
}

/** The saved counterexamples. */
export function readRegressions(): Regression[] {
  return JSON.parse(readFileSync(REGRESSIONS_FILE, "utf8")) as Regression[];
}

/** Outcome of one family's run. */
export interface FamilyResult {
  readonly family: string;
  readonly runs: number;
  readonly seed: number;
  readonly ms: number;
  /** The shrunk counterexample, when the property failed. */
  readonly counterexample?: string;
  readonly failure?: string;
}

/** Runs `runs` inputs of `arbitrary`; on failure, saves the shrunk input when `save` is set. */
export function fuzzFamily(family: string, arbitrary: fc.Arbitrary<string>, runs: number, seed: number, save: boolean): FamilyResult {
  const start = performance.now();
  const details = fc.check(fc.property(arbitrary, (input) => checkInput(input)), { numRuns: runs, seed });
  const ms = performance.now() - start;
  if (!details.failed || details.counterexample === null) return { family, runs: details.numRuns, seed, ms };
  const input = details.counterexample[0];
  const failure = details.errorInstance instanceof Error ? details.errorInstance.message.split("\n")[0] ?? "" : String(details.errorInstance);
  if (save) {
    const saved = readRegressions();
    if (!saved.some((r) => r.input === input)) {
      saved.push({ input, found: `${family}, seed ${seed}`, failure });
      writeFileSync(REGRESSIONS_FILE, `${JSON.stringify(saved, null, 2)}\n`);
    }
  }
  return { family, runs: details.numRuns, seed, ms, counterexample: input, failure: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance) };
}
