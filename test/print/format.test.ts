import { describe, expect, it } from "vitest";
import {
  canonicalize,
  defineSchema,
  encodeComponent,
  FilterSyntaxError,
  format,
  parse,
  parseWhere,
  quoteString,
  toQueryString,
  type ComparisonNode,
  type Expression,
  type LiteralNode,
  type QueryNode,
} from "../../src/index.js";
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

/** A condition built in code: `(name operator value)`. */
function built(name: string, operator: string, value: LiteralNode): ComparisonNode {
  return { kind: "Comparison", field: { kind: "Field", path: [name], name }, operator: operator as ComparisonNode["operator"], value };
}

describe("literals and parameters printed on their own", () => {
  it("prints a number in normal form (as the parser keeps it) and a boolean as true/false", () => {
    const parsed = parseWhere("(a EQ -1.50) AND (b EQ TRUE) AND (c EQ False)").where as Extract<QueryNode["where"], { kind: "And" }>;
    const values = parsed.operands.map((operand) => format((operand as ComparisonNode).value));
    expect(values).toEqual(["-1.5", "true", "false"]);
  });

  it("prints a parameter without a value as its bare name", () => {
    const { query } = parse("where=(a EQ 1)&flag&k=");
    expect(query.parameters.map((p) => format(p))).toEqual(["flag", "k="]);
  });

  it("prints a bare-expression Query that also holds parameters (built in code) as a query", () => {
    const where = parseWhere("a EQ 1").where!;
    const query: QueryNode = { kind: "Query", form: "expression", where, parameters: [{ kind: "Parameter", name: "k", value: "v" }] };
    expect(format(query)).toBe("where=(a EQ 1)&k=v");
    expect(format({ ...query, parameters: [] })).toBe("(a EQ 1)");
  });

  it("starts the query with orderby= or limit= when there is no where", () => {
    expect(format(parse("orderby=a&limit=0,5").query)).toBe("orderby=a asc&limit=0,5");
    expect(format(parse("limit=10,5&x=1").query)).toBe("limit=10,5&x=1");
    expect(format(parse("(a EQ false) OR (b NE true)").query)).toBe("(a EQ false) OR (b NE true)");
    expect(format({ kind: "Query", form: "expression", parameters: [] })).toBe("");
  });

  it("prints a lone empty parameter (built in code) as nothing, not as '?'", () => {
    const query: QueryNode = { kind: "Query", form: "url", parameters: [{ kind: "Parameter", name: "" }] };
    expect(format(query)).toBe("");
    expect(toQueryString(query)).toBe("");
  });
});

describe("canonicalize", () => {
  it("parses and prints in one call, and throws with every diagnostic on an error", () => {
    expect(canonicalize("where=(a eq 1)  and (b EQ 'x')&orderby=b")).toBe("where=(a EQ 1) AND (b EQ 'x')&orderby=b asc");
    expect(() => canonicalize("(a EQ")).toThrow(FilterSyntaxError);
  });
});

describe("trees built in code", () => {
  it("prints an operator that is not one of the language's as written, quoted or not", () => {
    const tree: Expression = { kind: "And", operands: [built("a", "XX", { kind: "String", value: "v w" }), built("b", "YY", { kind: "Number", value: "2" })] };
    expect(format(tree)).toBe("(a XX 'v w') AND (b YY 2)");
    expect(toQueryString(tree)).toBe("where=(a+XX+'v+w')+AND+(b+YY+2)");
    const odd: Expression = built("a", "<>", { kind: "Boolean", value: true });
    expect(format(odd)).toBe("(a <> true)");
    expect(toQueryString(odd, { spaces: "percent" })).toBe("where=(a%20%3C%3E%20true)");
  });

  it("URL-encodes field names and number texts as it does string contents", () => {
    const tree = built("a b", "EQ", { kind: "Number", value: "1+2" });
    expect(format(tree)).toBe("(a b EQ 1+2)");
    expect(toQueryString(tree)).toBe("where=(a+b+EQ+1%2B2)");
  });

  it("prints a field name or number that is not a string (a tree from untyped code) as its text", () => {
    const tree = built(12 as unknown as string, "EQ", { kind: "Number", value: 3 as unknown as string });
    expect(toQueryString(tree)).toBe("where=(12+EQ+3)");
    expect(toQueryString(tree, { spaces: "percent" })).toBe("where=(12%20EQ%203)");
  });

  it("flattens a chain nested in a chain of the same operator and brackets the other operator", () => {
    const [a, b, c] = ["a", "b", "c"].map((name) => built(name, "EQ", { kind: "Number", value: "1" }));
    const nestedAnd: Expression = { kind: "And", operands: [a!, { kind: "And", operands: [b!, c!] }] };
    expect(format(nestedAnd)).toBe("(a EQ 1) AND (b EQ 1) AND (c EQ 1)");
    const nestedOr: Expression = { kind: "Or", operands: [{ kind: "Or", operands: [a!, b!] }, { kind: "And", operands: [b!, c!] }] };
    expect(format(nestedOr)).toBe("(a EQ 1) OR (b EQ 1) OR ((b EQ 1) AND (c EQ 1))");
  });
});

