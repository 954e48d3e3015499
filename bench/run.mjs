/**
 * The benchmark runner: `npm run bench` (all cases) or `npm run bench -- parse` (one case; several
 * may be named). `node bench/run.mjs` does the same without rebuilding dist/.
 *
 * 1. Self-check (bench/selfcheck.mjs, in this process): on every input of bench/inputs.mjs,
 *    vmfilter reports no diagnostics, prints the input back unchanged (the inputs are canonical),
 *    the baseline's tree equals vmfilter's exactly, and every peer library reads the same filter
 *    in its own syntax.
 * 2. Runs each `bench/<name>.bench.mjs` in its own `node --expose-gc` child process, one after the
 *    other, so no JIT state leaks between cases, and collects its `BENCH_RESULT <json>` lines.
 * 3. Prints one table to stdout, then every target of issues 8 and 9 with its figure (met / not met), and
 *    writes the rows to bench/results/latest.json (git-ignored), which bench/check.mjs can read.
 * Exit code 1 when the self-check fails or a case fails; the table is printed all the same.
 * Targets do not change the exit code: bench/check.mjs does that. The workspace may be shared: a
 * case that fails while dist/ is being rebuilt is run once more after the build settles.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { selfCheck } from "./selfcheck.mjs";

const here = dirname(fileURLToPath(import.meta.url));

const dist = join(here, "..", "dist", "index.js");

/** dist/index.js's modification time, or undefined while it is missing (someone rebuilding). */
function distTime() {
  try {
    return statSync(dist).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Waits (up to 3 minutes) until dist/index.js exists and has not changed for 2 s. */
function waitForDist() {
  const deadline = Date.now() + 180_000;
  let last = distTime();
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const now = distTime();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (now !== undefined && Date.now() - stableSince >= 2000) return true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  return false;
}

/**
 * Runs one case; when it fails while dist/ was being rebuilt (dist/index.js missing or changed
 * during the run: the workspace is shared), waits for the build to settle and runs it once more.
 */
function runCase(file) {
  const before = distTime();
  const first = runCaseOnce(file);
  if (first.ok || (distTime() === before && before !== undefined)) return first;
  console.error(`bench: dist/ changed while ${file} ran (a rebuild); running it again`);
  if (!waitForDist()) return first;
  const second = runCaseOnce(file);
  return { ...second, seconds: first.seconds + second.seconds };
}

function runCaseOnce(file) {
  const started = Date.now();
  const child = spawnSync(process.execPath, ["--expose-gc", join(here, file)], {
    cwd: join(here, ".."),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 180_000,
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

/** Bytes in binary units: 612 B, 30.6 KiB, 3.12 MiB. */
export function fmtBytes(n) {
  if (n < 1024) return `${fmt(n)} B`;
  if (n < 1024 * 1024) return `${fmt(n / 1024, n < 10 * 1024 ? 2 : 1)} KiB`;
  return `${fmt(n / (1024 * 1024), n < 10 * 1024 * 1024 ? 2 : 1)} MiB`;
}

/** A target's figure and limit as text: `5.41×`, `3.12 MiB`, `140 MB/s`. */
export function fmtTarget(value, unit) {
  if (unit === "bytes") return fmtBytes(value);
  if (unit === "×") return `${fmt(value, 2)}×`;
  return `${fmt(value, value < 10 ? 2 : 0)} ${unit}`;
}

/** A target's figure, with one more digit when it would print like a limit it misses. */
export function fmtValue(target) {
  const text = fmtTarget(target.value, target.unit);
  if (text !== fmtTarget(target.limit, target.unit) || meets(target)) return text;
  return target.unit === "×" ? `${fmt(target.value, 3)}×` : target.unit === "bytes" ? `${fmt(target.value)} B` : `${fmt(target.value, 2)} ${target.unit}`;
}

/** Whether a target's value meets its limit (or its stretch limit). */
export function meets(target, limit = target.limit) {
  return target.cmp === ">=" ? target.value >= limit : target.value <= limit;
}

/**
 * The targets of the rows: each row's `targets` list, and for rows of the older form the single
 * `ratio` / `target` pair (a ratio at most `target`).
 */
export function targetsOf(rows) {
  const out = [];
  for (const r of rows) {
    if (r.targets) out.push(...r.targets.map((t) => ({ ...t, row: r })));
    else if (r.target !== undefined && r.ratio !== undefined) {
      out.push({ id: `${r.case}/${r.input}/${r.parser}`, what: `${r.case} ${r.input}: ${r.parser} / ${r.ratioTo ?? "baseline"}`, value: r.ratio, limit: r.target, cmp: "<=", unit: "×", row: r });
    }
  }
  return out;
}

function targetCell(r) {
  return targetsOf([r])
    .map((t) => {
      const sign = t.cmp === ">=" ? "≥" : "≤";
      const stretch = t.stretch === undefined ? "" : `, stretch ${sign}${fmtTarget(t.stretch, t.unit)} ${meets(t, t.stretch) ? "met" : "not met"}`;
      const label = t.id.endsWith("/alloc") ? "alloc " : t.id.endsWith("/linearity") ? "per byte " : "";
      return `${label}${sign}${fmtTarget(t.limit, t.unit)} ${meets(t) ? "met" : "NOT MET"}${stretch}`;
    })
    .join("; ");
}

function table(rows) {
  // Optional columns appear when some row has them: allocation, linearity, per item.
  const columns = [
    ["case", (r) => r.case],
    ["input", (r) => r.input],
    ["bytes", (r) => fmt(r.bytes), true],
    ["subject", (r) => r.parser],
    ["ops/s", (r) => (r.opsPerSec >= 100 ? fmt(r.opsPerSec) : fmt(r.opsPerSec, r.opsPerSec >= 10 ? 1 : 2)), true],
    ["MB/s", (r) => (r.mbPerSec === undefined ? "" : fmt(r.mbPerSec, r.mbPerSec < 1 ? 2 : 1)), true],
    ["µs/op", (r) => fmt(r.nsPerOp / 1e3, r.nsPerOp < 1e5 ? 2 : 0), true],
    ["±IQR", (r) => `${fmt(r.spread * 100, 0)}%`, true],
    ...(rows.some((r) => r.allocBytesPerOp !== undefined) ? [["alloc/op", (r) => (r.allocBytesPerOp === undefined ? "" : fmtBytes(r.allocBytesPerOp)), true]] : []),
    [
      "ratio",
      (r) =>
        [...(r.ratio === undefined ? [] : [{ value: r.ratio, to: r.ratioTo ?? "baseline" }]), ...(r.ratios ?? [])]
          .map((x) => `${fmt(x.value, x.value < 100 ? 2 : 0)}× ${x.to}`)
          .join("; "),
    ],
    ...(rows.some((r) => r.linearity !== undefined) ? [["per byte", (r) => (r.linearity === undefined ? "" : `${fmt(r.linearity, 2)}× ${r.linearityTo}`)]] : []),
    ["target", targetCell],
    ...(rows.some((r) => r.items !== undefined)
      ? [["per item", (r) => (r.items === undefined ? "" : `${fmt(r.nsPerOp / r.items, 1)} ns/${r.itemUnit ?? "item"}, ${fmt((r.items * 1e3) / r.nsPerOp, 2)} M/s`)]]
      : []),
  ];
  const body = rows.map((r) => columns.map(([, cell]) => cell(r)));
  const header = columns.map(([h]) => h);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (columns[i][2] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** The list of targets under the table: one line each, with the figure. */
export function targetList(rows) {
  return targetsOf(rows).map((t) => {
    const sign = t.cmp === ">=" ? "≥" : "≤";
    const stretch = t.stretch === undefined ? "" : ` (stretch ${sign} ${fmtTarget(t.stretch, t.unit)}: ${meets(t, t.stretch) ? "met" : "not met"})`;
    return `  ${meets(t) ? "met    " : "NOT MET"}  ${t.what}: ${fmtValue(t)}, target ${sign} ${fmtTarget(t.limit, t.unit)}${stretch}`;
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  const all = readdirSync(here).filter((f) => f.endsWith(".bench.mjs")).sort();
  const files = all.filter((f) => wanted.length === 0 || wanted.some((w) => f === `${w}.bench.mjs` || f === w));
  if (files.length === 0 || (wanted.length > 0 && files.length < wanted.length)) {
    console.error(`bench: no case named '${wanted.join(" ")}' (cases: ${all.map((f) => f.slice(0, -".bench.mjs".length)).join(", ")})`);
    process.exit(2);
  }

  const started = Date.now();
  let failed = false;
  if (distTime() === undefined) {
    console.error("bench: dist/index.js is missing: waiting for a build (npm run build)");
    if (!waitForDist()) console.error("bench: still no dist/index.js");
  }
  const problems = await selfCheck();
  if (problems.length > 0) {
    failed = true;
    console.error("bench: SELF-CHECK FAILED, the comparison is not fair:");
    for (const p of problems) console.error(`  - ${p}`);
  } else console.error("bench: self-check passed (baseline tree = vmfilter tree on every input; inputs canonical; every peer reads its text)");

  const rows = [];
  const seconds = {};
  for (const file of files) {
    process.stderr.write(`bench: ${file} ...\n`);
    const result = runCase(file);
    rows.push(...result.rows);
    seconds[file.slice(0, -".bench.mjs".length)] = result.seconds;
    if (!result.ok) failed = true;
  }
  const total = (Date.now() - started) / 1000;

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`vmfilter benchmarks — node ${process.version}, ${cpus().length} × ${cpu}, ${new Date().toISOString()}${problems.length ? " — SELF-CHECK FAILED" : ""}`);
  console.log(table(rows));
  console.log(
    `(medians of timed rounds; MB = 10^6 bytes of the subject's own input text, of the printed text for format and toQueryString, of the records as JSON for "k hosts" rows; ±IQR = interquartile range / median; alloc/op = V8 heap bytes allocated per op; per byte = cost per byte / the next smaller input's)`,
  );
  const list = targetList(rows);
  if (list.length > 0) console.log(`targets (issues 8 and 9; bench/check.mjs fails on a NOT MET):\n${list.join("\n")}`);
  console.log(`time: ${Object.entries(seconds).map(([c, s]) => `${c} ${fmt(s, 1)} s`).join(", ")}; total ${fmt(total, 1)} s with the self-check`);

  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(
    join(here, "results", "latest.json"),
    JSON.stringify({ node: process.version, cpu, cpus: cpus().length, date: new Date().toISOString(), cases: files, seconds, total, selfCheck: problems, rows }, null, 2) + "\n",
  );
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
