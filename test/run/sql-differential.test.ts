/**
 * The differential property of the run layer: for random typed tables and random filters,
 * `apply` (in memory), SQLite (better-sqlite3) and PostgreSQL (PGlite) return exactly the same
 * ids in the same order, and `countStatement` counts `apply`'s `size`.
 *
 * Runs: VMFILTER_SQL_RUNS (default 300) for the default options, a quarter of that for each of
 * caseSensitive / underscoreWildcard / both. `npm run test:sql-long` runs 20 000.
 * VMFILTER_SQL_SEED replays a failure's seed (fast-check prints it with the path).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, countStatement, hasErrors, numberText, parse, quote, selectStatement, toSql, type MaskOptions } from "../../src/index.js";
import { encodeComponent } from "../../src/print/encode.js";
import {
  HOST_DDL,
  hostColumns,
  hostSchema,
  loadHosts,
  postgresEngine,
  selectCount,
  selectIds,
  show,
  sqliteEngine,
  type Engine,
  type HostRecord,
} from "../helpers/sql-engines.js";

const RUNS = Math.max(1, Number(process.env.VMFILTER_SQL_RUNS ?? 300) || 300);
const SEED = process.env.VMFILTER_SQL_SEED === undefined ? undefined : Number(process.env.VMFILTER_SQL_SEED);

// -------------------------------------------------------------------------------------------------
// Records

/** Characters that break things: case pairs, non-ASCII case pairs, LIKE and GLOB syntax, quotes, astral code points, code points around the surrogate range. */
const CHARS = ["a", "b", "z", "A", "B", "Z", "é", "É", "ß", "ı", "İ", "ǅ", "ﬀ", "%", "_", "'", '"', "\\", " ", "0", "1", "9", ".", "-", "😀", "𝔸", "\u00a0", "\t", "\n", "[", "]", "*", "?", "^", "\uFFFF", "\uE000", "\u{10000}"];

const word: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.constantFrom(...CHARS), { maxLength: 5 }).map((a) => a.join("")) },
  { weight: 2, arbitrary: fc.constantFrom("42", "007", "-1.5", "0", "1e5", "web-1", "WEB-1", "Web", "", " ", "a ", "true") },
  // any code point but NUL (PostgreSQL text cannot hold it)
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }).filter((s) => !s.includes("\0")) },
);

const TWO_62 = 2n ** 62n;
const bigIntValue: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -5n, max: 5n }),
  fc.constantFrom(0n, TWO_62, -TWO_62, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 31n, -(2n ** 31n) - 1n),
  fc.bigInt({ min: -TWO_62, max: TWO_62 }),
  fc.integer().map(BigInt),
);
/** An integer in memory: a number when safe (sometimes) or a bigint. */
const integerValue: fc.Arbitrary<number | bigint> = fc
  .tuple(bigIntValue, fc.boolean())
  .map(([v, asNumber]) => (asNumber && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v));

const doubleValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1, -1, 1.5, -2.25, 2.5, 100, 123.456, -1e-7, 1e21, 5e-324, 2 ** 53, 2 ** 53 + 2, 1e300, -1.7976931348623157e308) },
  { weight: 3, arbitrary: fc.integer({ min: -40, max: 40 }).map((x) => x / 4) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  // past 2^53 a double's shortest decimal is often not its exact value: 184113858411237470 is exactly 184113858411237472
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom(184113858411237470, -184113858411237470, 123456789012345680, 2 ** 63, 2 ** 62 + 2 ** 10), fc.double({ min: 2 ** 53, max: 2 ** 63, noNaN: true }), fc.double({ min: -(2 ** 63), max: -(2 ** 53), noNaN: true })) },
);

const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

