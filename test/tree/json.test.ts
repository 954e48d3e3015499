import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { format, parse, toQueryString, MAX_SAFE_DEPTH, type Diagnostic, type Expression, type Node, type QueryNode } from "../../src/index.js";
import { DEFAULT_JSON_MAX_DEPTH, fromJSON, JsonCodes, toJSON, TREE_JSON_VERSION, visit } from "../../src/tree/index.js";
import { expressionArb, queryArb } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";
import { DEEP, groupChain, leaf, notChain, unwrapNots } from "./deep.js";
import { clone, defineOwn, mutatedJsonArb } from "./mutate.js";

const RUNS = { numRuns: 1000 };
const CODES = new Set<string>(Object.values(JsonCodes));

function query(text: string): QueryNode {
  const { query, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return query;
}

/** The diagnostics of reading `value`, checking the invariants every answer has. */
function problems(value: unknown, options?: Parameters<typeof fromJSON>[1]): Diagnostic[] {
  const { node, diagnostics } = fromJSON(value, options);
  expect(diagnostics.length).toBeGreaterThan(0);
  expect(node).toBeUndefined();
  for (const d of diagnostics) {
    expect(CODES.has(d.code)).toBe(true);
    expect(d).toMatchObject({ severity: "error", start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 });
  }
  return diagnostics;
}

/** `[code, message]` pairs, for compact expectations. */
function pairs(value: unknown, options?: Parameters<typeof fromJSON>[1]): [string, string][] {
  return problems(value, options).map((d) => [d.code, d.message]);
}

function envelope(node: unknown): unknown {
  return { vmfilter: 1, node };
}

const field = (name: string) => ({ kind: "Field", path: name.split("."), name });
const comparison = (name: string, operator: string, value: unknown) => ({ kind: "Comparison", field: field(name), operator, value });
const num = (value: string) => ({ kind: "Number", value });
const emptyQuery = { kind: "Query", form: "url", parameters: [] };

const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
});

describe("toJSON", () => {
  const kitchenSink = query("where=(a.b EQ 1.50) AND NOT (c IS NULL OR d CP '%x''%')&orderby=e DESC,f&limit=2,5&x=%41&y");

  it("writes the versioned form, fresh plain objects in a fixed key order, without loc and raw", () => {
    const json = toJSON(kitchenSink);
    expect(JSON.stringify(json)).toBe(
      JSON.stringify({
        vmfilter: 1,
        node: {
          kind: "Query",
          form: "url",
          where: {
            kind: "And",
            operands: [
              { kind: "Comparison", field: { kind: "Field", path: ["a", "b"], name: "a.b" }, operator: "EQ", value: { kind: "Number", value: "1.5" } },
              {
                kind: "Not",
                operand: {
                  kind: "Or",
                  operands: [
                    { kind: "IsNull", field: { kind: "Field", path: ["c"], name: "c" } },
                    { kind: "Comparison", field: { kind: "Field", path: ["d"], name: "d" }, operator: "CP", value: { kind: "String", value: "%x'%" } },
                  ],
                },
              },
            ],
          },
          orderBy: {
            kind: "OrderBy",
            keys: [
              { kind: "SortKey", field: { kind: "Field", path: ["e"], name: "e" }, direction: "desc" },
              { kind: "SortKey", field: { kind: "Field", path: ["f"], name: "f" }, direction: "asc" },
            ],
          },
          limit: { kind: "Limit", offset: 2, count: 5 },
          parameters: [
            { kind: "Parameter", name: "x", value: "%41" },
            { kind: "Parameter", name: "y" },
          ],
        },
      }),
    );
    expect(json.vmfilter).toBe(TREE_JSON_VERSION);
  });

  it("keeps loc and raw when asked", () => {
    const json = toJSON(kitchenSink, { keepLocations: true });
    const where = json.node.where as Extract<Expression, { kind: "And" }>;
    const first = where.operands[0] as Extract<Expression, { kind: "Comparison" }>;
    expect(first.value).toEqual({ kind: "Number", value: "1.5", raw: "1.50", loc: first.value.loc });
    expect(json.node.loc).toEqual(kitchenSink.loc);
    const original = (kitchenSink.where as typeof where).operands[0] as typeof first;
    expect(first.field.loc).toEqual(original.field.loc);
    expect(first.field.loc).toBeDefined();
    expect(strip(json.node)).toEqual(strip(kitchenSink));
    let withLoc = 0;
    visit(json.node, (node) => void (node.loc ? withLoc++ : 0));
    expect(withLoc).toBeGreaterThan(15);
  });

  it("shares nothing with the tree", () => {
    const json = toJSON(kitchenSink);
    const nodes = new Set<unknown>();
    visit(kitchenSink, (node) => void nodes.add(node));
    visit(json.node, (node) => {
      expect(nodes.has(node)).toBe(false);
      if (node.kind === "Field") (node.path as string[]).push("changed");
    });
    expect(format(kitchenSink)).toBe("where=(a.b EQ 1.5) AND NOT ((c IS null) OR (d CP '%x''%'))&orderby=e desc,f asc&limit=2,5&x=%41&y");
  });

  it("writes any node kind", () => {
    visit(kitchenSink, (node) => {
      const { node: back, diagnostics } = fromJSON(toJSON(node));
      expect(diagnostics).toEqual([]);
      expect(strip(back)).toEqual(strip(node));
    });
  });

  it("throws a TypeError on something that is not a node", () => {
    expect(() => toJSON({ kind: "Nope" } as unknown as Node)).toThrow(TypeError);
  });
});

