/**
 * Prototype keys never reach a prototype (issue 9). Field paths and JSON keys named `__proto__`,
 * `constructor` and `prototype` (alone and nested, `a.__proto__.b`) go through every API that
 * reads a field path or a caller's object: compile / apply, fromJSON, migrate, the MongoDB and
 * react-querybuilder converters, schemas and the validator's rule config, toSql's column map,
 * and the server and client helpers. What LANGUAGE.md section 5 promises is asserted: only own
 * properties are read, so nothing resolves through the prototype chain (a record `{}` has no
 * `constructor`), while an own member of that name (as `JSON.parse` makes) is an ordinary
 * member. After each attempt nothing is polluted: `({}).polluted` is undefined and the built-in
 * prototypes have exactly the members they had.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  analyze,
  apply,
  compile,
  defineSchema,
  format,
  fromJSON,
  fromMongo,
  fromReactQueryBuilder,
  migrate,
  parse,
  schemas,
  toJSON,
  toMongo,
  toReactQueryBuilder,
  toSql,
  type ColumnMap,
  type FieldMap,
} from "../../src/index.js";
import { listQueryString } from "../../src/client/list-query.js";
import { parseListRequest } from "../../src/server/parse-list-request.js";

/** The field paths tried everywhere: prototype keys alone, nested, and as the last member. */
const PATHS = ["__proto__", "constructor", "prototype", "__proto__.polluted", "constructor.prototype", "constructor.prototype.polluted", "a.__proto__.b", "a.constructor", "a.prototype.polluted", "toString", "hasOwnProperty"];

/** The records tried with them: no own members, own members of those names, class instances. */
const RECORDS: readonly { label: string; record: () => object }[] = [
  { label: "{}", record: () => ({}) },
  { label: "{ a: {} }", record: () => ({ a: {} }) },
  { label: "{ a: [{}] }", record: () => ({ a: [{}] }) },
  { label: "a class instance", record: () => new (class Host {})() },
  { label: "a function member", record: () => ({ a: function a() {} }) },
];

const builtins = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
const membersBefore = builtins.map((p) => Object.getOwnPropertyNames(p).sort());

/** Nothing was written to a built-in prototype. */
function expectClean(label = ""): void {
  expect(({} as Record<string, unknown>).polluted, `${label}: ({}).polluted`).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, `${label}: [].polluted`).toBeUndefined();
  expect(builtins.map((p) => Object.getOwnPropertyNames(p).sort()), label).toEqual(membersBefore);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

afterEach(() => expectClean("after the test"));

/** An object with own members exactly as given, `__proto__` included (as `JSON.parse` makes them). */
const json = <T = Record<string, unknown>>(text: string): T => JSON.parse(text) as T;

