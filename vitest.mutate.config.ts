import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run mutate` (Stryker): only the test files that exercise the mutated modules (syntax,
 * print, validate, run), so that each mutant's run stays short. The database, browser and
 * long-running (bulk CLI, fuzz, security limits) suites are left out: they test other modules.
 */
export default defineConfig({
  // every property at most a few hundred runs (test/helpers/fast-check-capped.ts)
  resolve: { alias: [{ find: /^fast-check$/, replacement: fileURLToPath(new URL("test/helpers/fast-check-capped.ts", import.meta.url)) }] },
  test: {
    // STRYKER_TESTS (comma-separated globs) narrows them further for one area's run, e.g.
    // STRYKER_TESTS='test/syntax/**/*.test.ts,test/grammar/*.test.ts,test/package/diagnostics-examples.test.ts'
    // for the parser
    include: process.env.STRYKER_TESTS?.split(",") ?? ["test/syntax/**/*.test.ts", "test/print/**/*.test.ts", "test/validate/**/*.test.ts", "test/run/*.test.ts", "test/package/diagnostics-examples.test.ts"],
    // the SQL differential test (three engines, minutes) and the two files that start PostgreSQL
    // (PGlite: seconds per start, 8-10 s a mutant): they check the engines' answers, and the SQL
    // text they would catch is pinned by sql-snapshot, sql-dialect-text and sql-number-plans
    exclude: ["test/run/sql-differential.test.ts", "test/run/sql-hostile.test.ts", "test/run/sql-explain.test.ts", "**/node_modules/**"],
    testTimeout: 60_000,
    // Stryker's instrumented copy of src/ opens with its own `new Function("return this")`, which
    // the scan of src/run for eval and Function (test/run/compile.test.ts) rightly refuses; that
    // scan checks the sources as written, not mutants, so it is left out here.
    // The two megabyte tests of test/syntax/limits.test.ts (7 s a run, and every parser mutant is
    // covered by them) are left out too: the 100 000-level, 64 KiB and 1 MB-of-conditions tests
    // that stay reach most of the same code at a tenth of the cost (STRYKER_FULL_LIMITS=1 keeps them, for a
    // run on lexHead's lines in src/syntax/parse.ts, which only they reach at its boundaries).
    testNamePattern: process.env.STRYKER_FULL_LIMITS
      ? /^(?!.*the run layer's source has no eval)/
      : /^(?!.*(?:the run layer's source has no eval|answers 1 MB of one repeated character|a value longer than 64 KiB gives the same diagnostics))/,
  },
});
