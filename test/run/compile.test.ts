/**
 * compile: LANGUAGE.md section 5 by hand (every operator on every value type, nulls, arrays,
 * references, masks, Unicode, big numbers, prototype keys, accessor, cache, errors, CSP), and as
 * fast-check properties against the reference evaluator of test/helpers/reference-evaluator.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CompareOperator, CompileOptions, Expression, FieldAccessor, LiteralNode } from "../../src/index.js";
import {
  apply,
  compile,
  defineSchema,
  FilterRunError,
  FilterSyntaxError,
  format,
  MAX_COMPILE_DEPTH,
  parse,
  parseWhere,
  RunCodes,
  toQueryString,
} from "../../src/index.js";
import { expressionArb, numberText, sloppinessArb, sloppyExpression } from "../helpers/arbitraries.js";
import { poolLiteralArb, recordArb, recordsFor, runSchema, scalarArb, valueArb, valuesNear, vocabularyFilterArb } from "../helpers/record-arbitraries.js";
import { evaluate, RUN_SEMANTICS, type EvaluateOptions, type TV } from "../helpers/reference-evaluator.js";

// ---------------------------------------------------------------------------------------------
// Helpers

const where = (text: string): Expression => {
  const { where: e, diagnostics } = parseWhere(text);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return e!;
};

/** Three-valued truth through compile: true when kept, false when its NOT is kept, else unknown. */
function truth(filter: string | Expression, record: unknown, options?: CompileOptions): TV {
  const node = typeof filter === "string" ? where(filter) : filter;
  const yes = compile(node, options)(record);
  const no = compile({ kind: "Not", operand: node }, options)(record);
  expect(yes && no, "a filter and its NOT both kept a record").toBe(false);
  return yes ? true : no ? false : null;
}

const field = (name: string) => ({ kind: "Field", path: name.split("."), name }) as const;
const cmp = (name: string, operator: CompareOperator, value: LiteralNode): Expression => ({ kind: "Comparison", field: field(name), operator, value });
const str = (value: string): LiteralNode => ({ kind: "String", value });

const OPS = ["EQ", "NE", "GT", "GE", "LT", "LE"] as const;
/** How a value relates to the literal: `<` less, `=` equal, `>` greater, `x` type mismatch, `?` null / missing. */
type Relation = "<" | "=" | ">" | "x" | "?";
const EXPECTED: Record<Relation, Record<(typeof OPS)[number], TV>> = {
  "<": { EQ: false, NE: true, GT: false, GE: false, LT: true, LE: true },
  "=": { EQ: true, NE: false, GT: false, GE: true, LT: false, LE: true },
  ">": { EQ: false, NE: true, GT: true, GE: true, LT: false, LE: false },
  x: { EQ: false, NE: true, GT: false, GE: false, LT: false, LE: false },
  "?": { EQ: null, NE: null, GT: null, GE: null, LT: null, LE: null },
};
const MISSING = Symbol("missing");
const show = (v: unknown) => (v === MISSING ? "missing" : typeof v === "bigint" ? `${v}n` : typeof v === "number" ? String(Object.is(v, -0) ? "-0" : v) : JSON.stringify(v));

afterEach(() => {
  vi.unstubAllGlobals();
});

// ---------------------------------------------------------------------------------------------

describe("every comparison operator on every value type", () => {
  // [literal as written, record value, how the value relates to the literal]
  const rows: [string, unknown, Relation][] = [
    // a Number literal: numbers and bigints, exactly; anything else is a type mismatch
    ["5", 5, "="], ["5", 7, ">"], ["5", 3, "<"], ["5", -5, "<"], ["5", 5.5, ">"], ["5", 4.999999, "<"], ["5", 5n, "="], ["5", 6n, ">"], ["5", -6n, "<"],
    ["5", "5", "x"], ["5", "abc", "x"], ["5", "", "x"], ["5", true, "x"], ["5", { x: 5 }, "x"], ["5", NaN, "x"], ["5", Infinity, "x"], ["5", -Infinity, "x"],
    ["5", null, "?"], ["5", MISSING, "?"],
    ["-2.5", -2.5, "="], ["-2.5", -3, "<"], ["-2.5", 0, ">"], ["-2.5", -2n, ">"], ["-2.5", -3n, "<"],
    ["0", -0, "="], ["-0", 0, "="], ["0", 0n, "="], ["0.1", 0.1, "="], ["0.3", 0.1 + 0.2, ">"], ["0.30000000000000004", 0.1 + 0.2, "="],
    ["007.50", 7.5, "="], ["1000000000000000000000", 1e21, "="], ["0.0000001", 1e-7, "="],
    // a quoted number: numerically with numbers, as text with strings
    ["'5'", 5, "="], ["'5'", 10, ">"], ["'5'", 5n, "="], ["'5'", -1, "<"], ["'5'", "5", "="], ["'5'", "10", "<"], ["'5'", "05", "<"], ["'5'", "6", ">"],
    ["'5'", true, "x"], ["'5'", {}, "x"], ["'5'", NaN, "x"], ["'5'", null, "?"], ["'2.50'", 2.5, "="], ["'2.50'", "2.5", "<"], ["'-0'", 0, "="],
    // a string: by code point; other types are a mismatch
    ["'b'", "b", "="], ["'b'", "c", ">"], ["'b'", "a", "<"], ["'b'", "B", "<"], ["'b'", "bb", ">"], ["'b'", "", "<"], ["'b'", "é", ">"],
    ["'b'", 5, "x"], ["'b'", true, "x"], ["'b'", { id: "b" }, "x"], ["'b'", 5n, "x"], ["'b'", MISSING, "?"],
    ["''", "", "="], ["''", "a", ">"], ["'it''s'", "it's", "="], ["'true'", true, "x"], ["'null'", null, "?"], ["'null'", "null", "="],
    // a boolean: false < true; anything else is a mismatch
    ["true", true, "="], ["true", false, "<"], ["false", true, ">"], ["false", false, "="], ["true", "true", "x"], ["true", 1, "x"], ["false", 0, "x"],
    ["false", "", "x"], ["true", null, "?"], ["false", MISSING, "?"],
  ];
  for (const [literal, value, relation] of rows) {
    it(`v OP ${literal} on ${show(value)}: ${relation}`, () => {
      const record = value === MISSING ? {} : { v: value };
      for (const op of OPS) expect(truth(`v ${op} ${literal}`, record), `v ${op} ${literal}`).toBe(EXPECTED[relation][op]);
    });
  }
});

