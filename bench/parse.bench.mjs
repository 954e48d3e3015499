/**
 * Benchmark case "parse" (issues 2 and 8): vmfilter's full `parse` against the fixed hand-written
 * baseline (bench/baseline-parser.mjs), `JSON.parse` of the same tree, and four peer libraries
 * parsing the same logical filter in their own syntax (scim2-parse-filter, @rsql/parser, liqe,
 * odata-v4-parser), on the small, medium, large and 1 MB inputs of bench/inputs.mjs.
 *
 * - vmfilter and the baseline read the URL form (`where=(name+CP+'%25web%25')+AND+...`);
 * - `JSON.parse` reads `JSON.stringify(vmfilter's tree)` of the same input (the cost of merely
 *   materialising that tree from the most optimised text format V8 has);
 * - each peer reads the same generated tree printed in its syntax (bench/inputs.mjs, `peers`).
 *   liqe and odata-v4-parser are left out at 1 MB (inputs.mjs `PEERS_LEFT_OUT`): one parse takes
 *   seconds (liqe) and minutes (odata-v4-parser, whose time grows about with the square of the
 *   length), which the five-minute budget of the suite cannot hold; their large rows show the trend.
 *
 * Rows per input and subject: ops/s, MB/s (of the subject's own text, UTF-8), median µs per parse,
 * spread, allocated bytes per parse (measure.mjs, `measureAllocation`), the ratio to the baseline's
 * median on the same input, and for large (1 MB) the per-byte cost against medium (large): the
 * linearity. Targets of issue 8: vmfilter ≤ 5× the baseline on medium and large (stretch 3×);
 * per-byte cost at 1 MB ≤ 1.3× the large input's; ≤ 4 MiB allocated per large parse.
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process (`node --expose-gc
 * bench/parse.bench.mjs large 1mb` runs some inputs). All subjects run in this process,
 * alternately (measure.mjs `measureAlternately`: warm-up, calibration, rounds in which every
 * subject runs one timed batch after a `gc()`, the order flipping every round); the figures are
 * medians over the rounds. No timing asserts. Output: progress on stderr, one `BENCH_RESULT
 * <json>` line per row on stdout.
 */
import { parse } from "../dist/index.js";
import { parse as baseline } from "./baseline-parser.mjs";
import { makeInputs, PARSE_OPTIONS, PEERS_LEFT_OUT, SIZES } from "./inputs.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";
import { loadPeers } from "./selfcheck.mjs";

/** Per input: rounds, batch duration, warm-up, and the peers left out. */
const PLAN = {
  small: { rounds: 21, batchMs: 25, warmupMs: 1200 },
  medium: { rounds: 21, batchMs: 25, warmupMs: 1200 },
  // liqe and odata-v4-parser take 0.3 to 1.2 s per large parse: one op per batch, three rounds
  large: { rounds: 11, batchMs: 40, warmupMs: 1500, slow: ["liqe", "odata"], slowRounds: 3 },
  // 0.05 to 0.6 s per parse (@rsql/parser the slowest): one op per batch; allocation from one
  // parse (exact, see measure.mjs)
  "1mb": { rounds: 5, batchMs: 40, warmupMs: 1500, allocSamples: 1, slow: ["rsql"], slowRounds: 3 },
};
const TARGET = { ratio: 5, stretch: 3, linearity: 1.3, allocLarge: 4 * 1024 * 1024 };

const peers = await loadPeers();
const only = process.argv.slice(2); // optional: some of small, medium, large, 1mb
const inputs = makeInputs(only.length > 0 ? Object.keys(SIZES).filter((n) => only.includes(n)) : Object.keys(SIZES));
if (inputs.length < only.length) throw new Error(`no input named '${only.join(" ")}' (inputs: ${Object.keys(SIZES).join(", ")})`);

/** Per input name and subject: `{ ns, bytes }` of the rows already measured (for linearity). */
const measured = {};

