/**
 * Saved-search migration: exact outputs for each option (the input's own spelling kept outside the
 * edits), deprecated fields from a schema, drops in every position, and properties: the migrated
 * text parses without errors to the tree a direct AST migration gives, and nothing outside the
 * edits changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { migrate, migrateAll, MigrateCodes, type MigrateOptions, type MigrateResult } from "../../src/convert/migrate.js";
import { defineSchema, format, parse, type Expression, type FieldNode, type QueryNode, type TextEdit } from "../../src/index.js";
import { expressionArb, orderByArb, sloppinessArb, sloppyEncode, sloppyExpression } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";

const RUNS = { numRuns: 400 };

function out(input: string, options: MigrateOptions): string {
  const result = migrate(input, options);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.output;
}

function codes(result: MigrateResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

describe("renameFields", () => {
  it("does what the doc comment of migrate says", () => {
    expect(
      migrate("where=(cluster+EQ+3)+AND+(state+EQ+'on')", { renameFields: { cluster: "cluster_ref" }, renameValues: { state: { on: "active" } } }).output,
    ).toBe("where=(cluster_ref+EQ+3)+AND+(state+EQ+'active')");
  });

  it("renames WHERE fields and ORDERBY keys, keeping the rest of the text as written", () => {
    expect(out("(cluster EQ 3) and (name cp '%a%')", { renameFields: { cluster: "cluster_id" } })).toBe("(cluster_id EQ 3) and (name cp '%a%')");
    expect(out("where=(old+EQ+1)+AND+(x+EQ+%27a+b%27)&orderby=old+DESC&limit=0,5", { renameFields: { old: "new_name" } })).toBe(
      "where=(new_name+EQ+1)+AND+(x+EQ+%27a+b%27)&orderby=new_name+DESC&limit=0,5",
    );
    expect(out("https://h/api/v3/host?where=(old%20IS%20NOT%20null)&current_instance=true", { renameFields: { old: "fresh" } })).toBe(
      "https://h/api/v3/host?where=(fresh%20IS%20NOT%20null)&current_instance=true",
    );
  });

  it("matches whole dotted names, and a name covers the paths under it (longest name wins)", () => {
    const options = { renameFields: { cluster: "cluster_ref", "cluster.id": "cluster_id" } };
    expect(out("(cluster EQ 1) OR (cluster.name EQ 'a') OR (cluster.id EQ 2) OR (clusters EQ 3) OR (x.cluster EQ 4)", options)).toBe(
      "(cluster_ref EQ 1) OR (cluster_ref.name EQ 'a') OR (cluster_id EQ 2) OR (clusters EQ 3) OR (x.cluster EQ 4)",
    );
    expect(out("orderby=cluster.name,cluster.id+desc", options)).toBe("orderby=cluster_ref.name,cluster_id+desc");
  });

  it("gives the canonical text of the result as a second output", () => {
    const result = migrate("limit=0,5&where=(old+eq+1)+and+not+(b+is+null)&orderby=old", { renameFields: { old: "new" } });
    expect(result.output).toBe("limit=0,5&where=(new+eq+1)+and+not+(b+is+null)&orderby=new");
    expect(result.canonical).toBe("where=(new EQ 1) AND NOT (b IS null)&orderby=new asc&limit=0,5");
    expect(result.edits).toEqual([
      { start: 17, end: 20, newText: "new" },
      { start: 55, end: 58, newText: "new" },
    ]);
  });

  it("leaves the input alone when nothing matches", () => {
    const result = migrate("where=(a+EQ+1)", { renameFields: { b: "c" } });
    expect(result).toMatchObject({ output: "where=(a+EQ+1)", edits: [], canonical: "where=(a EQ 1)" });
  });

  it("rejects a new name that is not a field name", () => {
    expect(() => migrate("(a EQ 1)", { renameFields: { a: "b c" } })).toThrow(TypeError);
    expect(() => migrate("(a EQ 1)", { renameFields: { a: "" } })).toThrow(TypeError);
    expect(() => migrate("(a EQ 1)", { dropConditions: "a" as never })).toThrow(TypeError);
  });

  it("rejects options of the wrong shape, and input that is not a string, with a TypeError naming the option", () => {
    const cases: [unknown, string][] = [
      [null, "migrate: options must be an object"],
      [{ renameFields: 5 }, "migrate: renameFields must be an object"],
      [{ renameValues: { state: 5 } }, "migrate: renameValues['state'] must be an object"],
      [{ renameValues: { state: { on: 1 } } }, "migrate: renameValues['state']['on'] must be a string"],
      [{ dropConditions: ["a", 1] }, "migrate: dropConditions must list field names (strings)"],
    ];
    for (const [options, message] of cases) {
      expect(() => migrate("(a EQ 1)", options as MigrateOptions)).toThrow(new TypeError(message));
    }
    expect(() => migrate(5 as unknown as string)).toThrow(new TypeError("migrate() takes a string, got number"));
  });

  it("ignores names inherited from Object.prototype", () => {
    expect(out("(constructor EQ 1) AND (toString EQ 'x')", { renameFields: {}, renameValues: {} })).toBe("(constructor EQ 1) AND (toString EQ 'x')");
  });
});

describe("renameValues", () => {
  it("writes the new literal quoted and encoded the way the parameter is", () => {
    const options = { renameValues: { state: { on: "it's active", off: "100%" } } };
    expect(out("(state EQ 'on') OR (state EQ 'off') OR (other EQ 'on')", options)).toBe(
      "(state EQ 'it''s active') OR (state EQ '100%') OR (other EQ 'on')",
    );
    expect(out("where=(state+EQ+%27on%27)+OR+(state+EQ+%27off%27)", options)).toBe("where=(state+EQ+%27it%27%27s+active%27)+OR+(state+EQ+%27100%25%27)");
    expect(out("where=(state%20EQ%20'on')", options)).toBe("where=(state%20EQ%20'it''s%20active')");
    expect(out("where=(state EQ 'on')", options)).toBe("where=(state EQ 'it''s active')");
  });

  it("replaces only string literals with exactly that value, for any operator", () => {
    const options = { renameValues: { state: { "1": "one", On: "ON" } } };
    expect(out("(state EQ 1) AND (state NE '1') AND (state CP 'On') AND (state EQ 'on')", options)).toBe(
      "(state EQ 1) AND (state NE 'one') AND (state CP 'ON') AND (state EQ 'on')",
    );
  });

  it("finds the field by its written name first, then by its migrated name", () => {
    expect(out("(status EQ 'up')", { renameFields: { status: "state" }, renameValues: { state: { up: "active" } } })).toBe("(state EQ 'active')");
    expect(
      out("(status EQ 'up')", { renameFields: { status: "state" }, renameValues: { status: { up: "old-map" }, state: { up: "new-map" } } }),
    ).toBe("(state EQ 'old-map')");
  });
});

describe("deprecated fields from a schema", () => {
  const schema = defineSchema({
    name: "string",
    hostname: { type: "string", deprecated: { replacement: "name", reason: "renamed in 6.2" } },
    fqdn: { type: "string", deprecated: { replacement: "hostname" } },
    node: { type: "reference", deprecated: { replacement: "host" }, fields: { name: "string" } },
    host: { type: "reference", fields: { name: "string" } },
    legacy: { type: "integer", deprecated: true },
    ram: "integer",
  });

  it("replaces each with its replacement, with an info diagnostic per occurrence", () => {
    const result = migrate("where=(hostname+CP+'%25web%25')+AND+(ram+GT+'1024')&orderby=hostname+desc", { schema });
    expect(result.output).toBe("where=(name+CP+'%25web%25')+AND+(ram+GT+'1024')&orderby=name+desc");
    // the schema also makes the canonical text write a quoted number on a numeric field unquoted
    expect(result.canonical).toBe("where=(name CP '%web%') AND (ram GT 1024)&orderby=name desc");
    const infos = result.diagnostics.filter((d) => d.code === MigrateCodes.DeprecatedFieldMigrated);
    expect(infos.map((d) => [d.severity, d.start, d.end, d.message])).toEqual([
      ["info", 7, 15, "'hostname' is deprecated (renamed in 6.2); migrated to 'name'."],
      ["info", 60, 68, "'hostname' is deprecated (renamed in 6.2); migrated to 'name'."],
    ]);
  });

  it("follows chains of deprecations and deprecated parents of a path", () => {
    const result = migrate("(fqdn EQ 'a') AND (node.name EQ 'b') AND (node EQ 3)", { schema });
    expect(result.output).toBe("(name EQ 'a') AND (host.name EQ 'b') AND (host EQ 3)");
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "'fqdn' is deprecated; migrated to 'hostname'.",
      "'hostname' is deprecated (renamed in 6.2); migrated to 'name'.",
      "'node' is deprecated; migrated to 'host'.",
      "'node' is deprecated; migrated to 'host'.",
    ]);
  });

  it("keeps a deprecated field without replacement, with a warning", () => {
    const result = migrate("(legacy EQ 1)", { schema });
    expect(result.output).toBe("(legacy EQ 1)");
    expect(codes(result)).toEqual([MigrateCodes.DeprecatedFieldKept]);
    expect(result.diagnostics[0]!.severity).toBe("warning");
  });

  it("keeps a deprecated field whose replacement is not a field name, saying why (with the reason when there is one)", () => {
    const odd = defineSchema({
      a: { type: "string", deprecated: { replacement: "new name" } },
      b: { type: "string", deprecated: { replacement: "2b", reason: "split in 6.3" } },
    });
    const result = migrate("(a EQ 'x') AND (b EQ 'y')", { schema: odd });
    expect(result.output).toBe("(a EQ 'x') AND (b EQ 'y')");
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([
      [MigrateCodes.DeprecatedFieldKept, "warning", 1, 2],
      [MigrateCodes.DeprecatedFieldKept, "warning", 16, 17],
    ]);
    expect(result.diagnostics[0]!.message).toContain("its replacement 'new name' is not a field name");
    expect(result.diagnostics[1]!.message).toContain("split in 6.3; its replacement '2b' is not a field name");
  });

  it("lets explicit renames win, then follows deprecations of the new name", () => {
    expect(out("(hostname EQ 'a')", { schema, renameFields: { hostname: "label" } })).toBe("(label EQ 'a')");
    expect(out("(dns EQ 'a')", { schema, renameFields: { dns: "fqdn" } })).toBe("(name EQ 'a')");
  });

  it("survives a cycle of deprecations", () => {
    const cyclic = defineSchema({ a: { type: "string", deprecated: { replacement: "b" } }, b: { type: "string", deprecated: { replacement: "a" } } });
    expect(out("(a EQ 'x')", { schema: cyclic })).toBe("(b EQ 'x')");
  });
});

describe("dropConditions", () => {
  const dropB = { dropConditions: ["b"] };
  it.each([
    ["first of a chain", "(b EQ 2) AND (a EQ 1) AND (c EQ 3)", "(a EQ 1) AND (c EQ 3)"],
    ["middle of a chain", "(a EQ 1) AND (b EQ 2) AND (c EQ 3)", "(a EQ 1) AND (c EQ 3)"],
    ["last of a chain", "(a EQ 1) OR (c EQ 3) OR (b EQ 2)", "(a EQ 1) OR (c EQ 3)"],
    ["several in a row", "(b EQ 1) AND (b EQ 2) AND (a EQ 1) AND (b EQ 3) AND (b EQ 4) AND (c EQ 3) AND (b EQ 5)", "(a EQ 1) AND (c EQ 3)"],
    ["the operand of a NOT", "(a EQ 1) AND NOT (b EQ 2)", "(a EQ 1)"],
    ["under NOT NOT", "NOT NOT (b EQ 2) OR (a EQ 1)", "(a EQ 1)"],
    ["the only condition of a group", "(a EQ 1) AND ((b EQ 2)) AND (c EQ 3)", "(a EQ 1) AND (c EQ 3)"],
    ["every condition of a group", "(a EQ 1) OR ((b EQ 2) AND (b.x IS null))", "(a EQ 1)"],
    ["inside a group", "(a EQ 1) AND ((b EQ 2) OR (c EQ 3))", "(a EQ 1) AND ((c EQ 3))"],
    ["inside a NOT group", "NOT ((c EQ 3) OR (b EQ 2))", "NOT ((c EQ 3))"],
    ["without brackets", "a EQ 1 AND b EQ 2 AND c EQ 3", "a EQ 1 AND c EQ 3"],
    ["without spaces around brackets", "(a EQ 1)AND(b EQ 2)AND c EQ 3", "(a EQ 1)AND c EQ 3"],
    ["IS NOT null", "(b IS NOT null) and (a EQ 1)", "(a EQ 1)"],
    ["a path under the name", "(b.name EQ 'x') OR (bb EQ 1)", "(bb EQ 1)"],
  ])("%s", (_, input, expected) => {
    expect(out(input, dropB)).toBe(expected);
  });

  it.each([
    // AND binds tighter than OR: the operator that goes is the one inside the dropped operand's AND group
    ["a OR b AND c", "a EQ 1 OR b EQ 2 AND c EQ 3", "a EQ 1 OR c EQ 3"],
    ["a AND b OR c", "a EQ 1 AND b EQ 2 OR c EQ 3", "a EQ 1 OR c EQ 3"],
    ["b AND a OR c", "b EQ 2 AND a EQ 1 OR c EQ 3", "a EQ 1 OR c EQ 3"],
    ["a OR c AND b", "a EQ 1 OR c EQ 3 AND b EQ 2", "a EQ 1 OR c EQ 3"],
    ["a OR b AND b OR c", "a EQ 1 OR b EQ 2 AND b EQ 3 OR c EQ 3", "a EQ 1 OR c EQ 3"],
    ["a AND b OR b AND c", "(a EQ 1) AND (b EQ 2) OR (b EQ 3) AND (c EQ 3)", "(a EQ 1) OR (c EQ 3)"],
  ])("in a mixed chain: %s", (_, input, expected) => {
    expect(out(input, dropB)).toBe(expected);
  });

  it("removes the where= parameter when nothing is left", () => {
    expect(out("where=(b+EQ+2)&orderby=a+desc&limit=0,5", dropB)).toBe("orderby=a+desc&limit=0,5");
    expect(out("limit=0,5&where=(b+EQ+2)", dropB)).toBe("limit=0,5");
    expect(out("limit=0,5&where=(b+EQ+2)&x=1", dropB)).toBe("limit=0,5&x=1");
    expect(out("/api/v3/host?where=NOT+(b+EQ+2)", dropB)).toBe("/api/v3/host");
    expect(out("https://h/api/host?where=(b+EQ+2)#top", dropB)).toBe("https://h/api/host#top");
    expect(out("host?where=(b+EQ+2)", dropB)).toBe("host?");
    expect(out("?where=(b+EQ+2)", dropB)).toBe("");
    expect(out("where=(b+EQ+2)", dropB)).toBe("");
    const result = migrate("where=(b+EQ+2)+AND+(b.c+EQ+3)&orderby=b", dropB);
    expect(result.output).toBe("orderby=b");
    expect(result.canonical).toBe("orderby=b asc");
    expect(result.query.where).toBeUndefined();
  });

  it("leaves an empty bare expression when nothing is left", () => {
    const result = migrate("  (b EQ 2) AND NOT (b.x IS null)  ", dropB);
    expect(result).toMatchObject({ output: "", canonical: "", edits: [{ start: 0, end: 34, newText: "" }] });
  });

  it("keeps URL spelling and renames the conditions that stay", () => {
    expect(
      out("where=(a%20EQ%201)%20AND%20(b%20EQ%202)%20and%20(c%20CP%20%27%25x%25%27)", { dropConditions: ["b"], renameFields: { c: "cc" } }),
    ).toBe("where=(a%20EQ%201)%20and%20(cc%20CP%20%27%25x%25%27)");
  });

  it("takes a predicate that sees the parsed node, the migrated field name and IS NOT", () => {
    const seen: string[] = [];
    const result = migrate("(a EQ 1) AND (b IS NOT null) AND (c IS null) AND (d GT 5)", {
      renameFields: { d: "dd" },
      dropConditions: (condition, context) => {
        seen.push(`${condition.kind}:${condition.field.name}:${context.field}:${context.negated}`);
        return context.negated || context.field === "dd";
      },
    });
    expect(result.output).toBe("(a EQ 1) AND (c IS null)");
    expect(seen).toEqual(["Comparison:a:a:false", "IsNull:b:b:true", "IsNull:c:c:false", "Comparison:d:dd:false"]);
  });

  it("matches listed names against migrated names too", () => {
    expect(out("(a EQ 1) AND (old EQ 2)", { renameFields: { old: "gone" }, dropConditions: ["gone"] })).toBe("(a EQ 1)");
  });
});

describe("input with errors", () => {
  it("is not migrated: its diagnostics, no edits, output = input", () => {
    const result = migrate("where=(a+EQ+1)+AND+(b+EQ", { renameFields: { a: "x" }, dropConditions: ["b"] });
    expect(result.output).toBe("where=(a+EQ+1)+AND+(b+EQ");
    expect(result.edits).toEqual([]);
    expect(result.canonical).toBeUndefined();
    expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("keeps warnings of a good input beside the migration's own diagnostics", () => {
    const result = migrate("where=(a+EQ+1)&orderbyy=x", { renameFields: { a: "x" } });
    expect(result.output).toBe("where=(x+EQ+1)&orderbyy=x");
    expect(codes(result)).toEqual(["misspelled-parameter"]);
  });

  it("respects parseOptions, for the input and for the migrated text", () => {
    expect(codes(migrate("(a EQ 1)", { parseOptions: { maxLength: 5 } }))).toEqual(["input-too-long"]);
    const result = migrate("(a EQ 1)", { renameFields: { a: "a_much_longer_name" }, parseOptions: { maxLength: 10 } });
    expect(result.output).toBe("(a EQ 1)");
    expect(codes(result)).toEqual([MigrateCodes.MigrationFailed]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: the text migration agrees with a direct AST migration

/** The reference rename: the longest dotted prefix of the name in the map is replaced. */
function renameName(name: string, map: Readonly<Record<string, string>>): string {
  const path = name.split(".");
  for (let i = path.length; i > 0; i--) {
    const prefix = path.slice(0, i).join(".");
    if (Object.hasOwn(map, prefix)) return [map[prefix]!, ...path.slice(i)].join(".");
  }
  return name;
}

