/**
 * The differential property of the run layer, shared by the engines: random typed tables `h`
 * (test/helpers/sql-engines.ts) and random queries over them, and the check that `apply` (in
 * memory) and each engine return exactly the same ids in the same order, with `countStatement`
 * counting `apply`'s `size`.
 *
 * `arrays: false` leaves the array fields (tags, ip4, ports) out of the records, the filters and
 * the sort keys, for engines without array support (MySQL / MariaDB).
 */
import fc from "fast-check";
import { apply, countStatement, hasErrors, numberText, parse, quote, selectStatement, toSql, type MaskOptions } from "../../src/index.js";
import { encodeComponent } from "../../src/print/encode.js";
import { hostColumnsOf, hostSchema, loadHosts, selectCount, selectIds, show, type Engine, type HostRecord } from "./sql-engines.js";

/** Runs of the property for the default options (VMFILTER_SQL_RUNS, default 300); each option variant gets a quarter. */
export const SQL_RUNS = Math.max(1, Number(process.env.VMFILTER_SQL_RUNS ?? 300) || 300);
/** VMFILTER_SQL_SEED replays a failure's seed (fast-check prints it with the path). */
export const SQL_SEED = process.env.VMFILTER_SQL_SEED === undefined ? undefined : Number(process.env.VMFILTER_SQL_SEED);

/** What the generated cases may use. */
export interface DifferentialConfig {
  /** Array fields (tags, ip4, ports) in records, filters and sort keys; false for engines without arrays. */
  readonly arrays: boolean;
  /**
   * Numbers live in DECIMAL(65,30) (MySQL): the `n` column is one, and `toSql` reads JSON numbers
   * and binds number literals as one. Then record numbers (`n`, `cluster.weight`) fit it (below
   * 10^35, at most 30 decimal places) and number literals have at most 30 decimal places (more
   * are rounded: a documented limit) and at most 81 integer digits (beyond that MariaDB's
   * CAST(? AS DECIMAL(65,30)) loses the sign: a known bug, pinned by a fixed case of
   * test/db/mysql-differential.test.ts).
   */
  readonly decimal?: boolean;
}

/** Whether decimal text (plain, no exponent) has at most `whole` integer digits (leading zeros aside) and `scale` decimal places. */
export function decimalFits(text: string, whole: number, scale: number): boolean {
  const [integer = "", fraction = ""] = text.replace(/^-/, "").split(".");
  return integer.replace(/^0+/, "").length <= whole && fraction.replace(/0+$/, "").length <= scale;
}

/** A double DECIMAL(65,30) holds exactly (as the decimal it prints as). */
const fitsDecimal65 = (v: number) => decimalFits(numberText(v), 35, 30);
/** A literal MySQL's CAST(? AS DECIMAL(65,30)) reads right (see {@link DifferentialConfig.decimal}). */
const literalFitsDecimal = (text: string) => decimalFits(text, 81, 30);

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

/** A record without its id; the array fields only when `arrays`. */
function recordBody(config: DifferentialConfig) {
  const number = config.decimal ? doubleValue.filter(fitsDecimal65) : doubleValue;
  const arrays = config.arrays
    ? {
        tags: orNull(fc.array(fc.option(word, { nil: null, freq: 5 }), { maxLength: 3 })),
        ip4: orNull(fc.array(fc.oneof({ weight: 5, arbitrary: fc.record({ ip: fc.option(word, { nil: null, freq: 5 }) }, { requiredKeys: [] }) }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 3 })),
        ports: orNull(fc.array(fc.option(integerValue, { nil: null, freq: 5 }), { maxLength: 3 })),
      }
    : {};
  return fc.record(
    {
      i: orNull(integerValue),
      n: orNull(number),
      s: orNull(word),
      u: orNull(word),
      b: orNull(fc.boolean()),
      ...arrays,
      // a reference object always has its id: mapped to its id column, an object without one reads as
      // NULL in SQL while apply sees a present (non-null) object, a difference of the mapping, not of toSql
      cluster: orNull(
        fc.record(
          { id: integerValue, name: fc.option(word, { nil: null, freq: 4 }), weight: fc.option(number, { nil: null, freq: 4 }), up: fc.option(fc.boolean(), { nil: null, freq: 4 }) },
          { requiredKeys: ["id"] },
        ),
      ),
    },
    { requiredKeys: [] },
  );
}

/** 0–25 records with ids 1..n in ascending order (as a table returns ties). */
export function tableArbitrary(config: DifferentialConfig): fc.Arbitrary<HostRecord[]> {
  const body = recordBody(config);
  return fc
    .oneof(fc.array(body, { maxLength: 25, size: "max" }), fc.array(body, { maxLength: 8 }))
    .map((rows) => rows.map((r, k) => ({ id: k + 1, ...r }) as HostRecord));
}

// -------------------------------------------------------------------------------------------------
// Filters: specs resolved against the table's own values when rendered

