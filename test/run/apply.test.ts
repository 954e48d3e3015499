/**
 * apply: filter, stable sort (nulls first ascending, last descending; booleans, numbers, strings;
 * references by id), limit and size; every input form; and a property against the reference
 * evaluator plus a reference sort.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileOptions, FieldAccessor, QueryNode, SortKeyNode } from "../../src/index.js";
import { apply, compile, DEFAULT_ORDER, defineSchema, FilterSyntaxError, parse, parseWhere, toQueryString } from "../../src/index.js";
import { parsedQuery } from "../../src/run/compile.js";
import { limitArb } from "../helpers/arbitraries.js";
import { recordArb, runSchema, VOCABULARY, vocabularyFilterArb } from "../helpers/record-arbitraries.js";
import { evaluate, referenceSort, RUN_SEMANTICS } from "../helpers/reference-evaluator.js";

type Row = Record<string, unknown>;
const ids = (result: { list: Row[] }) => result.list.map((r) => r.id);
const tags = (result: { list: Row[] }) => result.list.map((r) => r.tag);

const hosts: Row[] = [
  { id: 3, name: "web-3", state: "active", cpu: 4 },
  { id: 1, name: "db-1", state: "stopped", cpu: 8 },
  { id: 5, name: "web-5", state: "active", cpu: 2 },
  { id: 2, name: "Web-2", state: "active", cpu: 4 },
  { id: 4, name: "mail", state: "active", cpu: 4 },
];

describe("apply", () => {
  it("filters, sorts by orderby, pages by limit; size counts the matches before the limit", () => {
    const result = apply("where=(name CP 'web%') AND (state EQ 'active')&orderby=cpu desc,id asc&limit=0,2", hosts);
    expect(ids(result)).toEqual([2, 3]);
    expect(result.size).toBe(3);
    expect(ids(apply("where=(name CP 'web%')&orderby=cpu desc,id asc&limit=2,20", hosts))).toEqual([5]);
  });

  it("without orderby sorts ascending by id", () => {
    expect(ids(apply("state EQ 'active'", hosts))).toEqual([2, 3, 4, 5]);
    expect(ids(apply("", hosts))).toEqual([1, 2, 3, 4, 5]);
    expect(ids(apply("limit=1,2", hosts))).toEqual([2, 3]);
    expect(DEFAULT_ORDER).toEqual([{ kind: "SortKey", field: { kind: "Field", path: ["id"], name: "id" }, direction: "asc" }]);
    // ids of every kind: numbers exactly, bigints, strings after numbers, records without an id first
    const mixed = [{ id: "b" }, { id: 10 }, { id: 9007199254740993n }, {}, { id: 9007199254740992 }, { id: -1.5 }, { id: "a" }, { id: null }, { id: true }];
    expect(apply("", mixed).list).toEqual([{}, { id: null }, { id: true }, { id: -1.5 }, { id: 10 }, { id: 9007199254740992 }, { id: 9007199254740993n }, { id: "a" }, { id: "b" }]);
  });

  it("every input form: URL text (with ? or a path), a bare expression, a Query, an expression node", () => {
    const expected = [2, 3, 5];
    expect(ids(apply("where=name CP 'web%'", hosts))).toEqual(expected);
    expect(ids(apply("where=name+CP+'web%25'", hosts))).toEqual(expected);
    expect(ids(apply("where=name%20CP%20%27web%25%27&current_instance=true", hosts))).toEqual(expected);
    expect(ids(apply("?where=(name CP 'web%')", hosts))).toEqual(expected);
    expect(ids(apply("vm/v3/host?where=(name CP 'web%')", hosts))).toEqual(expected);
    expect(ids(apply("https://domain.com/vm/v3/host?where=(name CP 'web%')&orderby=id desc", hosts))).toEqual([5, 3, 2]);
    expect(ids(apply("name CP 'web%'", hosts))).toEqual(expected);
    expect(ids(apply("(name CP 'web%')", hosts))).toEqual(expected);
    expect(ids(apply(parse("where=name CP 'web%'&orderby=id desc&limit=0,2").query, hosts))).toEqual([5, 3]);
    expect(ids(apply(parseWhere("name CP 'web%'").where!, hosts))).toEqual(expected);
    expect(ids(apply(parse("orderby=cpu,id desc").query, hosts))).toEqual([5, 4, 3, 2, 1]);
    expect(ids(apply({ kind: "Query", form: "url", parameters: [], limit: { kind: "Limit", offset: 4, count: 9 } }, hosts))).toEqual([5]);
  });

  it("records may be any iterable; the input is not reordered or changed", () => {
    const copy = hosts.map((h) => ({ ...h }));
    function* generate() {
      yield* hosts;
    }
    expect(ids(apply("cpu GE 4", generate()))).toEqual([1, 2, 3, 4]);
    expect(ids(apply("cpu GE 4", new Set(hosts)))).toEqual([1, 2, 3, 4]);
    expect(apply("orderby=name", hosts).list).not.toBe(hosts);
    expect(hosts).toEqual(copy);
  });

  it("limit: offset then count; past the end is empty; count 0 is empty; one number is a count", () => {
    expect(apply("limit=0,0", hosts)).toEqual({ list: [], size: 5 });
    expect(apply("limit=5,1", hosts)).toEqual({ list: [], size: 5 });
    expect(apply("limit=100,100", hosts)).toEqual({ list: [], size: 5 });
    expect(ids(apply("limit=3,100", hosts))).toEqual([4, 5]);
    expect(ids(apply("limit=2", hosts))).toEqual([1, 2]);
    expect(apply("where=id GT 100&limit=0,10", hosts)).toEqual({ list: [], size: 0 });
    expect(apply("limit=0,10", [])).toEqual({ list: [], size: 0 });
  });

  it("the sort is stable: ties keep input order, ascending and descending alike", () => {
    const rows = [
      { tag: "a", k: 1 }, { tag: "b", k: 0 }, { tag: "c", k: 1 }, { tag: "d", k: 0 }, { tag: "e", k: 1 }, { tag: "f" }, { tag: "g", k: null },
    ];
    expect(tags(apply("orderby=k asc", rows))).toEqual(["f", "g", "b", "d", "a", "c", "e"]);
    expect(tags(apply("orderby=k desc", rows))).toEqual(["a", "c", "e", "b", "d", "f", "g"]);
    // without orderby, records without an id keep their order
    expect(tags(apply("", rows))).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    // a big input: every tie in order
    const many = Array.from({ length: 2000 }, (_, i) => ({ tag: i, k: i % 3 }));
    const sorted = apply("orderby=k desc", many).list;
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      expect(a.k > b.k || (a.k === b.k && a.tag < b.tag)).toBe(true);
    }
  });

  it("nulls (missing, null, arrays, objects without an id, NaN, ±Infinity) come first ascending, last descending", () => {
    const rows: Row[] = [
      { tag: "num", v: 1 }, { tag: "missing" }, { tag: "null", v: null }, { tag: "array", v: [0] }, { tag: "object", v: { x: 0 } },
      { tag: "nan", v: NaN }, { tag: "inf", v: Infinity }, { tag: "-inf", v: -Infinity }, { tag: "str", v: "" }, { tag: "bool", v: false },
      { tag: "idnull", v: { id: null } }, { tag: "undefined", v: undefined }, { tag: "inherited", v: Object.create({ id: 5 }) }, { tag: "sym", v: Symbol("s") },
    ];
    const nulls = ["missing", "null", "array", "object", "nan", "inf", "-inf", "idnull", "undefined", "inherited", "sym"];
    expect(tags(apply("orderby=v asc", rows))).toEqual([...nulls, "bool", "num", "str"]);
    expect(tags(apply("orderby=v desc", rows))).toEqual(["str", "num", "bool", ...nulls]);
  });

  it("ranks: false < true < numbers < strings; numbers exactly, strings by code point", () => {
    const values: unknown[] = ["b", "a", "B", "", "😀", "\uFFFF", "10", "9", true, false, 10, 9, -1, 2.5, 9007199254740993n, 9007199254740992, 0.1, 0.30000000000000004, 0.3, -(10n ** 30n), 1e21, -0];
    const rows = values.map((v, i) => ({ tag: i, v }));
    const order = apply("orderby=v", rows).list.map((r) => r.v);
    expect(order).toEqual([false, true, -(10n ** 30n), -1, -0, 0.1, 0.3, 0.30000000000000004, 2.5, 9, 10, 9007199254740992, 9007199254740993n, 1e21, "", "10", "9", "B", "a", "b", "\uFFFF", "😀"]);
    expect(apply("orderby=v desc", rows).list.map((r) => r.v)).toEqual([...order].reverse());
    // 0 and -0 are equal: input order
    expect(tags(apply("orderby=v", [{ tag: 1, v: 0 }, { tag: 2, v: -0 }, { tag: 3, v: 0n }]))).toEqual([1, 2, 3]);
    expect(tags(apply("orderby=v", [{ tag: 1, v: -0 }, { tag: 2, v: 0 }, { tag: 3, v: 0n }]))).toEqual([1, 2, 3]);
  });

  it("booleans: false before true, ties in input order, reversed by desc", () => {
    const rows = [{ tag: "t1", up: true }, { tag: "f1", up: false }, { tag: "t2", up: true }, { tag: "f2", up: false }, { tag: "t3", up: true }];
    expect(tags(apply("orderby=up", rows))).toEqual(["f1", "f2", "t1", "t2", "t3"]);
    expect(tags(apply("orderby=up desc", rows))).toEqual(["t1", "t2", "t3", "f1", "f2"]);
  });

  it("references sort by their own id; nested paths are read through objects, not arrays", () => {
    const rows = [
      { tag: "c10", cluster: { id: 10, name: "a" } }, { tag: "c9", cluster: { id: 9, name: "c" } }, { tag: "none", cluster: { name: "b" } },
      { tag: "c2n", cluster: { id: 2n, name: "d" } }, { tag: "cs", cluster: { id: "1", name: "e" } },
    ];
    expect(tags(apply("orderby=cluster", rows))).toEqual(["none", "c2n", "c9", "c10", "cs"]);
    expect(tags(apply("orderby=cluster.id desc", rows))).toEqual(["cs", "c10", "c9", "c2n", "none"]);
    expect(tags(apply("orderby=cluster.name desc", rows))).toEqual(["cs", "c2n", "c9", "none", "c10"]);
    expect(tags(apply("orderby=ip4.ip desc", [{ tag: 1, ip4: [{ ip: "b" }] }, { tag: 2, ip4: [{ ip: "a" }] }]))).toEqual([1, 2]);
    expect(tags(apply("orderby=constructor", [{ tag: 1 }, { tag: 2, constructor: "x" }, { tag: 3 }] as Row[]))).toEqual([1, 3, 2]);
  });

  it("with a numeric schema field, number text sorts as numbers", () => {
    const rows = [{ tag: "a", n: "10" }, { tag: "b", n: "9" }, { tag: "c", n: 9.5 }, { tag: "d", n: "x" }, { tag: "e", n: "007" }, { tag: "f", n: "9007199254740993" }, { tag: "g", n: 9007199254740992 }];
    expect(tags(apply("orderby=n", rows))).toEqual(["c", "g", "e", "a", "b", "f", "d"]); // text: "007" < "10" < "9" < "9007…"
    const schema = defineSchema({ n: "integer", cluster: { type: "reference" } });
    expect(tags(apply("orderby=n", rows, { schema }))).toEqual(["e", "b", "c", "a", "g", "f", "d"]);
    const refs = [{ tag: 1, cluster: { id: "10" } }, { tag: 2, cluster: { id: "9" } }];
    expect(tags(apply("orderby=cluster", refs))).toEqual([1, 2]);
    expect(tags(apply("orderby=cluster", refs, { schema }))).toEqual([2, 1]);
  });

  it("multiple keys: later keys break earlier ties, each in its own direction", () => {
    const rows = [
      { tag: 1, a: 1, b: "x" }, { tag: 2, a: 0, b: "y" }, { tag: 3, a: 1, b: "y" }, { tag: 4, a: 0, b: "x" }, { tag: 5, a: 1 }, { tag: 6, a: 1, b: "y" },
    ];
    expect(tags(apply("orderby=a asc,b desc", rows))).toEqual([2, 4, 3, 6, 1, 5]);
    expect(tags(apply("orderby=a desc,b asc", rows))).toEqual([5, 1, 3, 6, 4, 2]);
    expect(tags(apply("orderby=b,a desc", rows))).toEqual([5, 1, 4, 3, 6, 2]);
  });

  it("options reach the filter and the sort: accessor, schema, mask options", () => {
    const accessor: FieldAccessor = (r, _p, name) => (r as Map<string, unknown>).get(name);
    const maps = [new Map<string, unknown>([["id", 2], ["name", "A_1"]]), new Map<string, unknown>([["id", 1], ["name", "a-1"]]), new Map<string, unknown>([["id", 3], ["name", "b"]])];
    expect(apply("name CP 'a_1'", maps, { accessor }).list).toEqual([maps[0]]);
    expect(apply("name CP 'a_1'", maps, { accessor, underscoreWildcard: true }).list).toEqual([maps[1], maps[0]]);
    expect(apply("name CP 'a_1'", maps, { accessor, caseSensitive: true }).list).toEqual([]);
    expect(apply("orderby=name desc", maps, { accessor }).list).toEqual([maps[2], maps[1], maps[0]]);
    expect(ids(apply("n GT 5", [{ id: 1, n: "7" }, { id: 2, n: 7 }], { schema: defineSchema({ n: "integer" }) }))).toEqual([1, 2]);
    expect(ids(apply("n GT 5", [{ id: 1, n: "7" }, { id: 2, n: 7 }]))).toEqual([2]);
  });

  it("syntax errors throw", () => {
    expect(() => apply("where=a EQ", hosts)).toThrow(FilterSyntaxError);
    expect(() => apply("orderby=", hosts)).toThrow(FilterSyntaxError);
    expect(() => apply("limit=x", hosts)).toThrow(FilterSyntaxError);
  });
});

// ---------------------------------------------------------------------------------------------

const sortKeyArb: fc.Arbitrary<SortKeyNode> = fc
  .record({ name: fc.constantFrom(...VOCABULARY), direction: fc.constantFrom("asc" as const, "desc" as const) })
  .map(({ name, direction }) => ({ kind: "SortKey", field: { kind: "Field", path: name.split("."), name }, direction }));

const queryArb: fc.Arbitrary<QueryNode> = fc
  .record({
    where: fc.option(vocabularyFilterArb, { nil: undefined, freq: 2 }),
    keys: fc.option(fc.array(sortKeyArb, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 4 }),
    limit: fc.option(limitArb.map((l) => ({ ...l, offset: l.offset % 12, count: l.count % 12 })), { nil: undefined }),
  })
  .map(({ where, keys, limit }) => {
    const q: { -readonly [K in keyof QueryNode]?: QueryNode[K] } = { kind: "Query", form: "url", parameters: [] };
    if (where) q.where = where;
    if (keys) q.orderBy = { kind: "OrderBy", keys };
    if (limit) q.limit = limit;
    return q as QueryNode;
  });

/** Records with small ids that often tie (and sometimes are missing, text, bigints). */
const rowsArb = fc.array(
  fc.tuple(recordArb, fc.option(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom("3", 2n, null, 2.5)), { nil: undefined })).map(([r, id]) => {
    // a copy (same prototype, same own members), so the generated value is never changed
    const copy = Object.create(Object.getPrototypeOf(r) as object | null) as Record<string, unknown>;
    Object.defineProperties(copy, Object.getOwnPropertyDescriptors(r));
    if (id !== undefined) Object.defineProperty(copy, "id", { value: id, enumerable: true, writable: true, configurable: true });
    return copy;
  }),
  { maxLength: 14 },
);

