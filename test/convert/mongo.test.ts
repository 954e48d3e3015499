/**
 * toMongo / fromMongo: `sift` over generated records selects exactly the rows a reference evaluator
 * of LANGUAGE.md section 5 selects; round trips as fast-check properties; every operator by hand.
 */
import fc from "fast-check";
import siftModule from "sift";
import { describe, expect, it } from "vitest";
import { ConvertCodes, fromMongo, maskToRegex, toMongo } from "../../src/convert/index.js";
import type { CompareOperator, Expression, LiteralNode, QueryNode, Schema } from "../../src/index.js";
import { defineSchema, format, parse, parseWhere } from "../../src/index.js";
import { expressionArb } from "../helpers/arbitraries.js";
import { evaluate } from "../helpers/reference-evaluator.js";
import { strip } from "../helpers/tree.js";

const sift = siftModule.default;

// The reference evaluator of LANGUAGE.md section 5 (test/helpers/reference-evaluator.ts), in its
// default reading: the one this conversion promises (a reference compared by id only through a schema).

describe("the reference evaluator", () => {
  const where = (text: string) => parseWhere(text).where!;
  it("follows section 5 on small cases", () => {
    expect(evaluate(where("a EQ 1"), {})).toBe(null);
    expect(evaluate(where("NOT (a EQ 1)"), { a: null })).toBe(null);
    expect(evaluate(where("a IS null"), { a: null })).toBe(true);
    expect(evaluate(where("a EQ '5'"), { a: 5 })).toBe(true);
    expect(evaluate(where("a EQ 5"), { a: "5" })).toBe(false);
    expect(evaluate(where("a NE 5"), { a: "5" })).toBe(true);
    expect(evaluate(where("roles CP '%@ADMIN%'"), { roles: ["x", "@admin"] })).toBe(true);
    expect(evaluate(where("name CP 'A_B'"), { name: "axb" })).toBe(false);
    expect(evaluate(where("name CP 'É'"), { name: "é" })).toBe(false);
    expect(evaluate(where("ip4.ip EQ '1.2.3.4'"), { ip4: [{ ip: "9" }, { ip: "1.2.3.4" }] })).toBe(true);
    expect(evaluate(where("tags EQ 'x'"), { tags: [] })).toBe(false);
    expect(evaluate(where("tags EQ 'x'"), { tags: ["y", null] })).toBe(null);
    expect(evaluate(where("constructor IS null"), {})).toBe(true);
    const schema = defineSchema({ cluster: { type: "reference" } });
    expect(evaluate(where("cluster EQ 3"), { cluster: { id: 3 } }, { schema })).toBe(true);
    expect(evaluate(where("cluster EQ 3"), { cluster: { id: 3 } })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated records and filters

/** Record strings: quotes, %, _, regex metacharacters, case pairs in and out of ASCII, a line break. No U+E000–U+FFFF (sift orders strings by UTF-16 units, Mongo and LANGUAGE.md by code points). */
const DATA_STRINGS = ["web", "WEB-1", "webserver", "Web_01", "a%b", "aXb", "a_b", "ab", "it's", "", "é", "É", "Жж", "😀", "x\ny", "5", "05", "5.0", "10", "-3", "true", "K", "k", "\u212A", "ſ", "s", "S", "x.*y", ".*", "^a$", "(x)", "[", "\\", "w_b_1", "wab1", "W%B%1", "null"];
const dataString = fc.constantFrom(...DATA_STRINGS);
const dataNumber = fc.constantFrom(0, -0, 5, 10, -3, 2.5, 1e21);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, fc.constant(null)), { nil: undefined });

function compact(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

const objectArb = fc.record({ x: maybe(dataNumber), y: maybe(dataString) }).map(compact);
const clusterArb = fc.record({ id: maybe(fc.constantFrom(3, 5)), name: maybe(dataString) }).map(compact);
const scalarRecordFields = {
  a: fc.option(fc.oneof(dataString, dataNumber, fc.boolean(), fc.constant(null), fc.constant({ id: 5 })), { nil: undefined }),
  b: maybe(dataString),
  n: maybe(dataNumber),
  o: maybe(objectArb),
  cluster: maybe(clusterArb),
  flag: maybe(fc.boolean()),
};
/** Records with arrays, references, nested objects, nulls and missing fields (for the schema below). */
const recordArb = fc
  .record({
    ...scalarRecordFields,
    tags: maybe(fc.array(fc.oneof(dataString, fc.constant(null)), { maxLength: 3 })),
    ip4: maybe(fc.array(fc.record({ ip: maybe(dataString) }).map(compact), { maxLength: 3 })),
  })
  .map(compact);
/** Records holding no arrays (for conversions without a schema). */
const scalarRecordArb = fc.record(scalarRecordFields).map(compact);

const schema = defineSchema({
  b: "string",
  n: "number",
  o: { type: "object", fields: { x: "integer", y: "string" } },
  tags: { type: "array", of: "string" },
  ip4: { type: "array", of: { ip: "string" } },
  cluster: { type: "reference", fields: { name: "string" } },
  flag: "boolean",
});

const FIELDS = ["a", "b", "n", "o", "o.x", "o.y", "tags", "ip4.ip", "cluster", "cluster.id", "cluster.name", "flag", "nope"];
const SCALAR_FIELDS = ["a", "b", "n", "o", "o.x", "o.y", "cluster", "cluster.id", "cluster.name", "flag", "nope"];
const VALUE_STRINGS = ["web", "WEB-1", "Web_01", "a%b", "a_b", "it's", "", "é", "É", "5", "05", "5.0", "10", "-3", "x\ny", "true", "K", "s", "^a$", "null"];
const MASKS = ["%web%", "web%", "%1", "a_b", "a%b", "%", "%%", "", "%é%", "%É%", "k%", "%S", "x%y", "it's", "%\n%", "%.*%", "^a$", "%(%", "5", "%5%", "w%b%1", "%b%", "%\\"];
const valueArb: fc.Arbitrary<LiteralNode> = fc.oneof(
  fc.constantFrom(...VALUE_STRINGS).map((value) => ({ kind: "String", value }) as const),
  fc.constantFrom("0", "5", "10", "-3", "2.5", "3").map((value) => ({ kind: "Number", value }) as const),
  fc.boolean().map((value) => ({ kind: "Boolean", value }) as const),
);
const maskArb: fc.Arbitrary<LiteralNode> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...MASKS).map((value) => ({ kind: "String", value }) as const) },
  { weight: 1, arbitrary: valueArb },
);

function filterArb(fields: readonly string[]): fc.Arbitrary<Expression> {
  const field = fc.constantFrom(...fields).map((name) => ({ kind: "Field", path: name.split("."), name }) as const);
  const comparison: fc.Arbitrary<Expression> = fc.oneof(
    fc.record({ field, operator: fc.constantFrom<CompareOperator>("EQ", "NE", "GT", "GE", "LT", "LE"), value: valueArb }).map((r) => ({ kind: "Comparison", ...r }) as const),
    fc.record({ field, operator: fc.constant<CompareOperator>("CP"), value: maskArb }).map((r) => ({ kind: "Comparison", ...r }) as const),
    field.map((f) => ({ kind: "IsNull", field: f }) as const),
  );
  return fc.letrec<{ e: Expression }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      comparison,
      tie("e").map((operand) => ({ kind: "Not", operand }) as Expression),
      fc.array(tie("e"), { minLength: 2, maxLength: 3 }).map((operands) => ({ kind: "And", operands }) as Expression),
      fc.array(tie("e"), { minLength: 2, maxLength: 3 }).map((operands) => ({ kind: "Or", operands }) as Expression),
    ),
  })).e;
}

