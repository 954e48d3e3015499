/**
 * `describe` (src/cli/describe.ts): a filter in plain English words, as `vmfilter explain` prints
 * it. Every operator, the NOT forms, AND/OR grouping, field names, orderby, limit, other
 * parameters, the empty filter, and what a schema changes.
 */
import { describe as group, expect, it } from "vitest";
import { describe } from "../../src/cli/describe.js";
import { schemaByName } from "../../src/schema/builtin/index.js";
import type { Expression, QueryNode } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";

/** The words of a filter text (which must parse without errors). */
function words(text: string, schema?: string): string {
  const { query, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === "error"), text).toEqual([]);
  const resolved = schema === undefined ? undefined : schemaByName(schema);
  if (schema !== undefined) expect(resolved, schema).toBeDefined();
  return describe(query, resolved ? { schema: resolved } : {});
}

group("describe: the example of the brief", () => {
  it("reads where, orderby and limit", () => {
    expect(words("where=(name CP '%25web%25') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50")).toBe(
      "name matches '%web%' and state is not 'stopped'; sorted by cluster name, descending; rows 1–50",
    );
  });
});

group("describe: operators", () => {
  it.each([
    ["name EQ 'web'", "name is 'web'"],
    ["name NE 'web'", "name is not 'web'"],
    ["cpu_number GT 2", "cpu_number is greater than 2"],
    ["cpu_number GE 2", "cpu_number is at least 2"],
    ["cpu_number LT 2", "cpu_number is less than 2"],
    ["cpu_number LE 2", "cpu_number is at most 2"],
    ["name CP '%web%'", "name matches '%web%'"],
    ["name CP 'web%'", "name matches 'web%'"],
    ["name CP '%'", "name matches '%'"],
    ["name CP 'web'", "name equals, ignoring ASCII case, 'web'"],
    ["state IS null", "state is empty (null or missing)"],
    ["state IS NOT null", "state is set"],
  ])("%s → %s", (filter, expected) => {
    expect(words(filter)).toBe(expected);
  });

  it("keeps keyword case out of it (eq, cp, is not NULL)", () => {
    expect(words("name eq 'a' and name cp 'b%' and state is not NULL")).toBe("name is 'a' and name matches 'b%' and state is set");
  });

  it("writes values as the filter does: quoted strings with '' for a quote, numbers and booleans bare", () => {
    expect(words("comment EQ 'it''s'")).toBe("comment is 'it''s'");
    expect(words("ram_mib GE 007.50")).toBe("ram_mib is at least 7.5");
    expect(words("size LT -3")).toBe("size is less than -3");
    expect(words("disabled EQ true")).toBe("disabled is true");
    expect(words("disabled NE false")).toBe("disabled is not false");
    expect(words("id EQ '5'")).toBe("id is '5'"); // a quoted number stays quoted without a schema
    expect(words("name EQ ''")).toBe("name is ''");
    expect(words("name CP 'Привет%'")).toBe("name matches 'Привет%'");
  });
});

group("describe: NOT", () => {
  it.each([
    ["NOT (state EQ 'stopped')", "state is not 'stopped'"],
    ["NOT cpu_number GT 2", "cpu_number is not greater than 2"],
    ["NOT cpu_number GE 2", "cpu_number is not at least 2"],
    ["NOT cpu_number LT 2", "cpu_number is not less than 2"],
    ["NOT cpu_number LE 2", "cpu_number is not at most 2"],
    ["NOT name CP '%web%'", "name does not match '%web%'"],
    ["NOT name CP 'web'", "name does not equal, ignoring ASCII case, 'web'"],
    ["NOT (state IS null)", "state is set"],
  ])("folds NOT into the operator: %s → %s", (filter, expected) => {
    expect(words(filter)).toBe(expected);
  });

  it("does not fold a NOT over NE (English has no word for it)", () => {
    expect(words("NOT (state NE 'x')")).toBe("not (state is not 'x')");
  });

  it("writes a NOT over a group as not (…)", () => {
    expect(words("NOT ((a EQ 1) AND (b EQ 2))")).toBe("not (a is 1 and b is 2)");
    expect(words("NOT ((a EQ 1) OR (b EQ 2))")).toBe("not (a is 1 or b is 2)");
  });

  it("writes a NOT over a NOT as not (…), the inner one folded", () => {
    expect(words("NOT (NOT (a EQ 1))")).toBe("not (a is not 1)");
    expect(words("NOT NOT (a IS null)")).toBe("not (a is set)");
    expect(words("NOT (NOT (NOT (a EQ 1)))")).toBe("not (not (a is not 1))");
  });

  it("binds NOT to the next condition only, as the language does", () => {
    expect(words("NOT a EQ 1 AND b EQ 2")).toBe("a is not 1 and b is 2");
  });
});

