/**
 * Benchmark case "compile": how fast a compiled predicate runs over records in memory, against
 * the same filter written by hand in JavaScript, against `sift` (a MongoDB-query matcher) with
 * the query `toMongo` gives, and against liqe's `filter` with the same filter in liqe's language
 * (bench/hosts.mjs `LIQE_FILTER`). Target: compiled/hand-written ≤ 1.5× per record.
 *
 * - Records: 100 000 seeded host-like records of bench/hosts.mjs (nulls and missing members).
 * - Filter: the medium filter of bench/analyze.bench.mjs (12 comparisons), schema vm.host.
 * - Subjects: (a) the hand-written closure of bench/hosts.mjs, (b) `compile(query, { schema })`,
 *   compiled once outside the timed loop, (c) `sift(toMongo(query, { schema }).query)`, compiled
 *   once, (d) liqe: `filter(ast, records)` with the liqe query parsed once (liqe's evaluator
 *   filters a whole array, one pass per comparison, so its op is that call; it is about 40× the
 *   hand-written pass, so it runs 3 rounds of one pass). One op is one full pass over the 100 000
 *   records, counting the kept ones; each subject has its own loop function, so every loop's call
 *   site sees one predicate only.
 * - Before timing, all four must keep exactly the same records (the case fails otherwise).
 * - A second pair of rows times compiling itself: `compile` of a fresh tree per op (the
 *   predicate cache is keyed by tree identity, so each op gets its own structuredClone of the
 *   parsed Query, made before the batch, untimed) against `parse` of the same filter text.
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; prints `BENCH_RESULT <json>` rows.
 */
import { filter as liqeFilter, parse as liqeParse } from "liqe";
import siftModule from "sift";
import { compile, parse, schemas, toMongo, toQueryString } from "../dist/index.js";
import { handWritten, jsonBytes, LIQE_FILTER, makeHosts, MEDIUM_FILTER, RECORD_COUNT } from "./hosts.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

const sift = siftModule.default ?? siftModule;
const schema = schemas.vm.host;
const options = { schema };

const input = toQueryString(parse(MEDIUM_FILTER).query); // URL form, as analyze.bench.mjs times it
const { query, diagnostics } = parse(input);
if (diagnostics.length > 0) throw new Error(`parse reports diagnostics on the filter: ${JSON.stringify(diagnostics.slice(0, 3))}`);
const mongo = toMongo(query, { schema });
if (mongo.diagnostics.length > 0) throw new Error(`toMongo reports diagnostics on the filter: ${JSON.stringify(mongo.diagnostics.slice(0, 3))}`);

let hosts = makeHosts();
const compiled = compile(query, options);
const sifted = sift(mongo.query);
const liqeAst = liqeParse(LIQE_FILTER);

// Fairness: the three subjects keep exactly the same records.
let kept = 0;
const mismatches = [];
for (let i = 0; i < hosts.length; i++) {
  const h = hosts[i];
  const a = handWritten(h);
  const b = compiled(h);
  const c = sifted(h);
  if (typeof b !== "boolean") throw new Error(`compile's predicate returned ${typeof b}, not a boolean`);
  if (a !== b || b !== c) mismatches.push(`record ${i}: hand-written ${a}, compile ${b}, sift ${c}: ${JSON.stringify(h)}`);
  if (b) kept++;
}
if (mismatches.length > 0) {
  throw new Error(`the subjects do not keep the same records (${mismatches.length} differ), so the comparison is not fair:\n  ${mismatches.slice(0, 5).join("\n  ")}`);
}
if (kept === 0 || kept === hosts.length) throw new Error(`the filter keeps ${kept} of ${hosts.length} records: not a useful benchmark`);
// liqe filters the whole array (an OR's result is not in input order): compare as sets
{
  const liqeKept = new Set(liqeFilter(liqeAst, hosts));
  const liqeWrong = hosts.filter((h) => liqeKept.has(h) !== compiled(h));
  if (liqeWrong.length > 0 || liqeKept.size !== kept) {
    throw new Error(`liqe keeps other records than vmfilter (${liqeWrong.length} differ), so the comparison is not fair:\n  ${liqeWrong.slice(0, 5).map((h) => JSON.stringify(h)).join("\n  ")}`);
  }
}
process.stderr.write(`compile: ${hosts.length} records, the filter keeps ${kept} (${((100 * kept) / hosts.length).toFixed(1)} %); hand-written, compile, sift and liqe agree on every record\n`);