export type Field = "id" | "i" | "n" | "s" | "u" | "b" | "tags" | "ip4.ip" | "ports" | "cluster" | "cluster.id" | "cluster.name" | "cluster.weight" | "cluster.up";
export type FieldType = "integer" | "number" | "string" | "boolean";
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
const ARRAY_FIELDS: readonly (Field | "ip4")[] = ["tags", "ip4.ip", "ports", "ip4"];
const SORTABLE = ["id", "i", "n", "s", "u", "b", "cluster", "cluster.id", "cluster.name", "cluster.weight", "cluster.up"] as const;
const OPERATORS = ["EQ", "NE", "GT", "GE", "LT", "LE", "CP"] as const;
export type Operator = (typeof OPERATORS)[number];

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

export type NumberBase = { readonly near: number; readonly delta: string } | { readonly fixed: string } | { readonly random: string };
export type Transform = "same" | "upper" | "lower" | "swap" | "head" | "tail" | "plus" | "minus";
export type StringBase = { readonly pick: number; readonly how: Transform; readonly cut: number; readonly extra: string } | { readonly fresh: string };
export type MaskPart = { readonly pct: true } | { readonly us: true } | { readonly frag: number; readonly start: number; readonly length: number; readonly how: Transform } | { readonly text: string };
export type Literal =
  | { readonly k: "num"; readonly base: NumberBase; readonly form: "plain" | "zeros" | "quoted" | "quoted-zeros" }
  | { readonly k: "str"; readonly base: StringBase }
  | { readonly k: "bool"; readonly value: boolean }
  | { readonly k: "mask"; readonly parts: readonly MaskPart[] };
export type Filter =
  | { readonly k: "cmp"; readonly field: Field; readonly op: Operator; readonly lit: Literal }
  | { readonly k: "isnull"; readonly field: Field | "ip4"; readonly not: boolean }
  | { readonly k: "not"; readonly e: Filter }
  | { readonly k: "and" | "or"; readonly es: readonly Filter[] };

const transform = fc.constantFrom<Transform>("same", "same", "upper", "lower", "swap", "head", "tail", "plus", "minus");
/** Number literals: near the table's numbers (those fit DECIMAL(65,30) too when `decimal`), at the edges, random. */
function numberLiteral(config: DifferentialConfig): fc.Arbitrary<Literal> {
  const fixed = config.decimal ? FIXED_NUMBERS.filter(literalFitsDecimal) : FIXED_NUMBERS;
  const double = config.decimal ? doubleValue.filter((v) => literalFitsDecimal(numberText(v))) : doubleValue;
  const numberBase: fc.Arbitrary<NumberBase> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ near: fc.nat(), delta: fc.constantFrom(...DELTAS) }) },
    { weight: 3, arbitrary: fc.record({ fixed: fc.constantFrom(...fixed) }) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((v) => ({ random: v.toString() })),
        double.map((v) => ({ random: numberText(v) })),
      ),
    },
  );
  return fc.record({ k: fc.constant("num" as const), base: numberBase, form: fc.constantFrom("plain", "plain", "plain", "zeros", "quoted", "quoted-zeros") });
}
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