describe("compile and apply: prototype members never resolve", () => {
  it.each(PATHS)("%s: missing on every record without own members (IS null true, IS NOT null false, comparisons unknown)", (path) => {
    for (const { label, record } of RECORDS) {
      const r = record();
      expect(compile(`${path} IS null`)(r), `${path} IS null on ${label}`).toBe(true);
      expect(compile(`${path} IS NOT null`)(r), `${path} IS NOT null on ${label}`).toBe(false);
      for (const text of [`${path} EQ 'x'`, `${path} NE 'x'`, `${path} CP '%'`, `${path} GT 0`, `NOT (${path} EQ 1)`]) {
        expect(compile(text)(r), `${text} on ${label}`).toBe(false);
      }
      expectClean(`${path} on ${label}`);
    }
  });

  it("apply keeps nothing through the prototype and sorts by such fields as missing (input order kept)", () => {
    const records = [{ id: 2 }, { id: 1, a: {} }, { id: 3, a: [{}] }];
    for (const path of PATHS) {
      expect(apply(`where=${path} IS NOT null`, records).list, path).toEqual([]);
      expect(apply(`where=${path} IS null&orderby=${path} desc`, records).list.map((r) => r.id), path).toEqual([2, 1, 3]);
      expectClean(path);
    }
  });

  it("own members named __proto__, constructor, prototype are ordinary members", () => {
    const record = json('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": 1}}, "prototype": "p", "a": {"__proto__": {"b": 7}}}');
    expect(compile("__proto__.polluted EQ 'yes'")(record)).toBe(true);
    expect(compile("constructor.prototype.polluted EQ 1")(record)).toBe(true);
    expect(compile("prototype EQ 'p'")(record)).toBe(true);
    expect(compile("a.__proto__.b EQ 7")(record)).toBe(true);
    const { list } = apply("where=__proto__.polluted EQ 'yes'&orderby=a.__proto__.b desc", [record, {}]);
    expect(list).toEqual([record]);
    expectClean();
  });

  it("a polluted Object.prototype (by someone else) still does not resolve", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.injected = "from the prototype";
    try {
      expect(compile("injected EQ 'from the prototype'")({})).toBe(false);
      expect(compile("injected IS null")({})).toBe(true);
      expect(compile("a.injected IS NOT null")({ a: {} })).toBe(false);
      expect(apply("orderby=injected", [{ id: 2 }, { id: 1 }]).list).toEqual([{ id: 2 }, { id: 1 }]);
    } finally {
      delete proto.injected;
    }
  });

  it("apply never writes to the records", () => {
    const record = json('{"__proto__": {"x": 1}, "id": 1}');
    const before = JSON.stringify(record);
    apply("where=__proto__.x EQ 1&orderby=__proto__.x", [record]);
    expect(JSON.stringify(record)).toBe(before);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});

describe("fromJSON", () => {
  const envelope = (node: unknown) => JSON.stringify({ vmfilter: 1, node });
  const comparison = (path: string[]) => ({ kind: "Comparison", field: { kind: "Field", path, name: path.join(".") }, operator: "EQ", value: { kind: "Number", value: "1" } });

  it("rejects __proto__, constructor and prototype as keys at every level", () => {
    const texts = [
      '{"vmfilter":1,"__proto__":{"polluted":1},"node":{"kind":"Query","form":"url","parameters":[]}}',
      '{"vmfilter":1,"node":{"kind":"Query","form":"url","parameters":[],"__proto__":{"polluted":1}}}',
      '{"vmfilter":1,"node":{"kind":"And","operands":[{"kind":"IsNull","field":{"kind":"Field","path":["a"],"name":"a","constructor":{"prototype":{"polluted":1}}}},{"kind":"IsNull","field":{"kind":"Field","path":["b"],"name":"b"}}]}}',
      '{"vmfilter":1,"node":{"kind":"Comparison","field":{"kind":"Field","path":["a"],"name":"a"},"operator":"EQ","value":{"kind":"String","value":"x","prototype":{"polluted":1}}}}',
    ];
    for (const text of texts) {
      const result = fromJSON(text);
      expect(result.node, text).toBeUndefined();
      expect(result.diagnostics.map((d) => d.code), text).toContain("json-forbidden-property");
      expect(fromJSON(JSON.parse(text)).node).toBeUndefined();
      expectClean(text);
    }
  });

  it("accepts prototype names as field path members, which then never resolve", () => {
    for (const path of PATHS) {
      const result = fromJSON(envelope(comparison(path.split("."))));
      expect(result.diagnostics, path).toEqual([]);
      const node = result.node!;
      expect(format(node as never), path).toBe(`(${path} EQ 1)`);
      expect(compile(node as never)({}), path).toBe(false);
      expect(JSON.parse(JSON.stringify(toJSON(node as never)))).toEqual(JSON.parse(envelope(comparison(path.split(".")))));
      expectClean(path);
    }
  });
});

describe("migrate", () => {
  it("renames through own keys only: __proto__ as an own key renames, inherited names do nothing", () => {
    const renameFields = json<Record<string, string>>('{"__proto__": "proto_field", "constructor": "ctor", "a.__proto__": "ap"}');
    const result = migrate("(__proto__ EQ 1) AND (constructor.prototype EQ 2) AND (a.__proto__.b EQ 3) AND (toString EQ 4)", { renameFields });
    expect(result.canonical).toBe("(proto_field EQ 1) AND (ctor.prototype EQ 2) AND (ap.b EQ 3) AND (toString EQ 4)");
    expectClean();
    expect(migrate("(constructor EQ 1) AND (prototype EQ 2)", { renameFields: {} }).canonical).toBe("(constructor EQ 1) AND (prototype EQ 2)");
  });

  it("renames values through own keys only", () => {
    const renameValues = json<Record<string, Record<string, string>>>('{"__proto__": {"polluted": "clean"}, "state": {"__proto__": "p", "constructor": "c"}}');
    const result = migrate("(__proto__ EQ 'polluted') AND (state EQ '__proto__') AND (state EQ 'constructor') AND (state EQ 'toString') AND (other EQ 'constructor')", { renameValues });
    expect(result.canonical).toBe("(__proto__ EQ 'clean') AND (state EQ 'p') AND (state EQ 'c') AND (state EQ 'toString') AND (other EQ 'constructor')");
    expectClean();
  });

  it("a rename map with a polluted prototype (by someone else) renames nothing through it", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.state = "injected";
    try {
      expect(migrate("(state EQ 1)", { renameFields: {} }).canonical).toBe("(state EQ 1)");
      expect(migrate("(state EQ 'x')", { renameValues: {} }).canonical).toBe("(state EQ 'x')");
    } finally {
      delete proto.state;
    }
  });
});