const recordBody = fc.record(
  {
    i: orNull(integerValue),
    n: orNull(doubleValue),
    s: orNull(word),
    u: orNull(word),
    b: orNull(fc.boolean()),
    tags: orNull(fc.array(fc.option(word, { nil: null, freq: 5 }), { maxLength: 3 })),
    ip4: orNull(fc.array(fc.oneof({ weight: 5, arbitrary: fc.record({ ip: fc.option(word, { nil: null, freq: 5 }) }, { requiredKeys: [] }) }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 3 })),
    ports: orNull(fc.array(fc.option(integerValue, { nil: null, freq: 5 }), { maxLength: 3 })),
    // a reference object always has its id: mapped to its id column, an object without one reads as
    // NULL in SQL while apply sees a present (non-null) object, a difference of the mapping, not of toSql
    cluster: orNull(
      fc.record(
        { id: integerValue, name: fc.option(word, { nil: null, freq: 4 }), weight: fc.option(doubleValue, { nil: null, freq: 4 }), up: fc.option(fc.boolean(), { nil: null, freq: 4 }) },
        { requiredKeys: ["id"] },
      ),
    ),
  },
  { requiredKeys: [] },
);

/** 0–25 records with ids 1..n in ascending order (as a table returns ties). */
const tableArb: fc.Arbitrary<HostRecord[]> = fc
  .oneof(fc.array(recordBody, { maxLength: 25, size: "max" }), fc.array(recordBody, { maxLength: 8 }))
  .map((rows) => rows.map((r, k) => ({ id: k + 1, ...r }) as HostRecord));

// -------------------------------------------------------------------------------------------------
// Filters: specs resolved against the table's own values when rendered

type Field = "id" | "i" | "n" | "s" | "u" | "b" | "tags" | "ip4.ip" | "ports" | "cluster" | "cluster.id" | "cluster.name" | "cluster.weight" | "cluster.up";
type FieldType = "integer" | "number" | "string" | "boolean";
const FIELD_TYPES: Record<Field, FieldType> = {
  id: "integer",
  i: "integer",
  n: "number",
  s: "string",
  u: "string",
  b: "boolean",
  tags: "string",
  "ip4.ip": "string",
  ports: "integer",
  cluster: "integer",
  "cluster.id": "integer",
  "cluster.name": "string",
  "cluster.weight": "number",
  "cluster.up": "boolean",
};
const FIELDS = Object.keys(FIELD_TYPES) as Field[];
const SORTABLE = ["id", "i", "n", "s", "u", "b", "cluster", "cluster.id", "cluster.name", "cluster.weight", "cluster.up"] as const;
const OPERATORS = ["EQ", "NE", "GT", "GE", "LT", "LE", "CP"] as const;
type Operator = (typeof OPERATORS)[number];

/** Decimal deltas added to a stored number: neighbours, halves, and steps below a double's precision. */
const DELTAS = ["0", "0", "0", "1", "-1", "0.5", "-0.5", "0.1", "-0.25", "0.00000000000000000001", "-0.00000000000000000001", "0.000000000000001"];
/** Literals at the edges: int64, 2^53, beyond any double, long fractions, and numbers written with zeros. */
const FIXED_NUMBERS = [
  "0", "-0", "1", "-1", "0.1", "0.10000000000000001", "0.30000000000000004", "1.5", "-2.25", "2.5", "100", "123.456",
  "9007199254740992", "9007199254740993", "-9007199254740993", "4611686018427387904", "-4611686018427387904", "4611686018427387904.5",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "9223372036854775807.5", "-9223372036854775808.5",
  "18446744073709551616", "1000000000000000000000", "100000000000000000000000000000", `1${"0".repeat(400)}`, `-1${"0".repeat(400)}`,
  "0.0000001", `0.${"0".repeat(330)}1`, "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
];

type NumberBase = { readonly near: number; readonly delta: string } | { readonly fixed: string } | { readonly random: string };
type Transform = "same" | "upper" | "lower" | "swap" | "head" | "tail" | "plus" | "minus";
type StringBase = { readonly pick: number; readonly how: Transform; readonly cut: number; readonly extra: string } | { readonly fresh: string };
type MaskPart = { readonly pct: true } | { readonly us: true } | { readonly frag: number; readonly start: number; readonly length: number; readonly how: Transform } | { readonly text: string };
type Literal =
  | { readonly k: "num"; readonly base: NumberBase; readonly form: "plain" | "zeros" | "quoted" | "quoted-zeros" }
  | { readonly k: "str"; readonly base: StringBase }
  | { readonly k: "bool"; readonly value: boolean }
  | { readonly k: "mask"; readonly parts: readonly MaskPart[] };
