/**
 * Benchmark case "toquerystring" (issue 8): `toQueryString(query)`, the canonical form
 * percent-encoded (what a client sends), of a tree parsed once outside the timed loop, on the
 * medium and large inputs of bench/inputs.mjs, in MB/s of the encoded text (ASCII). It
 * prints the input back unchanged (the inputs are canonical; checked). Yardsticks in the same
 * process: `format(query)` of the same tree (toQueryString is format plus encoding) and
 * `JSON.stringify` of the tree. For information (no target).
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; `measureAlternately`; prints
 * `BENCH_RESULT <json>` rows.
 */
import { format, parse, toQueryString } from "../dist/index.js";
import { makeInputs, PARSE_OPTIONS } from "./inputs.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

// medium and large only: the format case shows how printing scales to 1 MB
const PLAN = { medium: { rounds: 21, batchMs: 30, warmupMs: 1000 }, large: { rounds: 11, batchMs: 40, warmupMs: 1200 } };

for (const { name, input } of makeInputs(Object.keys(PLAN))) {
  const { query } = parse(input, PARSE_OPTIONS);
  if (toQueryString(query) !== input) throw new Error(`toQueryString does not print the ${name} input back`);
  const m = measureAlternately(
    {
      toQueryString: { op: () => toQueryString(query).length },
      format: { op: () => format(query).length },
      "JSON.stringify": { op: () => JSON.stringify(query).length },
    },
    PLAN[name],
  );
  const bytes = { toQueryString: input.length, format: Buffer.byteLength(format(query)), "JSON.stringify": Buffer.byteLength(JSON.stringify(query)) };
  for (const [subject, r] of Object.entries(m)) {
    emit({
      case: "toquerystring",
      input: name,
      bytes: bytes[subject],
      parser: subject,
      nsPerOp: r.ns,
      opsPerSec: 1e9 / r.ns,
      mbPerSec: (bytes[subject] * 1e3) / r.ns,
      spread: r.spread,
      rounds: r.perOp.length,
      perBatch: r.perBatch,
      allocBytesPerOp: r.alloc.bytesPerOp,
      ...(subject === "toQueryString" ? { ratio: r.ns / m.format.ns, ratioTo: "format", ratios: [{ value: r.ns / m["JSON.stringify"].ns, to: "JSON.stringify" }] } : {}),
    });
  }
  process.stderr.write(
    `toquerystring/${name}: ${Object.entries(m)
      .map(([s, r]) => `${s} ${(r.ns / 1e3).toFixed(1)} µs (${((bytes[s] * 1e3) / r.ns).toFixed(0)} MB/s)`)
      .join(", ")}\n`,
  );
}
keepAlive();
