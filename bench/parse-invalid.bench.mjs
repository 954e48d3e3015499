/**
 * Benchmark case "parse-invalid" (issue 8): vmfilter's `parse` of an invalid medium filter, the
 * recovery path (bench/inputs.mjs `makeInvalidMedium`: the medium input with `=` for an `EQ`, an
 * unquoted string value and a missing `)`; vmfilter reports three errors, with fixes, and still
 * builds a tree), against vmfilter's parse of the valid medium input and the hand-written
 * baseline's parse of the valid medium input (the baseline has no recovery: it throws at the
 * first error, so only the valid text can be its yardstick). For information (no target).
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; `measureAlternately` (warm-up,
 * calibration, alternating rounds, `gc()` before every batch); prints `BENCH_RESULT <json>` rows.
 */
import { parse } from "../dist/index.js";
import { parse as baseline } from "./baseline-parser.mjs";
import { makeInputs, makeInvalidMedium, PARSE_OPTIONS } from "./inputs.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

const [medium] = makeInputs(["medium"]);
const invalid = makeInvalidMedium();

const broken = parse(invalid.input, PARSE_OPTIONS);
const errors = broken.diagnostics.filter((d) => d.severity === "error");
if (errors.length < invalid.mistakes.length || !broken.query.where) {
  throw new Error(`the invalid input does not take the recovery path: ${errors.length} errors, tree ${broken.query.where ? "built" : "missing"}`);
}
if (parse(medium.input, PARSE_OPTIONS).diagnostics.length > 0) throw new Error("the valid medium input has diagnostics");
process.stderr.write(`parse-invalid: ${invalid.input.length} bytes, ${invalid.mistakes.join(", ")}: ${errors.map((e) => e.code).join(", ")}\n`);

const m = measureAlternately(
  {
    invalid: { op: () => parse(invalid.input, PARSE_OPTIONS).diagnostics.length },
    valid: { op: () => parse(medium.input, PARSE_OPTIONS).query.loc.end },
    baseline: { op: () => baseline(medium.input).loc.end },
  },
  { rounds: 21, batchMs: 30, warmupMs: 1200 },
);

const rows = [
  { key: "invalid", input: "medium, invalid", bytes: invalid.input.length, parser: `vmfilter (${errors.length} errors, recovered)` },
  { key: "valid", input: "medium", bytes: medium.input.length, parser: "vmfilter" },
  { key: "baseline", input: "medium", bytes: medium.input.length, parser: "baseline" },
];
for (const { key, ...row } of rows) {
  const r = m[key];
  emit({
    case: "parse-invalid",
    ...row,
    nsPerOp: r.ns,
    opsPerSec: 1e9 / r.ns,
    mbPerSec: (row.bytes * 1e3) / r.ns,
    spread: r.spread,
    rounds: r.perOp.length,
    perBatch: r.perBatch,
    allocBytesPerOp: r.alloc.bytesPerOp,
    ...(key === "invalid" ? { ratio: r.ns / m.valid.ns, ratioTo: "vmfilter valid", ratios: [{ value: r.ns / m.baseline.ns, to: "baseline valid" }] } : {}),
    ...(key === "valid" ? { ratio: r.ns / m.baseline.ns, ratioTo: "baseline" } : {}),
  });
}
process.stderr.write(
  `parse-invalid: invalid ${(m.invalid.ns / 1e3).toFixed(1)} µs, valid ${(m.valid.ns / 1e3).toFixed(1)} µs, baseline ${(m.baseline.ns / 1e3).toFixed(1)} µs: ` +
    `${(m.invalid.ns / m.valid.ns).toFixed(2)}× valid, ${(m.invalid.ns / m.baseline.ns).toFixed(2)}× baseline\n`,
);
keepAlive();