for (const { name, input, comparisons, peers: texts } of inputs) {
  const plan = PLAN[name];
  const { query, diagnostics } = parse(input, PARSE_OPTIONS);
  if (diagnostics.length > 0) {
    throw new Error(`vmfilter reports diagnostics on the ${name} input, so it would time an error path: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  }
  baseline(input); // throws on anything it cannot read
  const json = JSON.stringify(query);

  // Each subject has its own closure, so no call site inside the timed work is shared.
  const subjects = {
    vmfilter: { text: input, op: () => parse(input, PARSE_OPTIONS).query.loc.end },
    baseline: { text: input, op: () => baseline(input).loc.end },
    "JSON.parse": { text: json, op: () => JSON.parse(json).loc.end },
  };
  const scimParse = peers.scim.parse;
  const rsqlParse = peers.rsql.parse;
  const liqeParse = peers.liqe.parse;
  const odataParse = peers.odata.parse;
  const peerOps = {
    scim: () => (scimParse(texts.scim).op ? 1 : 0),
    rsql: () => (rsqlParse(texts.rsql).type ? 1 : 0),
    liqe: () => (liqeParse(texts.liqe).type ? 1 : 0),
    odata: () => odataParse(texts.odata).next,
  };
  for (const [peer, op] of Object.entries(peerOps)) {
    if (PEERS_LEFT_OUT[name]?.includes(peer)) continue;
    op(); // throws if the peer cannot read its text (the self-check says so too)
    subjects[peers[peer].library] = { text: texts[peer], op, peer, ...(plan.slow?.includes(peer) ? { rounds: plan.slowRounds, allocSamples: 1 } : {}) };
  }
  if (plan.allocSamples) for (const subject of Object.values(subjects)) subject.allocSamples ??= plan.allocSamples;
  process.stderr.write(`parse/${name}: ${Object.keys(subjects).length} subjects, ${plan.rounds} rounds\n`);

  const results = measureAlternately(
    Object.fromEntries(Object.entries(subjects).map(([s, { op, rounds, allocSamples }]) => [s, { op, rounds, allocSamples }])),
    { rounds: plan.rounds, batchMs: plan.batchMs, warmupMs: plan.warmupMs },
  );

  const base = results.baseline.ns;
  const previous = { large: "medium", "1mb": "large" }[name];
  measured[name] = {};
  for (const [subject, { text, peer }] of Object.entries(subjects)) {
    const m = results[subject];
    const bytes = Buffer.byteLength(text);
    measured[name][subject] = { ns: m.ns, bytes };
    const row = {
      case: "parse",
      input: name,
      comparisons,
      bytes,
      parser: subject,
      ...(peer ? { syntax: peer } : {}),
      nsPerOp: m.ns,
      opsPerSec: 1e9 / m.ns,
      mbPerSec: (bytes * 1e3) / m.ns, // bytes per ns × 1000 = MB/s (MB = 10^6 bytes)
      spread: m.spread,
      rounds: m.perOp.length,
      perBatch: m.perBatch,
      allocBytesPerOp: m.alloc.bytesPerOp,
      allocGcs: m.alloc.gcs,
      ...(subject === "baseline" ? {} : { ratio: m.ns / base, ratioTo: "baseline" }),
    };
    // Linearity: the cost per byte on this input over the cost per byte on the next smaller one.
    const before = previous && measured[previous]?.[subject];
    if (before) {
      row.linearity = m.ns / bytes / (before.ns / before.bytes);
      row.linearityTo = previous;
    }
    const targets = [];
    if (subject === "vmfilter" && (name === "medium" || name === "large")) {
      targets.push({ id: `parse/${name}/ratio`, what: `parse ${name}: vmfilter/baseline`, value: row.ratio, limit: TARGET.ratio, stretch: TARGET.stretch, cmp: "<=", unit: "×" });
    }
    if (subject === "vmfilter" && name === "large") {
      targets.push({ id: "parse/large/alloc", what: "parse large: allocated per parse", value: row.allocBytesPerOp, limit: TARGET.allocLarge, cmp: "<=", unit: "bytes" });
    }
    if (subject === "vmfilter" && name === "1mb" && row.linearity !== undefined) {
      targets.push({ id: "parse/1mb/linearity", what: "parse 1 MB: per-byte cost / large's", value: row.linearity, limit: TARGET.linearity, cmp: "<=", unit: "×" });
    }
    if (targets.length > 0) row.targets = targets;
    emit(row);
  }
  process.stderr.write(
    `parse/${name}: ${Object.keys(subjects)
      .map((s) => `${s} ${(results[s].ns / 1e3).toFixed(1)} µs (${(results[s].ns / base).toFixed(2)}×)`)
      .join(", ")}\n`,
  );
}
keepAlive();