describe("three-valued logic", () => {
  // T is true, F false, U unknown on this record
  const record = { t: 1, f: 0, nul: null };
  const T = "t EQ 1";
  const F = "f EQ 1";
  const U = "u EQ 1";
  const table: [string, TV][] = [
    [T, true], [F, false], [U, null], ["nul EQ 1", null], ["nul NE 1", null], ["nul CP '%'", null],
    [`NOT (${U})`, null], [`NOT (NOT (${U}))`, null], [`NOT (${T})`, false],
    [`(${T}) AND (${T})`, true], [`(${T}) AND (${F})`, false], [`(${T}) AND (${U})`, null], [`(${F}) AND (${U})`, false], [`(${U}) AND (${F})`, false], [`(${U}) AND (${U})`, null],
    [`(${T}) OR (${U})`, true], [`(${U}) OR (${T})`, true], [`(${F}) OR (${U})`, null], [`(${U}) OR (${U})`, null], [`(${F}) OR (${F})`, false], [`(${T}) OR (${F})`, true],
    [`(${T}) AND (${U}) AND (${T})`, null], [`(${T}) AND (${U}) AND (${F})`, false], [`(${F}) OR (${U}) OR (${F})`, null], [`(${F}) OR (${U}) OR (${T})`, true],
    [`NOT ((${T}) AND (${U}))`, null], [`NOT ((${F}) AND (${U}))`, true], [`NOT ((${T}) OR (${U}))`, false],
  ];
  for (const [filter, expected] of table) {
    it(`${filter} is ${expected}`, () => expect(truth(filter, record)).toBe(expected));
  }

  it("keeps a record only when the filter is true", () => {
    const records = [{ a: 1 }, { a: 2 }, {}, { a: null }];
    expect(records.filter(compile("a EQ 1"))).toEqual([{ a: 1 }]);
    expect(records.filter(compile("NOT (a EQ 1)"))).toEqual([{ a: 2 }]);
    expect(records.filter(compile("(a EQ 1) OR (a IS null)"))).toEqual([{ a: 1 }, {}, { a: null }]);
  });

  it("IS null is true on missing and null, false on every present value", () => {
    for (const v of [null, undefined]) expect(truth("a IS null", { a: v })).toBe(true);
    expect(truth("a IS null", {})).toBe(true);
    for (const v of [0, -0, "", false, NaN, 0n, {}, "null", [1], [[1]]]) expect(truth("a IS null", { a: v }), show(v)).toBe(false);
    expect(truth("a IS NOT null", { a: 0 })).toBe(true);
    expect(truth("a IS NOT null", {})).toBe(false);
    expect(truth("a.b IS null", { a: 5 })).toBe(true);
    expect(truth("a.b IS null", { a: "text" })).toBe(true);
    expect(truth("a.b IS null", { a: { b: false } })).toBe(false);
  });

  it("IS null through arrays: any reached value null or missing; an empty array reaches nothing", () => {
    expect(truth("tags IS null", { tags: [] })).toBe(false);
    expect(truth("tags IS null", { tags: [[]] })).toBe(false);
    expect(truth("tags IS null", { tags: ["a"] })).toBe(false);
    expect(truth("tags IS null", { tags: ["a", null] })).toBe(true);
    expect(truth("tags IS null", { tags: [["a"], [null]] })).toBe(true);
    expect(truth("ip4.ip IS null", { ip4: [{ ip: "1" }, {}] })).toBe(true);
    expect(truth("ip4.ip IS null", { ip4: [{ ip: "1" }, { ip: "2" }] })).toBe(false);
    expect(truth("ip4.ip IS null", { ip4: [] })).toBe(false);
    expect(truth("NOT (tags IS null)", { tags: [] })).toBe(true);
  });
});

describe("arrays: a path through an array reaches every element", () => {
  it("true when any element matches, else unknown when any is null or missing, else false", () => {
    expect(truth("tags EQ 'x'", { tags: ["y", "x"] })).toBe(true);
    expect(truth("tags EQ 'x'", { tags: ["y"] })).toBe(false);
    expect(truth("tags EQ 'x'", { tags: [] })).toBe(false);
    expect(truth("tags EQ 'x'", { tags: ["y", null] })).toBe(null);
    expect(truth("tags EQ 'x'", { tags: [null, "x"] })).toBe(true);
    expect(truth("tags NE 'x'", { tags: ["x"] })).toBe(false);
    expect(truth("tags NE 'x'", { tags: ["x", "y"] })).toBe(true);
    expect(truth("tags NE 'x'", { tags: [] })).toBe(false);
    expect(truth("NOT (tags EQ 'x')", { tags: [] })).toBe(true);
    expect(truth("tags GT 'm'", { tags: ["a", "z"] })).toBe(true);
    expect(truth("tags LT 'm'", { tags: ["z", null] })).toBe(null);
    expect(truth("n GT 5", { n: [1, 2n, 7] })).toBe(true);
    expect(truth("n GT 5", { n: [1, "9"] })).toBe(false);
    expect(truth("roles CP '%@ADMIN%'", { roles: ["x", "@admin"] })).toBe(true);
  });

  it("nested arrays are flattened", () => {
    expect(truth("tags EQ 'x'", { tags: [["y"], [["x"]]] })).toBe(true);
    expect(truth("tags EQ 'x'", { tags: [[], [[]]] })).toBe(false);
    expect(truth("tags EQ 'x'", { tags: [["y"], [[null]]] })).toBe(null);
  });

  it("arrays of objects, arrays inside objects inside arrays", () => {
    expect(truth("ip4.ip EQ '1.2.3.4'", { ip4: [{ ip: "9" }, { ip: "1.2.3.4" }] })).toBe(true);
    expect(truth("ip4.ip EQ '1.2.3.4'", { ip4: [{ ip: "9" }, {}] })).toBe(null);
    expect(truth("ip4.ip EQ '1.2.3.4'", { ip4: [{ ip: "9" }, "1.2.3.4"] })).toBe(null);
    expect(truth("ip4.ip EQ '1.2.3.4'", { ip4: [{ ip: "9" }] })).toBe(false);
    expect(truth("ip4.ip EQ '1.2.3.4'", { ip4: [{ ip: ["9", "1.2.3.4"] }] })).toBe(true);
    expect(truth("ip4.ip EQ '1.2.3.4'", { ip4: [[{ ip: "1.2.3.4" }]] })).toBe(true);
    expect(truth("a.b.c EQ 1", { a: [{ b: [{ c: 0 }, { c: 1 }] }] })).toBe(true);
    expect(truth("a.b EQ 1", { a: { b: [0, 1] } })).toBe(true);
  });

  it("an array does not lend its own members (length) to a path", () => {
    expect(truth("a.length EQ 1", { a: ["x"] })).toBe(null);
    expect(truth("a.length EQ 1", { a: "x" })).toBe(null);
    expect(truth("a.length IS null", { a: [] })).toBe(false);
  });

  it("a hostile, very deeply nested array neither throws nor overflows the stack", () => {
    let deep: unknown = ["x"];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    for (const filter of ["tags EQ 'x'", "tags IS null", "tags.a EQ 'x'"]) expect(() => compile(filter)({ tags: deep })).not.toThrow();
    expect(() => compile("tags EQ 'x'", { accessor: () => deep })({})).not.toThrow();
  });
});