function renamedField(field: FieldNode, map: Readonly<Record<string, string>>): FieldNode {
  const name = renameName(field.name, map);
  return { kind: "Field", path: name.split("."), name };
}

type Reference = {
  readonly renameFields: Readonly<Record<string, string>>;
  readonly renameValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly drop: (node: Expression) => boolean;
};

/** Drops, then renames fields and string values, in the AST; And/Or left with one operand collapse, same kinds flatten. */
function migrateTree(node: Expression, ref: Reference): Expression | undefined {
  switch (node.kind) {
    case "Comparison": {
      if (ref.drop(node)) return undefined;
      const values = ref.renameValues[node.field.name];
      const value = node.value.kind === "String" && values && Object.hasOwn(values, node.value.value) ? { kind: "String" as const, value: values[node.value.value]! } : node.value;
      return { kind: "Comparison", field: renamedField(node.field, ref.renameFields), operator: node.operator, value };
    }
    case "IsNull":
      return ref.drop(node) ? undefined : { kind: "IsNull", field: renamedField(node.field, ref.renameFields) };
    case "Not": {
      const operand = migrateTree(node.operand, ref);
      return operand === undefined ? undefined : { kind: "Not", operand };
    }
    case "And":
    case "Or": {
      const operands = node.operands.flatMap((o) => {
        const m = migrateTree(o, ref);
        return m === undefined ? [] : m.kind === node.kind ? m.operands : [m];
      });
      return operands.length === 0 ? undefined : operands.length === 1 ? operands[0] : { kind: node.kind, operands };
    }
  }
}