type Filter =
  | { readonly k: "cmp"; readonly field: Field; readonly op: Operator; readonly lit: Literal }
  | { readonly k: "isnull"; readonly field: Field | "ip4"; readonly not: boolean }
  | { readonly k: "not"; readonly e: Filter }
  | { readonly k: "and" | "or"; readonly es: readonly Filter[] };

const transform = fc.constantFrom<Transform>("same", "same", "upper", "lower", "swap", "head", "tail", "plus", "minus");
const numberBase: fc.Arbitrary<NumberBase> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ near: fc.nat(), delta: fc.constantFrom(...DELTAS) }) },
  { weight: 3, arbitrary: fc.record({ fixed: fc.constantFrom(...FIXED_NUMBERS) }) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((v) => ({ random: v.toString() })),
      doubleValue.map((v) => ({ random: numberText(v) })),
    ),
  },
);
const numberLit: fc.Arbitrary<Literal> = fc.record({ k: fc.constant("num" as const), base: numberBase, form: fc.constantFrom("plain", "plain", "plain", "zeros", "quoted", "quoted-zeros") });
const stringLit: fc.Arbitrary<Literal> = fc.record({
  k: fc.constant("str" as const),
  base: fc.oneof(
    { weight: 4, arbitrary: fc.record({ pick: fc.nat(), how: transform, cut: fc.nat({ max: 4 }), extra: fc.constantFrom(...CHARS) }) },
    { weight: 1, arbitrary: fc.record({ fresh: word }) },
  ),
});
const boolLit: fc.Arbitrary<Literal> = fc.boolean().map((value) => ({ k: "bool", value }));
const maskPart: fc.Arbitrary<MaskPart> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ pct: true } as const) },
  { weight: 1, arbitrary: fc.constant({ us: true } as const) },
  { weight: 4, arbitrary: fc.record({ frag: fc.nat(), start: fc.nat({ max: 4 }), length: fc.nat({ max: 4 }), how: transform }) },
  { weight: 1, arbitrary: fc.record({ text: fc.constantFrom(...CHARS) }) },
);
const maskLit: fc.Arbitrary<Literal> = fc.array(maskPart, { minLength: 1, maxLength: 5 }).map((parts) => ({ k: "mask", parts }));

function literalFor(type: FieldType, op: Operator): fc.Arbitrary<Literal> {
  if (op === "CP") return fc.oneof({ weight: 8, arbitrary: maskLit }, { weight: 1, arbitrary: stringLit }, { weight: 1, arbitrary: numberLit }, { weight: 1, arbitrary: boolLit });
  switch (type) {
    case "integer":
    case "number":
      return fc.oneof({ weight: 8, arbitrary: numberLit }, { weight: 1, arbitrary: stringLit }, { weight: 1, arbitrary: boolLit });
    case "string":
      return fc.oneof({ weight: 8, arbitrary: stringLit }, { weight: 1, arbitrary: numberLit }, { weight: 1, arbitrary: boolLit }, { weight: 1, arbitrary: maskLit });
    case "boolean":
      return fc.oneof({ weight: 6, arbitrary: boolLit }, { weight: 1, arbitrary: numberLit }, { weight: 1, arbitrary: stringLit });
  }
}

const comparison: fc.Arbitrary<Filter> = fc
  .tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPERATORS))
  .chain(([field, op]) => literalFor(FIELD_TYPES[field], op).map((lit) => ({ k: "cmp", field, op, lit }) as Filter));
const isNull: fc.Arbitrary<Filter> = fc.record({ k: fc.constant("isnull" as const), field: fc.constantFrom<Field | "ip4">(...FIELDS, "ip4"), not: fc.boolean() });

const filterArb: fc.Arbitrary<Filter> = fc.letrec<{ expr: Filter; leaf: Filter; not: Filter; and: Filter; or: Filter }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: "filter" },
    { weight: 4, arbitrary: tie("leaf") },
    { weight: 1, arbitrary: tie("not") },
    { weight: 2, arbitrary: tie("and") },
    { weight: 2, arbitrary: tie("or") },
  ),
  leaf: fc.oneof({ weight: 5, arbitrary: comparison }, { weight: 1, arbitrary: isNull }),
  not: fc.record({ k: fc.constant("not" as const), e: tie("expr") }),
  and: fc.record({ k: fc.constant("and" as const), es: fc.array(tie("expr"), { minLength: 2, maxLength: 3 }) }),
  or: fc.record({ k: fc.constant("or" as const), es: fc.array(tie("expr"), { minLength: 2, maxLength: 3 }) }),
})).expr;

