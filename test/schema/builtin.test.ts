/**
 * The built-in schemas: they resolve, describe every field, look up by name safely, extend in one
 * line, and accept every filter real clients and the official page send (FACTS.md, shared/seed).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { analyze, type FieldValue, type Schema } from "../../src/index.js";
import { schemaByName, schemaNames, schemas } from "../../src/schema/builtin/index.js";

const all: readonly (readonly [string, Schema])[] = Object.entries(schemas).flatMap(([product, group]) =>
  Object.entries(group as Record<string, Schema>).map(([entity, schema]) => [`${product}.${entity}`, schema] as const),
);

describe("built-in schemas", () => {
  it("has the entities of both products", () => {
    expect(Object.keys(schemas.vm)).toEqual(["host", "cluster", "node", "task", "ip", "account", "disk", "ippool", "os"]);
    expect(Object.keys(schemas.dci)).toEqual(["server", "ip"]);
  });

  it.each(all)("%s resolves, is named and sourced, describes every field, and has a non-null integer id", (name, schema) => {
    expect(schema.name).toBe(name);
    expect(schema.source).toMatch(/not authoritative/);
    expect(schema.description).toBeTruthy();
    expect(schema.paths.length).toBeGreaterThan(1);
    for (const field of schema.paths) {
      expect(field.description, `${name}: ${field.path} has no description`).toBeTruthy();
      expect(schema.field(field.path)).toBe(field);
      if (field.kind === "array" || field.kind === "object") expect(field.sortable, `${name}: ${field.path}`).toBe(false);
    }
    const id = schema.field("id");
    expect(id).toMatchObject({ kind: "scalar", type: "integer", nullable: false, filterable: true, sortable: true });
  });

  it("types fields from the facts", () => {
    const { host, task, account, ippool, os, node, ip } = schemas.vm;
    expect(task.field("consul_id")?.type).toBe("integer");
    expect(task.field("name")).toMatchObject({ kind: "scalar", type: "string" });
    expect(task.field("status")).toMatchObject({ kind: "scalar", type: "string" });
    expect(host.field("state")).toMatchObject({ kind: "scalar", type: "string" });
    for (const ref of ["cluster", "node", "account", "disk", "os"]) expect(host.field(ref)?.kind).toBe("reference");
    expect(host.field("cluster.name")).toMatchObject({ type: "string", sortable: true, many: false });
    expect(host.field("ip4.ip")).toMatchObject({ type: "string", many: true, sortable: false });
    expect(host.field("ip6")).toMatchObject({ kind: "array", type: "string" });
    expect(host.field("tags")).toMatchObject({ kind: "array", type: "string" });
    expect(account.field("roles")).toMatchObject({ kind: "array", type: "string" });
    expect(ippool.field("clusters.id")).toMatchObject({ type: "integer", many: true });
    expect(os.field("updated_at")?.type).toBe("datetime");
    expect(os.field("adminonly")?.type).toBe("boolean");
    expect(node.field("maintenance_mode")?.type).toBe("boolean");
    for (const ref of ["ippool", "network", "host"]) expect(ip.field(ref)?.kind).toBe("reference");
    expect(schemas.dci.server.field("is_new")?.type).toBe("boolean");
    expect(schemas.dci.ip.field("ipnet")?.kind).toBe("reference");
  });

  it("keeps literal types for typed builders (declared reference ids included)", () => {
    expectTypeOf<FieldValue<typeof schemas.vm.host, "cluster.id">>().toEqualTypeOf<number | bigint>();
    expectTypeOf<FieldValue<typeof schemas.vm.host, "cluster">>().toEqualTypeOf<number | bigint>();
    expectTypeOf<FieldValue<typeof schemas.vm.host, "ip4.ip">>().toEqualTypeOf<string>();
    expectTypeOf<FieldValue<typeof schemas.vm.task, "consul_id">>().toEqualTypeOf<number | bigint>();
    expectTypeOf<FieldValue<typeof schemas.dci.server, "is_new">>().toEqualTypeOf<boolean>();
    expectTypeOf(schemaByName("vm.host")).toEqualTypeOf<typeof schemas.vm.host>();
  });
});

describe("schemaByName", () => {
  it("lists every name", () => {
    expect(schemaNames).toEqual(all.map(([name]) => name));
    expect(schemaNames).toContain("vm.host");
    expect(schemaNames).toContain("dci.ip");
  });

  it.each(all)("finds %s", (name, schema) => {
    expect(schemaByName(name)).toBe(schema);
  });

  it("resolves only own names", () => {
    const names = ["__proto__", "constructor", "vm.__proto__", "vm.constructor", "__proto__.host", "constructor.name", "vm.toString", "hasOwnProperty"];
    for (const name of [...names, "vm", "vm.", ".host", "", "vm.host.name", "VM.host", "dci.host"]) {
      expect(schemaByName(name), name).toBeUndefined();
    }
    expect(schemaByName(undefined as unknown as string)).toBeUndefined();
  });
});

describe("extend", () => {
  it("adds and overrides a field in one line and keeps the rest", () => {
    const host = schemas.vm.host.extend({ my_tag: "string", state: { type: "enum", values: ["active", "stopped"] } });
    expect(host.field("my_tag")).toMatchObject({ kind: "scalar", type: "string" });
    expect(host.field("state")).toMatchObject({ kind: "enum", values: ["active", "stopped"] });
    expect(host.field("cluster.name")).toEqual(schemas.vm.host.field("cluster.name"));
    expect(host.paths.length).toBe(schemas.vm.host.paths.length + 1);
    expect(host.name).toBe("vm.host");
    // the built-in is untouched
    expect(schemas.vm.host.field("my_tag")).toBeUndefined();
    expect(schemas.vm.host.field("state")?.type).toBe("string");
    expect(analyze("where=(my_tag EQ 'x') AND (state EQ 'active')", { schema: host }).diagnostics).toEqual([]);
  });
});

/** Warnings that flag upstream uncertainty, not a mistake in the filter. */
const UNCERTAINTY = new Set(["limit-single-number", "multiple-sort-keys"]);