describe("the MongoDB converter", () => {
  it("toMongo writes prototype names as own keys of fresh plain objects", () => {
    for (const path of PATHS) {
      const { query } = toMongo(`(${path} EQ 1) AND (${path} NE 'x')`);
      expect(Object.getPrototypeOf(query), path).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(query)), path).toEqual(query);
      expect(Object.keys(query).every((k) => k === path || k.startsWith("$")), path).toBe(true);
      expectClean(path);
    }
  });

  it("fromMongo reads own keys: prototype names are fields, nothing is assigned through them", () => {
    // [query, the filter read (undefined: refused as an embedded document)]
    const queries: [string, string | undefined][] = [
      ['{"__proto__": {"polluted": 1}}', undefined],
      ['{"__proto__": {"$eq": 1}}', "(__proto__ EQ 1)"],
      ['{"constructor": {"prototype": {"polluted": 1}}}', undefined],
      ['{"$and": [{"__proto__.polluted": 1}, {"a.__proto__.b": {"$ne": "x"}}]}', "(__proto__.polluted EQ 1) AND (NOT (a.__proto__.b EQ 'x') OR (a.__proto__.b IS null))"],
      ['{"$or": [{"prototype": {"$in": [1, 2]}}], "__proto__": {"$exists": true}}', "((prototype EQ 1) OR (prototype EQ 2)) AND NOT (__proto__ IS null)"],
      ['{"$nor": [{"constructor.prototype": null}]}', "NOT (constructor.prototype IS null)"],
    ];
    for (const [text, filter] of queries) {
      const result = fromMongo(JSON.parse(text));
      expect(result.where === undefined ? undefined : format(result.where), text).toBe(filter);
      if (filter === undefined) expect(result.diagnostics.map((d) => d.code), text).toEqual(["convert-unsupported"]);
      // a record without own members has none of these fields: every such filter keeps nothing
      else expect(compile(result.where!)({}), text).toBe(false);
      expectClean(text);
    }
    expect(format(fromMongo(json('{"__proto__": {"$eq": 1}, "constructor": "c"}')).where!)).toBe("(__proto__ EQ 1) AND (constructor EQ 'c')");
  });

  it("fromMongo ignores inherited keys of the query object", () => {
    const inherited = Object.create({ name: "x" }) as object;
    const result = fromMongo(inherited);
    expect(result.where).toBeUndefined();
  });
});

describe("the react-querybuilder converter", () => {
  it("round trips prototype names as fields without touching a prototype", () => {
    for (const path of PATHS) {
      const group = toReactQueryBuilder(`(${path} EQ 1) OR (${path} CP '%x%')`).group!;
      expect(group.rules.map((r) => ("field" in r ? r.field : "")), path).toEqual([path, path]);
      const back = fromReactQueryBuilder(JSON.parse(JSON.stringify(group)));
      expect(format(back.where!), path).toBe(`(${path} EQ 1) OR (${path} CP '%x%')`);
      expectClean(path);
    }
  });

  it("a group object with __proto__ and constructor keys reads its own keys only", () => {
    const texts = [
      '{"combinator": "and", "rules": [{"field": "a", "operator": "=", "value": 1, "__proto__": {"polluted": 1}}], "__proto__": {"polluted": 1}}',
      '{"combinator": "and", "rules": [{"field": "__proto__", "operator": "=", "value": "x", "constructor": {"prototype": {"polluted": 1}}}]}',
      '{"__proto__": {"combinator": "or", "rules": []}}',
    ];
    for (const text of texts) {
      fromReactQueryBuilder(JSON.parse(text));
      expectClean(text);
    }
    expect(fromReactQueryBuilder(Object.create({ combinator: "and", rules: [{ field: "a", operator: "=", value: 1 }] })).where).toBeUndefined();
  });
});

