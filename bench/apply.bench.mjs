/**
 * Benchmark case "apply": `apply(query, records, { schema })` with a WHERE, an ORDERBY of two keys
 * and a LIMIT, over the 100 000 host records of bench/hosts.mjs, against the same thing written by
 * hand: `records.filter(handWritten)`, `sort(handCompare)`, `slice`. For information (no target).
 *
 * - Query: `where=<the medium filter of analyze.bench.mjs>&orderby=cluster.name desc,ram_mib&limit=40,20`,
 *   parsed once outside the timed loop (so `apply` compiles it once and then finds it in its cache;
 *   what is timed is filtering, sorting and the page).
 * - Before timing, both must give the same page (the same records, in the same order) and the
 *   same size (the case fails otherwise).
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; prints `BENCH_RESULT <json>` rows.
 */
import { apply, parse, schemas, toQueryString } from "../dist/index.js";
import { handCompare, handWritten, jsonBytes, LIMIT, makeHosts, MEDIUM_FILTER, ORDER_BY, RECORD_COUNT } from "./hosts.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

const schema = schemas.vm.host;
const options = { schema };
const input = `${toQueryString(parse(MEDIUM_FILTER).query)}&orderby=${ORDER_BY.replaceAll(" ", "+")}&limit=${LIMIT.offset},${LIMIT.count}`;
const { query, diagnostics } = parse(input);
// two sort keys are what this case is about: the warning that says so is expected, nothing else
const unexpected = diagnostics.filter((d) => d.code !== "multiple-sort-keys");
if (unexpected.length > 0) throw new Error(`parse reports diagnostics on the query: ${JSON.stringify(unexpected.slice(0, 3))}`);
if (query.orderBy?.keys.length !== 2 || !query.limit) throw new Error(`the query should have two sort keys and a limit: ${input}`);

const hosts = makeHosts();

function handApply() {
  const matches = hosts.filter(handWritten);
  matches.sort(handCompare);
  return { list: matches.slice(LIMIT.offset, LIMIT.offset + LIMIT.count), size: matches.length };
}
function vmfilterApply() {
  return apply(query, hosts, options);
}

// Fairness: the same page and the same size.
const expected = handApply();
const got = vmfilterApply();
const same = got.size === expected.size && got.list.length === expected.list.length && got.list.every((r, i) => r === expected.list[i]);
if (!same) {
  const show = (l) => l.map((r) => `${r.id}:${r.cluster?.name ?? "null"}/${r.ram_mib ?? "null"}`).join(" ");
  throw new Error(`apply and the hand-written baseline differ, so the comparison is not fair:\n  apply        size ${got.size}: ${show(got.list)}\n  hand-written size ${expected.size}: ${show(expected.list)}`);
}
if (expected.list.length !== LIMIT.count) throw new Error(`the page holds ${expected.list.length} records, not ${LIMIT.count}`);
process.stderr.write(`apply: ${hosts.length} records, ${expected.size} match, page ${LIMIT.offset}+${LIMIT.count}; apply and the hand-written baseline give the same page\n`);

const m = measureAlternately(
  { "hand-written": { op: () => handApply().size }, apply: { op: () => vmfilterApply().size } },
  { rounds: 15, batchMs: 80, warmupMs: 2000 },
);

const bytes = jsonBytes(hosts);
for (const [name, r] of Object.entries(m)) {
  const row = {
    case: "apply",
    input: `${RECORD_COUNT / 1000}k hosts`,
    bytes, // the records as JSON, for scale
    parser: name === "apply" ? "apply (sort 2 keys, limit)" : "hand-written filter+sort+slice",
    nsPerOp: r.ns,
    opsPerSec: 1e9 / r.ns,
    mbPerSec: (bytes * 1e3) / r.ns,
    spread: r.spread,
    rounds: r.perOp.length,
    perBatch: r.perBatch,
    allocBytesPerOp: r.alloc.bytesPerOp,
    items: RECORD_COUNT,
    itemUnit: "record",
    nsPerItem: r.ns / RECORD_COUNT,
    itemsPerSec: (RECORD_COUNT * 1e9) / r.ns,
    matches: expected.size,
    ...(name === "apply" ? { ratio: r.ns / m["hand-written"].ns, ratioTo: "hand-written" } : {}),
  };
  emit(row);
}
process.stderr.write(`apply: hand-written ${(m["hand-written"].ns / 1e6).toFixed(1)} ms, apply ${(m.apply.ns / 1e6).toFixed(1)} ms per query over ${RECORD_COUNT} records (${(m.apply.ns / m["hand-written"].ns).toFixed(2)}×)\n`);
keepAlive();