group("describe: AND, OR and grouping", () => {
  it("joins a flat chain without parentheses", () => {
    expect(words("a EQ 1 AND b EQ 2 AND c EQ 3")).toBe("a is 1 and b is 2 and c is 3");
    expect(words("a EQ 1 OR b EQ 2 OR c EQ 3")).toBe("a is 1 or b is 2 or c is 3");
  });

  it("brackets an AND inside an OR (AND binds tighter in the language, English does not say so)", () => {
    expect(words("a EQ 1 OR b EQ 2 AND c EQ 3")).toBe("a is 1 or (b is 2 and c is 3)");
    expect(words("a EQ 1 AND b EQ 2 OR c EQ 3")).toBe("(a is 1 and b is 2) or c is 3");
  });

  it("brackets an OR inside an AND", () => {
    expect(words("(a EQ 1 OR b EQ 2) AND c EQ 3")).toBe("(a is 1 or b is 2) and c is 3");
    expect(words("a EQ 1 AND (b EQ 2 OR (c EQ 3 AND d EQ 4))")).toBe("a is 1 and (b is 2 or (c is 3 and d is 4))");
  });

  it("needs no extra brackets for NOT groups and folded NOTs inside a chain", () => {
    expect(words("NOT (a EQ 1 OR b EQ 2) AND NOT c EQ 3")).toBe("not (a is 1 or b is 2) and c is not 3");
  });

  it("reads brackets the parser flattened as one chain", () => {
    expect(words("(a EQ 1 AND b EQ 2) AND c EQ 3")).toBe("a is 1 and b is 2 and c is 3");
  });
});

group("describe: field names", () => {
  it("reads dotted fields as words", () => {
    expect(words("cluster.name EQ 'a'")).toBe("cluster name is 'a'");
    expect(words("ip4.ip EQ '1.2.3.4'")).toBe("ip4 ip is '1.2.3.4'");
    expect(words("cluster.id EQ 3")).toBe("cluster id is 3");
    expect(words("account.email CP '%@example.com'")).toBe("account email matches '%@example.com'");
  });

  it("keeps underscores (they are part of the name)", () => {
    expect(words("node.ip_addr EQ '10.0.0.1'")).toBe("node ip_addr is '10.0.0.1'");
  });

  it("keeps unusual names as written", () => {
    expect(words("Cluster.Name EQ 'a'")).toBe("Cluster.Name is 'a'");
    expect(words("_meta.x EQ 1")).toBe("_meta.x is 1");
    expect(words("a.desc EQ 1")).toBe("a.desc is 1");
    expect(words("is.not EQ 1")).toBe("is.not is 1");
    expect(words("not IS null")).toBe("not is empty (null or missing)");
  });
});