interface QuerySpec {
  readonly where?: Filter;
  readonly keys: readonly { readonly field: (typeof SORTABLE)[number]; readonly dir: "" | "asc" | "desc" }[];
  readonly limit?: { readonly offset: number; readonly count: number; readonly single: boolean };
  readonly spaces: "plus" | "percent";
}
const querySpec: fc.Arbitrary<QuerySpec> = fc.record({
  where: fc.option(filterArb, { nil: undefined, freq: 8 }),
  keys: fc.array(fc.record({ field: fc.constantFrom(...SORTABLE), dir: fc.constantFrom("" as const, "asc" as const, "desc" as const) }), { maxLength: 2 }),
  limit: fc.option(
    fc.record({
      offset: fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 27 })),
      count: fc.oneof(fc.nat({ max: 27 }), fc.integer({ min: 3, max: 10 })),
      single: fc.boolean(),
    }),
    { nil: undefined, freq: 2 },
  ),
  spaces: fc.constantFrom("plus" as const, "percent" as const),
});

// -------------------------------------------------------------------------------------------------
// Rendering

interface Pools {
  /** Every number and string of the table, and each field's own (a literal near a field's own values finds its edges). */
  readonly numbers: readonly string[];
  readonly strings: readonly string[];
  readonly own: Readonly<Record<string, readonly string[]>>;
}

function decimalOf(v: number | bigint): string {
  return typeof v === "bigint" ? v.toString() : numberText(v);
}

function poolsOf(records: readonly HostRecord[]): Pools {
  const numbers: string[] = [];
  const strings: string[] = [];
  const own: Record<string, string[]> = {};
  const add = (field: string, v: unknown) => {
    if (v === null || v === undefined) return;
    const text = typeof v === "string" ? v : decimalOf(v as number | bigint);
    (typeof v === "string" ? strings : numbers).push(text);
    (own[field] ??= []).push(text);
  };
  for (const r of records) {
    add("id", r.id);
    add("i", r.i);
    add("n", r.n);
    add("cluster", r.cluster?.id);
    add("cluster.id", r.cluster?.id);
    add("cluster.weight", r.cluster?.weight);
    for (const p of r.ports ?? []) add("ports", p);
    add("s", r.s);
    add("u", r.u);
    add("cluster.name", r.cluster?.name);
    for (const t of r.tags ?? []) add("tags", t);
    for (const a of r.ip4 ?? []) add("ip4.ip", a?.ip);
  }
  return { numbers: numbers.length ? numbers : ["0"], strings: strings.length ? strings : ["a"], own };
}

/** The value a seed picks: from the field's own values (when they are of that kind) for most seeds, else from all of the table's. */
function pick(pools: Pools, field: string, kind: "numbers" | "strings", seed: number): string {
  const type = FIELD_TYPES[field as Field];
  const ownKind = type === "string" ? "strings" : type === "integer" || type === "number" ? "numbers" : undefined;
  const own = pools.own[field];
  const from = ownKind === kind && own && own.length > 0 && seed % 4 !== 0 ? own : pools[kind];
  return from[Math.floor(seed / 4) % from.length]!;
}

function parseDecimal(text: string): { mantissa: bigint; scale: number } {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  return { mantissa: BigInt(whole! + fraction) * (negative ? -1n : 1n), scale: fraction.length };
}

/** a + b on decimal text, exactly. */
function addDecimals(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const m = x.mantissa * 10n ** BigInt(scale - x.scale) + y.mantissa * 10n ** BigInt(scale - y.scale);
  const negative = m < 0n;
  const digits = (negative ? -m : m).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== "0" ? `-${body}` : body;
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
}