function selectedBySift(query: object, records: readonly unknown[]): boolean[] {
  const test = sift(query as never);
  return records.map((r) => test(r));
}

function selectedByMeaning(e: Expression, records: readonly unknown[], s?: Schema): boolean[] {
  return records.map((r) => evaluate(e, r, { schema: s }) === true);
}

const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);

describe("toMongo selects what the filter means (sift against the reference evaluator)", () => {
  it("with a schema: arrays, references, nested objects, nulls and missing fields", () => {
    let compared = 0;
    fc.assert(
      fc.property(filterArb(FIELDS), fc.array(recordArb, { minLength: 1, maxLength: 25 }), (e, records) => {
        const { query, diagnostics } = toMongo(e, { schema });
        expect(diagnostics.filter((d) => d.severity === "error" || d.severity === "warning")).toEqual([]);
        // Mongo's case-insensitive regex folds é/É; CP does not (reported): no comparison then
        if (codes(diagnostics).includes(ConvertCodes.CaseFolding)) return;
        compared++;
        expect(selectedBySift(query, records), `${format(e)}\n${JSON.stringify(query)}`).toEqual(selectedByMeaning(e, records, schema));
      }),
      { numRuns: 1500 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it("without a schema, on records without arrays", () => {
    fc.assert(
      fc.property(filterArb(SCALAR_FIELDS), fc.array(scalarRecordArb, { minLength: 1, maxLength: 25 }), (e, records) => {
        const { query, diagnostics } = toMongo(e);
        expect(diagnostics.filter((d) => d.severity === "error" || d.severity === "warning")).toEqual([]);
        if (codes(diagnostics).includes(ConvertCodes.CaseFolding)) return;
        expect(selectedBySift(query, records), `${format(e)}\n${JSON.stringify(query)}`).toEqual(selectedByMeaning(e, records));
      }),
      { numRuns: 1000 },
    );
  });

  const records = [
    {},
    { a: null },
    { a: 1 },
    { a: 2 },
    { a: "1" },
    { a: "web" },
    { a: "WEB" },
    { a: true },
    { a: { id: 1 } },
    { name: "Web_01" },
    { name: "webserver" },
    { name: "it's 50%" },
    { name: "a\nb" },
    { name: "é" },
    { tags: [] },
    { tags: ["x"] },
    { tags: ["x", "y"] },
    { tags: ["x", null] },
    { ip4: [{ ip: "1.2.3.4" }, {}] },
    { ip4: [{ ip: "1.2.3.4" }] },
    { ip4: [] },
    { ip4: null },
    { cluster: { id: 3, name: "main" } },
    { cluster: { name: "noid" } },
    { cluster: null },
  ];
  const s = defineSchema({ tags: { type: "array", of: "string" }, ip4: { type: "array", of: { ip: "string" } }, cluster: { type: "reference", fields: { name: "string" } } });
  const HAND = [
    "a EQ 1",
    "a EQ '1'",
    "a NE 1",
    "NOT (a EQ 1)",
    "NOT (a NE 1)",
    "a GT 1",
    "a GE '1'",
    "a LT 2",
    "a LE 1",
    "NOT (a LT 2)",
    "a EQ true",
    "a GT false",
    "a CP '%EB%'",
    "a CP 'web'",
    "NOT (a CP 'w%')",
    "name CP 'web_%'",
    "name CP '%50\\%%'",
    "name CP 'it''s%'",
    "name CP 'a%b'",
    "name CP '%'",
    "a IS null",
    "NOT (a IS null)",
    "NOT ((a EQ 1) OR (a IS null))",
    "NOT ((a EQ 1) AND (name CP '%web%'))",
    "NOT (NOT (a EQ 1))",
    "tags EQ 'x'",
    "tags NE 'x'",
    "NOT (tags NE 'x')",
    "NOT (tags EQ 'x')",
    "tags IS null",
    "ip4.ip EQ '1.2.3.4'",
    "ip4.ip NE '1.2.3.4'",
    "NOT (ip4.ip NE '1.2.3.4')",
    "ip4.ip IS null",
    "cluster EQ 3",
    "cluster NE '3'",
    "NOT (cluster EQ 3)",
    "cluster.name CP 'MAIN'",
    "cluster IS null",
    "(a EQ 1) OR (tags EQ 'y') OR NOT (cluster.name EQ 'main')",
  ];
  it.each(HAND)("%s", (text) => {
    const e = parseWhere(text).where!;
    const { query, diagnostics } = toMongo(e, { schema: s });
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(selectedBySift(query, records), JSON.stringify(query)).toEqual(selectedByMeaning(e, records, s));
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips

/** NOT pushed down to the conditions (De Morgan) and double NOT removed: what toMongo writes. */
function pushNot(e: Expression, negate = false): Expression {
  switch (e.kind) {
    case "Not":
      return pushNot(e.operand, !negate);
    case "And":
    case "Or": {
      const kind = (e.kind === "And") !== negate ? "And" : "Or";
      return { kind, operands: e.operands.map((o) => pushNot(o, negate)).flatMap((o) => (o.kind === kind ? o.operands : [o])) };
    }
    default:
      return negate ? { kind: "Not", operand: e } : e;
  }
}

function fieldsOf(e: Expression, out = new Set<string>()): Set<string> {
  if (e.kind === "And" || e.kind === "Or") e.operands.forEach((o) => fieldsOf(o, out));
  else if (e.kind === "Not") fieldsOf(e.operand, out);
  else out.add(e.field.name);
  return out;
}

describe("round trips: fromMongo(toMongo(e)) is e with NOT pushed down", () => {
  it("without a schema, whenever nothing was reported", () => {
    let clean = 0;
    fc.assert(
      fc.property(expressionArb, (e) => {
        const to = toMongo(e);
        if (to.diagnostics.length > 0) return;
        clean++;
        const back = fromMongo(JSON.parse(JSON.stringify(to.query)));
        expect(back.diagnostics).toEqual([]);
        expect(strip(back.where)).toEqual(strip(pushNot(e)));
      }),
      { numRuns: 1000 },
    );
    expect(clean).toBeGreaterThan(100);
  });

  it("with a schema declaring every field as text, whenever only case-folding notes were reported", () => {
    let compared = 0;
    fc.assert(
      fc.property(expressionArb, (e) => {
        const fields = Object.fromEntries([...fieldsOf(e)].map((f) => [f, "string" as const]));
        const s = defineSchema(fields);
        const to = toMongo(e, { schema: s });
        if (to.diagnostics.some((d) => d.code !== ConvertCodes.CaseFolding)) return;
        compared++;
        const back = fromMongo(JSON.parse(JSON.stringify(to.query)), { schema: s });
        expect(back.diagnostics.filter((d) => d.code !== ConvertCodes.CaseFolding)).toEqual([]);
        expect(strip(back.where)).toEqual(strip(pushNot(e)));
      }),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThan(300);
  });

  it("the query is JSON: no prototype tricks, `__proto__` is a plain key", () => {
    const { query } = toMongo("(__proto__ EQ 1) AND (constructor NE 'x')");
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(JSON.stringify(query)).toBe('{"__proto__":1,"constructor":{"$nin":["x",null]}}');
    const back = fromMongo(JSON.parse('{"__proto__": 1, "constructor": {"$nin": ["x", null]}}'));
    expect(format(back.where!)).toBe("(__proto__ EQ 1) AND (constructor NE 'x')");
    expect(sift(query as never)({})).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// toMongo by hand

describe("toMongo", () => {
  const q = (text: string, options?: Parameters<typeof toMongo>[1]) => toMongo(text, options).query;

  it("writes each operator", () => {
    expect(q("a EQ 1")).toEqual({ a: 1 });
    expect(q("a EQ 'x'")).toEqual({ a: "x" });
    expect(q("a EQ true")).toEqual({ a: true });
    expect(q("a NE 'x'")).toEqual({ a: { $nin: ["x", null] } });
    expect(q("a GT 1")).toEqual({ a: { $gt: 1 } });
    expect(q("a GE 1")).toEqual({ a: { $gte: 1 } });
    expect(q("a LT 'm'")).toEqual({ a: { $lt: "m" } });
    expect(q("a LE -2.5")).toEqual({ a: { $lte: -2.5 } });
    expect(q("a CP '%web%'")).toEqual({ a: { $regex: "^.*web.*$", $options: "is" } });
    expect(q("a IS null")).toEqual({ a: null });
    expect(q("NOT (a IS null)")).toEqual({ a: { $ne: null } });
    expect(q("NOT (a EQ 1)")).toEqual({ $nor: [{ a: 1 }, { a: null }] });
  });

  it("merges an AND into one object when the keys differ, and uses $and otherwise", () => {
    expect(q("(a EQ 1) AND (b EQ 2)")).toEqual({ a: 1, b: 2 });
    expect(q("(a GT 1) AND (a LT 5)")).toEqual({ $and: [{ a: { $gt: 1 } }, { a: { $lt: 5 } }] });
    expect(q("(a EQ 1) OR (b EQ 2) OR (c IS null)")).toEqual({ $or: [{ a: 1 }, { b: 2 }, { c: null }] });
  });

  it("pushes NOT down to the conditions (De Morgan)", () => {
    expect(q("NOT ((a EQ 1) OR (b EQ 2))")).toEqual({ $and: [{ $nor: [{ a: 1 }, { a: null }] }, { $nor: [{ b: 2 }, { b: null }] }] });
    expect(q("NOT ((a EQ 1) AND (b IS null))")).toEqual({ $or: [{ $nor: [{ a: 1 }, { a: null }] }, { b: { $ne: null } }] });
    expect(q("NOT (NOT (a EQ 1))")).toEqual({ a: 1 });
  });

  it("escapes regex metacharacters and keeps _ literal", () => {
    expect(maskToRegex("a.b*c%_(x)[y]{z}|^$+?\\")).toBe("^a\\.b\\*c.*_\\(x\\)\\[y\\]\\{z\\}\\|\\^\\$\\+\\?\\\\$");
    expect(new RegExp(maskToRegex("a.b%")).test("a.bcd")).toBe(true);
    expect(new RegExp(maskToRegex("a.b%")).test("axb")).toBe(false);
    expect(q("name CP 'x'")).toEqual({ name: { $regex: "^x$", $options: "is" } });
  });

  it("notes Unicode case folding once, only for masks with such letters", () => {
    expect(codes(toMongo("a CP '%web%'").diagnostics)).toEqual([]);
    const { diagnostics } = toMongo("(a CP '%é%') OR (b CP 'Ж%')");
    expect(codes(diagnostics)).toEqual([ConvertCodes.CaseFolding]);
    expect(diagnostics[0]).toMatchObject({ severity: "info", start: 1, end: 11, line: 1, column: 2 });
  });

  it("CP with a number or boolean is written as its text mask (info)", () => {
    const { query, diagnostics } = toMongo("a CP 5");
    expect(query).toEqual({ a: { $regex: "^5$", $options: "is" } });
    expect(codes(diagnostics)).toEqual([ConvertCodes.Rewritten]);
  });

  it("quoted numbers: both text and number without a schema, one of them with", () => {
    const s = defineSchema({ n: "integer", t: "string", c: { type: "reference" } });
    const none = toMongo("n EQ '5'");
    expect(none.query).toEqual({ n: { $in: ["5", 5] } });
    expect(codes(none.diagnostics)).toEqual([ConvertCodes.Rewritten]);
    expect(q("n GT '5'")).toEqual({ $or: [{ n: { $gt: "5" } }, { n: { $gt: 5 } }] });
    expect(q("n EQ '05'", { schema: s })).toEqual({ n: 5 });
    expect(q("t EQ '05'", { schema: s })).toEqual({ t: "05" });
    expect(q("c EQ '7'", { schema: s })).toEqual({ "c.id": 7 });
  });

  it("reference fields compared with a number compare their id (with a schema)", () => {
    const s = defineSchema({ cluster: { type: "reference", fields: { name: "string" } } });
    expect(q("cluster EQ 3", { schema: s })).toEqual({ "cluster.id": 3 });
    expect(q("NOT (cluster EQ 3)", { schema: s })).toEqual({ $nor: [{ "cluster.id": 3 }, { "cluster.id": null }] });
    expect(q("cluster EQ 'x'", { schema: s })).toEqual({ cluster: "x" });
    expect(q("cluster.name EQ 'x'", { schema: s })).toEqual({ "cluster.name": "x" });
    expect(q("cluster EQ 3")).toEqual({ cluster: 3 });
  });

  it("NE on arrays the schema declares uses $elemMatch; on unknown fields it notes arrays once per field", () => {
    const s = defineSchema({ tags: { type: "array", of: "string" }, ip4: { type: "array", of: { ip: "string" } }, name: "string" });
    expect(toMongo("tags NE 'x'", { schema: s })).toMatchObject({ query: { tags: { $elemMatch: { $nin: ["x", null] } } }, diagnostics: [] });
    expect(toMongo("ip4.ip NE 'x'", { schema: s })).toMatchObject({ query: { ip4: { $elemMatch: { ip: { $nin: ["x", null] } } } }, diagnostics: [] });
    expect(toMongo("name NE 'x'", { schema: s }).diagnostics).toEqual([]);
    const { diagnostics } = toMongo("(other NE 'x') AND (other NE 'y') AND (more NE 1)", { schema: s });
    expect(codes(diagnostics)).toEqual([ConvertCodes.ArrayField, ConvertCodes.ArrayField]);
  });

  it("numbers that are not exactly JavaScript numbers are reported", () => {
    const { query, diagnostics } = toMongo("id EQ 9007199254740993");
    expect(query).toEqual({ id: 9007199254740992 });
    expect(diagnostics).toMatchObject([{ code: ConvertCodes.Lossy, severity: "warning", start: 0, end: 22 }]);
    expect(toMongo("a EQ 0.1").diagnostics).toEqual([]);
    expect(toMongo("a EQ 1000000000000000000000").diagnostics).toEqual([]);
  });

  it("ORDERBY, LIMIT and other parameters", () => {
    const r = toMongo("where=(a EQ 1)&orderby=name desc,id&limit=20,10&fields=x");
    expect(r).toMatchObject({ query: { a: 1 }, sort: { name: -1, id: 1 }, skip: 20, limit: 10 });
    expect(codes(r.diagnostics)).toEqual(["multiple-sort-keys", ConvertCodes.Dropped]);
    expect(r.diagnostics[1]).toMatchObject({ severity: "info", start: 48, end: 56 });
    expect(toMongo("limit=0,5")).toMatchObject({ query: {}, sort: { id: 1 }, skip: 0, limit: 5, diagnostics: [] });
    expect(toMongo("a EQ 1")).not.toHaveProperty("sort");
    expect(codes(toMongo("limit=0,0").diagnostics)).toContain(ConvertCodes.Lossy);
  });

  it("text with syntax errors: the parser's diagnostics and the partial tree", () => {
    const r = toMongo("(a EQ 1) AND (b EQ )");
    expect(r.query).toEqual({ a: 1 });
    expect(codes(r.diagnostics)).toEqual(["missing-value"]);
  });

  /** A hand-built tree whose field `a b` no converter can write. */
  const badField = { kind: "Comparison", field: { kind: "Field", path: ["a b"], name: "a b" }, operator: "EQ", value: { kind: "Number", value: "1" } } as unknown as Expression;

  it("leaves out an operand it cannot convert and keeps the others, under AND, OR and a negated OR", () => {
    const a = parseWhere("a EQ 1").where!;
    for (const kind of ["And", "Or"] as const) {
      const r = toMongo({ kind, operands: [a, badField] });
      expect(r.query).toEqual({ a: 1 });
      expect(codes(r.diagnostics)).toEqual([ConvertCodes.InvalidField]);
    }
    expect(toMongo({ kind: "Not", operand: { kind: "Or", operands: [badField, a] } }).query).toEqual({ $nor: [{ a: 1 }, { a: null }] });
    const none = toMongo({ kind: "Or", operands: [badField, badField] });
    expect(none.query).toEqual({});
    expect(codes(none.diagnostics)).toEqual([ConvertCodes.InvalidField, ConvertCodes.InvalidField]);
  });

  it("reads a field node by its path, or by its name when it has no path; a name that disagrees with the path is invalid", () => {
    expect(toMongo({ kind: "IsNull", field: { kind: "Field", name: "a.b" } } as unknown as Expression)).toEqual({ query: { "a.b": null }, diagnostics: [] });
    expect(toMongo({ kind: "IsNull", field: { kind: "Field", path: ["a", "b"] } } as unknown as Expression)).toEqual({ query: { "a.b": null }, diagnostics: [] });
    const invalid = [{ kind: "Field", path: ["a"], name: "b" }, { kind: "Field" }, { kind: "Field", path: ["a b"], name: "a b" }, "a", undefined];
    for (const field of invalid) {
      const r = toMongo({ kind: "IsNull", field } as unknown as Expression);
      expect(r.query).toEqual({});
      expect(r.diagnostics).toMatchObject([{ code: ConvertCodes.InvalidField, severity: "error", message: "The condition has no valid field (dot-separated names of letters, digits and _).", start: 0, end: 0 }]);
    }
  });

  it("rejects a comparison whose value is not a literal node", () => {
    for (const value of [5, "x", { kind: "Number", value: 5 }, { kind: "Boolean", value: "true" }]) {
      const r = toMongo({ kind: "Comparison", field: { kind: "Field", path: ["a"], name: "a" }, operator: "EQ", value } as unknown as Expression);
      expect(r.query).toEqual({});
      expect(r.diagnostics).toMatchObject([{ code: ConvertCodes.InvalidValue, message: "The comparison has no valid literal value." }]);
    }
  });

  it("takes a parsed Query: WHERE, ORDERBY and parameters, with diagnostics at their places in the text", () => {
    const r = toMongo(parse("where=(a EQ 1)&orderby=b desc&x=1").query);
    expect(r).toMatchObject({ query: { a: 1 }, sort: { b: -1 } });
    expect(r.diagnostics).toMatchObject([{ code: ConvertCodes.Dropped, severity: "info", start: 30, end: 33 }]);
    expect(toMongo(parse("orderby=b").query)).toEqual({ query: {}, sort: { b: 1 }, diagnostics: [] });
  });

  it("a Query built in code: sort keys without a valid field are reported and left out; no list of keys sorts by nothing", () => {
    const field = (name: string) => ({ kind: "Field", path: name.split("."), name }) as const;
    const built = {
      kind: "Query",
      form: "expression",
      orderBy: { kind: "OrderBy", keys: [{ kind: "SortKey", field: field("a b"), direction: "asc" }, null, { kind: "SortKey", field: field("b"), direction: "desc" }] },
      parameters: [],
    } as unknown as QueryNode;
    const r = toMongo(built);
    expect(r).toMatchObject({ query: {}, sort: { b: -1 } });
    expect(r.diagnostics).toMatchObject([
      { code: ConvertCodes.InvalidField, message: "A sort key has no valid field." },
      { code: ConvertCodes.InvalidField, message: "A sort key has no valid field." },
    ]);
    const malformed = { kind: "Query", form: "url", orderBy: { kind: "OrderBy", keys: "b" }, parameters: "x=1" } as unknown as QueryNode;
    expect(toMongo(malformed)).toEqual({ query: {}, sort: {}, diagnostics: [] });
  });

  it("names a node it cannot print 'this condition' in messages, and reports an input it cannot read as an internal error", () => {
    let reads = 0;
    const field = {
      kind: "Field",
      path: ["a"],
      get name() {
        if (reads++ > 0) throw new Error("read twice");
        return "a";
      },
    };
    const r = toMongo({ kind: "Comparison", field, operator: "CP", value: { kind: "Number", value: "5" } } as unknown as Expression);
    expect(r.query).toEqual({ a: { $regex: "^5$", $options: "is" } });
    expect(r.diagnostics.map((d) => d.message)).toEqual(["this condition: CP matches text, so the number is written as the mask '5'."]);
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); } }) as unknown as Expression;
    expect(toMongo(hostile)).toMatchObject({ query: {}, diagnostics: [{ code: ConvertCodes.InternalError, message: "The conversion failed (boom); please report it." }] });
  });

  it("places a diagnostic at a node's loc only when the loc lies within the parsed text", () => {
    const { query } = parse("(a EQ 1) AND (b EQ 2)");
    const where = query.where as unknown as { operands: unknown[] };
    where.operands[0] = { ...(badField as object), loc: { start: 14, end: 21 } };
    where.operands[1] = { ...(badField as object), loc: { start: 14, end: 99 } };
    const r = toMongo(query);
    expect(r.query).toEqual({});
    expect(r.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([
      [ConvertCodes.InvalidField, 0, 0],
      [ConvertCodes.InvalidField, 14, 21],
    ]);
  });

  it("never throws on trees that are not trees", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = toMongo(x as Expression);
        expect(Array.isArray(r.diagnostics)).toBe(true);
        expect(typeof r.query).toBe("object");
      }),
      { numRuns: 300 },
    );
    const bad = [
      null,
      42,
      { kind: "Comparison", field: { kind: "Field", path: ["$where"], name: "$where" }, operator: "EQ", value: { kind: "Number", value: "1" } },
      { kind: "Comparison", field: { kind: "Field", path: ["a"], name: "a" }, operator: "LIKE", value: { kind: "String", value: "x" } },
      { kind: "Comparison", field: { kind: "Field", path: ["a"], name: "a" }, operator: "EQ", value: { kind: "Number", value: "1e5" } },
      { kind: "And", operands: [] },
      { kind: "Not" },
    ];
    for (const x of bad) {
      const r = toMongo(x as unknown as Expression);
      expect(r.query).toEqual({});
      expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
    }
    const deep = Array.from({ length: 2000 }).reduce<Expression>((e) => ({ kind: "Not", operand: e }), parseWhere("a EQ 1").where!);
    expect(codes(toMongo(deep).diagnostics)).toEqual([ConvertCodes.TooDeep]);
  });
});

// ---------------------------------------------------------------------------------------------
// fromMongo by hand

describe("fromMongo", () => {
  const read = (query: unknown, options?: Parameters<typeof fromMongo>[1]) => {
    const r = fromMongo(query, options);
    return { text: r.where === undefined ? undefined : format(r.where), codes: codes(r.diagnostics), diagnostics: r.diagnostics };
  };

  it("reads implicit equality, dotted keys, null and the comparison operators", () => {
    expect(read({ a: 1, "cluster.name": "x", b: true, c: null })).toMatchObject({ text: "(a EQ 1) AND (cluster.name EQ 'x') AND (b EQ true) AND (c IS null)", codes: [] });
    expect(read({ a: { $eq: 1.5, $gt: 0, $gte: -1, $lt: "z", $lte: 10n } }).text).toBe("(a EQ 1.5) AND (a GT 0) AND (a GE -1) AND (a LT 'z') AND (a LE 10)");
    expect(read({ a: { $eq: null } }).text).toBe("(a IS null)");
    expect(read({ a: { $ne: null } }).text).toBe("NOT (a IS null)");
    expect(read({}).text).toBeUndefined();
    expect(read({}).codes).toEqual([]);
    expect(read({ a: 1e21 }).text).toBe("(a EQ 1000000000000000000000)");
  });

  it("reads $and, $or and $nor, with toMongo's NOT shape exactly", () => {
    expect(read({ $or: [{ a: 1 }, { $and: [{ b: 2 }, { c: 3 }] }] }).text).toBe("(a EQ 1) OR ((b EQ 2) AND (c EQ 3))");
    expect(read({ $nor: [{ a: 1 }, { a: null }] })).toMatchObject({ text: "NOT (a EQ 1)", codes: [] });
    expect(read({ $nor: [{ a: 1 }, { b: 2 }, { a: null }] }, { schema: defineSchema({ b: "integer" }) })).toMatchObject({ text: "NOT (a EQ 1) AND (NOT (b EQ 2) OR (b IS null))", codes: [] });
    expect(read({ $nor: [{ a: null }] }).text).toBe("NOT (a IS null)");
    expect(read({ $nor: [{ $or: [{ a: { $gt: "5" } }, { a: { $gt: 5 } }] }, { a: null }] }).text).toBe("NOT ((a GT '5') OR (a GT 5))");
  });

  it("reads Mongo's negations as 'not matching, or missing or null', noting arrays", () => {
    const r = read({ a: { $ne: 1 } });
    expect(r.text).toBe("NOT (a EQ 1) OR (a IS null)");
    expect(r.codes).toEqual([ConvertCodes.ArrayField]);
    expect(r.diagnostics[0]!.message).toContain("At a.$ne:");
    expect(read({ a: { $ne: 1 } }, { schema: defineSchema({ a: "integer" }) }).codes).toEqual([]);
    expect(read({ a: { $not: { $gt: 5 } } }).text).toBe("NOT (a GT 5) OR (a IS null)");
    expect(read({ a: { $not: /^x/i } }).text).toBe("NOT (a CP 'x%') OR (a IS null)");
    expect(read({ a: { $not: { $ne: 3 } } }).text).toBe("(a EQ 3)");
    expect(read({ $nor: [{ $and: [{ a: 1 }, { b: { $ne: 2 } }] }] }).text).toBe("NOT (a EQ 1) OR (a IS null) OR (b EQ 2)");
  });

  it("reads $in and $nin (a quoted number beside its number is one quoted number)", () => {
    expect(read({ a: { $in: [1, "x", null, /^y/i] } })).toMatchObject({ text: "(a IS null) OR (a EQ 1) OR (a EQ 'x') OR (a CP 'y%')", codes: [ConvertCodes.Rewritten] });
    expect(read({ a: { $in: ["5", 5] } })).toMatchObject({ text: "(a EQ '5')", codes: [] });
    expect(read({ a: { $nin: ["x", null] } }, { schema: defineSchema({ a: "string" }) })).toMatchObject({ text: "(a NE 'x')", codes: [] });
    expect(read({ a: { $nin: [1, 2] } }).text).toBe("((a NE 1) AND (a NE 2)) OR (a IS null)");
    expect(read({ a: { $in: [] } }).codes).toEqual([ConvertCodes.InvalidInput]);
  });

  it("reads $exists as IS null with a warning", () => {
    expect(read({ a: { $exists: false } })).toMatchObject({ text: "(a IS null)", codes: [ConvertCodes.Lossy] });
    expect(read({ a: { $exists: true } })).toMatchObject({ text: "NOT (a IS null)", codes: [ConvertCodes.Lossy] });
    expect(read({ a: { $exists: "yes" } }).codes).toEqual([ConvertCodes.InvalidValue]);
  });

  it("reads a regex as CP only when it is a mask matched ignoring case", () => {
    expect(read({ a: { $regex: "^.*web.*$", $options: "is" } })).toMatchObject({ text: "(a CP '%web%')", codes: [] });
    expect(read({ a: { $regex: "web", $options: "i" } })).toMatchObject({ text: "(a CP '%web%')", codes: [] });
    expect(read({ a: /^a\.b_c\$$/i }).text).toBe("(a CP 'a.b_c$')");
    expect(read({ a: { $regex: /^x/, $options: "i" } }).text).toBe("(a CP 'x%')");
    expect(read({ a: { $regex: "^10\\.0\\." } })).toMatchObject({ text: "(a CP '10.0.%')", codes: [] });
    expect(read({ a: { $regex: "^x.*y$", $options: "i" } })).toMatchObject({ text: "(a CP 'x%y')", codes: [ConvertCodes.Lossy] });
    expect(read({ a: { $regex: "^é", $options: "i" } }).codes).toEqual([ConvertCodes.CaseFolding]);
    for (const bad of [{ $regex: "^web" }, { $regex: "a.b", $options: "i" }, { $regex: "\\d+", $options: "i" }, { $regex: "50%", $options: "i" }, { $regex: "^a$", $options: "im" }, { $regex: "a|b", $options: "i" }, { $regex: "x.*?", $options: "i" }]) {
      const r = read({ a: bad });
      expect(r.text).toBeUndefined();
      expect(r.codes).toEqual([ConvertCodes.Unsupported]);
    }
  });

  it("reads $elemMatch with one condition as an any-element comparison", () => {
    const s = defineSchema({ tags: { type: "array", of: "string" }, ip4: { type: "array", of: { ip: "string" } } });
    expect(read({ tags: { $elemMatch: { $nin: ["x", null] } } }, { schema: s })).toMatchObject({ text: "(tags NE 'x')", codes: [] });
    expect(read({ ip4: { $elemMatch: { ip: "1.2.3.4" } } }, { schema: s })).toMatchObject({ text: "(ip4.ip EQ '1.2.3.4')", codes: [] });
    expect(read({ ip4: { $elemMatch: { ip: "1.2.3.4" } } }).codes).toEqual([ConvertCodes.ArrayField]);
    expect(read({ ip4: { $elemMatch: { ip: "1", mask: 24 } } }).codes).toEqual([ConvertCodes.Unsupported]);
    expect(read({ ip4: { $elemMatch: { $gt: 1, $lt: 5 } } }).codes).toEqual([ConvertCodes.Unsupported]);
    expect(read({ tags: { $elemMatch: { $ne: "x" } } }).codes).toEqual([ConvertCodes.Unsupported]);
    expect(read({ tags: { $elemMatch: { $eq: null } } }, { schema: s }).text).toBe("(tags IS null)");
  });

  it("reports what it cannot read, with the JSON path, and keeps the rest", () => {
    const r = read({ ok: 1, "tags.0": "x", "bad name": 1, $where: "this.a", $expr: {}, a: { $size: 2 }, b: [1, 2], c: { d: 1 }, e: { $gt: null }, f: NaN, g: new Date(0), h: { $options: "i" } });
    expect(r.text).toBe("(ok EQ 1)");
    expect(r.codes).toEqual([
      ConvertCodes.InvalidField,
      ConvertCodes.InvalidField,
      ConvertCodes.UnsupportedOperator,
      ConvertCodes.UnsupportedOperator,
      ConvertCodes.UnsupportedOperator,
      ConvertCodes.Unsupported,
      ConvertCodes.Unsupported,
      ConvertCodes.InvalidValue,
      ConvertCodes.InvalidValue,
      ConvertCodes.InvalidValue,
      ConvertCodes.InvalidInput,
    ]);
    expect(r.diagnostics.every((d) => d.start === 0 && d.end === 0 && d.line === 1 && d.column === 1)).toBe(true);
    expect(r.diagnostics[0]!.message).toMatch(/^At \["tags\.0"\]: /);
    expect(r.diagnostics[3]!.message).toMatch(/^At \$expr: /);
    expect(read({ $nor: [{}] }).codes).toEqual([ConvertCodes.Unsupported]);
    expect(read({ $or: [{}, { a: 1 }] }).text).toBeUndefined();
  });

  it("reads a $nor item as toMongo's NOT only when it is about the null item's field alone, without negations", () => {
    // a negation inside the item: read as "the item does not match"
    expect(read({ $nor: [{ a: { $ne: 1 } }, { a: null }] })).toMatchObject({ text: "(a EQ 1) AND NOT (a IS null)", codes: [] });
    // conditions on another path than the null item's (a.x, not a)
    expect(read({ $nor: [{ a: { $elemMatch: { x: 1 } } }, { a: null }] })).toMatchObject({ text: "NOT (a IS null)", codes: [ConvertCodes.Unsupported] });
    // an item that does not read: reported once, from the second reading only
    expect(read({ $nor: [{ a: { $regex: "x" } }, { a: null }] })).toMatchObject({ text: "NOT (a IS null)", codes: [ConvertCodes.Unsupported] });
    // { p: { $eq: null } } is a null item too, and one null item pairs with every item on its field
    expect(read({ $nor: [{ a: 1 }, { a: { $eq: null } }] })).toMatchObject({ text: "NOT (a EQ 1)", codes: [] });
    expect(read({ $nor: [{ a: { $gt: 1 } }, { a: null }, { a: { $lt: 0 } }] })).toMatchObject({ text: "NOT (a GT 1) AND NOT (a LT 0)", codes: [] });
    // an $or over two fields is not one field's condition
    expect(read({ $nor: [{ $or: [{ a: 1 }, { b: 1 }] }, { a: null }, { b: null }] }, { schema: defineSchema({ a: "integer", b: "integer" }) })).toMatchObject({
      text: "(NOT (a EQ 1) OR (a IS null)) AND (NOT (b EQ 1) OR (b IS null)) AND NOT (a IS null) AND NOT (b IS null)",
      codes: [],
    });
    // items that are not query objects, or $or with no list of query objects, are reported
    expect(read({ $nor: [5, { a: null }] }).diagnostics.map((d) => d.message)).toEqual(["At $nor[0]: Expected a query object, found 5."]);
    expect(read({ $nor: [{ $or: [] }, { a: null }] }).diagnostics.map((d) => d.message)).toEqual(["At $nor[0].$or: Expected a non-empty array."]);
    expect(read({ $nor: [{ $or: [5] }, { a: null }] }).diagnostics.map((d) => d.message)).toEqual(["At $nor[0].$or[0]: Expected a query object, found 5."]);
    expect(read({ $nor: [{ a: null }] }).text).toBe("NOT (a IS null)");
  });

  it("reads the negation of each operator inside $nor", () => {
    const cases: [unknown, string | undefined, string[]][] = [
      [{ $eq: null }, "NOT (a IS null)", []],
      [{ $eq: 1 }, "NOT (a EQ 1) OR (a IS null)", [ConvertCodes.ArrayField]],
      [{ $eq: {} }, undefined, [ConvertCodes.InvalidValue]],
      [{ $ne: 1 }, "(a EQ 1)", []],
      [{ $ne: null }, "(a IS null)", []],
      [{ $in: [1, null] }, "(a NE 1)", [ConvertCodes.ArrayField]],
      [{ $nin: [1, null] }, "(a IS null) OR (a EQ 1)", [ConvertCodes.Rewritten]],
      [{ $exists: true }, "(a IS null)", [ConvertCodes.Lossy]],
      [{ $not: { $gt: 1 } }, "(a GT 1)", []],
      [{ $not: /^x/i }, "(a CP 'x%')", []],
      [{ $not: 5 }, undefined, [ConvertCodes.InvalidInput]],
      [{ $not: {} }, undefined, [ConvertCodes.InvalidInput]],
      [{ $options: "i" }, undefined, [ConvertCodes.InvalidInput]],
      [{ $regex: "^x", $options: "i" }, "NOT (a CP 'x%') OR (a IS null)", [ConvertCodes.ArrayField]],
      [{ $regex: "^x" }, undefined, [ConvertCodes.Unsupported]],
      [{ $gte: 2 }, "NOT (a GE 2) OR (a IS null)", [ConvertCodes.ArrayField]],
      [{ $gt: null }, undefined, [ConvertCodes.InvalidValue]],
      [{ $elemMatch: { x: 1 } }, undefined, [ConvertCodes.Unsupported]],
      [{ $size: 1 }, undefined, [ConvertCodes.UnsupportedOperator]],
    ];
    for (const [ops, text, expected] of cases) {
      expect(read({ $nor: [{ a: ops }] }), JSON.stringify(ops)).toMatchObject({ text, codes: expected });
    }
    expect(read({ $nor: [{ a: { $gt: 1, $lt: 5 } }] }).text).toBe("NOT (a GT 1) OR (a IS null) OR NOT (a LT 5) OR (a IS null)");
  });

  it("reads the negation of a query object inside $nor: each key negated, joined by OR", () => {
    expect(read({ $nor: [{ a: null, b: "x" }] }, { schema: defineSchema({ b: "string" }) })).toMatchObject({ text: "NOT (a IS null) OR NOT (b EQ 'x') OR (b IS null)", codes: [] });
    expect(read({ $nor: [{ $and: [{ a: 1 }, { b: 1 }] }] }).text).toBe("NOT (a EQ 1) OR (a IS null) OR NOT (b EQ 1) OR (b IS null)");
    expect(read({ $nor: [{ $and: [{ a: { $eq: null } }, { b: null }] }] })).toMatchObject({ text: "NOT (a IS null) OR NOT (b IS null)", codes: [] });
    expect(read({ $nor: [{ $or: [{ a: 1 }, { b: 1 }] }] }).text).toBe("(NOT (a EQ 1) OR (a IS null)) AND (NOT (b EQ 1) OR (b IS null))");
    expect(read({ $nor: [{ $nor: [{ a: 1 }, { b: 1 }] }] })).toMatchObject({ text: "(a EQ 1) OR (b EQ 1)", codes: [] });
    expect(read({ $nor: [{ a: "x", $comment: "why" }] }).codes).toEqual([ConvertCodes.ArrayField, ConvertCodes.Dropped]);
    const r = read({ $nor: [{ a: "x", $where: "f()", "bad name": 1, b: { c: 1 }, $and: "x" }] });
    expect(r.text).toBe("NOT (a EQ 'x') OR (a IS null)");
    expect(r.diagnostics.map((d) => d.message.slice(0, d.message.indexOf(":")))).toEqual(["At $nor[0].a", "At $nor[0].$where", 'At $nor[0]["bad name"]', "At $nor[0].b", "At $nor[0].$and"]);
  });

  it("a $nor item that matches no row takes nothing away (the whole $nor may match every row)", () => {
    // sift, as Mongo, matches every document here
    expect(sift({ $nor: [{ $nor: [{}] }] } as never)({ a: 1 })).toBe(true);
    expect(read({ $nor: [{ $nor: [{}] }] })).toMatchObject({ text: undefined, codes: [] });
    expect(read({ $nor: [{ $nor: [{}] }, { a: 1 }] }, { schema: defineSchema({ a: "integer" }) })).toMatchObject({ text: "NOT (a EQ 1) OR (a IS null)", codes: [] });
    expect(read({ $nor: [{ a: 1, $nor: [{}] }], b: 2 }, { schema: defineSchema({ a: "integer" }) })).toMatchObject({ text: "(b EQ 2)", codes: [] });
  });

  it("notes once per field that a negation is read for one value", () => {
    const r = read({ $and: [{ a: { $ne: 1 } }, { a: { $nin: ["x"] } }, { b: { $not: /^y/i } }] });
    expect(r.text).toBe("(NOT (a EQ 1) OR (a IS null)) AND ((a NE 'x') OR (a IS null)) AND (NOT (b CP 'y%') OR (b IS null))");
    expect(r.diagnostics.map((d) => d.message.slice(0, d.message.indexOf(":")))).toEqual(["At $and[0].a.$ne", "At $and[1].a.$nin", "At $and[2].b.$not"]);
    expect(r.codes).toEqual([ConvertCodes.ArrayField, ConvertCodes.Rewritten, ConvertCodes.ArrayField]);
  });

  it("reports bad operands of $eq, $ne, $in, $nin, $regex, $not and $elemMatch with their JSON paths", () => {
    const cases: [unknown, string][] = [
      [{ $eq: /x/ }, "At a.$eq: Equality with a regular expression value has no vmfilter equivalent (use $regex)."],
      [{ $eq: [1] }, "At a.$eq: an array cannot be a vmfilter value."],
      [{ $ne: {} }, "At a.$ne: an object cannot be a vmfilter value."],
      [{ $gt: {} }, "At a.$gt: an object cannot be a vmfilter value (text, a finite number or true/false)."],
      [{ $lt: /x/ }, "At a.$lt: the regular expression /x/ cannot be a vmfilter value (text, a finite number or true/false)."],
      [{ $in: [[1]] }, "At a.$in[0]: an array cannot be a vmfilter value."],
      [{ $in: [/a.b/i] }, "At a.$in[0]: The regular expression /a.b/i is not a CP mask: '.' has no CP equivalent."],
      [{ $nin: 5 }, "At a.$nin: Expected a non-empty array."],
      [{ $nin: [/a.b/] }, "At a.$nin[0]: The regular expression /a.b/ is not a CP mask: '.' has no CP equivalent."],
      [{ $regex: "x", $options: 5 }, "At a.$regex: $options must be a string of flags."],
      [{ $regex: 5 }, "At a.$regex: $regex must be a string or a regular expression."],
      [{ $regex: "\\", $options: "i" }, "At a.$regex: The regular expression /\\/i is not a CP mask: it ends with a lone backslash."],
      [{ $regex: "\\%", $options: "i" }, "At a.$regex: The regular expression /\\%/i is not a CP mask: a literal '%' cannot be written in a CP mask (CP has no escape for %)."],
      [{ $regex: "^x$y", $options: "i" }, "At a.$regex: The regular expression /^x$y/i is not a CP mask: '$' has no CP equivalent."],
      [{ $not: /a.b/i }, "At a.$not: The regular expression /a.b/i is not a CP mask: '.' has no CP equivalent."],
      [{ $not: {} }, "At a.$not: $not needs an operator object or a regular expression."],
      [{ $elemMatch: 5 }, "At a.$elemMatch: $elemMatch needs a query object."],
      [{ $elemMatch: { x: { $gt: 1, $lt: 3 } } }, "At a.$elemMatch: vmfilter cannot require several conditions to hold for the same array element."],
      [{ $eq: 1, b: 1 }, "At a: Operators and plain keys are mixed in one object."],
    ];
    for (const [ops, message] of cases) {
      const r = fromMongo({ a: ops });
      expect(r.where, message).toBeUndefined();
      expect(r.diagnostics.map((d) => d.message)).toEqual([message]);
    }
    expect(fromMongo({ a: undefined }).diagnostics.map((d) => d.message)).toEqual(["At a: undefined cannot be a vmfilter value."]);
  });

  it("reads what it can of $in and $nin lists, and $nin of null alone as IS NOT null", () => {
    expect(read({ a: { $in: [Number.NaN, 1] } })).toMatchObject({ text: "(a EQ 1)", codes: [ConvertCodes.InvalidValue] });
    expect(read({ a: { $in: ["5", "5", 5] } })).toMatchObject({ text: "(a EQ '5') OR (a EQ '5')", codes: [ConvertCodes.Rewritten] });
    expect(read({ a: { $nin: [null] } })).toMatchObject({ text: "NOT (a IS null)", codes: [] });
    expect(read({ a: { $nin: [/^x/i] } })).toMatchObject({ text: "NOT (a CP 'x%') OR (a IS null)", codes: [ConvertCodes.ArrayField, ConvertCodes.Rewritten] });
    expect(read({ a: { $nin: [/^x/i, null] } }, { schema: defineSchema({ a: "string" }) })).toMatchObject({ text: "NOT (a CP 'x%')", codes: [] });
    const both = read({ a: { $nin: [1, 2, null] } }, { schema: defineSchema({ a: "integer" }) });
    expect(both).toMatchObject({ text: "(a NE 1) AND (a NE 2)", codes: [ConvertCodes.Rewritten] });
    expect(both.diagnostics[0]!.message).toBe("At a.$nin: $nin is read as an AND of NE.");
    expect(read({ a: { $nin: ["x"] } }).diagnostics[1]!.message).toBe("At a.$nin: $nin is read as an AND of NE, or the field missing or null.");
  });

  it("reads $elemMatch whose one condition carries $options, and a regex condition on the elements", () => {
    expect(read({ a: { $elemMatch: { x: { $gt: 1, $options: "i" } } } })).toMatchObject({ text: "(a.x GT 1)", codes: [ConvertCodes.InvalidInput, ConvertCodes.ArrayField] });
    expect(read({ a: { $elemMatch: { $regex: "^x", $options: "i" } } })).toMatchObject({ text: "(a CP 'x%')", codes: [ConvertCodes.ArrayField] });
  });

  it("reports $and/$or without a list, leaves out $comment, and reads a regex with a \\-escaped character", () => {
    expect(read({ $and: 5, a: 1 }).diagnostics.map((d) => d.message)).toEqual(["At $and: Expected a non-empty array."]);
    expect(read({ $nor: 5 }).diagnostics.map((d) => d.message)).toEqual(["At $nor: Expected a non-empty array."]);
    expect(read({ $comment: "x", a: 1 })).toMatchObject({ text: "(a EQ 1)", codes: [ConvertCodes.Dropped] });
    expect(read({ a: { $regex: "^\\-$" } })).toMatchObject({ text: "(a CP '-')", codes: [] });
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true }), (x) => {
        const r = fromMongo(x);
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 500 },
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.$and = [cyclic];
    expect(codes(fromMongo(cyclic).diagnostics)).toEqual([ConvertCodes.TooDeep]);
    const negated: Record<string, unknown> = {};
    negated.$and = [negated];
    expect(codes(fromMongo({ $nor: [negated] }).diagnostics)).toEqual([ConvertCodes.TooDeep]);
    const nested = Array.from({ length: 40 }).reduce<unknown>((q) => ({ $nor: [q] }), { a: 1 });
    expect(fromMongo(nested).where).toBeDefined();
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error("boom"); } });
    expect(codes(fromMongo(hostile).diagnostics)).toEqual([ConvertCodes.InternalError]);
    const throwsText = new Proxy({}, { ownKeys: () => { throw "boom"; } });
    expect(fromMongo(throwsText).diagnostics.map((d) => d.message)).toEqual(["The conversion failed (boom); please report it."]);
  });
});