function migrateQuery(query: QueryNode, ref: Reference): unknown {
  const where = query.where && migrateTree(query.where, ref);
  const orderBy = query.orderBy && {
    kind: "OrderBy",
    keys: query.orderBy.keys.map((k) => ({ kind: "SortKey", field: renamedField(k.field, ref.renameFields), direction: k.direction })),
  };
  return strip({
    kind: "Query",
    form: query.form,
    ...(where ? { where } : {}),
    ...(orderBy ? { orderBy } : {}),
    ...(query.limit ? { limit: query.limit } : {}),
    parameters: query.parameters,
  });
}

function fieldsOf(node: Expression, out: string[] = []): string[] {
  if (node.kind === "Comparison" || node.kind === "IsNull") out.push(node.field.name);
  else if (node.kind === "Not") fieldsOf(node.operand, out);
  else for (const o of node.operands) fieldsOf(o, out);
  return out;
}

function stringValuesOf(node: Expression, out: [string, string][] = []): [string, string][] {
  if (node.kind === "Comparison" && node.value.kind === "String") out.push([node.field.name, node.value.value]);
  else if (node.kind === "Not") stringValuesOf(node.operand, out);
  else if (node.kind === "And" || node.kind === "Or") for (const o of node.operands) stringValuesOf(o, out);
  return out;
}