function transformed(text: string, how: Transform, cut: number, extra: string): string {
  const points = [...text];
  switch (how) {
    case "same":
      return text;
    case "upper":
      return text.toUpperCase();
    case "lower":
      return text.toLowerCase();
    case "swap":
      return swapCase(text);
    case "head":
      return points.slice(0, cut).join("");
    case "tail":
      return points.slice(Math.min(cut, points.length)).join("");
    case "plus":
      return text + extra;
    case "minus":
      return points.slice(0, -1).join("");
  }
}

function numberLiteralText(decimal: string, form: "plain" | "zeros" | "quoted" | "quoted-zeros"): string {
  let text = decimal;
  if (form === "zeros" || form === "quoted-zeros") {
    const negative = text.startsWith("-");
    const body = negative ? text.slice(1) : text;
    text = `${negative ? "-" : ""}00${body}${body.includes(".") ? "00" : ".0"}`;
  }
  return form === "quoted" || form === "quoted-zeros" ? quote(text) : text;
}

function literalText(lit: Literal, pools: Pools, field: string): string {
  switch (lit.k) {
    case "num": {
      const base = lit.base;
      const decimal = "near" in base ? addDecimals(pick(pools, field, "numbers", base.near), base.delta) : "fixed" in base ? base.fixed : base.random;
      return numberLiteralText(decimal, lit.form);
    }
    case "str": {
      const base = lit.base;
      return quote("fresh" in base ? base.fresh : transformed(pick(pools, field, "strings", base.pick), base.how, base.cut, base.extra));
    }
    case "bool":
      return lit.value ? "true" : "false";
    case "mask":
      return quote(
        lit.parts
          .map((part) => {
            if ("pct" in part) return "%";
            if ("us" in part) return "_";
            if ("text" in part) return part.text;
            const source = [...pick(pools, field, "strings", part.frag)];
            return transformed(source.slice(part.start, part.start + part.length).join(""), part.how, 1, "");
          })
          .join(""),
      );
  }
}

function filterText(f: Filter, pools: Pools): string {
  switch (f.k) {
    case "cmp":
      return `(${f.field} ${f.op} ${literalText(f.lit, pools, f.field)})`;
    case "isnull":
      return `(${f.field} IS ${f.not ? "NOT " : ""}null)`;
    case "not":
      return `NOT (${filterText(f.e, pools)})`;
    case "and":
    case "or":
      return `(${f.es.map((e) => filterText(e, pools)).join(f.k === "and" ? " AND " : " OR ")})`;
  }
}

/** The query text: a bare expression when there is only a WHERE, else URL form with every part percent-encoded. */
function queryText(q: QuerySpec, pools: Pools): string {
  const where = q.where ? filterText(q.where, pools) : undefined;
  if (q.keys.length === 0 && !q.limit) return where ?? "id GE 1";
  const parts: string[] = [];
  if (where) parts.push(`where=${encodeComponent(where, q.spaces)}`);
  if (q.keys.length > 0) parts.push(`orderby=${encodeComponent(q.keys.map((k) => `${k.field}${k.dir ? ` ${k.dir}` : ""}`).join(","), q.spaces)}`);
  if (q.limit) parts.push(`limit=${q.limit.single ? q.limit.count : `${q.limit.offset},${q.limit.count}`}`);
  return parts.join("&");
}

// -------------------------------------------------------------------------------------------------
// The property

let sqlite: Engine;
let postgres: Engine;

beforeAll(async () => {
  sqlite = sqliteEngine();
  await sqlite.exec(HOST_DDL.sqlite);
  postgres = await postgresEngine();
  await postgres.exec(HOST_DDL.postgres);
}, 60_000);

afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
});

interface Outcome {
  readonly ids: readonly number[];
  readonly size: number;
}

async function runEngine(engine: Engine, text: string, options: MaskOptions): Promise<Outcome & { readonly sql: string; readonly params: readonly unknown[] }> {
  const sql = toSql(text, { dialect: engine.name, columns: hostColumns, schema: hostSchema, ...options });
  if (!sql.ok) throw new Error(`toSql (${engine.name}) refused a valid filter: ${show(sql.diagnostics.filter((d) => d.severity === "error"))}`);
  const select = selectStatement(sql, "h", { select: ["id"] });
  const count = countStatement(sql, "h");
  let ids: number[];
  let size: number;
  try {
    ids = await selectIds(engine, select);
    size = await selectCount(engine, count);
  } catch (error) {
    throw new Error(`${engine.name} failed: ${error instanceof Error ? error.message : String(error)}\n  sql: ${select.text}\n  params: ${show(select.params)}`);
  }
  return { ids, size, sql: select.text, params: select.params };
}

