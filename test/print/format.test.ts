import { describe, expect, it } from "vitest";
import { defineSchema, encodeComponent, format, parse, parseWhere, quoteString, toQueryString, type QueryNode } from "../../src/index.js";
import { DEEP, groupChain, notChain } from "../tree/deep.js";

describe("format", () => {
  it("unquotes quoted numbers only where a schema says the field is numeric", () => {
    const schema = defineSchema({ consul_id: "integer", cluster: { type: "reference" }, name: "string" });
    const { query } = parse("where=(consul_id EQ '007') AND (cluster EQ '3') AND (name EQ '12') AND (other EQ '5')");
    expect(format(query)).toBe("where=(consul_id EQ '007') AND (cluster EQ '3') AND (name EQ '12') AND (other EQ '5')");
    expect(format(query, { schema })).toBe("where=(consul_id EQ 7) AND (cluster EQ 3) AND (name EQ '12') AND (other EQ '5')");
    expect(toQueryString(query, { schema })).toBe("where=(consul_id+EQ+7)+AND+(cluster+EQ+3)+AND+(name+EQ+'12')+AND+(other+EQ+'5')");
  });

  it("prints every node kind", () => {
    const { query } = parse("where=(a EQ 'x')&orderby=b DESC&limit=3,4&k=v");
    expect(format(query.where!)).toBe("(a EQ 'x')");
    expect(format(query.orderBy!)).toBe("b desc");
    expect(format(query.orderBy!.keys[0]!)).toBe("b desc");
    expect(format(query.limit!)).toBe("3,4");
    expect(format(query.parameters[0]!)).toBe("k=v");
    const comparison = parseWhere("a EQ 'x'").where as Extract<QueryNode["where"], { kind: "Comparison" }>;
    expect(format(comparison.field)).toBe("a");
    expect(format(comparison.value)).toBe("'x'");
  });

  it("does not change the tree it prints", () => {
    const { query } = parse("where=(a EQ 1) OR (b EQ 2) AND NOT (c IS NULL)");
    const before = JSON.stringify(query);
    format(query);
    toQueryString(query);
    expect(JSON.stringify(query)).toBe(before);
  });
});

describe("toQueryString", () => {
  it("keeps the readable set, encodes the rest as upper-case UTF-8, spaces by option", () => {
    const { where } = parseWhere("(a EQ 'x y+z%&=#?/:@!$()*,;~._-''\"é😀')");
    expect(toQueryString(where!)).toBe("where=(a+EQ+'x+y%2Bz%25%26%3D%23?/:@!$()*,;~._-''%22%C3%A9%F0%9F%98%80')");
    expect(toQueryString(where!, { spaces: "percent" })).toBe("where=(a%20EQ%20'x%20y%2Bz%25%26%3D%23?/:@!$()*,;~._-''%22%C3%A9%F0%9F%98%80')");
  });

  it("writes a lone surrogate (from damaged input) as U+FFFD", () => {
    const { query } = parse("(a EQ 'x\uD800')");
    expect(toQueryString(query)).toBe("where=(a+EQ+'x%EF%BF%BD')");
  });

  it("passes unknown parameters through as received and writes '?' when the text needs it", () => {
    expect(toQueryString(parse("where=(a EQ 1)&fields=%41b&x").query)).toBe("where=(a+EQ+1)&fields=%41b&x");
    expect(toQueryString(parse("?flag").query)).toBe("?flag");
    expect(toQueryString(parse("?a?b=1").query)).toBe("?a?b=1");
    expect(parse(toQueryString(parse("?a?b=1").query)).query.parameters.map((p) => p.name)).toEqual(["a?b"]);
    // built in code: empty parameter names are still joined by '&'
    const empty: QueryNode = { kind: "Query", form: "url", parameters: [{ kind: "Parameter", name: "" }, { kind: "Parameter", name: "" }] };
    expect(format(empty)).toBe("?&");
    expect(toQueryString(empty)).toBe("?&");
    expect(toQueryString({ ...empty, limit: { kind: "Limit", offset: 0, count: 5 } })).toBe("limit=0,5&&");
  });
});

describe("trees deeper than any parse makes (built in code)", () => {
  it("prints a 100 000-deep NOT chain and a 100 000-deep chain of groups without overflowing", () => {
    expect(format(notChain(DEEP))).toBe(`${"NOT (".repeat(DEEP - 1)}NOT (id EQ 1)${")".repeat(DEEP - 1)}`);
    // (id EQ 0) AND ((id EQ 1) OR ((id EQ 2) AND (… (id EQ 99999) OR (id EQ 1)…)))
    const opening = Array.from({ length: DEEP - 1 }, (_, i) => `(id EQ ${i}) ${i % 2 === 0 ? "AND" : "OR"} (`).join("");
    const groups = `${opening}(id EQ ${DEEP - 1}) ${(DEEP - 1) % 2 === 0 ? "AND" : "OR"} (id EQ 1)${")".repeat(DEEP - 1)}`;
    expect(format(groupChain(DEEP))).toBe(groups);
    expect(toQueryString(groupChain(DEEP))).toBe(`where=${encodeComponent(groups)}`);
  });
});

describe("quoteString (mutation testing, docs/quality.md)", () => {
  it("doubles a quote wherever it is, the first character included", () => {
    expect(quoteString("'a")).toBe("'''a'");
    expect(quoteString("a'")).toBe("'a'''");
    expect(quoteString("'")).toBe("''''");
    expect(quoteString("ab")).toBe("'ab'");
    expect(quoteString("")).toBe("''");
  });
});