function prefixesOf(names: readonly string[]): string[] {
  const all = new Set<string>();
  for (const name of names) {
    const path = name.split(".");
    for (let i = 1; i <= path.length; i++) all.add(path.slice(0, i).join("."));
  }
  return [...all];
}

const newName = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/) }, { weight: 1, arbitrary: fc.constantFrom("not", "and", "or", "is", "null", "desc", "EQ") }), {
    minLength: 1,
    maxLength: 2,
  })
  .map((path) => path.join("."));

/** A filter in one of three spellings: canonical bare expression, sloppy bare expression, sloppy URL with orderby and limit. */
const filterArb = fc
  .record({
    where: expressionArb,
    orderBy: fc.option(orderByArb, { nil: undefined }),
    sloppiness: sloppinessArb,
    spelling: fc.constantFrom("canonical", "sloppy", "url"),
  })
  .map(({ where, orderBy, sloppiness, spelling }) => {
    if (spelling === "canonical") return format(where);
    if (spelling === "sloppy") return sloppyExpression(where, sloppiness);
    const parts = [`where=${sloppyEncode(sloppyExpression(where, sloppiness), sloppiness)}`];
    if (orderBy) parts.push(`orderby=${sloppyEncode(format(orderBy), sloppiness)}`);
    parts.push("limit=0,50", "x=%27a+b%27");
    return parts.join("&");
  });