describe("schemas and the validator", () => {
  it("built-in schemas know no prototype member as a field", () => {
    for (const path of PATHS) {
      const codes = analyze(`${path} EQ 1`, { schema: schemas.vm.host }).diagnostics.map((d) => d.code);
      expect(codes, path).toContain("unknown-field");
      expectClean(path);
    }
  });

  it("a schema declaring own __proto__ / constructor fields knows exactly those", () => {
    const schema = defineSchema(json<FieldMap>('{"__proto__": "string", "constructor": {"type": "object", "fields": {"prototype": "number"}}, "id": "number"}'));
    expect(analyze("(__proto__ EQ 'x') AND (constructor.prototype EQ 1)", { schema }).diagnostics).toEqual([]);
    expect(analyze("prototype EQ 1", { schema }).diagnostics.map((d) => d.code)).toEqual(["unknown-field"]);
    expect(analyze("toString EQ 1", { schema }).diagnostics.map((d) => d.code)).toEqual(["unknown-field"]);
    expectClean();
  });

  it("a rules config with __proto__ and constructor keys configures no rule through them", () => {
    const rules = json('{"__proto__": "off", "constructor": "error", "prototype": "warning"}');
    const text = "(a EQ 1) AND (a EQ 1)";
    const result = analyze(text, { rules: rules as never });
    // each key is reported as no rule; otherwise the same answer as with no config at all
    const unknown = result.diagnostics.filter((d) => d.code === "unknown-rule");
    expect(unknown.map((d) => d.message)).toEqual(["__proto__", "constructor", "prototype"].map((k) => `There is no rule '${k}'; its setting is ignored.`));
    expect(analyze(text).diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.filter((d) => d.code !== "unknown-rule")).toEqual(analyze(text).diagnostics);
    expectClean();
  });
});

describe("toSql column maps", () => {
  it("inherited names are unmapped; an own __proto__ key maps like any other", () => {
    const inherited = Object.create({ name: "name" }) as ColumnMap;
    expect(toSql("name EQ 'x'", { dialect: "sqlite", columns: inherited }).diagnostics.map((d) => d.code)).toContain("sql-unmapped-field");
    const own = json<ColumnMap>('{"__proto__": "proto_col", "constructor": {"column": "ctor", "type": "string"}, "id": "id"}');
    const sql = toSql("where=(__proto__ EQ 1) AND (constructor EQ 'c')&orderby=__proto__ desc", { dialect: "postgres", columns: own });
    expect([sql.ok, sql.where, sql.orderBy]).toEqual([true, `(("proto_col" = $1::bigint) AND ("ctor" = $2))`, expect.stringContaining(`"proto_col" DESC`)]);
    for (const path of PATHS) {
      const unmapped = toSql(`${path} EQ 1`, { dialect: "sqlite", columns: { id: "id" } });
      expect([unmapped.ok, unmapped.where], path).toEqual([false, ""]);
    }
    expectClean();
  });
});

describe("the server and client helpers", () => {
  it("parseListRequest: prototype names as fields are unknown with a schema, as parameter names are kept as text", () => {
    const result = parseListRequest("/vm/v3/host?where=(__proto__ EQ 1) AND (constructor.prototype IS null)&__proto__=1&constructor=2&prototype=3", { schema: schemas.vm.host });
    expect(result.ok).toBe(false);
    expectClean();
    const plain = parseListRequest("/x?where=__proto__.polluted EQ 1&orderby=constructor&__proto__[polluted]=1");
    expect(plain.ok).toBe(true);
    expectClean();
  });

  it("listQueryString writes prototype names as text", () => {
    for (const path of PATHS) {
      expect(listQueryString(`${path} EQ 1`, { orderby: path }), path).toBe(`where=(${path}+EQ+1)&orderby=${path}+asc`);
      expectClean(path);
    }
  });

  it("parse keeps prototype-named URL parameters as a list, never as keys of an object", () => {
    const { query } = parse("where=a EQ 1&__proto__=x&constructor=y&prototype=z");
    expect(query.parameters.map((p) => p.name)).toEqual(["__proto__", "constructor", "prototype"]);
    expectClean();
  });
});