async function checkCase(records: readonly HostRecord[], queries: readonly QuerySpec[], options: MaskOptions): Promise<void> {
  const pools = poolsOf(records);
  await loadHosts(sqlite, records);
  await loadHosts(postgres, records);
  for (const q of queries) {
    const text = queryText(q, pools);
    const parsed = parse(text);
    if (hasErrors(parsed.diagnostics)) throw new Error(`the generator wrote invalid text ${JSON.stringify(text)}: ${show(parsed.diagnostics)}`);
    const expected = apply(text, records, { schema: hostSchema, ...options });
    const want: Outcome = { ids: expected.list.map((r) => r.id), size: expected.size };
    for (const engine of [sqlite, postgres]) {
      const got = await runEngine(engine, text, options);
      if (show(got.ids) !== show(want.ids) || got.size !== want.size) {
        throw new Error(
          [
            `${engine.name} disagrees with apply (options ${show(options)})`,
            `  filter: ${text}`,
            `  apply: ids ${show(want.ids)} size ${want.size}`,
            `  ${engine.name}: ids ${show(got.ids)} size ${got.size}`,
            `  sql: ${got.sql}`,
            `  params: ${show(got.params)}`,
            `  records: ${show(records)}`,
          ].join("\n"),
        );
      }
    }
  }
}

const caseArb = fc.record({ records: tableArb, queries: fc.array(querySpec, { minLength: 1, maxLength: 3 }) });

function property(options: MaskOptions, runs: number) {
  return async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, ({ records, queries }) => checkCase(records, queries, options)),
      { numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  };
}

/** Generous: the long run takes minutes; the default one takes seconds. */
const timeout = (runs: number) => 60_000 + runs * 200;

describe("apply, SQLite and PostgreSQL return the same rows in the same order", () => {
  it(`default options (${RUNS} runs)`, property({}, RUNS), timeout(RUNS));
  const fewer = Math.max(1, Math.ceil(RUNS / 4));
  it(`caseSensitive (${fewer} runs)`, property({ caseSensitive: true }, fewer), timeout(fewer));
  it(`underscoreWildcard (${fewer} runs)`, property({ underscoreWildcard: true }, fewer), timeout(fewer));
  it(`caseSensitive and underscoreWildcard (${fewer} runs)`, property({ caseSensitive: true, underscoreWildcard: true }, fewer), timeout(fewer));
});

