/**
 * The benchmark runner: `npm run bench` (all cases) or `npm run bench -- parse` (one case).
 *
 * 1. Self-check (bench/check.mjs, in this process): on every input of bench/inputs.mjs, vmfilter
 *    reports no diagnostics, prints the input back unchanged (the inputs are canonical), and the
 *    baseline's tree equals vmfilter's exactly: same keys, kinds, values, raw texts and locations.
 * 2. Runs each `bench/<name>.bench.mjs` in its own `node --expose-gc` child process, one after the
 *    other, so no JIT state leaks between cases, and collects its `BENCH_RESULT <json>` lines.
 * 3. Prints one table to stdout and writes the rows to bench/results/latest.json (git-ignored).
 * Exit code 1 when the self-check fails or a case fails; the table is printed all the same.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { selfCheck } from "./check.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function runCase(file) {
  const started = Date.now();
  const child = spawnSync(process.execPath, ["--expose-gc", join(here, file)], {
    cwd: join(here, ".."),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 150_000,
    maxBuffer: 16 << 20,
  });
  const rows = [];
  for (const line of (child.stdout ?? "").split("\n")) {
    if (line.startsWith("BENCH_RESULT ")) rows.push(JSON.parse(line.slice("BENCH_RESULT ".length)));
  }
  const ok = child.status === 0 && !child.error;
  if (!ok) console.error(`bench: ${file} failed (status ${child.status}${child.error ? `, ${child.error.message}` : ""})`);
  return { ok, rows, seconds: (Date.now() - started) / 1000 };
}

function fmt(n, digits = 0) {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(rows) {
  // each row may carry a ratio to another row of its case (`ratioTo`) and the target for that ratio;
  // rows that time a pass over many items (`items` per op, e.g. records) also get a per-item column
  const perItem = rows.some((r) => r.items !== undefined);
  const header = ["case", "input", "bytes", "parser", "ops/s", "MB/s", "µs/op", "±IQR", "ratio", "target", ...(perItem ? ["per item"] : [])];
  const body = rows.map((r) => [
    r.case,
    r.input,
    fmt(r.bytes),
    r.parser,
    fmt(r.opsPerSec),
    fmt(r.mbPerSec, 1),
    fmt(r.nsPerOp / 1e3, r.nsPerOp < 1e5 ? 2 : 1),
    `${fmt(r.spread * 100, 0)}%`,
    r.ratio === undefined ? "" : `${fmt(r.ratio, 2)}× ${r.ratioTo ?? "baseline"}`,
    r.ratio === undefined || r.target === undefined ? "" : `≤${r.target}× ${r.ratio <= r.target ? "met" : "not met"}`,
    ...(perItem ? [r.items === undefined ? "" : `${fmt(r.nsPerOp / r.items, 1)} ns/${r.itemUnit ?? "item"}, ${fmt((r.items * 1e3) / r.nsPerOp, 2)} M/s`] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const numeric = [false, false, true, false, true, true, true, true, true, false, true];
  const line = (cells) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

const wanted = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => !wanted || f === `${wanted}.bench.mjs` || f === wanted)
  .sort();
if (files.length === 0) {
  console.error(`bench: no case named '${wanted}' (cases: ${readdirSync(here).filter((f) => f.endsWith(".bench.mjs")).join(", ")})`);
  process.exit(2);
}

let failed = false;
const problems = await selfCheck();
if (problems.length > 0) {
  failed = true;
  console.error("bench: SELF-CHECK FAILED, the comparison is not fair:");
  for (const p of problems) console.error(`  - ${p}`);
} else console.error("bench: self-check passed (baseline tree = vmfilter tree on small, medium and large; inputs canonical)");

const rows = [];
let seconds = 0;
for (const file of files) {
  const result = runCase(file);
  rows.push(...result.rows);
  seconds += result.seconds;
  if (!result.ok) failed = true;
}

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`vmfilter benchmarks — node ${process.version}, ${cpus().length} × ${cpu}, ${new Date().toISOString()}${problems.length ? " — SELF-CHECK FAILED" : ""}`);
console.log(table(rows));
console.log(`(medians of timed rounds; MB = 10^6 bytes of the URL-form input, or of the records as JSON for "k hosts" rows; ±IQR = interquartile range / median; ${fmt(seconds, 1)} s)`);

mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(
  join(here, "results", "latest.json"),
  JSON.stringify({ node: process.version, cpu, cpus: cpus().length, date: new Date().toISOString(), selfCheck: problems, rows }, null, 2) + "\n",
);
process.exit(failed ? 1 : 0);
