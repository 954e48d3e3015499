/** The schema's TypeScript types keep literal field names and value types (issue 4's typed builder reads them). */
import { describe, expectTypeOf, it } from "vitest";
import { defineSchema, type FieldValue, type SchemaPath } from "../../src/index.js";

const host = defineSchema({
  id: { type: "integer", nullable: false },
  name: "string",
  state: { type: "enum", values: ["active", "stopped"] },
  disabled: "boolean",
  created: "datetime",
  cluster: { type: "reference", fields: { name: "string" } },
  ip4: { type: "array", of: { ip: "string" } },
  tags: { type: "array", of: "string" },
  "node.name": "string",
});

describe("schema types", () => {
  it("infers every dotted path, nested ones included", () => {
    expectTypeOf<SchemaPath<typeof host>>().toEqualTypeOf<
      "id" | "name" | "state" | "disabled" | "created" | "cluster" | "cluster.name" | "cluster.id" | "ip4" | "ip4.ip" | "tags" | "node.name"
    >();
  });

  it("infers the value type at a path", () => {
    expectTypeOf<FieldValue<typeof host, "id">>().toEqualTypeOf<number | bigint>();
    expectTypeOf<FieldValue<typeof host, "name">>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<typeof host, "state">>().toEqualTypeOf<"active" | "stopped">();
    expectTypeOf<FieldValue<typeof host, "disabled">>().toEqualTypeOf<boolean>();
    expectTypeOf<FieldValue<typeof host, "cluster">>().toEqualTypeOf<number | bigint>();
    expectTypeOf<FieldValue<typeof host, "cluster.name">>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<typeof host, "ip4.ip">>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<typeof host, "tags">>().toEqualTypeOf<string>();
  });

  it("rejects unknown paths and wrong values", () => {
    // @ts-expect-error: not a field
    const path: SchemaPath<typeof host> = "nme";
    // @ts-expect-error: not one of the enum's values
    const state: FieldValue<typeof host, "state"> = "running";
    // @ts-expect-error: a number field takes no text
    const id: FieldValue<typeof host, "id"> = "1";
    void [path, state, id];
  });

  it("extends in one line, keeping literal types", () => {
    const more = host.extend({ my_tag: "string", state: { type: "enum", values: ["on", "off"] } });
    expectTypeOf<FieldValue<typeof more, "state">>().toEqualTypeOf<"on" | "off">();
    expectTypeOf<FieldValue<typeof more, "my_tag">>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<typeof more, "cluster.name">>().toEqualTypeOf<string>();
  });
});