/** Every real example from FACTS.md and the official page, with the entity it was sent to. */
const examples: readonly (readonly [input: string, entity: string, source: string])[] = [
  // the official API page
  ["https://domain.com/vm/v3/cluster?where=(id+EQ+1)", "vm.cluster", "official"],
  ["https://domain.com/vm/v3/task?where=(consul_id+EQ+'1341774670')+AND+(name+EQ+'host_create')", "vm.task", "official"],
  ["https://domain.com/vm/v3/host?orderby=cluster.name+desc&limit=0,50", "vm.host", "official"],
  // FACTS.md: syntax seen accepted
  ["where=NOT%20domain%20CP%20%27%25extended.%25%27+AND+(ipnet%20EQ%2012)", "dci.ip", "DCImanager UI"],
  ["where=id+EQ+5", "vm.host", "facts: brackets optional"],
  ["where=(id+EQ+5)", "vm.host", "facts: brackets optional"],
  ["where=((network%20EQ%203))", "vm.ip", "facts: double brackets"],
  ["where=(owner_email IS null) AND is_new EQ false", "dci.server", "facts: IS null, bare boolean"],
  ["where=(owner_email%20IS%20null)+AND+is_new%20EQ%20false", "dci.server", "facts: IS null, bare boolean"],
  ["where=status NE 'extended'", "vm.task", "facts: NE (entity not recorded; task is the entity with status)"],
  ["where=(consul_id EQ '1341774670')", "vm.task", "facts: quoted integer"],
  ["where=consul_id EQ 1341774670", "vm.task", "facts: bare integer"],
  ["where=account.id EQ 7", "vm.host", "facts: dotted field"],
  ["where=account.id EQ 7", "vm.disk", "facts: dotted field"],
  ["where=cluster EQ 3", "vm.host", "facts: reference by id"],
  ["where=cluster EQ 3", "vm.node", "facts: reference by id"],
  ["where=node EQ 5", "vm.host", "facts: reference by id"],
  ["where=ippool EQ 2", "vm.ip", "facts: reference by id"],
  [
    "where=((consul_id EQ '1') AND (name EQ 'disk_resize')) OR ((consul_id EQ '2') AND (name EQ 'host_change_params'))",
    "vm.task",
    "facts: OR of bracketed AND pairs",
  ],
  ["vm/v3/host/17/ipv4?where=(id EQ '17')", "vm.ip", "facts: nested collection"],
  ["where=roles CP '%25@admin%25'", "vm.account", "facts: CP on an array"],
  ["where=name CP 'myhost'", "vm.host", "facts: CP without wildcard"],
  ["orderby=id desc", "vm.host", "facts: orderby"],
  ["orderby=name asc", "vm.host", "facts: orderby"],
  ["orderby=ip_addr%20asc", "vm.ip", "facts: orderby"],
  ["orderby=id DESC", "vm.host", "facts: orderby"],
  ["orderby=cluster.name", "vm.host", "facts: dotted orderby"],
  ["limit=0,1000", "vm.host", "facts: limit"],
  ["limit=10,300", "vm.host", "facts: limit"],
  ["limit=4,18", "vm.host", "facts: limit"],
  ["limit=100", "vm.host", "facts: single-number limit"],
  ["orderby=id+desc&limit=0,50&where=(name+CP+'%25web%25')&current_instance=true", "vm.host", "facts: UI parameter order"],
  // LANGUAGE.md section 5 and the brief's example
  ["where=ip4.ip EQ '1.2.3.4'", "vm.host", "LANGUAGE.md 5: path through an array"],
  ["/vm/v3/host?where=(name+CP+'%25web%25')+AND+NOT+(state+EQ+'stopped')&orderby=cluster.name+desc&limit=0,50", "vm.host", "brief"],
];

describe("the facts' examples pass their entity's schema", () => {
  it.each(examples)("%s on %s (%s)", (input, entity) => {
    const schema = schemaByName(entity);
    expect(schema, entity).toBeDefined();
    const { diagnostics } = analyze(input, { schema: schema! });
    const bad = diagnostics
      .filter((d) => d.severity === "error" || (d.severity === "warning" && !UNCERTAINTY.has(d.code)))
      .map((d) => `${d.severity} ${d.code} [${d.start},${d.end}]: ${d.message}`);
    expect(bad).toEqual([]);
  });

  it("flags only upstream uncertainty and style, as expected", () => {
    const codes = (input: string, entity: string) => analyze(input, { schema: schemaByName(entity)! }).diagnostics.map((d) => `${d.severity}:${d.code}`);
    expect(codes("limit=100", "vm.host")).toEqual(["warning:limit-single-number"]);
    expect(codes("where=(consul_id EQ '1341774670')", "vm.task")).toEqual(["info:quoted-number"]);
    expect(codes("where=name CP 'myhost'", "vm.host")).toEqual(["hint:cp-without-wildcard"]);
  });
});
