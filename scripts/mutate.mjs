#!/usr/bin/env node
// `npm run mutate [-- area…]`: Stryker, area by area, each with the tests of its own layer, then a
// table of the scores (docs/quality.md). Areas: print, validate, syntax, parser, run (all when none
// is named). Each area is two Stryker runs:
//
// 1. per-test coverage (`--ignoreStatic`): every mutant runs only the tests that reach it;
// 2. the area's static mutants again (module-level code: token definitions, tables) with coverage
//    analysis off, so that each is switched on before its module loads. In the first run Stryker
//    9.6's vitest runner switches them on after the import (stryker-js#6144) and counts them as
//    survivors whatever the tests do; their results come from this second run.
//
// Reports: reports/mutation/<area>.json and <area>-static.json (and .html). `--summary` prints the
// table from existing reports without running anything; `--concurrency=N` sets Stryker's test
// runners (2). Takes hours on two cores (docs/quality.md has each area's time).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const SYNTAX_TESTS = ["test/syntax/**/*.test.ts", "test/grammar/*.test.ts", "test/package/diagnostics-examples.test.ts"];

/** The areas: what is mutated, and which tests run (undefined: vitest.mutate.config.ts's whole set). */
const AREAS = {
  print: { mutate: ["src/print/*.ts"] },
  validate: { mutate: ["src/validate/*.ts", "src/validate/rules/*.ts"] },
  syntax: { mutate: ["src/syntax/tokens.ts", "src/syntax/tree-builder.ts", "src/syntax/depth.ts"], tests: SYNTAX_TESTS },
  parser: { mutate: ["src/syntax/parser.ts", "src/syntax/url.ts", "src/syntax/parse.ts"], tests: SYNTAX_TESTS },
  run: { mutate: ["src/run/*.ts", "src/run/sql/*.ts"], tests: ["test/run/*.test.ts"] },
};

const args = process.argv.slice(2);
const summaryOnly = args.includes("--summary");
const concurrency = args.find((a) => a.startsWith("--concurrency="))?.slice("--concurrency=".length) ?? "2";
const names = args.filter((a) => !a.startsWith("--"));
for (const name of names) if (!(name in AREAS)) throw new Error(`unknown area ${name}; areas: ${Object.keys(AREAS).join(", ")}`);
const selected = names.length > 0 ? names : Object.keys(AREAS);

const reportPath = (name, ext = "json") => join(root, "reports", "mutation", `${name}.${ext}`);

/**
 * A run's report as `{ files: { [file]: { mutants } } }`: Stryker's JSON report, or, for a run
 * stopped before its end, the lines scripts/stryker-progress-reporter.mjs wrote as it went.
 */
function readReport(name) {
  if (existsSync(reportPath(name))) return JSON.parse(readFileSync(reportPath(name), "utf8"));
  if (!existsSync(reportPath(name, "jsonl"))) return undefined;
  const files = {};
  for (const line of readFileSync(reportPath(name, "jsonl"), "utf8").split("\n")) {
    if (line === "") continue;
    const mutant = JSON.parse(line);
    (files[mutant.file] ??= { mutants: [] }).mutants.push(mutant);
  }
  return { files, partial: true };
}

function stryker(report, mutate, tests, extra) {
  const env = { ...process.env, STRYKER_REPORT: report, STRYKER_MUTATE: mutate.join(",") };
  if (tests) env.STRYKER_TESTS = tests.join(",");
  else delete env.STRYKER_TESTS;
  const started = Date.now();
  const child = spawnSync("npx", ["stryker", "run", "stryker.config.mjs", "--concurrency", concurrency, ...extra], { cwd: root, env, stdio: "inherit" });
  if (child.status !== 0) throw new Error(`stryker (${report}) exited with ${child.status}`);
  console.error(`mutate: ${report} took ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

/** `file:from-to` ranges covering the lines of the report's static mutants, or [] when it has none. */
function staticRanges(report) {
  const ranges = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const lines = [...new Set(mutants.filter((m) => m.static).flatMap((m) => [m.location.start.line, m.location.end.line]))].sort((a, b) => a - b);
    let from;
    let to;
    for (const line of lines) {
      if (from !== undefined && line <= to + 1) to = line;
      else {
        if (from !== undefined) ranges.push(`${file}:${from}-${to}`);
        from = to = line;
      }
    }
    if (from !== undefined) ranges.push(`${file}:${from}-${to}`);
  }
  return ranges;
}

const key = (file, m) => `${file}:${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement}`;
const DETECTED = new Set(["Killed", "Timeout"]);
const COUNTED = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

/** Per file: each mutant's final status, static ones taken from the static run; whether the run was stopped early. */
function combined(area) {
  const main = readReport(area);
  if (!main) return undefined;
  const again = new Map();
  const rerun = readReport(`${area}-static`);
  for (const [file, { mutants }] of Object.entries(rerun?.files ?? {})) for (const m of mutants) again.set(key(file, m), m.status);
  const files = {};
  for (const [file, { mutants }] of Object.entries(main.files)) {
    files[file] = mutants.map((m) => ({ status: m.static ? (again.get(key(file, m)) ?? "Unmeasured") : m.status, static: m.static === true }));
  }
  return { files, partial: main.partial === true };
}

function summary() {
  const rows = [["area / file", "mutants", "killed", "timeout", "survived", "no coverage", "static unmeasured", "score"]];
  const line = (label, list) => {
    const count = (s) => list.filter((m) => m.status === s).length;
    const counted = list.filter((m) => COUNTED.has(m.status)).length;
    const detected = list.filter((m) => DETECTED.has(m.status)).length;
    rows.push([label, counted, count("Killed"), count("Timeout"), count("Survived"), count("NoCoverage"), count("Unmeasured"), counted ? `${((100 * detected) / counted).toFixed(1)} %` : "-"]);
  };
  for (const area of selected) {
    const { files, partial } = combined(area) ?? {};
    if (!files) {
      rows.push([area, "no report"]);
      continue;
    }
    line(`${area} (all)${partial ? ", stopped before the end" : ""}`, Object.values(files).flat());
    for (const [file, list] of Object.entries(files)) line(`  ${file}`, list);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? String(c ?? "").padEnd(widths[i]) : String(c ?? "").padStart(widths[i]))).join("  "));
}

if (!summaryOnly) {
  for (const area of selected) {
    const { mutate, tests } = AREAS[area];
    // an earlier run's reports must not stand in for this one's (a stopped run is read from its .jsonl)
    for (const name of [area, `${area}-static`]) for (const ext of ["json", "jsonl"]) rmSync(reportPath(name, ext), { force: true });
    stryker(area, mutate, tests, ["--ignoreStatic"]);
    const ranges = staticRanges(readReport(area));
    if (ranges.length > 0) stryker(`${area}-static`, ranges, tests, ["--coverageAnalysis", "off"]);
  }
}
summary();
