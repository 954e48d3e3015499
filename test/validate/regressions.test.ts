/** Behaviour fixed after review of the validator; each case once went wrong. */
import { describe, expect, it } from "vitest";
import { analyze, applyFixes, defineSchema, validate, type QueryNode } from "../../src/index.js";

const schema = defineSchema({
  id: { type: "integer", nullable: false },
  name: "string",
  state: { type: "enum", values: ["active", "stopped"] },
  meta: { type: "object", fields: { kind: "string" }, sortable: true },
  ip4: { type: "array", of: { ip: "string" } },
  "ip4.mask": { type: "string", sortable: true },
});

describe("validator regressions", () => {
  it("reports nodes of a tree built in code at offset 0, without fixes", () => {
    const query: QueryNode = {
      kind: "Query",
      form: "url",
      parameters: [],
      where: { kind: "Comparison", field: { kind: "Field", path: ["nme"], name: "nme" }, operator: "EQ", value: { kind: "String", value: "x" } },
    };
    expect(validate(query, schema).map((d) => [d.code, d.start, d.end, d.fix])).toEqual([["unknown-field", 0, 0, undefined]]);
  });

  it("never throws on a value that is not a tree", () => {
    const broken = { kind: "Query", form: "url", parameters: [], where: { kind: "And", operands: null } } as unknown as QueryNode;
    expect(validate(broken, schema).map((d) => d.code)).toEqual(["rule-failed"]);
    const noField = { kind: "Query", form: "url", parameters: [], where: { kind: "Comparison", operator: "EQ", value: { kind: "Number", value: "1" } } } as unknown as QueryNode;
    expect(validate(noField, schema).map((d) => d.code)).toEqual(["rule-failed"]);
  });

  it("matches enum values case-insensitively under CP, as CP matches", () => {
    expect(analyze("state CP 'ACTIVE'", { schema, rules: { "cp-without-wildcard": "off" } }).diagnostics).toEqual([]);
    expect(analyze("state EQ 'ACTIVE'", { schema }).diagnostics.map((d) => d.code)).toEqual(["unknown-enum-value"]);
  });

  it("names a declared member when an object is compared directly", () => {
    const [meta] = analyze("meta EQ 'x'", { schema }).diagnostics;
    expect(meta!.message).toBe("'meta' holds objects; compare one of its fields instead (e.g. 'meta.kind').");
    const [ip4] = analyze("ip4 EQ 'x'", { schema }).diagnostics;
    expect(ip4!.message).toBe("'ip4' holds objects; compare one of its fields instead (e.g. 'ip4.ip').");
  });

  it("treats a quoted number and the number as the same condition", () => {
    expect(analyze("(id EQ 1) AND (id EQ '1')", { schema, rules: { "quoted-number": "off" } }).diagnostics.map((d) => d.code)).toEqual(["no-duplicate-condition"]);
  });

  it("keeps an explicit sortable on objects and on dotted keys under arrays", () => {
    expect(schema.field("meta")!.sortable).toBe(true);
    expect(schema.field("ip4.mask")!.sortable).toBe(true);
    expect(schema.field("ip4.ip")!.sortable).toBe(false);
  });

  it("does not offer CP-to-EQ on a field where CP is already a type error", () => {
    expect(analyze("id CP '5'", { schema }).diagnostics.map((d) => d.code)).toEqual(["operator-type-mismatch", "quoted-number"]);
  });
});