/** A filter, its parsed tree, and random options that touch its fields and values. */
const scenarioArb = filterArb.chain((input) => {
  const { query } = parse(input);
  const fields = prefixesOf([...(query.where ? fieldsOf(query.where) : []), ...(query.orderBy?.keys.map((k) => k.field.name) ?? [])]);
  const values = query.where ? stringValuesOf(query.where) : [];
  const starts: number[] = [];
  const collect = (n: Expression): void => {
    if (n.kind === "Comparison" || n.kind === "IsNull") starts.push(n.loc!.start);
    else if (n.kind === "Not") collect(n.operand);
    else n.operands.forEach(collect);
  };
  if (query.where) collect(query.where);
  return fc.record({
    input: fc.constant(input),
    query: fc.constant(query),
    renameFields: fc.dictionary(fc.oneof(fc.constantFrom(...fields, "zz"), newName), newName, { maxKeys: 4 }),
    renameValues: fc.uniqueArray(fc.tuple(fc.constantFrom(...(values.length > 0 ? values : [["v", "w"] as [string, string]])), fc.string({ maxLength: 6 })), {
      maxLength: 3,
      selector: ([[f, v]]) => `${f}\u0000${v}`,
    }),
    dropNames: fc.subarray(fields),
    dropStarts: fc.subarray(starts),
  });
});

