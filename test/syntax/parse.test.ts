import { describe, expect, it, vi } from "vitest";
import {
  FilterSyntaxError,
  SyntaxCodes,
  canonicalize,
  format,
  parse,
  parseLimit,
  parseOrderBy,
  parseWhere,
  type Diagnostic,
  type Expression,
} from "../../src/index.js";
import { TreeBuilder } from "../../src/syntax/tree-builder.js";
import { kitchenSink } from "../fixtures/filters.js";

describe("the tree", () => {
  it("keeps raw text and exact normalised values of literals", () => {
    const { where } = parseWhere("(a EQ 007.50) AND (b EQ 'O''Brien') AND (c NE TRUE) AND (d EQ 123456789012345678901234567890)");
    expect(where).toMatchObject({
      kind: "And",
      operands: [
        { kind: "Comparison", operator: "EQ", value: { kind: "Number", value: "7.5", raw: "007.50" } },
        { kind: "Comparison", value: { kind: "String", value: "O'Brien", raw: "'O''Brien'" } },
        { kind: "Comparison", operator: "NE", value: { kind: "Boolean", value: true, raw: "TRUE" } },
        { kind: "Comparison", value: { kind: "Number", value: "123456789012345678901234567890" } },
      ],
    });
  });

  it("splits dotted fields into path segments", () => {
    const { where } = parseWhere("cluster.name EQ 'x'");
    expect(where).toMatchObject({ kind: "Comparison", field: { kind: "Field", name: "cluster.name", path: ["cluster", "name"] } });
  });

  it("flattens same-operator groups and binds AND tighter than OR", () => {
    const { where } = parseWhere("(a EQ 1 AND (b EQ 2 AND c EQ 3)) OR d EQ 4 OR (e EQ 5 OR f EQ 6)");
    const shape = (e: Expression): unknown =>
      e.kind === "And" || e.kind === "Or" ? { [e.kind]: e.operands.map(shape) } : e.kind === "Comparison" ? e.field.name : e.kind;
    expect(shape(where!)).toEqual({ Or: [{ And: ["a", "b", "c"] }, "d", "e", "f"] });
  });

  it("reads IS NOT null as Not(IsNull) and NOT as binding to the next comparison", () => {
    expect(parseWhere("x IS NOT null").where).toMatchObject({ kind: "Not", operand: { kind: "IsNull", field: { name: "x" } } });
    const { where } = parseWhere("NOT domain CP '%x%' AND (ipnet EQ 12)");
    expect(where).toMatchObject({ kind: "And", operands: [{ kind: "Not", operand: { kind: "Comparison" } }, { kind: "Comparison" }] });
  });

  it("locates nodes in the raw text, not the decoded text", () => {
    const input = "where=(name%20EQ%20%27%D0%98%27)+AND+(id+GT+1)";
    const { query } = parse(input);
    const and = query.where as Extract<Expression, { kind: "And" }>;
    const first = and.operands[0] as Extract<Expression, { kind: "Comparison" }>;
    expect(input.slice(first.loc!.start, first.loc!.end)).toBe("name%20EQ%20%27%D0%98%27");
    expect(input.slice(first.value.loc!.start, first.value.loc!.end)).toBe("%27%D0%98%27");
    expect(input.slice(and.loc!.start, and.loc!.end)).toBe("(name%20EQ%20%27%D0%98%27)+AND+(id+GT+1)");
    expect(query.loc).toEqual({ start: 0, end: input.length });
  });

  it("keeps other parameters in order, raw, and remembers a bare expression", () => {
    const { query } = parse("a=1&where=(x EQ 1)&fields=%41&flag");
    expect(query.parameters.map((p) => [p.name, p.value])).toEqual([
      ["a", "1"],
      ["fields", "%41"],
      ["flag", undefined],
    ]);
    expect(format(query)).toBe("where=(x EQ 1)&a=1&fields=%41&flag");
    expect(parse("x EQ 1").query.form).toBe("expression");
    expect(parse("where=x EQ 1").query.form).toBe("url");
  });

  it("parses the kitchen sink with only the several-sort-keys warning", () => {
    const { query, diagnostics } = parse(kitchenSink);
    expect(diagnostics.map((d) => [d.code, kitchenSink.slice(d.start, d.end)])).toEqual([["multiple-sort-keys", "cluster.name+desc,id"]]);
    expect(format(query)).toBe(
      "where=(name CP '%web%') AND NOT (state EQ 'stopped') AND ((cluster.name EQ 'O''Brien') OR (cpu_number GE -2.5) OR NOT (NOT (ram_mib LT 1024))) AND (owner_email IS null) AND NOT (comment IS null) AND (is_new NE false) AND (disabled EQ true) AND (id GT 0) AND (id LE 9007199254740993) AND (os_name NE 'Имя')&orderby=cluster.name desc,id asc&limit=0,50&current_instance=true",
    );
  });
});