// One loop per subject (no shared call site), counting kept records.
function passHandWritten() {
  let n = 0;
  for (let i = 0; i < hosts.length; i++) if (handWritten(hosts[i])) n++;
  return n;
}
function passCompiled() {
  let n = 0;
  for (let i = 0; i < hosts.length; i++) if (compiled(hosts[i])) n++;
  return n;
}
function passSift() {
  let n = 0;
  for (let i = 0; i < hosts.length; i++) if (sifted(hosts[i])) n++;
  return n;
}
function passLiqe() {
  return liqeFilter(liqeAst, hosts).length;
}
for (const pass of [passHandWritten, passCompiled, passSift, passLiqe]) if (pass() !== kept) throw new Error(`${pass.name} counts ${pass()} records, not ${kept}`);

const passes = measureAlternately(
  {
    "hand-written": { op: passHandWritten },
    compile: { op: passCompiled },
    sift: { op: passSift },
    liqe: { op: passLiqe, rounds: 3, allocSamples: 1 }, // 0.3 to 1 s per pass
  },
  { rounds: 15, batchMs: 60, warmupMs: 2000 },
);

const bytes = jsonBytes(hosts);
const base = passes["hand-written"].ns;
for (const [name, m] of Object.entries(passes)) {
  const row = {
    case: "compile",
    input: `${RECORD_COUNT / 1000}k hosts`,
    bytes, // the records as JSON, for scale
    parser: name === "compile" ? "compiled predicate" : name === "liqe" ? "liqe filter" : name,
    nsPerOp: m.ns,
    opsPerSec: 1e9 / m.ns,
    mbPerSec: (bytes * 1e3) / m.ns,
    spread: m.spread,
    rounds: m.perOp.length,
    perBatch: m.perBatch,
    items: RECORD_COUNT,
    itemUnit: "record",
    nsPerItem: m.ns / RECORD_COUNT,
    itemsPerSec: (RECORD_COUNT * 1e9) / m.ns,
    kept,
    allocBytesPerOp: m.alloc.bytesPerOp,
    ...(name === "hand-written" ? {} : { ratio: m.ns / base, ratioTo: "hand-written" }),
    ...(name === "compile"
      ? { targets: [{ id: "compile/ratio", what: "compiled predicate / hand-written, per record", value: m.ns / base, limit: 1.5, cmp: "<=", unit: "×" }] }
      : {}),
  };
  emit(row);
}

// Compile time: a fresh tree per op (the cache would answer a tree it has seen), against parse.
// The records are dropped first: with them in the heap, parse and compile measure up to 2× slower
// (the old generation is large, so garbage collection during the batches costs more).
hosts = null;
globalThis.gc?.();
let pool = [];
const times = measureAlternately(
  {
    parse: { op: () => parse(input).query.loc.end, warmupOps: 50 },
    compile: {
      prepare: (n) => {
        pool = Array.from({ length: n }, () => structuredClone(query));
      },
      op: (i) => (compile(pool[i], options) === compiled ? 0 : 1),
      warmupOps: 50,
    },
  },
  { rounds: 21, batchMs: 40, warmupMs: 1200 },
);
pool = [];
for (const [name, m] of Object.entries(times)) {
  const row = {
    case: "compile",
    input: "medium",
    bytes: input.length,
    parser: name === "parse" ? "parse" : "compile (fresh tree)",
    nsPerOp: m.ns,
    opsPerSec: 1e9 / m.ns,
    mbPerSec: (input.length * 1e3) / m.ns,
    spread: m.spread,
    rounds: m.perOp.length,
    perBatch: m.perBatch,
    allocBytesPerOp: m.alloc.bytesPerOp,
    ...(name === "compile" ? { ratio: m.ns / times.parse.ns, ratioTo: "parse" } : {}),
  };
  emit(row);
}

const per = (name) => passes[name].ns / RECORD_COUNT;
process.stderr.write(
  `compile: per record hand-written ${per("hand-written").toFixed(1)} ns, compiled ${per("compile").toFixed(1)} ns (${(per("compile") / per("hand-written")).toFixed(2)}×), ` +
    `sift ${per("sift").toFixed(1)} ns (${(per("sift") / per("hand-written")).toFixed(2)}×), liqe ${per("liqe").toFixed(1)} ns (${(per("liqe") / per("hand-written")).toFixed(2)}×); compile of a fresh tree ${(times.compile.ns / 1e3).toFixed(1)} µs, parse ${(times.parse.ns / 1e3).toFixed(1)} µs\n`,
);
keepAlive();
