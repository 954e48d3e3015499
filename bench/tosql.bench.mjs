/**
 * Benchmark case "tosql": what `toSql` costs on the medium filter of bench/analyze.bench.mjs (URL
 * form, 12 comparisons) with the vm.host schema and a `columns` map for every field it uses (plain
 * columns, a JSON member and a JSON array), for PostgreSQL and SQLite, against `parse` alone of the
 * same text. For information (no target).
 *
 * `toSql` given text parses it first, so two forms are timed per dialect:
 * - "from text": `toSql(input, …)`, i.e. parse + translation (ratio to parse ≥ 1 by construction);
 * - "from Query": `toSql(query, …)` on a Query parsed once outside the timed loop: the translation
 *   alone (its ratio to parse is what it adds to a request that parses anyway).
 * The case refuses to run if `toSql` reports any diagnostic (so no error or info path is timed)
 * or if the two forms give different SQL.
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; prints `BENCH_RESULT <json>` rows.
 */
import { parse, schemas, toQueryString, toSql } from "../dist/index.js";
import { MEDIUM_FILTER } from "./hosts.mjs";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

const schema = schemas.vm.host;
const columns = {
  id: "id",
  name: "name",
  state: "state",
  domain: "domain",
  os_name: "os_name",
  cpu_number: "cpu_number",
  ram_mib: "ram_mib",
  disabled: "disabled",
  cluster: "cluster_id", // a reference compared with a number: its id
  "node.name": "node_name",
  "account.email": { json: "account", path: "email" },
  "ip4.ip": { array: "ip4", member: "ip" },
};
const dialects = ["postgres", "sqlite"];

const input = toQueryString(parse(MEDIUM_FILTER).query); // URL form, as analyze.bench.mjs times it
const { query, diagnostics } = parse(input);
if (diagnostics.length > 0) throw new Error(`parse reports diagnostics on the filter: ${JSON.stringify(diagnostics.slice(0, 3))}`);

for (const dialect of dialects) {
  const fromText = toSql(input, { dialect, columns, schema });
  const fromQuery = toSql(query, { dialect, columns, schema });
  for (const [form, sql] of [["text", fromText], ["Query", fromQuery]]) {
    if (!sql.ok || sql.diagnostics.length > 0) throw new Error(`toSql (${dialect}, from ${form}) reports diagnostics, so it would time another path: ${JSON.stringify(sql.diagnostics.slice(0, 3))}`);
  }
  if (JSON.stringify(fromText) !== JSON.stringify(fromQuery)) throw new Error(`toSql (${dialect}) gives other SQL from text than from the parsed Query`);
  process.stderr.write(`tosql: ${dialect}: WHERE ${fromText.where.length} chars, ${fromText.params.length} params, ORDER BY ${fromText.orderBy}\n`);
}

const subjects = { parse: { op: () => parse(input).query.loc.end, warmupOps: 50 } };
for (const dialect of dialects) {
  const options = { dialect, columns, schema };
  subjects[`toSql ${dialect} from text`] = { op: () => toSql(input, options).where.length, warmupOps: 50 };
  subjects[`toSql ${dialect} from Query`] = { op: () => toSql(query, options).where.length, warmupOps: 50 };
}
const m = measureAlternately(subjects, { rounds: 21, batchMs: 40, warmupMs: 1500 });

for (const [name, r] of Object.entries(m)) {
  const row = {
    case: "tosql",
    input: "medium",
    bytes: input.length,
    parser: name,
    nsPerOp: r.ns,
    opsPerSec: 1e9 / r.ns,
    mbPerSec: (input.length * 1e3) / r.ns,
    spread: r.spread,
    rounds: r.perOp.length,
    perBatch: r.perBatch,
    allocBytesPerOp: r.alloc.bytesPerOp,
    ...(name === "parse" ? {} : { ratio: r.ns / m.parse.ns, ratioTo: "parse" }),
  };
  emit(row);
}
process.stderr.write(
  `tosql/medium: parse ${(m.parse.ns / 1e3).toFixed(1)} µs; ` +
    Object.keys(m)
      .filter((n) => n !== "parse")
      .map((n) => `${n} ${(m[n].ns / 1e3).toFixed(1)} µs (${(m[n].ns / m.parse.ns).toFixed(2)}×)`)
      .join(", ") +
    "\n",
);
keepAlive();