describe("words and numbers at the edges", () => {
  it("reads AND, OR and NOT as field names before IS null and IS NOT null, and as keywords before anything else", () => {
    const read = (input: string) => {
      const { where, diagnostics } = parseWhere(input);
      return [where ? format(where) : undefined, diagnostics.map((d) => d.code)];
    };
    expect(read("not IS NOT null")).toEqual(["NOT (not IS null)", []]);
    expect(read("(a EQ 1) AND and IS NOT null")).toEqual(["(a EQ 1) AND NOT (and IS null)", []]);
    expect(read("or IS null")).toEqual(["(or IS null)", []]);
    expect(read("(a EQ 1) AND and IS NOT 5")).toEqual(["(a EQ 1)", ["missing-condition", "missing-operator", "missing-condition"]]);
  });

  it("says a limit of minus zero has a minus sign, and any other negative limit is negative", () => {
    const message = (input: string) => parse(input).diagnostics.map((d) => [d.code, d.message]);
    expect(message("limit=-0,5")).toEqual([["invalid-limit", "The limit offset -0 has a minus sign; it must be a whole number from 0 to 9007199254740991."]]);
    expect(message("limit=0,-0.0")).toEqual([["invalid-limit", "The limit count -0.0 has a minus sign; it must be a whole number from 0 to 9007199254740991."]]);
    expect(message("limit=-1,5")).toEqual([["invalid-limit", "The limit offset -1 is negative; it must be a whole number from 0 to 9007199254740991."]]);
  });
});

describe("which layer an input is", () => {
  it.each([
    ["https://h/vm/v3/host?where=(id EQ 1)", "url"],
    ["vm/v3/host?where=(id EQ 1)", "url"],
    ["?where=(id EQ 1)", "url"],
    ["limit=10", "url"],
    ["orderbyid=x", "url"],
    ["(id EQ 1)", "expression"],
    ["name EQ 'a=b'", "expression"],
    ["name EQ 'what?'", "expression"],
    ["id+EQ+1", "expression"],
  ])("%j is %s form", (input, form) => {
    expect(parse(input).query.form).toBe(form);
  });

  it("does not URL-decode a bare expression", () => {
    expect(parseWhere("name EQ 'a%20b+c'").where).toMatchObject({ value: { value: "a%20b+c" } });
    expect(parse("name EQ 'a%20b+c'").query.where).toMatchObject({ value: { value: "a%20b+c" } });
  });
});

