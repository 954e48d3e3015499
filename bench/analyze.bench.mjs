/**
 * Benchmark case "analyze" (issue 3): `analyze` with the built-in vm.host schema against `parse`
 * alone, on a medium filter (12 comparisons, ~400 bytes, URL form) that is valid for vm.host, so
 * the common path is timed, not the error path. Target: validation adds at most 50 % to parse time
 * (analyze/parse ≤ 1.5×).
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; prints `BENCH_RESULT <json>` rows.
 */
import { analyze, parse, schemas, toQueryString } from "../dist/index.js";
import { batch, calibrate, emit, keepAlive, measureAllocation, median, quantile } from "./measure.mjs";

const ROUNDS = 21;
const BATCH_MS = 40;
const gc = globalThis.gc ?? (() => {});

// Medium: 12 comparisons over host fields of every kind (integer, string, enum-like, reference,
// nested reference field, array of objects, boolean), AND/OR/NOT and brackets.
const decoded =
  "((name CP '%web%') AND NOT (state EQ 'stopped')) OR ((cluster EQ 3) AND (cpu_number GE 4) AND (ram_mib LT 65536)) OR " +
  "((account.email CP '%@example.com') AND (ip4.ip EQ '10.0.0.7')) OR NOT ((disabled EQ true) OR (os_name EQ 'CentOS')) OR " +
  "((node.name EQ 'node-7') AND (domain CP '%.example.org') AND (id GT 1000))";
const input = toQueryString(parse(decoded).query);
const schema = schemas.vm.host;

function check() {
  const { diagnostics } = analyze(input, { schema });
  if (diagnostics.length > 0) throw new Error(`analyze reports diagnostics on the input, so it would time an error path: ${JSON.stringify(diagnostics.slice(0, 3))}`);
}

const subjects = {
  parse: () => parse(input).query,
  analyze: () => analyze(input, { schema }).query,
};

check();
const names = Object.keys(subjects);
const warmEnd = process.hrtime.bigint() + 1_200_000_000n;
while (process.hrtime.bigint() < warmEnd) for (const n of names) batch(subjects[n], undefined, 50);
const perBatch = Object.fromEntries(names.map((n) => [n, calibrate(subjects[n], undefined, BATCH_MS)]));
const perOp = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const n of round % 2 === 0 ? names : [...names].reverse()) {
    gc();
    perOp[n].push(batch(subjects[n], undefined, perBatch[n]) / perBatch[n]);
  }
}
const medians = Object.fromEntries(names.map((n) => [n, median(perOp[n])]));
const alloc = Object.fromEntries(names.map((n) => [n, measureAllocation(() => subjects[n]().loc.end, { n: perBatch[n] })]));
for (const n of names) {
  const ns = medians[n];
  const row = {
    case: "analyze",
    input: "medium",
    bytes: input.length,
    parser: n === "parse" ? "parse" : "analyze vm.host",
    nsPerOp: ns,
    opsPerSec: 1e9 / ns,
    mbPerSec: (input.length * 1e3) / ns,
    spread: (quantile(perOp[n], 0.75) - quantile(perOp[n], 0.25)) / ns,
    rounds: ROUNDS,
    allocBytesPerOp: alloc[n].bytesPerOp,
    ...(n === "analyze" ? { ratio: medians.analyze / medians.parse, ratioTo: "parse", target: 1.5 } : {}),
  };
  emit(row);
}
process.stderr.write(`analyze/medium: parse ${(medians.parse / 1e3).toFixed(1)} µs, analyze ${(medians.analyze / 1e3).toFixed(1)} µs, ratio ${(medians.analyze / medians.parse).toFixed(2)}\n`);
keepAlive();
