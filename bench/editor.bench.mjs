/**
 * Benchmark case "editor" (issue 7): the editor services an editor calls on every keystroke,
 * `getDiagnostics` and `getCompletions` with the built-in vm.host schema, on a filter of about
 * 1 KB in URL form, against `parse` of the same text in the same run (the ratio column).
 * Completion is timed with the cursor mid-text (where a condition starts: the longest list, every
 * filterable field) and at the end of the text (after a condition: AND, OR, `&`).
 * Target: under 1 ms per call on the project's machine (an editor's keystroke budget); no timing asserts.
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; prints `BENCH_RESULT <json>` rows.
 */
import { getCompletions, getDiagnostics, parse, schemas, toQueryString } from "../dist/index.js";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

const schema = schemas.vm.host;
const options = { schema };

// About 1 KB in URL form: 35 comparisons over host fields of every kind, AND/OR/NOT and brackets.
const groups = [
  "((name CP '%web%') AND NOT (state EQ 'stopped'))",
  "((cluster EQ 3) AND (cpu_number GE 4) AND (ram_mib LT 65536))",
  "((account.email CP '%@example.com') AND (ip4.ip EQ '10.0.0.7'))",
  "NOT ((disabled EQ true) OR (os_name EQ 'CentOS'))",
  "((node.name EQ 'node-7') AND (domain CP '%.example.org') AND (id GT 1000))",
  "((comment CP '%backup%') AND (disk_count GE 2) AND (uptime GT 86400))",
  "((cluster.name EQ 'Main') AND (rescue_mode EQ false) AND (iso_mounted EQ false))",
  "((os_group EQ 'linux') AND (node.ip_addr CP '10.%') AND (disk.disk_mib GT 10240))",
  "((account.id EQ 7) AND (cluster.datacenter_type EQ 'kvm') AND (tags CP '%prod%'))",
  "((name CP 'db-%') AND (ram_mib GE 8192) AND NOT (node EQ 12))",
  "((ip6 CP '2001:db8:%') AND (os.id EQ 4) AND (disk.id NE 9))",
  "((state EQ 'active') AND (cpu_number LE 64) AND (comment IS null))",
  "NOT ((account.email CP '%@test.%') OR (cluster.id EQ 1))",
];
const decoded = groups.join(" OR ");
const input = `where=${toQueryString(parse(decoded).query).slice("where=".length)}&orderby=cluster.name+desc&limit=0,50`;
const mid = input.indexOf("((os_group") + 2; // where a condition starts, in the middle of the text
const end = input.indexOf("&orderby"); // after the last condition of the where

function check() {
  const diagnostics = getDiagnostics(input, options);
  const unexpected = diagnostics.filter((d) => d.code !== "multiple-sort-keys" && d.code !== "no-mixed-and-or");
  if (unexpected.length > 0) throw new Error(`the input has diagnostics, so an error path would be timed: ${JSON.stringify(unexpected.slice(0, 3))}`);
  if (getCompletions(input, mid, options).items.length < 30) throw new Error("mid-text completion is not at a field position");
  if (!getCompletions(input, end, options).items.some((i) => i.label === "AND")) throw new Error("end completion is not after a condition");
}
check();

const subjects = {
  parse: { op: () => parse(input).diagnostics.length },
  getDiagnostics: { op: () => getDiagnostics(input, options).length },
  "getCompletions mid": { op: () => getCompletions(input, mid, options).items.length },
  "getCompletions end": { op: () => getCompletions(input, end, options).items.length },
};
const results = measureAlternately(subjects, { rounds: 21, batchMs: 40, warmupMs: 1500 });

for (const name of Object.keys(subjects)) {
  const { ns, spread, perBatch } = results[name];
  const row = {
    case: "editor",
    input: `~1 KB${name.endsWith("mid") ? `, cursor ${mid}` : name.endsWith("end") ? `, cursor ${end}` : ""}`,
    bytes: input.length,
    parser: name === "parse" ? "parse" : `${name} vm.host`,
    nsPerOp: ns,
    opsPerSec: 1e9 / ns,
    mbPerSec: (input.length * 1e3) / ns,
    spread,
    rounds: 21,
    perBatch,
    allocBytesPerOp: results[name].alloc.bytesPerOp,
    ...(name === "parse"
      ? {}
      : {
          ratio: ns / results.parse.ns,
          ratioTo: "parse",
          targets: [{ id: `editor/${name.replaceAll(" ", "-")}`, what: `editor ~1 KB: ${name} (a keystroke's budget, issue 7)`, value: ns / 1e3, limit: 1000, cmp: "<=", unit: "µs" }],
        }),
  };
  emit(row);
}
process.stderr.write(
  `editor/~1KB (${input.length} bytes): ${Object.keys(subjects)
    .map((n) => `${n} ${(results[n].ns / 1e3).toFixed(1)} µs`)
    .join(", ")} (target < 1000 µs each)\n`,
);
keepAlive();