describe("only own properties are read", () => {
  it("prototype members never resolve", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      expect(truth(`${name} IS null`, {}), name).toBe(true);
      expect(truth(`${name} EQ 'x'`, {}), name).toBe(null);
      expect(truth(`a.${name} IS null`, { a: {} }), name).toBe(true);
      expect(truth(`a.${name} IS null`, { a: [{}] }), name).toBe(true);
    }
    expect(truth("constructor.name EQ 'Object'", {})).toBe(null);
    expect(truth("toString CP '%'", { a: 1 })).toBe(null);
    expect(truth("a.constructor.name CP '%'", { a: "text" })).toBe(null);
  });

  it("own members with those names do resolve", () => {
    const record = JSON.parse('{"__proto__": 1, "constructor": "c", "toString": {"x": true}}') as object;
    expect(truth("__proto__ EQ 1", record)).toBe(true);
    expect(truth("constructor EQ 'c'", record)).toBe(true);
    expect(truth("toString.x EQ true", record)).toBe(true);
  });

  it("inherited members and prototype getters do not resolve; null-prototype records work", () => {
    expect(truth("a EQ 1", Object.create({ a: 1 }))).toBe(null);
    class Host {
      get a() {
        return 1;
      }
    }
    expect(truth("a EQ 1", new Host())).toBe(null);
    expect(truth("cluster EQ 3", { cluster: Object.create({ id: 3 }) })).toBe(false);
    const bare = Object.assign(Object.create(null), { a: 1, b: Object.assign(Object.create(null), { c: "x" }) });
    expect(truth("a EQ 1", bare)).toBe(true);
    expect(truth("b.c EQ 'x'", bare)).toBe(true);
    expect(truth("b.toString IS null", bare)).toBe(true);
  });

  it("records that are not objects have no members", () => {
    for (const record of [null, undefined, 5, "a", true, [], [{ a: 1 }], 5n]) {
      expect(truth("a EQ 1", record), show(record)).toBe(null);
      expect(truth("a IS null", record), show(record)).toBe(true);
    }
  });
});