function valueMap(pairs: readonly [[string, string], string][]): Record<string, Record<string, string>> {
  const map: Record<string, Record<string, string>> = {};
  for (const [[field, value], replacement] of pairs) (map[field] ??= {})[value] = replacement;
  return map;
}

function covered(name: string, names: readonly string[]): boolean {
  return names.some((n) => name === n || name.startsWith(`${n}.`));
}

/**
 * Every character outside the edits is unchanged: the edits are sorted and apart, the output is the
 * input with them applied, and putting the replaced text back into the output gives the input.
 */
function expectOnlyEditsChanged(input: string, output: string, edits: readonly TextEdit[]): void {
  let rebuilt = "";
  let undone = "";
  let at = 0;
  let outAt = 0;
  for (const edit of edits) {
    expect(edit.start).toBeGreaterThanOrEqual(at);
    expect(edit.end).toBeGreaterThanOrEqual(edit.start);
    rebuilt += input.slice(at, edit.start) + edit.newText;
    const outStart = outAt + (edit.start - at);
    expect(output.slice(outAt, outStart)).toBe(input.slice(at, edit.start));
    expect(output.slice(outStart, outStart + edit.newText.length)).toBe(edit.newText);
    undone += output.slice(outAt, outStart) + input.slice(edit.start, edit.end);
    outAt = outStart + edit.newText.length;
    at = edit.end;
  }
  expect(rebuilt + input.slice(at)).toBe(output);
  expect(undone + output.slice(outAt)).toBe(input);
}