describe("toQueryString spaces option", () => {
  it("writes '+' for spaces: plus and by default, '%20' for percent", () => {
    const { where } = parseWhere("a EQ 'x y'");
    expect(toQueryString(where!, { spaces: "plus" })).toBe("where=(a+EQ+'x+y')");
    expect(toQueryString(where!, {})).toBe("where=(a+EQ+'x+y')");
    expect(toQueryString(where!, { spaces: "percent" })).toBe("where=(a%20EQ%20'x%20y')");
  });
});

describe("unquoting numbers with a schema: only the whole text of a plain decimal", () => {
  const schema = defineSchema({ n: "number" });
  const print = (text: string) => format(parseWhere(`n EQ '${text}'`).where!, { schema });

  it("unquotes an integer, a negative number and a decimal fraction, in normal form", () => {
    expect(print("12")).toBe("(n EQ 12)");
    expect(print("-007")).toBe("(n EQ -7)");
    expect(print("1.50")).toBe("(n EQ 1.5)");
    expect(print("0.25")).toBe("(n EQ 0.25)");
  });

  it("keeps quoted a text that only contains a number, or is not a plain decimal", () => {
    for (const text of ["x12", "12x", "1.5x", "a1.5", "1.", ".5", "1.x", "1e3", "--1", "+1", "", "-", "1 2"]) {
      expect(print(text), text).toBe(`(n EQ '${text}')`);
    }
  });
});

describe("encodeComponent at the boundaries of its ranges (mutation testing, docs/quality.md)", () => {
  it("percent-encodes DEL (U+007F) as one byte and U+0080 as two, at the start and after readable text", () => {
    expect(encodeComponent("\u007f")).toBe("%7F");
    expect(encodeComponent("\u0080")).toBe("%C2%80");
    expect(encodeComponent("a\u007f")).toBe("a%7F");
    expect(encodeComponent("a\u0080")).toBe("a%C2%80");
  });

  it("switches from two to three bytes at U+0800 and from three to four at U+10000", () => {
    expect(encodeComponent("\u07ff")).toBe("%DF%BF");
    expect(encodeComponent("\u0800")).toBe("%E0%A0%80");
    expect(encodeComponent("\uffff")).toBe("%EF%BF%BF");
    expect(encodeComponent("\ud800\udc00")).toBe("%F0%90%80%80"); // U+10000
    expect(encodeComponent("\udbff\udfff")).toBe("%F4%8F%BF%BF"); // U+10FFFF
  });

  it("encodes the code points next to the surrogate range as themselves", () => {
    expect(encodeComponent("\ud7ff")).toBe("%ED%9F%BF");
    expect(encodeComponent("\ue000")).toBe("%EE%80%80");
  });

  it("writes U+FFFD for a high surrogate not followed by a low one, keeping what follows", () => {
    expect(encodeComponent("\ud800a")).toBe("%EF%BF%BDa");
    expect(encodeComponent("\udbffa")).toBe("%EF%BF%BDa");
    expect(encodeComponent("\ud800\ud800\udc00")).toBe("%EF%BF%BD%F0%90%80%80");
    expect(encodeComponent("\ud800\ue000")).toBe("%EF%BF%BD%EE%80%80");
    expect(encodeComponent("\ud800\ud7ff")).toBe("%EF%BF%BD%ED%9F%BF");
  });

  it("writes U+FFFD for a low surrogate with no high one before it", () => {
    expect(encodeComponent("\udc00")).toBe("%EF%BF%BD");
    expect(encodeComponent("\udfff")).toBe("%EF%BF%BD");
    expect(encodeComponent("a\udc00\udfffb")).toBe("a%EF%BF%BD%EF%BF%BDb");
  });

  it("goes on with readable text right after a surrogate pair", () => {
    expect(encodeComponent("😀a😀")).toBe("%F0%9F%98%80a%F0%9F%98%80");
  });

  it("agrees with encodeURIComponent on well-formed text outside ASCII", () => {
    const text = "\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfffé😀";
    expect(encodeComponent(text)).toBe(encodeURIComponent(text));
  });
});
