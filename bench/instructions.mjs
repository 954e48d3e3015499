#!/usr/bin/env node
/**
 * Instructions per parse, counted by valgrind: a noise-free figure for comparing two builds or
 * vmfilter with the hand-written baseline on this shared VM, where wall-clock ratios move by 2×
 * between runs. By hand, not part of `npm run bench` (it needs Debian's `valgrind` and takes about
 * a minute per subject and input).
 *
 *   node bench/instructions.mjs [medium|large|small ...]      (default: medium large)
 *   VMFILTER_MODULE=/path/to/other/index.js node bench/instructions.mjs large   (another build)
 *
 * How: `node --predictable` (V8's deterministic mode: JIT compilation and GC on the main thread,
 * no time-based heuristics, so every run takes the same path whatever the machine's load) runs the
 * parse of one input under `valgrind --tool=cachegrind --cache-sim=no`, which counts executed
 * instructions. Each subject runs twice, with a warm-up and then N1 and N2 parses; the difference
 * divided by N2 − N1 is the instruction count of one warm parse, start-up and warm-up cancelled
 * out. Two runs of the same build agree within 0.01 %, also on a loaded machine. What it does not
 * see: cache misses, and GC as it runs in a normal process (concurrent, on helper threads), which
 * the wall-clock suite (bench/run.mjs) does. Prints one line per subject and input, and the ratio
 * to the baseline.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = {
  vmfilter: process.env.VMFILTER_MODULE ?? join(here, "..", "dist", "index.js"),
  baseline: join(here, "baseline-parser.mjs"),
};
/** Warm-up parses, then the two timed counts, per input (the large input's parses are 100× longer). */
const PLAN = { small: [400, 200, 1000], medium: [300, 100, 400], large: [40, 5, 25], "1mb": [3, 1, 4] };

// The child: parse one input `warm + n` times with the module given.
if (process.argv[2] === "--child") {
  const [, , , modulePath, name, warm, n] = process.argv;
  const { parse } = await import(modulePath);
  const { makeInputs, PARSE_OPTIONS } = await import("./inputs.mjs");
  const [{ input }] = makeInputs([name]);
  for (let i = 0; i < Number(warm) + Number(n); i++) parse(input, PARSE_OPTIONS);
  process.exit(0);
}

try {
  execFileSync("valgrind", ["--version"], { stdio: "ignore" });
} catch {
  console.error("bench/instructions: valgrind is not installed (Debian: apt-get install valgrind).");
  process.exit(2);
}

/** Instructions of one child run. */
function count(modulePath, name, warm, n) {
  const r = spawnSync(
    "valgrind",
    ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", process.execPath, "--predictable", fileURLToPath(import.meta.url), "--child", modulePath, name, String(warm), String(n)],
    { encoding: "utf8" },
  );
  const match = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !match) throw new Error(`valgrind run failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return Number(match[1].replaceAll(",", ""));
}

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["medium", "large"];
for (const name of names) {
  const plan = PLAN[name];
  if (!plan) throw new Error(`no input named '${name}' (inputs: ${Object.keys(PLAN).join(", ")})`);
  const [warm, n1, n2] = plan;
  const perOp = {};
  for (const [subject, modulePath] of Object.entries(modules)) {
    perOp[subject] = (count(modulePath, name, warm, n2) - count(modulePath, name, warm, n1)) / (n2 - n1);
    console.log(`${name.padEnd(7)} ${subject.padEnd(9)} ${Math.round(perOp[subject]).toLocaleString("en-US").padStart(12)} instructions per parse`);
  }
  console.log(`${name.padEnd(7)} ratio     ${(perOp.vmfilter / perOp.baseline).toFixed(2)}× the baseline`);
}