describe("round trips", () => {
  it("fromJSON(toJSON(q)) equals q for generated queries", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const { node, diagnostics } = fromJSON(toJSON(q));
        expect(diagnostics).toEqual([]);
        expect(strip(node)).toEqual(strip(q));
      }),
      RUNS,
    );
  });

  it("through JSON text, as a value and as a string", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const text = JSON.stringify(toJSON(q));
        const viaValue = fromJSON(JSON.parse(text));
        expect(viaValue.diagnostics).toEqual([]);
        expect(strip(viaValue.node)).toEqual(strip(q));
        const viaString = fromJSON(text);
        expect(viaString.diagnostics).toEqual([]);
        expect(strip(viaString.node)).toEqual(strip(q));
      }),
      RUNS,
    );
  });

  it("for bare expressions", () => {
    fc.assert(
      fc.property(expressionArb, (e) => {
        const { node, diagnostics } = fromJSON(JSON.stringify(toJSON(e)));
        expect(diagnostics).toEqual([]);
        expect(strip(node)).toEqual(strip(e));
      }),
      RUNS,
    );
  });

  it("with locations: parsed queries come back whole, loc and raw included", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const parsed = parse(toQueryString(q)).query;
        const { node, diagnostics } = fromJSON(JSON.stringify(toJSON(parsed, { keepLocations: true })));
        expect(diagnostics).toEqual([]);
        expect(node).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it("toJSON(fromJSON(x)) is x whenever x is accepted, even after random damage", () => {
    fc.assert(
      fc.property(mutatedJsonArb, ({ json }) => {
        const before = JSON.stringify(json);
        const { node, diagnostics } = fromJSON(json);
        expect(JSON.stringify(json)).toBe(before);
        if (node === undefined) {
          expect(diagnostics.length).toBeGreaterThan(0);
          for (const d of diagnostics) expect(CODES.has(d.code)).toBe(true);
        } else {
          expect(diagnostics).toEqual([]);
          expect(toJSON(node, { keepLocations: true })).toEqual(json);
        }
      }),
      RUNS,
    );
  });
});

