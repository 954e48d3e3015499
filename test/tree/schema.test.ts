/**
 * schema/vmfilter-tree.schema.json against the code: the same vocabularies (so they cannot drift),
 * and a minimal validator for the subset of JSON Schema the file uses, run on generated trees.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompareOperators, Kind, parse, SortDirections, toQueryString } from "../../src/index.js";
import { isNormalNumber } from "../../src/syntax/numbers.js";
import { isFieldName } from "../../src/syntax/tokens.js";
import { FIELD_SEGMENT, FORBIDDEN_KEYS, JSON_PROPERTIES, JSON_SLOTS, QUERY_FORMS } from "../../src/tree/json.js";
import { fromJSON, toJSON } from "../../src/tree/index.js";
import { numberText, queryArb } from "../helpers/arbitraries.js";
import { mutatedJsonArb } from "./mutate.js";

const RUNS = { numRuns: 1000 };

type Schema = { readonly [keyword: string]: unknown };
const schema = JSON.parse(readFileSync(new URL("../../schema/vmfilter-tree.schema.json", import.meta.url), "utf8")) as Schema;
const defs = schema.$defs as Record<string, Schema>;
const props = (name: string) => defs[name]!.properties as Record<string, Schema>;
const refOf = (s: Schema | undefined) => (s?.$ref as string | undefined)?.replace("#/$defs/", "");
const oneOfRefs = (name: string) => (defs[name]!.oneOf as Schema[]).map(refOf);

// ---------------------------------------------------------------------------------------------
// A minimal JSON Schema validator: exactly the keywords the schema file uses, and it fails loudly
// on any other keyword, so the file cannot start relying on one this check ignores.

const KNOWN_KEYWORDS = new Set([
  "$schema",
  "title",
  "description",
  "$defs",
  "$ref",
  "type",
  "const",
  "enum",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "pattern",
  "minimum",
  "maximum",
  "oneOf",
]);

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

/** The errors of `value` against `s` (empty when valid). */
function validate(s: Schema, value: unknown, path = "$"): string[] {
  for (const keyword of Object.keys(s)) if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`unsupported keyword ${keyword}`);
  if (s.$ref !== undefined) {
    const target = defs[refOf(s)!];
    if (target === undefined) throw new Error(`dangling $ref ${String(s.$ref)}`);
    const errors = validate(target, value, path);
    if (errors.length > 0) return errors;
  }
  if (s.type !== undefined && !typeOk(s.type as string, value)) return [`${path}: not ${String(s.type)}`];
  if ("const" in s && value !== s.const) return [`${path}: not ${JSON.stringify(s.const)}`];
  if (s.enum !== undefined && !(s.enum as unknown[]).includes(value)) return [`${path}: not in enum`];
  const errors: string[] = [];
  if (typeof value === "string" && s.pattern !== undefined && !new RegExp(s.pattern as string, "u").test(value)) errors.push(`${path}: pattern`);
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < (s.minimum as number)) errors.push(`${path}: minimum`);
    if (s.maximum !== undefined && value > (s.maximum as number)) errors.push(`${path}: maximum`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < (s.minItems as number)) errors.push(`${path}: minItems`);
    if (s.items !== undefined) value.forEach((item, i) => errors.push(...validate(s.items as Schema, item, `${path}[${i}]`)));
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const name of (s.required ?? []) as string[]) if (!Object.prototype.hasOwnProperty.call(object, name)) errors.push(`${path}: missing ${name}`);
    for (const name of Object.keys(object)) {
      if (Object.prototype.hasOwnProperty.call(properties, name)) errors.push(...validate(properties[name]!, object[name], `${path}.${name}`));
      else if (s.additionalProperties === false) errors.push(`${path}: extra ${name}`);
    }
  }
  if (s.oneOf !== undefined) {
    const passing = (s.oneOf as Schema[]).filter((option) => validate(option, value, path).length === 0).length;
    if (passing !== 1) errors.push(`${path}: ${passing} of oneOf match`);
  }
  return errors;
}