group("describe: orderby, limit, parameters, nothing", () => {
  it("says how rows are sorted", () => {
    expect(words("orderby=name")).toBe("all records; sorted by name");
    expect(words("orderby=name asc")).toBe("all records; sorted by name");
    expect(words("orderby=cluster.name desc")).toBe("all records; sorted by cluster name, descending");
    expect(words("orderby=cluster.name desc,id")).toBe("all records; sorted by cluster name, descending, then id");
    expect(words("orderby=state,name desc,id asc")).toBe("all records; sorted by state, then name, descending, then id");
  });

  it("says which rows: offset+1 to offset+count", () => {
    expect(words("limit=0,50")).toBe("all records; rows 1–50");
    expect(words("limit=10,20")).toBe("all records; rows 11–30");
    expect(words("limit=5,1")).toBe("all records; row 6");
    expect(words("limit=0,0")).toBe("all records; no rows");
    expect(words("limit=9007199254740991,2")).toBe("all records; rows 9007199254740992–9007199254740993");
  });

  it("joins where, orderby and limit with semicolons", () => {
    expect(words("where=id GT 100&orderby=id desc&limit=0,10")).toBe("id is greater than 100; sorted by id, descending; rows 1–10");
    expect(words("where=id GT 100&limit=20,10")).toBe("id is greater than 100; rows 21–30");
  });

  it("names other URL parameters", () => {
    expect(words("where=id EQ 1&current_instance=true")).toBe("id is 1; with the other parameter current_instance=true");
    expect(words("limit=0,5&fields=name&flag")).toBe("all records; rows 1–5; with the other parameters fields=name, flag");
  });

  it("says all records for no filter at all", () => {
    expect(words("")).toBe("all records");
    expect(words("   ")).toBe("all records");
  });
});

group("describe: with a schema", () => {
  it("reads a reference compared with a number as its id", () => {
    expect(words("cluster EQ 3", "vm.host")).toBe("cluster id is 3");
    expect(words("cluster EQ '3'", "vm.host")).toBe("cluster id is 3");
    expect(words("cluster EQ 3")).toBe("cluster is 3");
  });

  it("reads a quoted number on a numeric field as the number, and leaves text fields quoted", () => {
    expect(words("cpu_number GE '2'", "vm.host")).toBe("cpu_number is at least 2");
    expect(words("name EQ '2'", "vm.host")).toBe("name is '2'");
  });

  it("says 'any of' for a field of several values, and never folds a NOT into it", () => {
    expect(words("tags CP '%prod%'", "vm.host")).toBe("any of tags matches '%prod%'");
    expect(words("ip4.ip EQ '10.0.0.1'", "vm.host")).toBe("any of ip4 ip is '10.0.0.1'");
    expect(words("NOT tags EQ 'x'", "vm.host")).toBe("not (any of tags is 'x')");
    expect(words("tags IS NOT null", "vm.host")).toBe("not (any of tags is empty (null or missing))");
    expect(words("NOT tags EQ 'x'")).toBe("tags is not 'x'"); // without a schema nothing says it is a list
  });

  it("changes nothing for fields the schema does not have", () => {
    expect(words("nmae EQ '2'", "vm.host")).toBe("nmae is '2'");
  });
});

group("describe: the function", () => {
  it("takes a WHERE expression alone", () => {
    const where = parse("a EQ 1 OR NOT b IS null").query.where as Expression;
    expect(describe(where)).toBe("a is 1 or b is set");
  });

  it("takes trees built in code (no locations, no raw text)", () => {
    const query: QueryNode = {
      kind: "Query",
      form: "url",
      where: { kind: "Not", operand: { kind: "Comparison", field: { kind: "Field", path: ["cluster", "name"], name: "cluster.name" }, operator: "CP", value: { kind: "String", value: "%a%" } } },
      limit: { kind: "Limit", offset: 0, count: 3 },
      parameters: [],
    };
    expect(describe(query)).toBe("cluster name does not match '%a%'; rows 1–3");
  });

  it("is pure: the same words every time, the tree untouched", () => {
    const { query } = parse("where=(a EQ 1 OR b EQ 2) AND NOT c CP 'x'&orderby=a desc&limit=1,2");
    const before = JSON.stringify(query);
    const first = describe(query);
    expect(describe(query)).toBe(first);
    expect(JSON.stringify(query)).toBe(before);
    expect(first).toBe("(a is 1 or b is 2) and c does not equal, ignoring ASCII case, 'x'; sorted by a, descending; rows 2–3");
  });
});