describe("numbers are exact decimals", () => {
  it("integers past 2^53: a JS number is the decimal it prints as, a bigint is exact", () => {
    expect(truth("big EQ 9007199254740993", { big: 9007199254740992 })).toBe(false);
    expect(truth("big LT 9007199254740993", { big: 9007199254740992 })).toBe(true);
    expect(truth("big EQ 9007199254740993", { big: 9007199254740993n })).toBe(true);
    expect(truth("big GT 9007199254740992", { big: 9007199254740993n })).toBe(true);
    expect(truth("big GT 9007199254740992", { big: 9007199254740992 })).toBe(false);
    expect(truth("big EQ '9007199254740993'", { big: 9007199254740993n })).toBe(true);
    expect(truth("big EQ '9007199254740993'", { big: 9007199254740992 })).toBe(false);
    expect(truth("big EQ 123456789012345678901234567890", { big: 123456789012345678901234567890n })).toBe(true);
    expect(truth("big EQ 123456789012345678901234567890", { big: 1.2345678901234568e29 })).toBe(false);
    expect(truth("big GT 123456789012345678901234567890", { big: 1.2345678901234568e29 })).toBe(true);
    expect(truth("big EQ 123456789012345680000000000000", { big: 1.2345678901234568e29 })).toBe(true);
    expect(truth("big LT -1000000000000000000000000000000", { big: -(10n ** 30n) - 1n })).toBe(true);
  });

  it("decimals: no float rounding between the literal and the value", () => {
    expect(truth("x EQ 0.3", { x: 0.1 + 0.2 })).toBe(false);
    expect(truth("x GT 0.3", { x: 0.1 + 0.2 })).toBe(true);
    // 0.1 prints as 0.1, so it is less than 0.1000000000000000000001 (its binary value is not)
    expect(truth("x LT 0.1000000000000000000001", { x: 0.1 })).toBe(true);
    expect(truth("x GT 0.0999999999999999999999", { x: 0.1 })).toBe(true);
    expect(truth("x EQ 2.5", { x: 2n })).toBe(false);
    expect(truth("x LT 2.5", { x: 2n })).toBe(true);
    expect(truth("x GT -2.5", { x: -2n })).toBe(true);
    expect(truth("x EQ 0.000001", { x: 0.000001 })).toBe(true); // prints as 0.000001
    expect(truth("x EQ 0.0000001", { x: 1e-7 })).toBe(true); // prints as 1e-7
    const max = `17976931348623157${"0".repeat(292)}`; // Number.MAX_VALUE as it prints, 1.7976931348623157e+308
    expect(truth(`x EQ ${max}`, { x: Number.MAX_VALUE })).toBe(true);
    expect(truth(`x LT ${max}1`, { x: Number.MAX_VALUE })).toBe(true);
    expect(truth(`x GT ${max}`, { x: Infinity })).toBe(false);
  });

  it("NaN and ±Infinity are a type mismatch (NE true, the rest false), not null", () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(truth("x EQ 1", { x }), show(x)).toBe(false);
      expect(truth("x NE 1", { x }), show(x)).toBe(true);
      expect(truth("x GT -1000000000000000000000000", { x }), show(x)).toBe(false);
      expect(truth("x LT 1000000000000000000000000", { x }), show(x)).toBe(false);
      expect(truth("x IS null", { x }), show(x)).toBe(false);
    }
  });

  it("a string value and a Number literal do not compare without a schema", () => {
    expect(truth("n EQ 42", { n: "42" })).toBe(false);
    expect(truth("n NE 42", { n: "42" })).toBe(true);
    expect(truth("n GT 1", { n: "42" })).toBe(false);
  });

  it("with a schema, number text in integer, number and reference fields compares numerically", () => {
    const schema = defineSchema({ n: "integer", m: "number", c: { type: "reference" }, s: "string", ids: { type: "array", of: "integer" }, e: { type: "enum", values: ["1"] } });
    const o = { schema };
    expect(truth("n EQ 42", { n: "42" }, o)).toBe(true);
    expect(truth("n EQ 7", { n: "007" }, o)).toBe(true);
    expect(truth("n EQ '7'", { n: "007" }, o)).toBe(true);
    expect(truth("n EQ '7'", { n: "007" })).toBe(false);
    expect(truth("n GT 9007199254740992", { n: "9007199254740993" }, o)).toBe(true);
    expect(truth("n LT 10", { n: "9" }, o)).toBe(true);
    expect(truth("n LT '10'", { n: "9" })).toBe(false); // text without a schema
    expect(truth("n LT '10'", { n: "9" }, o)).toBe(true);
    expect(truth("m EQ 2.5", { m: "2.50" }, o)).toBe(true);
    expect(truth("m EQ 0", { m: "-0" }, o)).toBe(true);
    expect(truth("n EQ 42", { n: "42abc" }, o)).toBe(false);
    expect(truth("n NE 42", { n: "42abc" }, o)).toBe(true);
    expect(truth("n EQ 1000", { n: "1e3" }, o)).toBe(false);
    expect(truth("n EQ 5", { n: " 5" }, o)).toBe(false);
    expect(truth("s EQ 42", { s: "42" }, o)).toBe(false);
    expect(truth("e EQ 1", { e: "1" }, o)).toBe(false);
    expect(truth("ids EQ 5", { ids: ["4", "5"] }, o)).toBe(true);
    expect(truth("c EQ 3", { c: { id: "3" } }, o)).toBe(true);
    expect(truth("c EQ 3", { c: { id: "3" } })).toBe(false);
    expect(truth("c EQ 3", { c: "3" }, o)).toBe(true);
    expect(truth("n EQ 42", { n: 42 }, o)).toBe(true);
    expect(truth("n EQ 42", { n: 42n }, o)).toBe(true);
    expect(truth("n CP '4%'", { n: "42" }, o)).toBe(true);
    expect(truth("n CP '4%'", { n: 42 }, o)).toBe(false);
  });
});

describe("strings compare by code point", () => {
  it("an astral character is above every BMP character (UTF-16 order says otherwise)", () => {
    expect("\u{10000}" < "\uFFFF").toBe(true); // what JavaScript's < does
    expect(truth(cmp("s", "GT", str("\uFFFF")), { s: "\u{10000}" })).toBe(true);
    expect(truth(cmp("s", "LT", str("\u{10000}")), { s: "\uFFFF" })).toBe(true);
    expect(truth(cmp("s", "LT", str("\u{10000}")), { s: "\uE000" })).toBe(true);
    expect(truth(cmp("s", "GT", str("\uE000")), { s: "😀" })).toBe(true);
    expect(truth(cmp("s", "GT", str("a\uFFFF")), { s: "a😀" })).toBe(true);
    expect(truth(cmp("s", "LT", str("\u{10348}")), { s: "\u{10000}" })).toBe(true);
    expect(truth("s GT 'Я'", { s: "😀" })).toBe(true);
  });

  it("no collation: upper case before lower case, accents after ASCII, no normalisation", () => {
    expect(truth("s LT 'a'", { s: "Z" })).toBe(true);
    expect(truth("s GT 'z'", { s: "é" })).toBe(true);
    expect(truth("s EQ 'é'", { s: "e\u0301" })).toBe(false);
    expect(truth("s EQ 'a'", { s: "A" })).toBe(false);
  });
});

describe("references: a number compared with an object that has an own id compares the id", () => {
  it("with or without a schema", () => {
    const schema = defineSchema({ cluster: { type: "reference" } });
    for (const options of [undefined, { schema }]) {
      expect(truth("cluster EQ 3", { cluster: { id: 3 } }, options)).toBe(true);
      expect(truth("cluster EQ '3'", { cluster: { id: 3 } }, options)).toBe(true);
      expect(truth("cluster NE 3", { cluster: { id: 4, name: "x" } }, options)).toBe(true);
      expect(truth("cluster GT 2", { cluster: { id: 3 } }, options)).toBe(true);
      expect(truth("cluster LE 2.5", { cluster: { id: 3n } }, options)).toBe(false);
      expect(truth("cluster EQ 3", { cluster: { id: null } }, options)).toBe(null);
      expect(truth("cluster EQ 3", { cluster: null }, options)).toBe(null);
      expect(truth("cluster EQ 3", { cluster: 3 }, options)).toBe(true);
      expect(truth("cluster.id EQ 3", { cluster: { id: 3 } }, options)).toBe(true);
      expect(truth("nodes EQ 3", { nodes: [{ id: 1 }, { id: 3 }] }, options)).toBe(true);
      expect(truth("nodes EQ 3", { nodes: [{ id: 1 }, { id: null }] }, options)).toBe(null);
    }
  });

  it("only for numeric literals and not for CP; an object without an own id is a mismatch", () => {
    expect(truth("cluster EQ 3", { cluster: { name: "x" } })).toBe(false);
    expect(truth("cluster NE 3", { cluster: { name: "x" } })).toBe(true);
    expect(truth("cluster EQ 'x'", { cluster: { id: "x" } })).toBe(false);
    expect(truth("cluster NE 'x'", { cluster: { id: "x" } })).toBe(true);
    expect(truth("cluster EQ '3'", { cluster: { id: "3" } })).toBe(true); // a quoted number against the id's text
    expect(truth("cluster EQ true", { cluster: { id: true } })).toBe(false);
    expect(truth("cluster CP '3'", { cluster: { id: "3" } })).toBe(false);
    expect(truth("cluster CP '%'", { cluster: { id: "3" } })).toBe(false);
    expect(truth("cluster EQ 3", { cluster: { id: { id: 3 } } })).toBe(false);
    expect(truth("cluster EQ 3", { cluster: [3] })).toBe(true);
  });
});

