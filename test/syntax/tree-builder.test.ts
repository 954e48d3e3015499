/**
 * What the tree builder (src/syntax/tree-builder.ts) makes of the parser's pieces, checked where
 * the other syntax tests do not look: string ends, field locations, limit messages, the grouping
 * of mixed AND/OR chains and which AND groups it marks as formed by precedence. Written from the
 * mutants Stryker left alive in tree-builder.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import type { Expression } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { isImplicitGroup } from "../../src/syntax/source.js";

const where = (text: string): Expression => {
  const { query, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return query.where!;
};

describe("string literals", () => {
  it("a string ending in an escaped quote and no closing one is unterminated; with the closing one it is whole", () => {
    const open = parse("name EQ 'a''");
    expect(open.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([["unterminated-string", "error", 8, 12]]);
    expect(open.query.where).toMatchObject({ value: { kind: "String", value: "a'" } });
    expect(where("name EQ 'a'''")).toMatchObject({ value: { kind: "String", value: "a'", raw: "'a'''" } });
    expect(where("name EQ ''''")).toMatchObject({ value: { kind: "String", value: "'" } });
    expect(parse("name EQ '''").diagnostics.map((d) => d.code)).toEqual(["unterminated-string"]);
  });
});

describe("fields", () => {
  it("carry their place in the text, dotted or not", () => {
    expect(where("cluster.name EQ 1")).toMatchObject({ field: { path: ["cluster", "name"], loc: { start: 0, end: 12 } } });
    expect(where("id EQ 1 AND  name EQ 'x'")).toMatchObject({ operands: [{ field: { loc: { start: 0, end: 2 } } }, { field: { path: ["name"], loc: { start: 13, end: 17 } } }] });
  });
});

describe("numbers", () => {
  it("a malformed number with a plain reading offers it as a fix; one without has no fix", () => {
    expect(parse("id EQ 1.").diagnostics[0]!.fix?.edits).toEqual([{ start: 6, end: 8, newText: "1" }]);
    const [noReading] = parse("id EQ 1.2.3").diagnostics;
    expect(noReading!.code).toBe("invalid-number");
    expect(noReading!.fix).toBeUndefined();
  });
});

describe("limit numbers", () => {
  const message = (text: string) => parse(text).diagnostics.map((d) => d.message);
  it("a negative zero in any spelling has a minus sign; any other negative number is negative", () => {
    for (const zero of ["-0", "-00", "-0.0", "-0.00", "-000.000"]) expect(message(`limit=${zero},5`), zero).toEqual([`The limit offset ${zero} has a minus sign; it must be a whole number from 0 to 9007199254740991.`]);
    for (const negative of ["-1", "-0.5", "-00.01", "-10", "-100.0"]) expect(message(`limit=0,${negative}`), negative).toEqual([`The limit count ${negative} is negative; it must be a whole number from 0 to 9007199254740991.`]);
  });
});

describe("mixed AND/OR chains", () => {
  it("group the ANDs of a chain with OR in it and mark those groups as formed by precedence, with their own place", () => {
    const e = where("a EQ 1 OR b EQ 2 AND c EQ 3");
    expect(e.kind).toBe("Or");
    const [first, group] = (e as Extract<Expression, { kind: "Or" }>).operands;
    expect(first!.kind).toBe("Comparison");
    expect(group).toMatchObject({ kind: "And", loc: { start: 10, end: 27 } });
    expect(isImplicitGroup(group!)).toBe(true);
    expect(isImplicitGroup(where("a EQ 1 AND b EQ 2 OR c EQ 3"))).toBe(false);
    expect(isImplicitGroup((where("a EQ 1 AND b EQ 2 OR c EQ 3") as Extract<Expression, { kind: "Or" }>).operands[0]!)).toBe(true);
  });

  it("mark no AND written whole, in brackets or alone", () => {
    expect(isImplicitGroup(where("a EQ 1 AND b EQ 2"))).toBe(false);
    const bracketed = where("x EQ 1 OR (a EQ 1 AND b EQ 2)") as Extract<Expression, { kind: "Or" }>;
    expect(bracketed.operands[1]!.kind).toBe("And");
    expect(isImplicitGroup(bracketed.operands[1]!)).toBe(false);
  });

  it("flatten a bracketed OR among the OR chain's operands", () => {
    const e = where("a EQ 1 OR (b EQ 1 OR c EQ 1) OR d EQ 1 AND e EQ 1") as Extract<Expression, { kind: "Or" }>;
    expect(e.operands.map((o) => o.kind)).toEqual(["Comparison", "Comparison", "Comparison", "And"]);
  });

  it("keep what is left when operands are lost to errors: one condition stays one condition, a lost AND group is dropped", () => {
    const one = parse("x EQ OR y EQ AND z EQ 1");
    expect(one.diagnostics.map((d) => d.code)).toEqual(["missing-value", "missing-value"]);
    expect(one.query.where).toMatchObject({ kind: "Comparison", field: { name: "z" } });
    const lostGroup = parse("a EQ 1 OR b EQ AND c EQ");
    expect(lostGroup.diagnostics.map((d) => d.code)).toEqual(["missing-value", "missing-value"]);
    expect(lostGroup.query.where).toMatchObject({ kind: "Comparison", field: { name: "a" } });
  });
});

describe("operators of other languages", () => {
  it("each is reported with this language's spelling as its fix; an unknown one lists the operators", () => {
    const spellings: [string, string][] = [["=", "EQ"], ["==", "EQ"], ["!=", "NE"], ["<>", "NE"], [">", "GT"], [">=", "GE"], ["<", "LT"], ["<=", "LE"], ["LIKE", "CP"], ["ILIKE", "CP"], ["like", "CP"]];
    for (const [foreign, own] of spellings) {
      const [d, ...rest] = parse(`id ${foreign} 1`).diagnostics;
      expect(rest, foreign).toEqual([]);
      expect([d!.code, d!.start, d!.end, d!.message], foreign).toEqual(["unknown-operator", 3, 3 + foreign.length, `Unknown operator '${foreign}'; this language writes it as ${own}.`]);
      expect(d!.fix?.edits, foreign).toEqual([{ start: 3, end: 3 + foreign.length, newText: own }]);
    }
    const [unknown] = parse("id => 1").diagnostics;
    expect([unknown!.code, unknown!.message, unknown!.fix]).toEqual(["unknown-operator", "Expected an operator (EQ, NE, GT, GE, LT, LE, CP or IS) after 'id', found '=>'.", undefined]);
  });
});