const optionsArb: fc.Arbitrary<CompileOptions> = fc
  .record({ schema: fc.boolean(), caseSensitive: fc.boolean(), underscoreWildcard: fc.boolean() })
  .map(({ schema, ...rest }) => ({ ...(schema ? { schema: runSchema } : {}), ...rest }));

describe("apply agrees with the reference evaluator and a reference sort", () => {
  it("filter by the evaluator, sort (stable, nulls first ascending), slice", () => {
    let nonEmpty = 0;
    let runs = 0;
    fc.assert(
      fc.property(queryArb, rowsArb, optionsArb, (query, rows, o) => {
        runs++;
        const result = apply(query, rows, o);
        const matches = query.where ? rows.filter((r) => evaluate(query.where!, r, { ...RUN_SEMANTICS, ...o }) === true) : rows;
        const sorted = referenceSort(matches, query.orderBy?.keys ?? DEFAULT_ORDER, o.schema);
        const page = query.limit ? sorted.slice(query.limit.offset, query.limit.offset + query.limit.count) : sorted;
        if (page.length > 1) nonEmpty++;
        expect(result.size).toBe(matches.length);
        // the same records (by identity) in the same order
        const index = new Map(rows.map((r, i) => [r, i]));
        expect(result.list.map((r) => index.get(r))).toEqual(page.map((r) => index.get(r)));
      }),
      { numRuns: 1000 },
    );
    expect(nonEmpty).toBeGreaterThan(runs / 10);
  });

  it("URL text of the query gives the same page as the query", () => {
    fc.assert(
      fc.property(queryArb.filter((q) => q.where !== undefined || q.orderBy !== undefined || q.limit !== undefined), rowsArb, (query, rows) => {
        const text = toQueryString(query);
        expect(apply(text, rows), text).toEqual(apply(query, rows));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("apply reuses what compile cached", () => {
  it("the same text twice is parsed and compiled once", () => {
    const text = "where=name CP '%web%'&orderby=name&limit=0,1";
    expect(parsedQuery(text)).toBe(parsedQuery(text));
    expect(compile(parsedQuery(text))).toBe(compile(parsedQuery(text)));
    expect(apply(text, [{ id: 1, name: "web" }]).size).toBe(1);
  });
});
