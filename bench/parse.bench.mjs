/**
 * Benchmark case "parse" (issue 2): vmfilter's full `parse` against the fixed hand-written baseline
 * (bench/baseline-parser.mjs), on the small, medium and large inputs of bench/inputs.mjs.
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process. Both parsers run in this process,
 * alternately: after a warm-up, each round times one batch of vmfilter and one batch of the baseline
 * (the order flips every round), and the figures are medians over the rounds. No timing asserts.
 *
 * Output: progress on stderr; on stdout one line `BENCH_RESULT <json>` per measured row.
 */
import { parse } from "../dist/index.js";
import { parse as baseline } from "./baseline-parser.mjs";
import { makeInputs } from "./inputs.mjs";
import { batch, calibrate, keepAlive, median, quantile } from "./measure.mjs";

const WARMUP_MS = 600; // per parser and input, alternating in slices
const ROUNDS = 31;
const BATCH_MS = 40; // target duration of one timed batch
// The large input (about 70 KB) is longer than vmfilter's default maxLength (65 536 units), which
// would reject it with input-too-long; the limit is raised for every input alike.
const OPTIONS = { maxLength: 1 << 20 };

const gc = globalThis.gc ?? (() => {});

const parsers = {
  vmfilter: (input) => parse(input, OPTIONS).query,
  baseline: (input) => baseline(input),
};

function check(name, input) {
  const { diagnostics } = parse(input, OPTIONS);
  if (diagnostics.length > 0) {
    throw new Error(`vmfilter reports diagnostics on the ${name} input, so it would time an error path: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  }
  baseline(input); // throws on anything it cannot read
}

const only = process.argv[2]; // optional: small | medium | large
for (const { name, input, comparisons } of makeInputs()) {
  if (only && only !== name) continue;
  check(name, input);
  const names = Object.keys(parsers);

  // Warm-up: alternate the parsers in short slices so both reach their optimised code.
  const warmEnd = process.hrtime.bigint() + BigInt(WARMUP_MS * 2 * 1e6);
  const slice = Math.max(1, Math.round(20_000 / input.length));
  while (process.hrtime.bigint() < warmEnd) for (const p of names) batch(parsers[p], input, slice);
  const perBatch = Object.fromEntries(names.map((p) => [p, calibrate(parsers[p], input, BATCH_MS)]));

  const perOp = Object.fromEntries(names.map((p) => [p, []]));
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    const times = {};
    for (const p of order) {
      gc();
      times[p] = batch(parsers[p], input, perBatch[p]) / perBatch[p];
      perOp[p].push(times[p]);
    }
    ratios.push(times.vmfilter / times.baseline);
  }

  const bytes = input.length; // URL-form text is ASCII: one byte per UTF-16 unit
  const medians = Object.fromEntries(names.map((p) => [p, median(perOp[p])]));
  for (const p of names) {
    const ns = medians[p];
    const row = {
      case: "parse",
      input: name,
      comparisons,
      bytes,
      parser: p,
      nsPerOp: ns,
      opsPerSec: 1e9 / ns,
      mbPerSec: (bytes * 1e3) / ns, // bytes per ns × 1000 = MB/s (MB = 10^6 bytes)
      spread: (quantile(perOp[p], 0.75) - quantile(perOp[p], 0.25)) / ns,
      rounds: ROUNDS,
      perBatch: perBatch[p],
      ...(p === "vmfilter"
        ? { ratio: medians.vmfilter / medians.baseline, ratioTo: "baseline", ratioRoundMedian: median(ratios), ...(name === "small" ? {} : { target: 8 }) }
        : {}),
    };
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(row)}\n`);
  }
  process.stderr.write(
    `parse/${name}: vmfilter ${(medians.vmfilter / 1e3).toFixed(1)} µs, baseline ${(medians.baseline / 1e3).toFixed(1)} µs, ratio ${(medians.vmfilter / medians.baseline).toFixed(2)}\n`,
  );
}
keepAlive();