describe("diagnostics", () => {
  const only = (input: string): Diagnostic => {
    const { diagnostics } = parse(input);
    expect(diagnostics).toHaveLength(1);
    return diagnostics[0]!;
  };

  it("say what was expected and what was found, in plain words", () => {
    expect(only("where=(id EQ ) AND (name EQ 'a')").message).toBe("Expected a value after 'EQ', found ')'.");
    expect(only("where=(id EQ 1").message).toBe("Expected ')' after '1', found end of input.");
    expect(only("(a EQ 1) (b EQ 2)").message).toBe("Expected 'AND', 'OR' or end of input, found '('.");
    expect(only("(a EQ 1) AND").message).toBe("Expected a condition after 'AND', found end of input.");
    for (const input of ["where=(id EQ ) AND (name XX 'a')", "(a 'x')", "orderby=a b", "limit=x"]) {
      for (const d of parse(input).diagnostics) expect(d.message).not.toMatch(/Token|RParen|LParen|NumberLiteral|StringLiteral|Name\b|EOF/);
    }
  });

  it("report every error of the input in one call", () => {
    const { diagnostics } = parse("(a EQ ) AND (b XX 1) AND (c EQ active) AND (d EQ null) AND (e = 2) AND (f EQ 'x'");
    expect(diagnostics.map((d) => d.code)).toEqual([
      "missing-value",
      "unknown-operator",
      "unquoted-value",
      "null-comparison",
      "unknown-operator",
      "missing-close-bracket",
    ]);
  });

  it("carry 1-based lines and columns counted in UTF-16 units", () => {
    const input = "(a EQ '😀') AND\n(b EQ )";
    const d = only(input);
    expect(d).toMatchObject({ code: "missing-value", start: 22, end: 23, line: 2, column: 7, endLine: 2, endColumn: 8 });
    expect(input.slice(d.start, d.end)).toBe(")");
  });

  it("carry fixes written the way the parameter is encoded", () => {
    expect(only("where=(state%20EQ%20active)").fix!.edits).toEqual([{ start: 20, end: 26, newText: "'active'" }]);
    expect(only("where=(state+EQ+%27x%27)+AND+(a+EQ+null)").fix!.edits).toEqual([{ start: 32, end: 39, newText: "IS+null" }]);
    expect(only("where=(a%20NE%20null)").fix!.edits).toEqual([{ start: 7, end: 20, newText: "NOT%20(a%20IS%20null)" }]);
    expect(only("limit=100").fix!.edits).toEqual([{ start: 6, end: 6, newText: "0," }]);
    // the closing quote as the value writes its quotes: %27 or '
    const close = (input: string) => parse(input).diagnostics.find((d) => d.code === "unterminated-string")!.fix!.edits;
    expect(close("where=(a%20EQ%20%27x")).toEqual([{ start: 20, end: 20, newText: "%27" }]);
    expect(close("where=(a+EQ+'x")).toEqual([{ start: 14, end: 14, newText: "'" }]);
  });

  it("use only the documented codes", () => {
    const documented = new Set<string>(Object.values(SyntaxCodes));
    const { diagnostics } = parse("where=)))&orderby=,&limit=a,b,c&WHERE=1&orderbyx=%zz#f");
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const d of diagnostics) expect(documented).toContain(d.code);
  });
});

describe("damaged and hostile input", () => {
  it("refuses input that is not a string with a TypeError", () => {
    expect(() => parse(5 as unknown as string)).toThrow(new TypeError("parse() takes a string, got number"));
    expect(() => parseWhere(null as unknown as string)).toThrow(new TypeError("expected a string, got object"));
    expect(() => parseOrderBy(undefined as unknown as string)).toThrow(new TypeError("expected a string, got undefined"));
    expect(() => parseLimit(1 as unknown as string)).toThrow(new TypeError("expected a string, got number"));
  });

  it("reports a lone low surrogate as well as a lone high one", () => {
    const lone = (input: string) => parse(input).diagnostics.map((d) => [d.code, d.start, d.end, d.message]);
    expect(lone("(a EQ '\uDC00x')")).toEqual([["lone-surrogate", 7, 8, "A lone UTF-16 surrogate (U+DC00) is not text; the input is damaged here."]]);
    expect(lone("(a EQ 'x\uD800')")).toEqual([["lone-surrogate", 8, 9, "A lone UTF-16 surrogate (U+D800) is not text; the input is damaged here."]]);
    expect(lone("(a EQ '\uD800\uDC00')")).toEqual([]);
  });

  it("warns about the first 100 control-character escapes only", () => {
    const { diagnostics } = parse(`where=(a EQ '${"%01".repeat(105)}')`);
    expect(diagnostics).toHaveLength(100);
    expect(diagnostics.every((d) => d.code === "control-character-escape")).toBe(true);
    expect([diagnostics[0]!.start, diagnostics[99]!.start]).toEqual([13, 13 + 99 * 3]);
  });

  it("reports a crash inside the parser as internal-error instead of throwing", () => {
    for (const thrown of [new Error("builder broke"), "builder broke"]) {
      const spy = vi.spyOn(TreeBuilder.prototype, "missingCondition").mockImplementation(() => {
        throw thrown;
      });
      try {
        const { diagnostics } = parse("where=(a EQ 1) AND");
        expect(diagnostics.map((d) => [d.code, d.start, d.end, d.message])).toEqual([
          ["internal-error", 6, 18, "vmfilter failed to parse this value (builder broke); please report it."],
        ]);
      } finally {
        spy.mockRestore();
      }
    }
    expect(parse("where=(a EQ 1) AND").diagnostics.map((d) => d.code)).toEqual(["missing-condition"]);
  });
});

