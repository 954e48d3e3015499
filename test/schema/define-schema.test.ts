/** defineSchema's resolution of fields (src/schema/schema.ts). */
import { describe, expect, it } from "vitest";
import { defineSchema } from "../../src/index.js";

describe("defineSchema", () => {
  it("marks dotted keys under an array, and their own members, as many and not sortable unless they say so", () => {
    const schema = defineSchema({
      ip4: { type: "array", of: { ip: "string" } },
      "ip4.mask": "string",
      "ip4.meta": { type: "object", fields: { kind: "string" } },
      "ip4.port": { type: "integer", sortable: true },
      cluster: { type: "reference", fields: { name: "string" } },
      "cluster.zone": "string",
    });
    const view = (path: string) => [path, schema.field(path)?.many, schema.field(path)?.sortable];
    expect(["ip4.ip", "ip4.mask", "ip4.meta", "ip4.meta.kind", "ip4.port", "cluster.zone"].map(view)).toEqual([
      ["ip4.ip", true, false],
      ["ip4.mask", true, false],
      ["ip4.meta", true, false],
      ["ip4.meta.kind", true, false],
      ["ip4.port", true, true],
      ["cluster.zone", false, true],
    ]);
  });

  it("resolves deprecated: true to an empty note and keeps a replacement", () => {
    const schema = defineSchema({ legacy: { type: "integer", deprecated: true }, old: { type: "string", deprecated: { replacement: "name" } }, name: "string" });
    expect([schema.field("legacy")?.deprecated, schema.field("old")?.deprecated, schema.field("name")?.deprecated]).toEqual([{}, { replacement: "name" }, undefined]);
    expect(schema.field("name")).not.toHaveProperty("deprecated");
  });
});
