/**
 * Benchmark case "cold-start" (issue 8): what a short-lived process pays to use vmfilter. A fresh
 * `node` process that imports vmfilter (dist/index.js, as `import { parse } from "vmfilter"` loads
 * it) and parses one small filter, against a fresh process that only starts node (`node -e 0`).
 * Target: **≤ 1.5× the bare start**.
 *
 * Subjects, each spawned `ROUNDS` times with `spawnSync`, alternating (the order flips every
 * round), after two untimed runs each (node's binary and the files in the page cache); the wall
 * time from spawn to exit, medians:
 * - `node -e 0`: node's own start-up, the floor of any command;
 * - `node --input-type=module -e 0`: the same with node's ES module loader started, for
 *   information (vmfilter is an ES module, so the loader is part of importing it);
 * - `node --input-type=module -e "import { parse } from '<dist/index.js>'; …parse(…)…"`: import
 *   and one parse of `where=(name+CP+'%25web%25')+AND+NOT+(state+EQ+'stopped')`; the child checks
 *   the tree and exits 0, which is checked.
 *
 * Run by bench/run.mjs (no JIT state to keep apart here: every subject is its own process);
 * prints `BENCH_RESULT <json>` rows.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { emit, median, quantile } from "./measure.mjs";

const ROUNDS = Number(process.env.VMFILTER_BENCH_COLD_ROUNDS ?? 15);
const TARGET = 1.5;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = pathToFileURL(join(root, "dist", "index.js")).href;
const FILTER = "where=(name+CP+'%25web%25')+AND+NOT+(state+EQ+'stopped')";
const program =
  `import { parse } from ${JSON.stringify(entry)};` +
  `const { query, diagnostics } = parse(${JSON.stringify(FILTER)});` +
  `if (diagnostics.length > 0 || query.where.kind !== "And") process.exit(3);`;

const subjects = {
  "node -e 0": ["-e", "0"],
  "node, ES module loader, no import": ["--input-type=module", "-e", "0"],
  "import vmfilter + parse one filter": ["--input-type=module", "-e", program],
};

function spawnTimed(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ns = Number(process.hrtime.bigint() - start);
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`node ${args.join(" ").slice(0, 80)} exited with ${child.status}: ${child.stderr}`);
  return ns;
}

const names = Object.keys(subjects);
for (let k = 0; k < 2; k++) for (const n of names) spawnTimed(subjects[n]);
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const n of round % 2 === 0 ? names : [...names].reverse()) times[n].push(spawnTimed(subjects[n]));
}
const bare = median(times["node -e 0"]);
for (const n of names) {
  const ns = median(times[n]);
  const ratio = ns / bare;
  emit({
    case: "cold-start",
    input: "fresh process",
    bytes: n.startsWith("import") ? FILTER.length : 0,
    parser: n,
    nsPerOp: ns,
    opsPerSec: 1e9 / ns,
    spread: (quantile(times[n], 0.75) - quantile(times[n], 0.25)) / ns,
    rounds: ROUNDS,
    ...(n === "node -e 0" ? {} : { ratio, ratioTo: "node -e 0" }),
    ...(n.startsWith("import") ? { targets: [{ id: "cold-start/ratio", what: "cold start: import vmfilter + parse / node -e 0", value: ratio, limit: TARGET, cmp: "<=", unit: "×" }] } : {}),
  });
}
process.stderr.write(`cold-start: ${names.map((n) => `${n} ${(median(times[n]) / 1e6).toFixed(1)} ms`).join(", ")}; ratio ${(median(times[names[2]]) / bare).toFixed(2)}× (target ≤ ${TARGET}×)\n`);
