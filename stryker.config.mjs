// @ts-check
/**
 * Mutation testing: Stryker 9 with the vitest runner on the parser, printer, validator and
 * compilers. `npm run mutate` (scripts/mutate.mjs) runs it area by area through the variables
 * below; by hand: STRYKER_MUTATE (comma-separated globs, `file:from-to` for lines) narrows the
 * files, STRYKER_TESTS the test files (vitest.mutate.config.ts), e.g.
 * `STRYKER_MUTATE='src/print/*.ts' npx stryker run stryker.config.mjs --ignoreStatic`. Reports go to reports/mutation/ (named after
 * STRYKER_REPORT when set, so that runs on different areas can run side by side).
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
const files = process.env.STRYKER_MUTATE?.split(",") ?? [
  "src/syntax/parser.ts",
  "src/syntax/tree-builder.ts",
  "src/syntax/tokens.ts",
  "src/syntax/url.ts",
  "src/syntax/parse.ts",
  "src/print/*.ts",
  "src/validate/*.ts",
  "src/run/*.ts",
  "src/run/sql/*.ts",
];

const report = process.env.STRYKER_REPORT ?? "mutation";

export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner", "./scripts/stryker-progress-reporter.mjs"],
  mutate: files,
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress-append-only", "html", "json", "progress-jsonl"],
  htmlReporter: { fileName: `reports/mutation/${report === "mutation" ? "index" : report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: report === "mutation" ? ".stryker-tmp" : `.stryker-tmp-${report}`,
  cleanTempDir: true,
  // other runs' sandboxes too (runs on different areas go side by side)
  ignorePatterns: ["dist", "coverage", "reports", "test-results", "bench/results", "playground-dist", "docs/api", ".stryker-tmp*"],
};