describe("properties", () => {
  it("renames: the output parses without errors to the tree renamed in the AST", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, query, renameFields, renameValues }) => {
        const result = migrate(input, { renameFields, renameValues: valueMap(renameValues) });
        const back = parse(result.output);
        expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const expected = migrateQuery(query, { renameFields, renameValues: valueMap(renameValues), drop: () => false });
        expect(strip(back.query)).toEqual(expected);
        expect(result.canonical).toBe(format(back.query));
        expectOnlyEditsChanged(input, result.output, result.edits);
      }),
      RUNS,
    );
  });

  it("drops by name and renames: the output parses to the tree migrated in the AST", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, query, renameFields, dropNames }) => {
        const result = migrate(input, { renameFields, dropConditions: dropNames });
        const back = parse(result.output);
        expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const drop = (n: Expression) =>
          (n.kind === "Comparison" || n.kind === "IsNull") && (covered(n.field.name, dropNames) || covered(renameName(n.field.name, renameFields), dropNames));
        expect(strip(back.query)).toEqual(migrateQuery(query, { renameFields, renameValues: {}, drop }));
        expectOnlyEditsChanged(input, result.output, result.edits);
      }),
      RUNS,
    );
  });

  it("drops any set of conditions (by predicate): the output parses to the tree with them dropped", () => {
    fc.assert(
      fc.property(scenarioArb, ({ input, query, dropStarts }) => {
        const chosen = new Set(dropStarts);
        const result = migrate(input, { dropConditions: (condition) => chosen.has(condition.loc!.start) });
        const back = parse(result.output);
        expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const drop = (n: Expression) => (n.kind === "Comparison" || n.kind === "IsNull") && chosen.has(n.loc!.start);
        expect(strip(back.query)).toEqual(migrateQuery(query, { renameFields: {}, renameValues: {}, drop }));
        expectOnlyEditsChanged(input, result.output, result.edits);
        // edits never reach outside the where and orderby values (limit and other parameters stay as they are)
        if (query.form === "url" && query.where) expect(result.output.endsWith("limit=0,50&x=%27a+b%27")).toBe(true);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// migrateAll

describe("migrateAll", () => {
  const options: MigrateOptions = { renameFields: { old: "new" }, dropConditions: ["gone"] };
  function* inputs(n: number): Generator<string> {
    for (let i = 0; i < n; i++) {
      switch (i % 5) {
        case 0:
          yield `where=(old+EQ+${i})&limit=0,5`; // changed
          yield `(id EQ ${i})`; // unchanged
          break;
        case 1:
          yield `(id EQ ${i})`; // unchanged
          break;
        case 2:
          yield `(id EQ ${i}) AND (`; // failed
          break;
        case 3:
          yield `where=(gone+EQ+${i})+AND+(id+GT+1)`; // changed
          break;
        default:
          yield `where=(new+EQ+'${i}')`; // unchanged
      }
    }
  }

  it("streams 10 000 inputs and gives the right summary", async () => {
    // case 0 yields two items: 2 000 × 2 + 8 000
    const stream = migrateAll(inputs(10_000), options);
    let count = 0;
    let changed = 0;
    let failed = 0;
    for await (const item of stream) {
      expect(item.index).toBe(count);
      count++;
      if (item.changed) changed++;
      if (item.canonical === undefined) failed++;
      if (item.input.startsWith("where=(old")) expect(item.output).toBe(item.input.replace("old", "new"));
      if (item.input.startsWith("where=(gone")) expect(item.output).toBe(item.input.replace(/\(gone\+EQ\+\d+\)\+AND\+/, ""));
    }
    expect(count).toBe(12_000);
    expect(stream.summary()).toEqual({ total: 12_000, converted: 10_000, changed: 4_000, failed: 2_000 });
    expect({ changed, failed }).toEqual({ changed: 4_000, failed: 2_000 });
  });

  it("reads async sources lazily, one item at a time", async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < 1_000_000; i++) {
        pulled++;
        yield `(old EQ ${i})`;
      }
    }
    const stream = migrateAll(source(), options);
    const outputs: string[] = [];
    for await (const item of stream) {
      outputs.push(item.output);
      if (outputs.length === 3) break;
    }
    expect(outputs).toEqual(["(new EQ 0)", "(new EQ 1)", "(new EQ 2)"]);
    expect(pulled).toBe(3);
    expect(stream.summary()).toEqual({ total: 3, converted: 3, changed: 3, failed: 0 });
  });

  it("can be iterated once, and checks its options up front", async () => {
    const stream = migrateAll(["(a EQ 1)"]);
    for await (const _ of stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(TypeError);
    expect(() => migrateAll([], { renameFields: { a: "not a name" } })).toThrow(TypeError);
    const items = migrateAll(["(a EQ 1)", 5 as unknown as string]);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of items) seen.push(item.output);
      })(),
    ).rejects.toThrow(new TypeError("migrateAll: item 1 is not a string (number)"));
    expect(seen).toEqual(["(a EQ 1)"]);
  });
});
