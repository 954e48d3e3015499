/**
 * Benchmark case "cli-format": the `vmfilter` command in bulk, `vmfilter format --file <file> >
 * out.txt`, on 100 000 saved searches (bench/searches.mjs: 1 to 5 conditions, URL form and bare,
 * 1 % broken; seeded). What is timed is what a user waits for: the wall time of the real binary
 * (`node dist/cli/main.js`), spawned, node's start-up included. Target: **≥ 100 000 lines/s**.
 *
 * Subjects, each spawned `ROUNDS` times, alternating (the order flips every round), after one
 * untimed warm-up run each (the file and node's binary in the page cache):
 * - `node -e ""`: node's own start-up, the floor of any command;
 * - `vmfilter --version`: the CLI's start-up (node + loading vmfilter, Chevrotain and its
 *   dependencies), no filter;
 * - `vmfilter format --file`: the bulk run, stdout to a file, stderr (the broken lines' messages
 *   and the summary) to a pipe.
 *
 * Rows: the three wall times, then the bulk run's lines per second counted three ways: the wall
 * time, the wall time minus node's start-up, and minus the CLI's start-up (the driver and the
 * per-line work alone). The `target` column compares the wall time with the 1 s that 100 000
 * lines at 100 000 lines/s allow. Before timing, the first run's output is checked: 100 000 lines
 * and the summary's exact counts. Run by bench/run.mjs; prints `BENCH_RESULT <json>` rows.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, quantile } from "./measure.mjs";
import { makeSearches } from "./searches.mjs";

const LINES = 100_000;
const ROUNDS = Number(process.env.VMFILTER_BENCH_ROUNDS ?? 5);
const TARGET_LINES_PER_SEC = 100_000;

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "vmfilter-bench-cli-"));
const input = join(dir, "searches.txt");
const output = join(dir, "canonical.txt");

const { lines, bad } = makeSearches(LINES);
const text = `${lines.join("\n")}\n`;
writeFileSync(input, text);
const bytes = Buffer.byteLength(text);

/** Spawns one subject; returns the wall time in ns and what it wrote to stderr. */
function spawnTimed(args, stdoutFile) {
  const fd = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
  try {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", fd, "pipe"], encoding: "utf8", maxBuffer: 64 << 20 });
    const ns = Number(process.hrtime.bigint() - start);
    if (child.error) throw child.error;
    return { ns, status: child.status, stderr: child.stderr };
  } finally {
    if (typeof fd === "number") closeSync(fd);
  }
}

const subjects = {
  node: () => spawnTimed(["-e", ""]),
  startup: () => spawnTimed([bin, "--version"]),
  format: () => spawnTimed([bin, "format", "--file", input], output),
};

try {
  // Warm-up, and the check that the bulk run does what it should.
  subjects.node();
  subjects.startup();
  const first = subjects.format();
  const summary = first.stderr.trimEnd().split("\n").at(-1);
  const expected = `vmfilter format: ${LINES} lines: ${LINES - bad} ok (0 with warnings), ${bad} with errors, 0 blank (`;
  const written = readFileSync(output, "utf8");
  const outLines = written.endsWith("\n") ? written.split("\n").length - 1 : -1;
  if (first.status !== 1 || !summary?.startsWith(expected) || outLines !== LINES) {
    throw new Error(`the bulk run is not what it should be: exit ${first.status}, ${outLines} lines out, summary ${JSON.stringify(summary)}, expected ${JSON.stringify(expected)}`);
  }
  process.stderr.write(`cli-format: ${LINES} searches (${(bytes / 1e6).toFixed(1)} MB, ${bad} broken); ${ROUNDS} rounds\n`);

  const times = { node: [], startup: [], format: [] };
  const driverSeconds = []; // the summary's own timing: reading, processing and writing the lines
  const names = Object.keys(subjects);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const r = subjects[name]();
      times[name].push(r.ns);
      if (name === "format") driverSeconds.push(Number(/\((\d+\.\d+) s/.exec(r.stderr.trimEnd().split("\n").at(-1))?.[1]));
    }
  }

  const med = Object.fromEntries(names.map((n) => [n, median(times[n])]));
  const spread = (values) => (quantile(values, 0.75) - quantile(values, 0.25)) / median(values);
  const budgetNs = (LINES / TARGET_LINES_PER_SEC) * 1e9;
  const row = (parser, ns, values, extra = {}) => ({
    case: "cli-format",
    input: `${LINES / 1000}k searches`,
    bytes,
    parser,
    nsPerOp: ns,
    opsPerSec: 1e9 / ns,
    mbPerSec: (bytes * 1e3) / ns,
    spread: spread(values),
    rounds: values.length,
    ...extra,
  });
  const perLine = (ns) => ({ items: LINES, itemUnit: "line", nsPerItem: ns / LINES, itemsPerSec: (LINES * 1e9) / ns, linesPerSec: (LINES * 1e9) / ns });
  const minus = (a, b) => a.map((v, i) => v - b[i]);
  const rows = [
    row('node -e "" (start-up floor)', med.node, times.node),
    row("vmfilter --version (CLI start-up)", med.startup, times.startup),
    row("format --file, wall", med.format, times.format, { ...perLine(med.format), ratio: med.format / budgetNs, ratioTo: "1 s budget", target: 1 }),
    row("format --file − node start-up", med.format - med.node, minus(times.format, times.node), { ...perLine(med.format - med.node), ratio: (med.format - med.node) / budgetNs, ratioTo: "1 s budget", target: 1 }),
    row("format --file − CLI start-up", med.format - med.startup, minus(times.format, times.startup), perLine(med.format - med.startup)),
    row("format, the summary's own time", median(driverSeconds) * 1e9, driverSeconds, perLine(median(driverSeconds) * 1e9)),
  ];
  for (const r of rows) process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`);
  const rate = (ns) => Math.round((LINES * 1e9) / ns).toLocaleString("en-US");
  process.stderr.write(
    `cli-format: node -e "" ${(med.node / 1e6).toFixed(0)} ms, --version ${(med.startup / 1e6).toFixed(0)} ms, format --file ${(med.format / 1e6).toFixed(0)} ms: ` +
      `${rate(med.format)} lines/s wall, ${rate(med.format - med.node)} without node's start-up, ${rate(med.format - med.startup)} without the CLI's (target ${TARGET_LINES_PER_SEC.toLocaleString("en-US")})\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