describe("CP masks", () => {
  const cases: [string, string | unknown, boolean | null, CompileOptions?][] = [
    ["%web%", "my-WEB-1", true], ["%web%", "wb", false], ["web%", "webserver", true], ["web%", "a web", false], ["%1", "web-1", true],
    ["web", "web", true], ["web", "WEB", true], ["web", "webs", false], ["web", " web", false],
    ["%", "", true], ["%", "anything", true], ["%%", "", true], ["", "", true], ["", "a", false],
    ["a%b", "ab", true], ["a%b", "a\nb", true], ["a%b", "ba", false], ["a%b%a", "aba", true], ["a%b%a", "aab", false], ["%a%a%", "a", false],
    // _ is literal by default
    ["a_b", "a_b", true], ["a_b", "axb", false], ["a_b", "A_B", true], ["%_%", "ab", false], ["%_%", "a_", true],
    // ASCII letters fold, nothing else does
    ["É", "é", false], ["é", "É", false], ["É", "É", true], ["Ж", "ж", false], ["k", "\u212A", false], ["K", "k", true], ["s", "ſ", false], ["ǅ", "ǆ", false],
    // Unicode, quotes, regex characters, percent-like text are literal
    ["%😀%", "a😀b", true], ["😀", "😀", true], ["%it's%", "so it's", true], ["%.*%", "abc", false], ["%.*%", "a.*b", true], ["^a$", "^A$", true],
    ["%41", "%41", true], ["%41", "A", false], ["(x)", "(X)", true], ["[a]", "a", false], ["%\\", "a\\", true],
    // values that are not strings never match
    ["5", 5, false], ["%", 5, false], ["%", true, false], ["%", {}, false], ["%", 5n, false], ["%", null, null], ["%", [], false], ["%", ["", 1], true], ["%x%", [1, null], null],
    // options
    ["Web", "web", false, { caseSensitive: true }], ["Web", "Web", true, { caseSensitive: true }], ["%EB%", "web", false, { caseSensitive: true }],
    ["a_b", "axb", true, { underscoreWildcard: true }], ["a_b", "a😀b", true, { underscoreWildcard: true }], ["a_b", "ab", false, { underscoreWildcard: true }],
    ["a_b", "axxb", false, { underscoreWildcard: true }], ["a_b", "A_B", true, { underscoreWildcard: true }], ["_", "😀", true, { underscoreWildcard: true }],
    ["__", "😀", false, { underscoreWildcard: true }], ["%_%", "", false, { underscoreWildcard: true }], ["%_", "é", true, { underscoreWildcard: true }],
    ["a_%_b", "a😀😀b", true, { underscoreWildcard: true }], ["a_%_b", "a😀b", false, { underscoreWildcard: true }],
    ["A_b", "axb", false, { underscoreWildcard: true, caseSensitive: true }], ["A_b", "Axb", true, { underscoreWildcard: true, caseSensitive: true }],
  ];
  for (const [mask, value, expected, options] of cases) {
    it(`${JSON.stringify(mask)} on ${show(value)}${options ? ` ${JSON.stringify(options)}` : ""}: ${expected}`, () => {
      expect(truth(cmp("v", "CP", str(mask)), { v: value }, options)).toBe(expected);
    });
  }

  it("a boolean literal is the mask 'true' or 'false'; a number literal its decimal text", () => {
    expect(truth("f CP true", { f: "true" })).toBe(true);
    expect(truth("f CP true", { f: "TRUE" })).toBe(true);
    expect(truth("f CP true", { f: true })).toBe(false);
    expect(truth("f CP false", { f: "false" })).toBe(true);
    expect(truth("f CP false", { f: "true" })).toBe(false);
    expect(truth("n CP 5", { n: "5" })).toBe(true);
    expect(truth("n CP 5", { n: 5 })).toBe(false);
  });

  it("a mask is whole-value without %, leftmost pieces with it, in linear-ish time on long text", () => {
    const long = "a".repeat(50_000);
    const start = performance.now();
    expect(compile("v CP '%a%a%a%a%a%a%b'")({ v: long })).toBe(false);
    expect(compile("v CP '%a_a%a_a%b'", { underscoreWildcard: true })({ v: long })).toBe(false);
    expect(compile("v CP '%a%a%a%a%a%a%'")({ v: long })).toBe(true);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("options", () => {
  it("accessor reads records of any shape; it gets the record, the path and the dotted name", () => {
    const calls: unknown[][] = [];
    const accessor: FieldAccessor = (record, path, name) => {
      calls.push([path, name]);
      return (record as Map<string, unknown>).get(name);
    };
    const host = new Map<string, unknown>([["name", "web-1"], ["cluster.name", "x"], ["state", null]]);
    expect(compile("name CP 'web%' AND cluster.name EQ 'x'", { accessor })(host)).toBe(true);
    expect(calls).toEqual([[["name"], "name"], [["cluster", "name"], "cluster.name"]]);
    expect(truth("state IS null", host, { accessor })).toBe(true);
    expect(truth("other IS null", host, { accessor })).toBe(true);
    expect(truth("state EQ 'x'", host, { accessor })).toBe(null);
  });

  it("an accessor's array is any of its elements (nested arrays flattened); references compare by id", () => {
    const value = (v: unknown): FieldAccessor => () => v;
    expect(truth("x EQ 'b'", {}, { accessor: value(["a", "b"]) })).toBe(true);
    expect(truth("x EQ 'b'", {}, { accessor: value(["a", ["b"]]) })).toBe(true);
    expect(truth("x EQ 'b'", {}, { accessor: value([]) })).toBe(false);
    expect(truth("x IS null", {}, { accessor: value([]) })).toBe(false);
    expect(truth("x EQ 'b'", {}, { accessor: value(["a", null]) })).toBe(null);
    expect(truth("x IS null", {}, { accessor: value(["a", undefined]) })).toBe(true);
    expect(truth("x EQ 'b'", {}, { accessor: value(undefined) })).toBe(null);
    expect(truth("x EQ 3", {}, { accessor: value({ id: 3 }) })).toBe(true);
    expect(truth("x EQ 3", {}, { accessor: value([{ id: 1 }, { id: 3 }]) })).toBe(true);
    // flat rows: one key holds the dotted name
    const flat: FieldAccessor = (r, _p, name) => (r as Record<string, unknown>)[name];
    expect(compile("cluster.name EQ 'x'", { accessor: flat })({ "cluster.name": "x" })).toBe(true);
  });

  it("the accessor is used instead of own-property reading (it may read what that does not)", () => {
    const inherited: FieldAccessor = (r, path) => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r);
    expect(compile("a EQ 1", { accessor: inherited })(Object.create({ a: 1 }))).toBe(true);
    expect(compile("a EQ 1")(Object.create({ a: 1 }))).toBe(false);
  });

  it("the same tree with the same options gives the identical function; other options another", () => {
    const tree = where("(a EQ 1) OR (b CP 'x_%')");
    const schema = defineSchema({ a: "integer" });
    const accessor: FieldAccessor = (r, p) => (r as Record<string, unknown>)[p[0]!];
    const f = compile(tree);
    expect(compile(tree)).toBe(f);
    expect(compile(tree, {})).toBe(f);
    expect(compile(tree, { caseSensitive: false, underscoreWildcard: false })).toBe(f);
    const withSchema = compile(tree, { schema });
    expect(withSchema).not.toBe(f);
    expect(compile(tree, { schema })).toBe(withSchema);
    expect(compile(tree, { schema: defineSchema({ a: "integer" }) })).not.toBe(withSchema);
    expect(compile(tree, { caseSensitive: true })).not.toBe(f);
    expect(compile(tree, { caseSensitive: true })).toBe(compile(tree, { caseSensitive: true }));
    expect(compile(tree, { underscoreWildcard: true })).not.toBe(f);
    expect(compile(tree, { underscoreWildcard: true })).not.toBe(compile(tree, { caseSensitive: true }));
    expect(compile(tree, { accessor })).not.toBe(f);
    expect(compile(tree, { accessor })).toBe(compile(tree, { accessor }));
    expect(compile(tree, { maxDepth: 10 })).not.toBe(f);
    // a structurally equal tree is another tree
    expect(compile(where("(a EQ 1) OR (b CP 'x_%')"))).not.toBe(f);
    // the cached functions keep their own meaning
    expect(compile(tree)({ b: "XyZ" })).toBe(false);
    expect(compile(tree, { underscoreWildcard: true })({ b: "XyZ" })).toBe(true);
    expect(compile(tree, { underscoreWildcard: true, caseSensitive: true })({ b: "XyZ" })).toBe(false);
    expect(compile(tree, { schema })({ a: "1" })).toBe(true);
    expect(compile(tree)({ a: "1" })).toBe(false);
  });

  it("keeps the 8 latest option sets of a tree: a ninth drops the oldest, which compiles anew", () => {
    const tree = where("a EQ 1");
    const depths = [11, 12, 13, 14, 15, 16, 17, 18, 19];
    const first = depths.map((maxDepth) => compile(tree, { maxDepth }));
    // the first one was dropped when the ninth came in; the others are still cached
    expect(compile(tree, { maxDepth: 19 })).toBe(first[8]);
    expect(compile(tree, { maxDepth: 12 })).toBe(first[1]);
    const again = compile(tree, { maxDepth: 11 });
    expect(again).not.toBe(first[0]);
    for (const keep of [...first, again]) expect([keep({ a: 1 }), keep({ a: 2 })]).toEqual([true, false]);
  });

  it("the same text gives the identical function; a Query compiles its where", () => {
    expect(compile("a EQ 'cache me'")).toBe(compile("a EQ 'cache me'"));
    const { query } = parse("where=a EQ 1&orderby=a&limit=0,1");
    expect(compile(query)).toBe(compile(query.where!));
    expect(compile(query)({ a: 1 })).toBe(true);
    expect(compile("where=a EQ 1&orderby=a")({ a: 2 })).toBe(false);
    expect(compile("?where=(a EQ 1)")({ a: 1 })).toBe(true);
    expect(compile("https://host/vm/v3/host?where=name+CP+'%25web%25'")({ name: "my web" })).toBe(true);
  });

  it("no where keeps every record", () => {
    for (const input of ["", "orderby=id desc", "limit=0,1", parse("orderby=a").query]) {
      const keep = compile(input);
      for (const r of [{}, null, { a: null }, 5]) expect(keep(r)).toBe(true);
    }
  });
});

describe("errors", () => {
  const runError = (f: () => unknown, code: string) => {
    let error: unknown;
    try {
      f();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterRunError);
    expect((error as FilterRunError).code).toBe(code);
    expect((error as FilterRunError).name).toBe("FilterRunError");
  };

  it("input that is not a filter throws run-invalid-input", () => {
    const bad: unknown[] = [
      42, null, undefined, true, {}, [], { kind: 5 }, { kind: "Bogus" }, { kind: "And", operands: [] }, { kind: "Or" },
      { kind: "Comparison", field: field("a"), operator: "EQ", value: { kind: "Number", value: "abc" } },
      { kind: "Comparison", field: field("a"), operator: "EQ", value: { kind: "String", value: 5 } },
      { kind: "Comparison", field: field("a"), operator: "EQ", value: { kind: "Boolean", value: "true" } },
      { kind: "Comparison", field: field("a"), operator: "EQ", value: { kind: "Null" } },
      { kind: "Comparison", field: field("a"), operator: "EQ" },
      { kind: "Comparison", field: { kind: "Field", path: [], name: "" }, operator: "EQ", value: str("x") },
      { kind: "Comparison", operator: "EQ", value: str("x") },
      { kind: "Comparison", field: field("a"), operator: "LIKE", value: str("x") },
      { kind: "Comparison", field: field("a"), operator: "LIKE", value: str("5") },
      { kind: "IsNull" },
      { kind: "Not", operand: { kind: "Bogus" } },
      { kind: "And", operands: [where("a EQ 1"), { kind: "Bogus" }] },
    ];
    for (const input of bad) runError(() => compile(input as Expression), RunCodes.InvalidInput);
    runError(() => apply(42 as unknown as string, []), RunCodes.InvalidInput);
    runError(() => apply(null as unknown as string, []), RunCodes.InvalidInput);
  });

  it("text with syntax errors throws FilterSyntaxError", () => {
    for (const text of ["a EQ", "a EQ null", "state EQ active", "(a EQ 1", "where=a EQ 1&where=b EQ 2", "a EQ 'x"]) {
      expect(() => compile(text), text).toThrow(FilterSyntaxError);
      expect(() => apply(text, []), text).toThrow(FilterSyntaxError);
    }
  });

  const nots = (n: number): Expression => {
    let e: Expression = where("a EQ 1");
    for (let i = 0; i < n; i++) e = { kind: "Not", operand: e };
    return e;
  };

  it(`trees deeper than maxDepth (default MAX_COMPILE_DEPTH = ${MAX_COMPILE_DEPTH}) throw run-too-deep`, () => {
    expect(MAX_COMPILE_DEPTH).toBe(1000);
    // 999 NOTs over a comparison: depth 1000, the deepest tree compiled by default
    expect(compile(nots(MAX_COMPILE_DEPTH - 1))({ a: 1 })).toBe(false);
    expect(compile(nots(MAX_COMPILE_DEPTH - 1))({ a: 2 })).toBe(true);
    expect(compile(nots(MAX_COMPILE_DEPTH - 1))({})).toBe(false);
    expect(compile(nots(998))({ a: 1 })).toBe(true);
    expect(compile(nots(998))({ a: 2 })).toBe(false);
    runError(() => compile(nots(MAX_COMPILE_DEPTH)), RunCodes.TooDeep);
    runError(() => compile(nots(5000)), RunCodes.TooDeep);
    // nesting through And / Or counts too
    let e: Expression = where("a EQ 1");
    for (let i = 0; i < MAX_COMPILE_DEPTH; i++) e = { kind: i % 2 ? "And" : "Or", operands: [where("b EQ 1"), e] };
    runError(() => compile(e), RunCodes.TooDeep);
    expect(compile(e, { maxDepth: 2000 })({ a: 1, b: 1 })).toBe(true);
    runError(() => apply({ kind: "Query", form: "url", parameters: [], where: nots(MAX_COMPILE_DEPTH) }, [{}]), RunCodes.TooDeep);
  });

  it("maxDepth sets the limit", () => {
    expect(compile(nots(2), { maxDepth: 3 })({ a: 1 })).toBe(true);
    runError(() => compile(nots(3), { maxDepth: 3 }), RunCodes.TooDeep);
    runError(() => compile(where("a EQ 1"), { maxDepth: 0 }), RunCodes.TooDeep);
    expect(compile(where("(a EQ 1) AND (b EQ 2)"), { maxDepth: 2 })({ a: 1, b: 2 })).toBe(true);
    runError(() => compile(where("(a EQ 1) AND NOT (b EQ 2)"), { maxDepth: 2 }), RunCodes.TooDeep);
    // a failed compile is not cached: the default limit still compiles the same tree
    const tree = nots(3);
    runError(() => compile(tree, { maxDepth: 3 }), RunCodes.TooDeep);
    expect(compile(tree)({ a: 1 })).toBe(false);
  });

  it("records never make compile or its predicate throw", () => {
    const hostile = [
      null, undefined, 5, Symbol("s"), () => 1, new Map(), new Date(0), /x/, Object.create(null), { a: Symbol("a") }, { a: () => 1 },
      { a: { id: Symbol("id") } }, { a: [Symbol("x")] }, { a: new Proxy({}, {}) }, { a: Object.freeze([1]) },
    ];
    const keep = compile("(a EQ 1) OR (a CP '%') OR (a GT 'x') OR (a IS null) OR (a.b LT 2) OR (a EQ true) OR NOT (a NE 9007199254740993)");
    for (const r of hostile) expect(() => keep(r)).not.toThrow();
  });
});

describe("no eval, no new Function (runs under a strict Content Security Policy)", () => {
  it("compiles and runs with Function and eval stubbed to throw", () => {
    const refuse = () => {
      throw new EvalError("refused by the Content Security Policy");
    };
    vi.stubGlobal("Function", new Proxy(Function, { apply: refuse, construct: refuse }));
    vi.stubGlobal("eval", refuse);
    // fresh texts and trees, so nothing comes from a cache
    const texts = [
      "(csp EQ 1) AND (name CP '%web_%') AND NOT (state EQ 'stopped') OR (big GT 9007199254740993) OR (s LT '😀') OR (f EQ true) OR (x IS null)",
      "where=(csp NE 2.5)&orderby=name desc&limit=0,10",
    ];
    expect(compile(texts[0]!, { underscoreWildcard: true, caseSensitive: true })({ csp: 1, name: "web_1", state: "x" })).toBe(true);
    expect(compile(texts[0]!)({ csp: 2, big: 9007199254740993n + 1n })).toBe(true);
    expect(apply(texts[1]!, [{ csp: 1, name: "a" }, { csp: 2.5, name: "b" }, { csp: 3, name: "c" }]).list).toEqual([{ csp: 3, name: "c" }, { csp: 1, name: "a" }]);
    expect(() => new Function("return 1")).toThrow(EvalError); // the stub is in place
  });

  it("the run layer's source has no eval, new Function or Function constructor", () => {
    const dir = new URL("../../src/run/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files).toEqual(expect.arrayContaining(["compile.ts", "apply.ts", "mask.ts", "order.ts", "record.ts", "values.ts"]));
    for (const file of files) {
      // code only: the doc comments do say "no eval, no new Function"
      const source = readFileSync(new URL(file, dir), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(source, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(|\.constructor\s*\(/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against the reference evaluator

const optionsArb: fc.Arbitrary<CompileOptions> = fc
  .record({ schema: fc.boolean(), caseSensitive: fc.boolean(), underscoreWildcard: fc.boolean() })
  .map(({ schema, caseSensitive, underscoreWildcard }) => ({ ...(schema ? { schema: runSchema } : {}), caseSensitive, underscoreWildcard }));

const referenceOptions = (o: CompileOptions): EvaluateOptions => ({ ...RUN_SEMANTICS, schema: o.schema, caseSensitive: o.caseSensitive ?? false, underscoreWildcard: o.underscoreWildcard ?? false });

const describeRecord = (e: Expression, r: unknown, o: CompileOptions) =>
  `${format(e)}\n${JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : typeof v === "number" && !Number.isFinite(v) ? String(v) : v))}\n${JSON.stringify({ ...o, schema: o.schema ? "runSchema" : undefined })}`;

describe("compile agrees with the reference evaluator", () => {
  it("over a shared vocabulary: kept exactly when the evaluator says true", () => {
    let kept = 0;
    let unknown = 0;
    let runs = 0;
    fc.assert(
      fc.property(vocabularyFilterArb, fc.array(recordArb, { minLength: 1, maxLength: 6 }), optionsArb, (e, records, o) => {
        runs++;
        const keep = compile(e, o);
        for (const r of records) {
          const expected = evaluate(e, r, referenceOptions(o));
          if (expected === true) kept++;
          if (expected === null) unknown++;
          expect(keep(r), describeRecord(e, r, o)).toBe(expected === true);
        }
      }),
      { numRuns: 1500 },
    );
    // the generators do reach every outcome often (in a fifth of the runs or more, at 200 runs in mutation runs too)
    expect(kept).toBeGreaterThan(runs / 5);
    expect(unknown).toBeGreaterThan(runs / 5);
  });

  it("over arbitraries.ts filters, with records built from each filter's own paths and literals", () => {
    let kept = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        expressionArb.chain((e) => fc.tuple(fc.constant(e), recordsFor(e))),
        optionsArb,
        ([e, records], o) => {
          runs++;
          const keep = compile(e, o);
          for (const r of records) {
            const expected = evaluate(e, r, referenceOptions(o));
            if (expected === true) kept++;
            expect(keep(r), describeRecord(e, r, o)).toBe(expected === true);
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(kept).toBeGreaterThan(runs * 0.15);
  });

  it("compile(NOT x) keeps a record exactly when the evaluator says x is false", () => {
    let falses = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(vocabularyFilterArb, expressionArb), fc.array(recordArb, { minLength: 1, maxLength: 6 }), optionsArb, (e, records, o) => {
        runs++;
        const keepNot = compile({ kind: "Not", operand: e }, o);
        for (const r of records) {
          const expected = evaluate(e, r, referenceOptions(o));
          if (expected === false) falses++;
          expect(keepNot(r), describeRecord(e, r, o)).toBe(expected === false);
        }
      }),
      { numRuns: 1000 },
    );
    expect(falses).toBeGreaterThan(runs * 0.15);
  });

  it("one comparison on one value: compile's three-valued answer is the evaluator's", () => {
    const literal = fc.oneof(poolLiteralArb, numberText.map((value) => ({ kind: "Number", value }) as const), numberText.map((value) => ({ kind: "String", value }) as const));
    const operator = fc.constantFrom<CompareOperator>("EQ", "NE", "GT", "GE", "LT", "LE", "CP");
    const nearOrAny = (l: LiteralNode) => fc.oneof(fc.constantFrom(...valuesNear(l)), scalarArb, valueArb, fc.double(), fc.bigInt());
    const caseArb = fc.tuple(literal, operator).chain(([l, op]) => fc.tuple(fc.constant(l), fc.constant(op), nearOrAny(l)));
    fc.assert(
      fc.property(caseArb, fc.constantFrom("v", "cluster", "n", "ids"), optionsArb, ([l, op, value], name, o) => {
        const e = cmp(name, op, l);
        const r = { [name]: value };
        expect(truth(e, r, o), describeRecord(e, r, o)).toBe(evaluate(e, r, referenceOptions(o)));
      }),
      { numRuns: 3000 },
    );
  });

  it("a custom accessor that reads like the default gives the same answers", () => {
    const own = (o: unknown, k: string) => typeof o === "object" && o !== null && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, k);
    const read = (v: unknown, path: readonly string[], i: number): unknown =>
      i === path.length ? v : Array.isArray(v) ? v.map((x) => read(x, path, i)) : own(v, path[i]!) ? read((v as Record<string, unknown>)[path[i]!], path, i + 1) : undefined;
    const accessor: FieldAccessor = (record, path) => (Array.isArray(record) ? undefined : read(record, path, 0));
    fc.assert(
      fc.property(vocabularyFilterArb, fc.array(recordArb, { minLength: 1, maxLength: 4 }), optionsArb, (e, records, o) => {
        const viaAccessor = compile(e, { ...o, accessor });
        const direct = compile(e, o);
        for (const r of records) expect(viaAccessor(r), describeRecord(e, r, o)).toBe(direct(r));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("compile on text and on the tree agree", () => {
  it("canonical text, URL text and sloppy text of a tree keep the same records as the tree", () => {
    fc.assert(
      fc.property(
        fc.oneof(vocabularyFilterArb, expressionArb),
        sloppinessArb,
        fc.array(fc.oneof(recordArb, valueArb.map((v) => ({ a: v, b: v, tags: [v] }))), { minLength: 1, maxLength: 4 }),
        (e, sloppiness, records) => {
          const tree = compile(e);
          const texts = [format(e), toQueryString(e), toQueryString(e, { spaces: "percent" }), sloppyExpression(e, sloppiness)];
          for (const text of texts) {
            const fromText = compile(text);
            for (const r of records) expect(fromText(r), `${text}\n${describeRecord(e, r, {})}`).toBe(tree(r));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("and records built for arbitraries.ts filters", () => {
    fc.assert(
      fc.property(
        expressionArb.chain((e) => fc.tuple(fc.constant(e), recordsFor(e))),
        ([e, records]) => {
          const tree = compile(e);
          const text = compile(format(e));
          for (const r of records) expect(text(r), describeRecord(e, r, {})).toBe(tree(r));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