describe("validator regressions, second review", () => {
  const typed = defineSchema({ id: "integer", name: "string", state: { type: "enum", values: ["active", "stopped"] } });

  it("answers rule-failed for values that are not a Query, never throws", () => {
    expect(validate(null as unknown as QueryNode, typed).map((d) => d.code)).toEqual(["rule-failed"]);
    expect(validate(42 as unknown as QueryNode).map((d) => d.code)).toEqual(["rule-failed"]);
  });

  it("says in rule-failed what was thrown, an Error's message or the thrown value itself", () => {
    const unreadable = { kind: "Query", form: "url", parameters: [], get where(): never { throw "where unreadable"; } } as unknown as QueryNode;
    expect(validate(unreadable, typed).map((d) => [d.code, d.message])).toEqual([["rule-failed", "This tree could not be validated (where unreadable)."]]);
    for (const thrown of ["value unreadable", new Error("value unreadable")]) {
      const where = { kind: "Comparison", field: { kind: "Field", path: ["id"], name: "id" }, operator: "EQ", get value(): never { throw thrown; } };
      const d = validate({ kind: "Query", form: "url", parameters: [], where } as unknown as QueryNode, typed);
      expect(d.length).toBeGreaterThan(0);
      expect(d.every((x) => x.code === "rule-failed" && /^The rule '[a-z-]+' failed on this tree \(value unreadable\); please report it\.$/.test(x.message))).toBe(true);
      expect(d[0]!.message).toBe("The rule 'type-mismatch' failed on this tree (value unreadable); please report it.");
    }
  });

  it("offers no member example for an object with no declared members", () => {
    const bare = defineSchema({ meta: { type: "object", fields: {} } });
    expect(analyze("meta EQ 'x'", { schema: bare }).diagnostics.map((d) => [d.code, d.message])).toEqual([["type-mismatch", "'meta' holds objects; compare one of its fields instead."]]);
  });

  it("reports operator-type-mismatch on a tree built in code at offset 0", () => {
    const f = (name: string) => ({ kind: "Field", path: [name], name }) as const;
    const where: QueryNode["where"] = {
      kind: "And",
      operands: [
        { kind: "Comparison", field: f("id"), operator: "CP", value: { kind: "String", value: "5%" } },
        { kind: "Comparison", field: f("up"), operator: "GT", value: { kind: "Boolean", value: true } },
      ],
    };
    const d = validate({ kind: "Query", form: "url", parameters: [], where }, defineSchema({ id: "integer", up: "boolean" }));
    expect(d.filter((x) => x.code === "operator-type-mismatch").map((x) => [x.start, x.end, x.message])).toEqual([
      [0, 0, "CP matches text masks; 'id' holds numbers."],
      [0, 0, "GT orders values; 'up' holds true or false (use EQ or NE)."],
    ]);
  });

  it("compares quoted numbers as numbers only on numeric fields", () => {
    expect(analyze("(name EQ '1') OR (name EQ '01')", { schema: typed }).diagnostics).toEqual([]);
    expect(analyze("(id EQ '1') OR (id EQ 1)", { schema: typed, rules: { "quoted-number": "off" } }).diagnostics.map((d) => d.code)).toEqual(["no-duplicate-condition"]);
  });

  it("writes the declared enum spelling when CP becomes EQ", () => {
    const input = "(state CP 'ACTIVE')";
    const fixed = applyFixes(input, analyze(input, { schema: typed }).diagnostics);
    expect(fixed).toBe("(state EQ 'active')");
    expect(analyze(fixed, { schema: typed }).diagnostics).toEqual([]);
  });

  it("reports contradictions and duplicate sort keys of trees built in code", () => {
    const id = { kind: "Field", path: ["id"], name: "id" } as const;
    const query: QueryNode = {
      kind: "Query",
      form: "url",
      parameters: [],
      where: { kind: "And", operands: [{ kind: "Comparison", field: id, operator: "EQ", value: { kind: "Number", value: "1" } }, { kind: "Comparison", field: id, operator: "EQ", value: { kind: "Number", value: "2" } }] },
      orderBy: { kind: "OrderBy", keys: [{ kind: "SortKey", field: id, direction: "asc" }, { kind: "SortKey", field: id, direction: "desc" }] },
    };
    expect(validate(query).map((d) => [d.code, d.start, d.end])).toEqual([
      ["no-contradiction", 0, 0],
      ["multiple-sort-keys", 0, 0],
      ["duplicate-sort-key", 0, 0],
    ]);
  });
});

describe("validate on what is not a Query (untyped JavaScript)", () => {
  const refused = [["null", null], ["a number", 42], ["a string", "id EQ 1"], ["an object of another kind", { kind: "Comparison" }], ["an object without kind", {}]] as const;

  it.each(refused)("reports %s as one rule-failed error at 0, never throws", (_, value) => {
    const diagnostics = validate(value as unknown as QueryNode);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message, d.start, d.end, d.line, d.column])).toEqual([
      ["rule-failed", "error", "This tree could not be validated (it is not a Query node).", 0, 0, 1, 1],
    ]);
  });
});