describe("fromJSON rejects, with a code and the JSON path", () => {
  it("text that is not JSON", () => {
    expect(pairs("{")[0]![0]).toBe("json-syntax-error");
    expect(pairs("")[0]![0]).toBe("json-syntax-error");
    expect(pairs("'x'")[0]![1]).toMatch(/^\(top level\): the text is not JSON/);
  });

  it("values that are not the envelope", () => {
    for (const value of [null, 5, "5", "null", [], true, undefined]) expect(pairs(value)[0]![0]).toBe("json-wrong-type");
    expect(pairs([])).toEqual([["json-wrong-type", '(top level): expected {"vmfilter": 1, "node": …} (an object), found an array.']]);
    expect(pairs({ node: emptyQuery })).toEqual([["json-missing-property", `(top level): expected {"vmfilter": 1, "node": …}, but there is no 'vmfilter' version.`]]);
    expect(pairs({ vmfilter: 2, node: 5 })).toEqual([["json-invalid-version", "vmfilter: version the number 2 is not one this vmfilter reads; it reads version 1."]]);
    expect(pairs({ vmfilter: "1", node: emptyQuery })[0]![0]).toBe("json-invalid-version");
    expect(pairs({ vmfilter: 1 })).toEqual([["json-missing-property", "(top level): there is no 'node'."]]);
    expect(pairs({ vmfilter: 1, node: emptyQuery, name: "saved" })).toEqual([["json-extra-property", "name: the top level has only 'vmfilter' and 'node'."]]);
  });

  it("unknown and misplaced kinds, missing kinds", () => {
    expect(pairs(envelope({ kind: "Xor", operands: [] }))).toEqual([
      ["json-unknown-kind", 'node.kind: the string "Xor" is not a node kind; expected one of Query, And, Or, Not, Comparison, IsNull, Field, String, Number, Boolean, OrderBy, SortKey, Limit, Parameter.'],
    ]);
    expect(pairs(envelope({ ...emptyQuery, where: field("a") }))).toEqual([
      ["json-unexpected-kind", "node.where.kind: a Field cannot stand here; expected an expression (And, Or, Not, Comparison or IsNull)."],
    ]);
    expect(pairs(envelope({ operand: leaf }))).toEqual([["json-missing-property", "node: expected a node, but the object has no 'kind'."]]);
    expect(pairs(envelope({ kind: 7 }))).toEqual([["json-wrong-type", "node.kind: expected a node kind (a string), found the number 7."]]);
    expect(pairs(envelope({ ...leaf, value: { ...leaf } }))).toEqual([
      ["json-unexpected-kind", "node.value.kind: a Comparison cannot stand here; expected a literal (String, Number or Boolean)."],
    ]);
    const tricky = {};
    Object.defineProperty(tricky, "kind", { get: () => "Limit", enumerable: true });
    expect(pairs(envelope(tricky))).toEqual([["json-wrong-type", "node.kind: is an accessor property, not a plain value."]]);
  });

  it("a wrong operator deep inside, naming its path", () => {
    const json = envelope({ ...emptyQuery, where: { kind: "And", operands: [comparison("a", "EQ", num("1")), comparison("b", "EQ", num("2")), comparison("c", "eq", num("3"))] } });
    expect(pairs(json)).toEqual([
      ["json-invalid-value", `node.where.operands[2].operator: the string "eq" is not a comparison operator; expected one of EQ, NE, GT, GE, LT, LE, CP (write 'EQ').`],
    ]);
  });

  it("every problem, in document order", () => {
    const json = envelope({
      kind: "Query",
      form: "url",
      where: { kind: "And", operands: [comparison("a", "eq", num("1")), comparison("b", "EQ", num("01")), { kind: "Not", operand: 1 }] },
      orderBy: { kind: "OrderBy", keys: [{ kind: "SortKey", field: field("x"), direction: "up" }] },
      limit: { kind: "Limit", offset: -1, count: 1 },
      parameters: [{ kind: "Parameter", name: 5 }],
    });
    expect(problems(json).map((d) => d.message.slice(0, d.message.indexOf(":")))).toEqual([
      "node.where.operands[0].operator",
      "node.where.operands[1].value.value",
      "node.where.operands[2].operand",
      "node.orderBy.keys[0].direction",
      "node.limit.offset",
      "node.parameters[0].name",
    ]);
  });

  it("missing, extra and forbidden properties; wrong types", () => {
    expect(pairs(envelope({ kind: "Comparison", field: field("a"), operator: "EQ" }))).toEqual([["json-missing-property", "node: a Comparison needs 'value'."]]);
    expect(pairs(envelope({ kind: "And" }))).toEqual([["json-missing-property", "node: an And needs 'operands'."]]);
    expect(pairs(envelope({ kind: "OrderBy", keys: [], x: 1 }))[0]).toEqual(["json-extra-property", "node.x: An OrderBy has no property 'x'; it has 'kind', 'keys', 'loc'."]);
    expect(pairs(envelope({ ...leaf, extra: 1 }))).toEqual([
      ["json-extra-property", "node.extra: A Comparison has no property 'extra'; it has 'kind', 'field', 'operator', 'value', 'loc'."],
    ]);
    expect(pairs(envelope({ ...emptyQuery, parameters: {} }))).toEqual([["json-wrong-type", "node.parameters: expected a list of parameters (an array), found an object."]]);
    expect(pairs(envelope({ kind: "Not", operand: [leaf] }))).toEqual([
      ["json-wrong-type", "node.operand: expected an expression (And, Or, Not, Comparison or IsNull) (an object), found an array."],
    ]);
    expect(pairs(envelope({ kind: "SortKey", field: field("a"), direction: "ASC" }))[0]![1]).toBe(
      `node.direction: the string "ASC" is not a sort direction; expected one of asc, desc (write 'asc').`,
    );
    expect(pairs(envelope({ kind: "Query", form: "URL", parameters: [] }))[0]![0]).toBe("json-invalid-value");
    expect(pairs(envelope({ kind: "Boolean", value: "true" }))).toEqual([["json-wrong-type", 'node.value: expected true or false, found the string "true".']]);
    expect(pairs(envelope({ kind: "Field", path: ["a"], name: "a", "a b": 1 }))[0]![1]).toMatch(/^node\["a b"\]: /);
  });

  it("numbers that are not decimal text in normal form", () => {
    expect(pairs(envelope(num(5 as unknown as string)))).toEqual([
      ["json-wrong-type", 'node.value: expected a number as decimal text (a string such as "1.5"), found the number 5.'],
    ]);
    for (const bad of ["007", "1.50", "-0", "1e5", ".5", "1.", "+1", " 1", "", "0x10", "NaN", "１"]) {
      expect(pairs(envelope(num(bad)))[0]![0]).toBe("json-invalid-value");
    }
  });

  it("limits that are not whole numbers from 0", () => {
    for (const [offset, count] of [[-1, 1], [1.5, 1], [0, 2 ** 53], [0, Infinity], [0, NaN]]) {
      expect(pairs(envelope({ kind: "Limit", offset, count }))[0]![0]).toBe("json-invalid-value");
    }
    expect(pairs(envelope({ kind: "Limit", offset: "0", count: 1 }))).toEqual([["json-wrong-type", 'node.offset: expected the offset (a number), found the string "0".']]);
    const { node } = fromJSON(envelope({ kind: "Limit", offset: -0, count: 3 }));
    expect(Object.is((node as { offset: number }).offset, 0)).toBe(true);
  });

  it("groups, sort lists and field paths of the wrong size", () => {
    expect(pairs(envelope({ kind: "Or", operands: [leaf] }))).toEqual([["json-invalid-value", "node.operands: an Or needs at least 2 operands, found 1."]]);
    expect(pairs(envelope({ kind: "OrderBy", keys: [] }))).toEqual([["json-invalid-value", "node.keys: an OrderBy needs at least 1 sort key, found 0."]]);
    expect(pairs(envelope({ kind: "Field", path: [], name: "" }))[0]![0]).toBe("json-invalid-value");
  });

  it("field names that are not the language's", () => {
    expect(pairs(envelope({ kind: "Field", path: ["a", "b"], name: "a_b" }))).toEqual([
      ["json-invalid-value", `node.name: the name "a_b" is not the path joined by '.' ("a.b").`],
    ]);
    for (const path of [["1a"], ["a b"], ["a.b"], [""], ["é"], ["a", 1]]) {
      expect(pairs(envelope({ kind: "Field", path, name: path.join(".") }))[0]![1]).toMatch(/^node\.path\[\d\]: /);
    }
  });

  it("parameters that would not print back as themselves", () => {
    const param = (name: string, value?: string) => envelope({ ...emptyQuery, parameters: [{ kind: "Parameter", name, ...(value === undefined ? {} : { value }) }] });
    expect(pairs(param("WHERE", "a EQ 1"))).toEqual([["json-invalid-value", "node.parameters[0].name: 'WHERE' is a known parameter; it belongs in the Query's where, orderBy or limit."]]);
    expect(pairs(param("%6Cimit"))[0]![0]).toBe("json-invalid-value");
    expect(pairs(param("a&b"))[0]![0]).toBe("json-invalid-value");
    expect(pairs(param("a", "1#2"))[0]![0]).toBe("json-invalid-value");
    expect(fromJSON(param("a", "b=c")).diagnostics).toEqual([]);
  });

  it("text with lone surrogates", () => {
    expect(pairs(envelope({ kind: "String", value: "x\uD800" }))).toEqual([["json-invalid-value", "node.value: holds a lone UTF-16 surrogate; it is not text."]]);
    expect(fromJSON(envelope({ kind: "String", value: "😀\uD83D\uDE00" })).diagnostics).toEqual([]);
  });

  it("malformed locations and raw text", () => {
    expect(pairs(envelope({ ...leaf, loc: { start: 3, end: 1 } }))).toEqual([["json-invalid-value", "node.loc: the location ends (1) before it starts (3)."]]);
    expect(pairs(envelope({ ...leaf, loc: { start: 0, end: 1, line: 1 } }))[0]![0]).toBe("json-extra-property");
    expect(pairs(envelope({ ...leaf, loc: [0, 1] }))[0]![0]).toBe("json-wrong-type");
    expect(pairs(envelope({ ...num("1"), raw: 1 }))[0]![0]).toBe("json-wrong-type");
    expect(pairs(envelope({ ...leaf, raw: "x" }))[0]![0]).toBe("json-extra-property");
    expect(pairs(envelope({ ...leaf, loc: { end: 1 } }))).toEqual([["json-missing-property", "node.loc: a location needs 'start'."]]);
    expect(pairs(envelope({ ...leaf, loc: { start: 0 } }))).toEqual([["json-missing-property", "node.loc: a location needs 'end'."]]);
    const loc = { start: 0, end: 1 };
    expect(pairs(envelope({ kind: "Or", operands: [{ ...comparison("a", "EQ", num("1")), loc }, { ...comparison("b", "EQ", num("2")), loc }] }))).toEqual([
      ["json-unreadable", "node.operands[1].loc: the same object appears twice (a cycle or a shared reference); JSON has neither."],
    ]);
    const getter = Object.defineProperty({ end: 1 }, "start", { enumerable: true, get: () => 0 });
    expect(pairs(envelope({ ...leaf, loc: getter }))).toEqual([["json-wrong-type", "node.loc.start: is an accessor property, not a plain value."]]);
    expect(pairs(envelope({ ...leaf, loc: { start: "0", end: 1.5 } }))).toEqual([
      ["json-wrong-type", "node.loc.start: expected an offset (a number), found the string \"0\"."],
      ["json-invalid-value", "node.loc.end: the number 1.5 is not a whole number from 0 to 9007199254740991."],
    ]);
  });
});