describe("fixed cases the property found or that pin an edge", () => {
  const cases: { name: string; records: HostRecord[]; filter: string; options?: MaskOptions }[] = [
    { name: "code point order above U+FFFF", records: [{ id: 1, s: "\uFFFF" }, { id: 2, s: "\u{10000}" }, { id: 3, u: "\uE000" }, { id: 4, u: "😀" }], filter: "where=s GT '\uFFFF' OR u GT '\uE000'&orderby=s desc,u" },
    { name: "ICU column collation does not leak into order", records: [{ id: 1, u: "a" }, { id: 2, u: "B" }, { id: 3, u: "é" }, { id: 4, u: "É" }, { id: 5, u: "_" }], filter: "where=u GE 'B'&orderby=u" },
    { name: "integer literal past 2^53", records: [{ id: 1, i: 9007199254740992 }, { id: 2, i: 9007199254740993n }, { id: 3, n: 9007199254740992 }], filter: "i EQ 9007199254740993 OR n LT 9007199254740993" },
    { name: "decimal no double prints", records: [{ id: 1, n: 0.1 }, { id: 2, n: 0.10000000000000002 }], filter: "n GT 0.10000000000000001" },
    { name: "literal beyond int64 and beyond doubles", records: [{ id: 1, i: -(2n ** 62n) }, { id: 2, n: -1.7976931348623157e308 }], filter: `(i GT -9223372036854775809) AND (n GT -1${"0".repeat(400)})` },
    { name: "non-integer literal on an integer column", records: [{ id: 1, i: 1 }, { id: 2, i: 2 }, { id: 3, i: -2 }], filter: "i GT 1.5 OR i LE -1.5" },
    { name: "quoted number on integer and string fields", records: [{ id: 1, i: 7, s: "7" }, { id: 2, i: 70, s: "007" }], filter: "i EQ '007' OR s EQ '007'" },
    { name: "CP folds ASCII letters only", records: [{ id: 1, s: "WEB" }, { id: 2, s: "É" }, { id: 3, s: "é" }], filter: "s CP 'web' OR s CP 'é'" },
    { name: "CP with _ and backslash literal", records: [{ id: 1, s: "a_b" }, { id: 2, s: "axb" }, { id: 3, s: "a\\b" }], filter: "s CP 'a_b' OR s CP '%\\%'" },
    { name: "CP _ as a wildcard takes one code point", records: [{ id: 1, s: "a😀b" }, { id: 2, s: "ab" }], filter: "s CP 'a_b'", options: { underscoreWildcard: true } },
    { name: "case-sensitive CP with GLOB syntax in the mask", records: [{ id: 1, s: "a*[b]?" }, { id: 2, s: "A*[b]?" }, { id: 3, s: "ax[b]y" }], filter: "s CP 'a*[b]?'", options: { caseSensitive: true } },
    { name: "NOT of unknown stays unknown", records: [{ id: 1 }, { id: 2, s: "x" }, { id: 3, s: null }], filter: "NOT (s EQ 'y')" },
    { name: "arrays: any element, unknown elements, empty arrays", records: [{ id: 1, tags: [] }, { id: 2, tags: [null] }, { id: 3, tags: ["a", null] }, { id: 4, tags: ["b"] }, { id: 5 }], filter: "NOT (tags EQ 'a') OR tags IS null" },
    { name: "array members: null elements and missing members", records: [{ id: 1, ip4: [null] }, { id: 2, ip4: [{}] }, { id: 3, ip4: [{ ip: "1" }] }, { id: 4, ip4: [] }], filter: "ip4.ip IS null OR ip4 IS null" },
    { name: "reference compared with a number compares its id", records: [{ id: 1, cluster: { id: 3, name: "x" } }, { id: 2, cluster: { id: 4 } }, { id: 3, cluster: null }], filter: "where=cluster EQ 3 OR cluster.name IS null&orderby=cluster desc" },
    { name: "mismatched literals: false, true for NE, unknown for null", records: [{ id: 1, b: true, s: "true" }, { id: 2, b: null }, { id: 3, b: false }], filter: "b NE 'true' AND s NE true AND NOT (b CP 'true')" },
    // BUG (report): SQLite REAL past 2^53. The double 184113858411237470 is exactly 184113858411237472;
    // apply (and PostgreSQL numeric, which stores the printed decimal) compare the printed decimal,
    // but toSql binds an integer literal as an INTEGER and SQLite compares the exact double: [] instead of [1].
    { name: "REAL column past 2^53 compares as the number prints (fails in SQLite)", records: [{ id: 1, n: 184113858411237470 }], filter: "n EQ 184113858411237470" },
    { name: "REAL column past 2^53, non-integer literal (fails in SQLite)", records: [{ id: 1, n: 184113858411237470 }], filter: "n GE 184113858411237470.5" },
    { name: "JSON number past 2^53 is exact in both engines", records: [{ id: 1, cluster: { id: 1, weight: 184113858411237470 } }], filter: "cluster.weight EQ 184113858411237470 AND cluster.weight LT 184113858411237471" },
    { name: "limit past the end, single-number limit", records: [{ id: 1 }, { id: 2 }, { id: 3 }], filter: "where=id GE 1&orderby=id desc&limit=2" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      // the same check as the property, on one table and one query
      await loadHosts(sqlite, c.records);
      await loadHosts(postgres, c.records);
      const expected = apply(c.filter, c.records, { schema: hostSchema, ...(c.options ?? {}) });
      for (const engine of [sqlite, postgres]) {
        const got = await runEngine(engine, c.filter, c.options ?? {});
        expect({ engine: engine.name, ids: got.ids, size: got.size }).toEqual({ engine: engine.name, ids: expected.list.map((r) => r.id), size: expected.size });
      }
    });
  }
});
