/**
 * Benchmark case "format" (issue 8): the printer, `format(query)` of a tree parsed once outside
 * the timed loop, on the medium, large and 1 MB inputs of bench/inputs.mjs, in MB/s of the printed
 * (decoded canonical) text, UTF-8. Target: **≥ 100 MB/s** on the large input.
 *
 * Yardsticks in the same process: a minimal hand-written printer of the same language
 * (bench/inputs.mjs `canonical`, printing the generator's own tree, which holds the same
 * comparisons and groups; it gives the same text, checked) and `JSON.stringify` of vmfilter's
 * tree (V8's native serialiser on the same tree; its text is about nine times longer; not at 1 MB,
 * where it costs 0.15 s per op). The ratio column compares times per op, so per filter, not per
 * byte; the per-byte column compares format's cost per byte with the next smaller input's.
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; `measureAlternately`; prints
 * `BENCH_RESULT <json>` rows.
 */
import { format, parse } from "../dist/index.js";
import { canonical, makeInputs, PARSE_OPTIONS } from "./inputs.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

const TARGET_MB_PER_SEC = 100;
// At 1 MB every gc() before a batch costs about 0.1 s and JSON.stringify 0.15 s per op: fewer
// rounds there, and no JSON.stringify (its per-op figure at large is the yardstick).
const PLAN = {
  medium: { rounds: 21, batchMs: 30, warmupMs: 1000 },
  large: { rounds: 11, batchMs: 40, warmupMs: 1200 },
  "1mb": { rounds: 5, batchMs: 60, warmupMs: 1200, noJson: true },
};

const measured = {}; // input → subject → { ns, bytes }, for the per-byte column
for (const { name, input, tree } of makeInputs(Object.keys(PLAN))) {
  const { query } = parse(input, PARSE_OPTIONS);
  const printed = format(query);
  if (printed !== `where=${canonical(tree)}`) throw new Error(`format and the hand-written printer print the ${name} input differently`);
  const json = JSON.stringify(query);
  const { noJson, ...plan } = PLAN[name];
  const m = measureAlternately(
    {
      format: { op: () => format(query).length },
      "hand-written": { op: () => canonical(tree).length },
      ...(noJson ? {} : { "JSON.stringify": { op: () => JSON.stringify(query).length } }),
    },
    plan,
  );
  const bytes = { format: Buffer.byteLength(printed), "hand-written": Buffer.byteLength(printed) - "where=".length, "JSON.stringify": Buffer.byteLength(json) };
  const previous = measured[{ large: "medium", "1mb": "large" }[name]];
  measured[name] = {};
  for (const [subject, r] of Object.entries(m)) {
    const mbPerSec = (bytes[subject] * 1e3) / r.ns;
    measured[name][subject] = { ns: r.ns, bytes: bytes[subject] };
    const before = previous?.[subject];
    emit({
      case: "format",
      input: name,
      bytes: bytes[subject],
      parser: subject === "format" ? "format (printer)" : subject === "hand-written" ? "hand-written printer" : subject,
      nsPerOp: r.ns,
      opsPerSec: 1e9 / r.ns,
      mbPerSec,
      spread: r.spread,
      rounds: r.perOp.length,
      perBatch: r.perBatch,
      allocBytesPerOp: r.alloc.bytesPerOp,
      ...(before ? { linearity: r.ns / bytes[subject] / (before.ns / before.bytes), linearityTo: name === "large" ? "medium" : "large" } : {}),
      ...(subject === "format"
        ? { ratio: r.ns / m["hand-written"].ns, ratioTo: "hand-written", ...(m["JSON.stringify"] ? { ratios: [{ value: r.ns / m["JSON.stringify"].ns, to: "JSON.stringify" }] } : {}) }
        : {}),
      ...(subject === "format" && name === "large"
        ? { targets: [{ id: "format/large/throughput", what: "format large: printer throughput", value: mbPerSec, limit: TARGET_MB_PER_SEC, cmp: ">=", unit: "MB/s" }] }
        : {}),
    });
  }
  process.stderr.write(
    `format/${name}: ${Object.entries(m)
      .map(([s, r]) => `${s} ${(r.ns / 1e3).toFixed(1)} µs (${((bytes[s] * 1e3) / r.ns).toFixed(0)} MB/s)`)
      .join(", ")}\n`,
  );
}
keepAlive();
