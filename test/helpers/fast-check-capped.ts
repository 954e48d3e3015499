/**
 * fast-check for mutation runs only (vitest.mutate.config.ts aliases `fast-check` to this file):
 * the real library with `fc.assert` capped at {@link MUTATION_RUNS} runs per property. A mutant
 * that survives runs every test that covers it to the end, and the properties' thousands of runs
 * made that minutes per mutant; a few hundred runs kill what they kill. The cap only lowers the
 * score (a mutant a longer run would kill may survive), never raises it.
 * @module
 */
import fc from "../../node_modules/fast-check/lib/fast-check.js";

export * from "../../node_modules/fast-check/lib/fast-check.js";

/** Runs per property in a mutation run (`STRYKER_FC_RUNS`, 200 unless set). */
export const MUTATION_RUNS = Number(process.env.STRYKER_FC_RUNS ?? 200);

const assert: typeof fc.assert = (property: Parameters<typeof fc.assert>[0], params?: Parameters<typeof fc.assert>[1]) =>
  fc.assert(property as never, { ...params, numRuns: Math.min(params?.numRuns ?? 100, MUTATION_RUNS) } as never) as never;

export default { ...fc, assert };