describe("single-parameter parsers", () => {
  it("parseOrderBy and parseLimit read decoded values", () => {
    expect(parseOrderBy("cluster.name DESC, id").orderBy).toMatchObject({
      kind: "OrderBy",
      keys: [
        { field: { name: "cluster.name" }, direction: "desc" },
        { field: { name: "id" }, direction: "asc" },
      ],
    });
    expect(parseLimit("10,300").limit).toMatchObject({ kind: "Limit", offset: 10, count: 300 });
    expect(parseLimit("100")).toMatchObject({ limit: { offset: 0, count: 100 }, diagnostics: [{ code: "limit-single-number" }] });
  });
});

describe("canonicalize and FilterSyntaxError", () => {
  it("FilterSyntaxError's message: the first error and how many more, else the first diagnostic, else 'Invalid filter'", () => {
    const errors = parse("(a EQ ) AND (b XX 1) AND (c EQ )").diagnostics;
    expect(new FilterSyntaxError("", errors).message).toBe("Expected a value after 'EQ', found ')'. (and 2 more errors)");
    expect(new FilterSyntaxError("", errors.slice(0, 1)).message).toBe("Expected a value after 'EQ', found ')'.");
    const warnings = parse("limit=100").diagnostics;
    expect(warnings.map((d) => d.severity)).toEqual(["warning"]);
    expect(new FilterSyntaxError("limit=100", warnings).message).toBe(warnings[0]!.message);
    const none = new FilterSyntaxError("x", []);
    expect([none.message, String(none)]).toEqual(["Invalid filter", "FilterSyntaxError: Invalid filter"]);
  });

  it("returns the canonical text, or throws with every diagnostic and a code frame", () => {
    expect(canonicalize("where=id+eq+1&limit=100")).toBe("where=(id EQ 1)&limit=0,100");
    let error: unknown;
    try {
      canonicalize("where=(id EQ ) AND (name XX 'a')");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterSyntaxError);
    const syntaxError = error as FilterSyntaxError;
    expect(syntaxError.diagnostics.map((d) => d.code)).toEqual(["missing-value", "unknown-operator"]);
    expect(syntaxError.message).toBe("Expected a value after 'EQ', found ')'. (and 1 more error)");
    expect(String(syntaxError)).toBe(
      [
        "FilterSyntaxError: Expected a value after 'EQ', found ')'. (and 1 more error)",
        "",
        "missing-value at 1:14: Expected a value after 'EQ', found ')'.",
        "1 | where=(id EQ ) AND (name XX 'a')",
        "  |              ^",
        "",
        "unknown-operator at 1:26: Expected an operator (EQ, NE, GT, GE, LT, LE, CP or IS) after 'name', found 'XX'.",
        "1 | where=(id EQ ) AND (name XX 'a')",
        "  |                          ^^",
      ].join("\n"),
    );
  });
});