function literalFor(type: FieldType, op: Operator, numberLit: fc.Arbitrary<Literal>): fc.Arbitrary<Literal> {
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

function filterArbitrary(config: DifferentialConfig): fc.Arbitrary<Filter> {
  const fields = config.arrays ? FIELDS : FIELDS.filter((f) => !ARRAY_FIELDS.includes(f));
  const numberLit = numberLiteral(config);
  const comparison: fc.Arbitrary<Filter> = fc
    .tuple(fc.constantFrom(...fields), fc.constantFrom(...OPERATORS))
    .chain(([field, op]) => literalFor(FIELD_TYPES[field], op, numberLit).map((lit) => ({ k: "cmp", field, op, lit }) as Filter));
  const isNull: fc.Arbitrary<Filter> = fc.record({ k: fc.constant("isnull" as const), field: fc.constantFrom<Field | "ip4">(...fields, ...(config.arrays ? (["ip4"] as const) : [])), not: fc.boolean() });

  return fc.letrec<{ expr: Filter; leaf: Filter; not: Filter; and: Filter; or: Filter }>((tie) => ({
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
}

export interface QuerySpec {
  readonly where?: Filter;
  readonly keys: readonly { readonly field: (typeof SORTABLE)[number]; readonly dir: "" | "asc" | "desc" }[];
  readonly limit?: { readonly offset: number; readonly count: number; readonly single: boolean };
  readonly spaces: "plus" | "percent";
}
/** A query: an optional WHERE, up to two sort keys (no array fields: they do not sort), an optional limit. */
export function querySpecArbitrary(config: DifferentialConfig): fc.Arbitrary<QuerySpec> {
  return fc.record({
    where: fc.option(filterArbitrary(config), { nil: undefined, freq: 8 }),
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
}

export interface DifferentialCase {
  readonly records: HostRecord[];
  readonly queries: readonly QuerySpec[];
}

/** A table and one to three queries over it. */
export function caseArbitrary(config: DifferentialConfig): fc.Arbitrary<DifferentialCase> {
  return fc.record({ records: tableArbitrary(config), queries: fc.array(querySpecArbitrary(config), { minLength: 1, maxLength: 3 }) });
}

// -------------------------------------------------------------------------------------------------
// Rendering

export interface Pools {
  /** Every number and string of the table, and each field's own (a literal near a field's own values finds its edges). */
  readonly numbers: readonly string[];
  readonly strings: readonly string[];
  readonly own: Readonly<Record<string, readonly string[]>>;
}

function decimalOf(v: number | bigint): string {
  return typeof v === "bigint" ? v.toString() : numberText(v);
}

export function poolsOf(records: readonly HostRecord[]): Pools {
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
export function queryText(q: QuerySpec, pools: Pools): string {
  const where = q.where ? filterText(q.where, pools) : undefined;
  if (q.keys.length === 0 && !q.limit) return where ?? "id GE 1";
  const parts: string[] = [];
  if (where) parts.push(`where=${encodeComponent(where, q.spaces)}`);
  if (q.keys.length > 0) parts.push(`orderby=${encodeComponent(q.keys.map((k) => `${k.field}${k.dir ? ` ${k.dir}` : ""}`).join(","), q.spaces)}`);
  if (q.limit) parts.push(`limit=${q.limit.single ? q.limit.count : `${q.limit.offset},${q.limit.count}`}`);
  return parts.join("&");
}


// -------------------------------------------------------------------------------------------------
// The check

export interface Outcome {
  readonly ids: readonly number[];
  readonly size: number;
}

/** The ids (`selectStatement`) and the count (`countStatement`) of a query in an engine, with the SQL. */
export async function runEngine(engine: Engine, text: string, options: MaskOptions): Promise<Outcome & { readonly sql: string; readonly params: readonly unknown[] }> {
  const sql = toSql(text, { dialect: engine.name, columns: hostColumnsOf(engine), schema: hostSchema, ...options });
  if (!sql.ok) throw new Error(`toSql (${engine.name}) refused a valid filter: ${show(sql.diagnostics.filter((d) => d.severity === "error"))}`);
  const table = engine.table ?? "h";
  const select = selectStatement(sql, table, { select: ["id"] });
  const count = countStatement(sql, table);
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

/** Loads the records into every engine, then checks each query: every engine returns apply's ids in apply's order, and counts apply's size. */
export async function checkCase(engines: readonly Engine[], records: readonly HostRecord[], queries: readonly QuerySpec[], options: MaskOptions): Promise<void> {
  const pools = poolsOf(records);
  for (const engine of engines) await loadHosts(engine, records);
  for (const q of queries) {
    const text = queryText(q, pools);
    const parsed = parse(text);
    if (hasErrors(parsed.diagnostics)) throw new Error(`the generator wrote invalid text ${JSON.stringify(text)}: ${show(parsed.diagnostics)}`);
    const expected = apply(text, records, { schema: hostSchema, ...options });
    const want: Outcome = { ids: expected.list.map((r) => r.id), size: expected.size };
    for (const engine of engines) {
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

/** One filter on one table: apply's outcome and each engine's, for `expect(...).toEqual`. */
export async function fixedCase(engines: readonly Engine[], records: readonly HostRecord[], filter: string, options: MaskOptions = {}): Promise<{ expected: Outcome; got: (Outcome & { readonly engine: string })[] }> {
  for (const engine of engines) await loadHosts(engine, records);
  const applied = apply(filter, records, { schema: hostSchema, ...options });
  const got: (Outcome & { readonly engine: string })[] = [];
  for (const engine of engines) {
    const outcome = await runEngine(engine, filter, options);
    got.push({ engine: engine.name, ids: outcome.ids, size: outcome.size });
  }
  return { expected: { ids: applied.list.map((r) => r.id), size: applied.size }, got };
}

/**
 * The property as a test body: `runs` random cases (seeded by VMFILTER_SQL_SEED when set) checked
 * on the engines `engines()` returns (a function: they start in `beforeAll`).
 */
export function differentialProperty(config: DifferentialConfig, engines: () => readonly Engine[], options: MaskOptions, runs: number): () => Promise<void> {
  const cases = caseArbitrary(config);
  return async () => {
    await fc.assert(
      fc.asyncProperty(cases, ({ records, queries }) => checkCase(engines(), records, queries, options)),
      { numRuns: runs, ...(SQL_SEED === undefined ? {} : { seed: SQL_SEED }) },
    );
  };
}

/** A test timeout for `runs` cases: generous, the long run takes minutes. */
export const propertyTimeout = (runs: number): number => 60_000 + runs * 200;