describe("fromJSON on hostile input", () => {
  it("rejects __proto__, constructor and prototype keys and never copies them", () => {
    const texts = [
      '{"vmfilter":1,"node":{"kind":"Query","form":"url","parameters":[],"__proto__":{"polluted":1}}}',
      '{"__proto__":{"polluted":1},"vmfilter":1,"node":{"kind":"Query","form":"url","parameters":[]}}',
      '{"vmfilter":1,"node":{"kind":"Query","form":"url","parameters":[{"kind":"Parameter","name":"a","constructor":{"prototype":{"polluted":1}}}]}}',
      '{"vmfilter":1,"node":{"kind":"Limit","offset":0,"count":1,"prototype":{"polluted":1}}}',
      '{"vmfilter":1,"node":{"kind":"Limit","offset":0,"count":1,"loc":{"start":0,"end":1,"__proto__":{"polluted":1}}}}',
    ];
    for (const text of texts) {
      expect(problems(text).map((d) => d.code)).toEqual(["json-forbidden-property"]);
      expect(problems(JSON.parse(text)).map((d) => d.code)).toEqual(["json-forbidden-property"]);
    }
    expect(pairs(texts[0])).toEqual([["json-forbidden-property", "node.__proto__: '__proto__' is never accepted as a key."]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("builds its output from scratch: prototypes of the input never reach it", () => {
    const sneaky = Object.create({ polluted: 1, where: leaf }) as Record<string, unknown>;
    Object.assign(sneaky, emptyQuery);
    expect(pairs(envelope(sneaky))).toEqual([["json-wrong-type", "node: expected a node (an object), found an object that is not plain data (its prototype is not Object.prototype)."]]);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, emptyQuery);
    const { node, diagnostics } = fromJSON(Object.assign(Object.create(null) as object, { vmfilter: 1, node: bare }));
    expect(diagnostics).toEqual([]);
    expect(node).toEqual(emptyQuery);
    expect(Object.getPrototypeOf(node)).toBe(Object.prototype);
    expect(Object.getPrototypeOf((node as QueryNode).parameters)).toBe(Array.prototype);
  });

  it("rejects values no JSON holds, without calling into them", () => {
    let called = 0;
    const getter = { ...leaf };
    Object.defineProperty(getter, "operator", {
      enumerable: true,
      get() {
        called++;
        throw new Error("boom");
      },
    });
    expect(pairs(envelope(getter))).toEqual([["json-wrong-type", "node.operator: is an accessor property, not a plain value."]]);
    expect(called).toBe(0);
    class Node2 {
      kind = "Limit";
      offset = 0;
      count = 1;
    }
    for (const value of [new Node2(), new Map(), new Date(0), () => 1, Symbol("x"), 10n, /x/]) {
      expect(pairs(envelope(value))[0]![0]).toBe("json-wrong-type");
    }
    expect(pairs(envelope({ ...emptyQuery, [Symbol("s")]: 1 }))[0]![0]).toBe("json-extra-property");
    expect(pairs({ vmfilter: 1, node: leaf, [Symbol("s")]: 1 })).toEqual([["json-extra-property", "(top level): the object has a symbol key s; JSON has none."]]);
    const version = Object.defineProperty({ node: leaf }, "vmfilter", { enumerable: true, get: () => 1 });
    expect(pairs(version)).toEqual([["json-invalid-version", "vmfilter: version undefined is not one this vmfilter reads; it reads version 1."]]);
  });

  it("rejects holes and accessors in arrays, and an array shared by two nodes", () => {
    const other = comparison("b", "EQ", num("2"));
    // eslint-disable-next-line no-sparse-arrays
    expect(pairs(envelope({ kind: "And", operands: [leaf, , other] }))).toEqual([["json-wrong-type", "node.operands[1]: is a hole in the array."]]);
    const withGetter = [leaf, other];
    Object.defineProperty(withGetter, 1, { enumerable: true, get: () => other });
    expect(pairs(envelope({ kind: "And", operands: withGetter }))).toEqual([["json-wrong-type", "node.operands[1]: is an accessor property, not a plain value."]]);
    const shared = [leaf, other];
    expect(pairs(envelope({ kind: "Or", operands: [{ kind: "And", operands: shared }, { kind: "And", operands: shared }] }))).toEqual([
      ["json-unreadable", "node.operands[1].operands: the same object appears twice (a cycle or a shared reference); JSON has neither."],
    ]);
  });

  it("reads a proxy that lists a key it has no property for as if the key were absent", () => {
    const listsMore = new Proxy({ ...leaf }, { ownKeys: (target) => [...Reflect.ownKeys(target), "loc"] });
    const { node, diagnostics } = fromJSON(envelope(listsMore));
    expect(diagnostics).toEqual([]);
    expect(node).toEqual(leaf);
  });

  it("answers json-unreadable for a proxy that throws and for cycles", () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("trap");
        },
        getPrototypeOf: () => {
          throw new Error("trap");
        },
        ownKeys: () => {
          throw new Error("trap");
        },
        getOwnPropertyDescriptor: () => {
          throw new Error("trap");
        },
      },
    );
    expect(pairs(hostile)).toEqual([["json-unreadable", "(top level): the value could not be read (trap)."]]);
    const throwsText = new Proxy({}, { getOwnPropertyDescriptor: () => { throw "trap"; } });
    expect(pairs(throwsText)).toEqual([["json-unreadable", "(top level): the value could not be read (an exception)."]]);
    expect(pairs(envelope(hostile))[0]![0]).toBe("json-unreadable");
    const cycle: Record<string, unknown> = { kind: "Not" };
    cycle.operand = cycle;
    expect(pairs(envelope(cycle), { maxDepth: Infinity })).toEqual([
      ["json-unreadable", "node.operand: the same object appears twice (a cycle or a shared reference); JSON has neither."],
    ]);
    const list: unknown[] = [];
    list.push(list);
    expect(pairs(envelope({ ...emptyQuery, parameters: list }))[0]![0]).toBe("json-wrong-type");
  });

  it("stops at 100 diagnostics, even for a sparse array of a billion holes", () => {
    const many = envelope({ ...emptyQuery, parameters: Array.from({ length: 500 }, () => ({ kind: "Parameter", name: 5 })) });
    expect(problems(many)).toHaveLength(100);
    const started = performance.now();
    expect(problems(envelope({ ...emptyQuery, parameters: new Array(1e9) }))).toHaveLength(100);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("never throws on anything, JSON or not", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), fc.jsonValue(), fc.json(), fc.string()), (value) => {
        const { node, diagnostics } = fromJSON(value);
        expect(node).toBeUndefined();
        for (const d of diagnostics) {
          expect(CODES.has(d.code)).toBe(true);
          expect(d.message).toMatch(/^(\(top level\)|vmfilter|node|[A-Za-z_$]|\[)/);
        }
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (inner) => {
        expect(() => fromJSON(envelope(inner))).not.toThrow();
        expect(() => fromJSON(envelope({ ...emptyQuery, where: inner }))).not.toThrow();
      }),
      RUNS,
    );
  });

  it("reads 100 000-deep nesting given as text without overflowing", () => {
    const n = DEEP;
    const inner = JSON.stringify(leaf);
    const deepNot = `{"vmfilter":1,"node":${'{"kind":"Not","operand":'.repeat(n)}${inner}${"}".repeat(n)}}`;
    expect(pairs(deepNot)).toEqual([["json-too-deep", expect.stringMatching(/^node\.operand\.operand.*: expressions nest deeper than 1000 levels \(maxDepth\)\.$/)]]);
    const read = fromJSON(deepNot, { maxDepth: Infinity });
    expect(read.diagnostics).toEqual([]);
    const { nots, inner: bottom } = unwrapNots(read.node as Expression);
    expect(nots).toBe(n);
    expect(strip(bottom)).toEqual(strip(leaf));
    const arrays = "[".repeat(n) + "]".repeat(n);
    expect(pairs(`{"vmfilter":1,"node":${arrays}}`)[0]![0]).toBe("json-wrong-type");
    expect(pairs(`{"vmfilter":1,"node":{"kind":"Limit","offset":0,"count":1,"x":${arrays}}}`)[0]![0]).toBe("json-extra-property");
    const objects = '{"a":'.repeat(n) + "1" + "}".repeat(n);
    expect(pairs(`{"vmfilter":1,"node":{"kind":"Not","operand":${objects}}}`)[0]![0]).toBe("json-missing-property");
  });

  it("shortens very long paths in messages", () => {
    const deep = `{"vmfilter":1,"node":${'{"kind":"Not","operand":'.repeat(200)}{"kind":"IsNull","field":5}${"}".repeat(200)}}`;
    const [[, message]] = pairs(deep) as [[string, string]];
    expect(message).toMatch(/^node(\.operand){19}…\(152 more\)…(\.operand){29}\.field: expected a Field \(an object\), found the number 5\.$/);
  });
});