describe("the schema file matches the code's vocabularies", () => {
  it("is draft 2020-12 and describes the envelope", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(["vmfilter", "node"]);
    expect((schema.properties as Record<string, Schema>).vmfilter!.const).toBe(1);
    expect(refOf((schema.properties as Record<string, Schema>).node)).toBe("Node");
    expect(schema.additionalProperties).toBe(false);
  });

  it("has one definition per node kind with the code's required and optional properties", () => {
    for (const kind of Object.values(Kind)) {
      const def = defs[kind]!;
      expect(def, kind).toBeDefined();
      expect(def.type).toBe("object");
      expect(def.additionalProperties).toBe(false);
      expect((def.properties as Record<string, Schema>).kind).toEqual({ const: kind });
      expect(def.required, kind).toEqual(JSON_PROPERTIES[kind].required);
      expect(Object.keys(def.properties as object).sort(), kind).toEqual([...JSON_PROPERTIES[kind].required, ...JSON_PROPERTIES[kind].optional].sort());
      expect(refOf(props(kind).loc)).toBe("SourceLocation");
    }
  });

  it("groups kinds into the same slots", () => {
    expect(oneOfRefs("Node")).toEqual(JSON_SLOTS.node);
    expect(oneOfRefs("Expression")).toEqual(JSON_SLOTS.expression);
    expect(oneOfRefs("Literal")).toEqual(JSON_SLOTS.literal);
    const slotOf = (ref: string | undefined) => (ref === "Expression" ? "expression" : ref === "Literal" ? "literal" : ref);
    const links: [string, Schema | undefined, string][] = [
      ["Query.where", props("Query").where, "expression"],
      ["Query.orderBy", props("Query").orderBy, "OrderBy"],
      ["Query.limit", props("Query").limit, "Limit"],
      ["Query.parameters[]", props("Query").parameters!.items as Schema, "Parameter"],
      ["And.operands[]", props("And").operands!.items as Schema, "expression"],
      ["Or.operands[]", props("Or").operands!.items as Schema, "expression"],
      ["Not.operand", props("Not").operand, "expression"],
      ["Comparison.field", props("Comparison").field, "Field"],
      ["Comparison.value", props("Comparison").value, "literal"],
      ["IsNull.field", props("IsNull").field, "Field"],
      ["OrderBy.keys[]", props("OrderBy").keys!.items as Schema, "SortKey"],
      ["SortKey.field", props("SortKey").field, "Field"],
    ];
    for (const [where, s, slot] of links) expect(slotOf(refOf(s)), where).toBe(slot);
  });

  it("has the same enumerations", () => {
    expect(props("Comparison").operator!.enum).toEqual([...CompareOperators]);
    expect(props("SortKey").direction!.enum).toEqual([...SortDirections]);
    expect(props("Query").form!.enum).toEqual([...QUERY_FORMS]);
    expect(props("And").operands!.minItems).toBe(2);
    expect(props("Or").operands!.minItems).toBe(2);
    expect(props("OrderBy").keys!.minItems).toBe(1);
    for (const name of ["offset", "count"]) expect(props("Limit")[name]).toEqual({ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
  });

  it("has the same text rules: field names, numbers", () => {
    expect((props("Field").path!.items as Schema).pattern).toBe(FIELD_SEGMENT.source);
    const name = new RegExp(props("Field").name!.pattern as string, "u");
    const number = new RegExp(props("Number").value!.pattern as string, "u");
    const words = fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_.]{0,8}$/));
    fc.assert(
      fc.property(words, (text) => {
        expect(name.test(text)).toBe(isFieldName(text));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(numberText, fc.stringMatching(/^-?[0-9.]{0,6}$/), fc.string()), (text) => {
        expect(number.test(text)).toBe(isNormalNumber(text));
      }),
      RUNS,
    );
  });
});

describe("toJSON output validates against the schema", () => {
  it("for generated queries", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        expect(validate(schema, toJSON(q))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("for parsed queries with locations", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        expect(validate(schema, toJSON(parse(toQueryString(q)).query, { keepLocations: true }))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the schema and fromJSON agree on damaged JSON", () => {
  // What fromJSON checks beyond what the schema can say (documented in the schema's description).
  const BEYOND_SCHEMA = /is not the path joined by|lone UTF-16 surrogate|is a known parameter/;

  it("whatever fromJSON accepts, the schema accepts; what the schema accepts, fromJSON accepts but for the documented extras", () => {
    fc.assert(
      fc.property(mutatedJsonArb, ({ json }) => {
        const schemaErrors = validate(schema, json);
        const { diagnostics } = fromJSON(json);
        if (diagnostics.length === 0) expect(schemaErrors).toEqual([]);
        if (schemaErrors.length === 0) for (const d of diagnostics) expect(d.message).toMatch(BEYOND_SCHEMA);
      }),
      { numRuns: 3000 },
    );
  });

  it("forbids the same keys", () => {
    for (const key of FORBIDDEN_KEYS) {
      const json = JSON.parse(`{"vmfilter":1,"node":{"kind":"Limit","offset":0,"count":1,"${key}":{}}}`) as unknown;
      expect(validate(schema, json)).not.toEqual([]);
      expect(fromJSON(json).diagnostics.map((d) => d.code)).toEqual(["json-forbidden-property"]);
    }
  });
});