describe("100 000-deep trees built in code", () => {
  it("toJSON and fromJSON walk a NOT chain without RangeError", () => {
    const deep = notChain(DEEP);
    const json = toJSON(deep);
    const { nots, inner } = unwrapNots(json.node);
    expect(nots).toBe(DEEP);
    expect(strip(inner)).toEqual(strip(leaf));
    expect(problems(json).map((d) => d.code)).toEqual(["json-too-deep"]);
    const back = fromJSON(json, { maxDepth: Infinity });
    expect(back.diagnostics).toEqual([]);
    expect(unwrapNots(back.node as Expression).nots).toBe(DEEP);
    expect(fromJSON(toJSON(groupChain(DEEP)), { maxDepth: Infinity }).diagnostics).toEqual([]);
  });
});

describe("the depth limit", () => {
  it("accepts every tree parse makes at MAX_SAFE_DEPTH", () => {
    let text = "a EQ 1";
    // each "NOT (" is two levels of the parser's depth
    for (let i = 0; i < MAX_SAFE_DEPTH / 2 - 1; i++) text = `NOT (b EQ 1 OR c EQ 1 AND ${text})`;
    const { query, diagnostics } = parse(text, { maxDepth: MAX_SAFE_DEPTH });
    expect(diagnostics).toEqual([]);
    const back = fromJSON(JSON.stringify(toJSON(query)));
    expect(back.diagnostics).toEqual([]);
    expect(format(back.node!)).toBe(format(query));
  });

  it("lets through only trees that format can print", () => {
    const deepest = fromJSON(toJSON(notChain(DEFAULT_JSON_MAX_DEPTH - 1)));
    expect(deepest.diagnostics).toEqual([]);
    expect(format(deepest.node!).startsWith("NOT (NOT (")).toBe(true);
    const groups = fromJSON(toJSON(groupChain(DEFAULT_JSON_MAX_DEPTH - 1)));
    expect(groups.diagnostics).toEqual([]);
    expect(format(groups.node!).length).toBeGreaterThan(DEFAULT_JSON_MAX_DEPTH);
    expect(problems(toJSON(notChain(DEFAULT_JSON_MAX_DEPTH))).map((d) => d.code)).toEqual(["json-too-deep"]);
    expect(fromJSON(toJSON(notChain(10)), { maxDepth: 11 }).diagnostics).toEqual([]);
    expect(problems(toJSON(notChain(10)), { maxDepth: 10 }).map((d) => d.code)).toEqual(["json-too-deep"]);
  });

  it("reports the depth limit once, however many subtrees pass it", () => {
    expect(problems(envelope({ kind: "And", operands: [notChain(5), notChain(6)] }), { maxDepth: 3 }).map((d) => d.code)).toEqual(["json-too-deep"]);
  });

  it("takes a maxDepth that is not a number as the default", () => {
    for (const maxDepth of [Number.NaN, "5" as unknown as number]) {
      expect(fromJSON(toJSON(notChain(DEFAULT_JSON_MAX_DEPTH - 1)), { maxDepth }).diagnostics).toEqual([]);
      expect(problems(toJSON(notChain(DEFAULT_JSON_MAX_DEPTH)), { maxDepth }).map((d) => d.code)).toEqual(["json-too-deep"]);
    }
  });
});

describe("clone helper sanity", () => {
  it("defineOwn makes an own __proto__ key, as JSON.parse does", () => {
    const o = clone({ a: 1 });
    defineOwn(o, "__proto__", { polluted: 1 });
    expect(Object.keys(o)).toEqual(["a", "__proto__"]);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });
});
