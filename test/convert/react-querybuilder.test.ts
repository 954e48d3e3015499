/**
 * toReactQueryBuilder / fromReactQueryBuilder: round trips as fast-check properties, output checked
 * with the real package (@react-querybuilder/core: isRuleGroupType, defaultValidator, formatQuery,
 * parseSQL), every operator by hand.
 */
import {
  defaultOperators,
  defaultValidator,
  formatQuery,
  isRuleGroupType,
  prepareRuleGroup,
  type RuleGroupType,
} from "@react-querybuilder/core";
import { parseSQL } from "@react-querybuilder/core/parseSQL";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvertCodes, fromReactQueryBuilder, toReactQueryBuilder } from "../../src/convert/index.js";
import type { ReactQueryBuilderGroup } from "../../src/convert/index.js";
import type { Expression, QueryNode } from "../../src/index.js";
import { format, parse, parseWhere } from "../../src/index.js";
import { expressionArb, hostileString } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";

const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);
const where = (text: string) => parseWhere(text).where!;
const read = (group: unknown) => {
  const r = fromReactQueryBuilder(group);
  return { text: r.where === undefined ? undefined : format(r.where), codes: codes(r.diagnostics), diagnostics: r.diagnostics };
};
const NOTES: readonly string[] = [ConvertCodes.AppDefined, ConvertCodes.CustomOperator];
const OPERATOR_NAMES = new Set([...defaultOperators.map((o) => o.name), "cp"]);

function rulesOf(group: ReactQueryBuilderGroup): { operator: string }[] {
  return group.rules.flatMap((r) => ("rules" in r ? rulesOf(r) : [r]));
}

describe("round trips: fromReactQueryBuilder(toReactQueryBuilder(e)) is e", () => {
  it("whenever nothing but the contains/cp notes was reported (also through JSON)", () => {
    let compared = 0;
    let withCp = 0;
    fc.assert(
      fc.property(expressionArb, (e) => {
        const to = toReactQueryBuilder(e);
        if (to.diagnostics.some((d) => !NOTES.includes(d.code))) return;
        compared++;
        if (rulesOf(to.group).some((r) => r.operator !== "=" && r.operator !== "!=" && !/^[<>]=?$/.test(r.operator) && !/null/i.test(r.operator))) withCp++;
        const back = fromReactQueryBuilder(JSON.parse(JSON.stringify(to.group)));
        expect(back.diagnostics.filter((d) => d.code !== ConvertCodes.AppDefined)).toEqual([]);
        expect(strip(back.where)).toEqual(strip(e));
      }),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThan(300);
    expect(withCp).toBeGreaterThan(10);
  });

  it("for CP masks of every shape, negated or not", () => {
    const text = hostileString.map((s) => s.replaceAll("%", "")).filter((s) => s !== "");
    const mask = fc.oneof(
      text.map((x) => `%${x}%`),
      text.map((x) => `${x}%`),
      text.map((x) => `%${x}`),
      hostileString,
    );
    const cp = fc.record({ name: fc.constantFrom("name", "a.b"), mask, not: fc.boolean() }).map(({ name, mask, not }) => {
      const c: Expression = { kind: "Comparison", field: { kind: "Field", path: name.split("."), name }, operator: "CP", value: { kind: "String", value: mask } };
      return not ? ({ kind: "Not", operand: c } as Expression) : c;
    });
    fc.assert(
      fc.property(fc.array(cp, { minLength: 1, maxLength: 3 }), (cps) => {
        const e: Expression = cps.length === 1 ? cps[0]! : { kind: "Or", operands: cps };
        const to = toReactQueryBuilder(e);
        expect(to.diagnostics.filter((d) => !NOTES.includes(d.code))).toEqual([]);
        const back = fromReactQueryBuilder(JSON.parse(JSON.stringify(to.group)));
        expect(back.diagnostics.filter((d) => d.code !== ConvertCodes.AppDefined)).toEqual([]);
        expect(strip(back.where)).toEqual(strip(e));
      }),
      { numRuns: 500 },
    );
  });

  it("the output is a valid rule group for react-querybuilder itself", () => {
    fc.assert(
      fc.property(expressionArb, (e) => {
        const { group } = toReactQueryBuilder(e);
        const typed: RuleGroupType = group;
        expect(isRuleGroupType(typed)).toBe(true);
        for (const rule of rulesOf(group)) expect(OPERATOR_NAMES.has(rule.operator)).toBe(true);
        const prepared = prepareRuleGroup(typed);
        const validation = defaultValidator(prepared);
        expect(Object.values(validation).every((v) => v === true)).toBe(true);
        expect(typeof formatQuery(typed, "sql")).toBe("string");
        expect(formatQuery(typed, "mongodb_query")).toBeTypeOf("object");
      }),
      { numRuns: 300 },
    );
  });
});

describe("toReactQueryBuilder", () => {
  const group = (text: string) => toReactQueryBuilder(text).group;

  it("writes each operator", () => {
    expect(group("(a EQ 1) AND (b NE 'x') AND (c GT 1.5) AND (d GE -2) AND (e LT 'm') AND (f LE true)")).toEqual({
      combinator: "and",
      rules: [
        { field: "a", operator: "=", value: 1 },
        { field: "b", operator: "!=", value: "x" },
        { field: "c", operator: ">", value: 1.5 },
        { field: "d", operator: ">=", value: -2 },
        { field: "e", operator: "<", value: "m" },
        { field: "f", operator: "<=", value: true },
      ],
    });
    expect(group("(a IS null) OR NOT (b IS null)")).toEqual({
      combinator: "or",
      rules: [
        { field: "a", operator: "null", value: null },
        { field: "b", operator: "notNull", value: null },
      ],
    });
  });

  it("writes CP masks as contains/beginsWith/endsWith and their negations, other masks as 'cp'", () => {
    const r = toReactQueryBuilder("(a CP '%web%') AND (b CP 'web%') AND (c CP '%.ru') AND NOT (d CP '%x%') AND NOT (e CP 'x%') AND NOT (f CP '%x')");
    expect(r.group.rules).toEqual([
      { field: "a", operator: "contains", value: "web" },
      { field: "b", operator: "beginsWith", value: "web" },
      { field: "c", operator: "endsWith", value: ".ru" },
      { field: "d", operator: "doesNotContain", value: "x" },
      { field: "e", operator: "doesNotBeginWith", value: "x" },
      { field: "f", operator: "doesNotEndWith", value: "x" },
    ]);
    expect(codes(r.diagnostics)).toEqual([ConvertCodes.AppDefined]);
    expect(r.diagnostics[0]).toMatchObject({ severity: "info", start: 1, end: 13 });
    const custom = toReactQueryBuilder("(a CP 'x') AND (b CP 'a%b') AND (c CP '%') AND (d CP '%%') AND NOT (e CP '%a%b%')");
    expect(custom.group.rules).toEqual([
      { field: "a", operator: "cp", value: "x" },
      { field: "b", operator: "cp", value: "a%b" },
      { field: "c", operator: "cp", value: "%" },
      { field: "d", operator: "cp", value: "%%" },
      { combinator: "and", not: true, rules: [{ field: "e", operator: "cp", value: "%a%b%" }] },
    ]);
    expect(codes(custom.diagnostics)).toEqual([ConvertCodes.CustomOperator]);
  });

  it("writes other NOTs as groups with not: true", () => {
    expect(group("NOT (a EQ 1)")).toEqual({ combinator: "and", not: true, rules: [{ field: "a", operator: "=", value: 1 }] });
    expect(group("NOT ((a EQ 1) OR (b EQ 2))")).toEqual({
      combinator: "or",
      not: true,
      rules: [
        { field: "a", operator: "=", value: 1 },
        { field: "b", operator: "=", value: 2 },
      ],
    });
    expect(group("(c EQ 3) AND NOT (NOT (a CP '%x%'))")).toEqual({
      combinator: "and",
      rules: [
        { field: "c", operator: "=", value: 3 },
        { combinator: "and", not: true, rules: [{ field: "a", operator: "doesNotContain", value: "x" }] },
      ],
    });
  });

  it("keeps exact numbers as numbers and others as text, with a warning", () => {
    const r = toReactQueryBuilder("(id EQ 12345678901234567890) AND (x EQ 0.1) AND (y EQ '5')");
    expect(r.group.rules).toEqual([
      { field: "id", operator: "=", value: "12345678901234567890" },
      { field: "x", operator: "=", value: 0.1 },
      { field: "y", operator: "=", value: "5" },
    ]);
    expect(r.diagnostics).toMatchObject([{ code: ConvertCodes.Lossy, severity: "warning" }]);
  });

  it("leaves out ORDERBY, LIMIT and other parameters with an info; no WHERE is an empty group", () => {
    const r = toReactQueryBuilder("where=(a EQ 1)&orderby=name&limit=0,10&x=1");
    expect(r.group).toEqual({ combinator: "and", rules: [{ field: "a", operator: "=", value: 1 }] });
    expect(codes(r.diagnostics)).toEqual([ConvertCodes.Dropped, ConvertCodes.Dropped, ConvertCodes.Dropped]);
    expect(toReactQueryBuilder("orderby=id").group).toEqual({ combinator: "and", rules: [] });
  });

  it("SQL export of the output, as react-querybuilder writes it", () => {
    const { group: g } = toReactQueryBuilder("(name CP '%web%') AND ((state EQ 'active') OR NOT (node IS null))");
    expect(formatQuery(g, "sql")).toBe("(name like '%web%' and (state = 'active' or node is not null))");
  });

  it("leaves out, with an error, each node it cannot write, and keeps the rest", () => {
    const field = (name: string) => ({ kind: "Field", path: [name], name });
    const cases: [unknown, string, string][] = [
      [null, ConvertCodes.InvalidInput, "Expected a WHERE expression node (And, Or, Not, Comparison, IsNull)."],
      [{ kind: "Xor" }, ConvertCodes.InvalidInput, "Expected a WHERE expression node (And, Or, Not, Comparison, IsNull)."],
      [{ kind: "Or", operands: [] }, ConvertCodes.InvalidInput, "An OR node needs a list of operands."],
      [{ kind: "Not", operand: 5 }, ConvertCodes.InvalidInput, "Expected a WHERE expression node (And, Or, Not, Comparison, IsNull)."],
      [{ kind: "IsNull", field: field("a b") }, ConvertCodes.InvalidField, "The condition has no valid field (dot-separated names of letters, digits and _)."],
      [{ kind: "Not", operand: { kind: "IsNull", field: field("a b") } }, ConvertCodes.InvalidField, "The condition has no valid field (dot-separated names of letters, digits and _)."],
      [{ kind: "Not", operand: { kind: "Comparison", field: field("a b"), operator: "CP", value: { kind: "String", value: "%x%" } } }, ConvertCodes.InvalidField, "The condition has no valid field (dot-separated names of letters, digits and _)."],
      [{ kind: "Comparison", field: field("a"), operator: "LIKE", value: { kind: "String", value: "x" } }, ConvertCodes.UnsupportedOperator, 'Unknown comparison operator "LIKE".'],
      [{ kind: "Comparison", field: field("a"), operator: "EQ", value: { kind: "Date", value: "x" } }, ConvertCodes.InvalidValue, "The comparison has no valid literal value."],
    ];
    for (const [node, code, message] of cases) {
      const r = toReactQueryBuilder({ kind: "And", operands: [where("b EQ 2"), node] } as Expression);
      expect(r.group, message).toEqual({ combinator: "and", rules: [{ field: "b", operator: "=", value: 2 }] });
      expect(r.diagnostics).toMatchObject([{ code, severity: "error", message, start: 0, end: 0 }]);
    }
  });

  it("writes NOT of a CP mask of no contains-like shape as a negated group holding a 'cp' rule", () => {
    const r = toReactQueryBuilder("NOT (a CP 'x%y')");
    expect(r.group).toEqual({ combinator: "and", not: true, rules: [{ field: "a", operator: "cp", value: "x%y" }] });
    expect(codes(r.diagnostics)).toEqual([ConvertCodes.CustomOperator]);
  });

  it("reports an input it cannot read as an internal error, with an empty group", () => {
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); } }) as unknown as Expression;
    expect(toReactQueryBuilder(hostile)).toMatchObject({ group: { combinator: "and", rules: [] }, diagnostics: [{ code: ConvertCodes.InternalError, message: "The conversion failed (boom); please report it." }] });
  });

  it("takes a parsed Query; a Query built in code without a list of parameters has none to drop", () => {
    const r = toReactQueryBuilder(parse("where=(a EQ 1)&x=1").query);
    expect(r.group).toEqual({ combinator: "and", rules: [{ field: "a", operator: "=", value: 1 }] });
    expect(r.diagnostics).toMatchObject([{ code: ConvertCodes.Dropped, message: "The URL parameter 'x' has no place in a rule group and is left out.", start: 15, end: 18 }]);
    const built = { kind: "Query", form: "url", where: where("a EQ 1"), parameters: null } as unknown as QueryNode;
    expect(toReactQueryBuilder(built)).toEqual({ group: { combinator: "and", rules: [{ field: "a", operator: "=", value: 1 }] }, diagnostics: [] });
  });

  it("never throws on trees that are not trees", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = toReactQueryBuilder(x as Expression);
        expect(isRuleGroupType(r.group)).toBe(true);
      }),
      { numRuns: 300 },
    );
    const r = toReactQueryBuilder({ kind: "And", operands: [where("a EQ 1"), { kind: "Comparison", field: { kind: "Field", path: ["a b"], name: "a b" }, operator: "EQ", value: { kind: "String", value: "x" } }] } as Expression);
    expect(r.group).toEqual({ combinator: "and", rules: [{ field: "a", operator: "=", value: 1 }] });
    expect(codes(r.diagnostics)).toEqual([ConvertCodes.InvalidField]);
    const deep = Array.from({ length: 2000 }).reduce<Expression>((e) => ({ kind: "Not", operand: e }), where("a EQ 1"));
    expect(codes(toReactQueryBuilder(deep).diagnostics)).toEqual([ConvertCodes.TooDeep]);
  });
});

describe("fromReactQueryBuilder", () => {
  const rule = (field: string, operator: string, value: unknown) => ({ field, operator, value });
  const and = (...rules: unknown[]) => ({ combinator: "and", rules });

  it("reads each comparison operator", () => {
    expect(read(and(rule("a", "=", 1), rule("b", "!=", "x"), rule("c", ">", 1.5), rule("d", ">=", -2), rule("e", "<", "m"), rule("f", "<=", true), rule("g", "=", 10n)))).toMatchObject({
      text: "(a EQ 1) AND (b NE 'x') AND (c GT 1.5) AND (d GE -2) AND (e LT 'm') AND (f LE true) AND (g EQ 10)",
      codes: [],
    });
    expect(read(and(rule("a", "null", null), rule("b", "notNull", "")))).toMatchObject({ text: "(a IS null) AND NOT (b IS null)", codes: [] });
    expect(read(and(rule("a", "=", "5"))).text).toBe("(a EQ '5')");
    expect(read(and(rule("a", "=", 1e21))).text).toBe("(a EQ 1000000000000000000000)");
  });

  it("reads contains-like operators as CP, once noting that their meaning is the application's", () => {
    const r = read(and(rule("a", "contains", "web"), rule("b", "beginsWith", "x_"), rule("c", "endsWith", 5), rule("d", "doesNotContain", "q"), rule("e", "doesNotBeginWith", "w"), rule("f", "doesNotEndWith", "z")));
    expect(r.text).toBe("(a CP '%web%') AND (b CP 'x_%') AND (c CP '%5') AND NOT (d CP '%q%') AND NOT (e CP 'w%') AND NOT (f CP '%z')");
    expect(r.codes).toEqual([ConvertCodes.AppDefined]);
    expect(r.diagnostics[0]!.message).toMatch(/^At rules\[0\]\.operator: /);
    expect(read(and(rule("a", "cp", "x%y")))).toMatchObject({ text: "(a CP 'x%y')", codes: [] });
    expect(read(and(rule("a", "BeginsWith", "x"))).text).toBe("(a CP 'x%')");
  });

  it("warns that a % in a contains-like value becomes a wildcard", () => {
    const r = read(and(rule("a", "contains", "50%")));
    expect(r.text).toBe("(a CP '%50%%')");
    expect(r.codes).toEqual([ConvertCodes.Lossy, ConvertCodes.AppDefined]);
    expect(r.diagnostics[0]).toMatchObject({ severity: "warning", start: 0, end: 0 });
    expect(r.diagnostics[0]!.message).toMatch(/^At rules\[0\]\.value: /);
  });

  it("reads in/notIn as OR of EQ / AND of NE, and between/notBetween, from arrays or comma lists", () => {
    expect(read(and(rule("a", "in", ["x", "y,z", 3])))).toMatchObject({ text: "(a EQ 'x') OR (a EQ 'y,z') OR (a EQ 3)", codes: [ConvertCodes.Rewritten] });
    expect(read(and(rule("a", "notIn", "x, y\\,z ,w"))).text).toBe("(a NE 'x') AND (a NE 'y,z') AND (a NE 'w')");
    expect(read(and(rule("a", "in", "x")))).toMatchObject({ text: "(a EQ 'x')", codes: [] });
    expect(read(and(rule("a", "between", [1, 5]))).text).toBe("(a GE 1) AND (a LE 5)");
    expect(read(and(rule("a", "notBetween", "1,5"))).text).toBe("(a LT '1') OR (a GT '5')");
    expect(read(and(rule("a", "between", "1"))).codes).toEqual([ConvertCodes.InvalidValue]);
    expect(read(and(rule("a", "in", []))).codes).toEqual([ConvertCodes.InvalidValue]);
    expect(read(and(rule("a", "in", [{}]))).codes).toEqual([ConvertCodes.InvalidValue]);
  });

  it("reads groups: not, nesting, empty groups, independent combinators, muted parts", () => {
    expect(read({ combinator: "or", not: true, rules: [rule("a", "=", 1), and(rule("b", "=", 2), rule("c", "=", 3))] }).text).toBe("NOT ((a EQ 1) OR ((b EQ 2) AND (c EQ 3)))");
    expect(read(and(and(rule("a", "=", 1), rule("b", "=", 2)), rule("c", "=", 3))).text).toBe("(a EQ 1) AND (b EQ 2) AND (c EQ 3)");
    expect(read(and())).toMatchObject({ text: undefined, codes: [] });
    expect(read(and(rule("a", "=", 1), and()))).toMatchObject({ text: "(a EQ 1)", codes: [ConvertCodes.Dropped] });
    expect(read({ combinator: "or", rules: [rule("a", "=", 1), and()] }).text).toBeUndefined();
    expect(read({ combinator: "and", not: true, rules: [] }).codes).toEqual([ConvertCodes.Unsupported]);
    expect(read({ rules: [rule("a", "=", 1), "or", rule("b", "=", 2), "and", rule("c", "=", 3)] }).text).toBe("(a EQ 1) OR ((b EQ 2) AND (c EQ 3))");
    expect(read({ rules: [rule("a", "=", 1), "or"] }).codes).toEqual([ConvertCodes.InvalidInput]);
    expect(read(and(rule("a", "=", 1), { ...rule("b", "=", 2), muted: true }, { ...rule("c", "=", 3), disabled: true }))).toMatchObject({
      text: "(a EQ 1) AND (c EQ 3)",
      codes: [ConvertCodes.Dropped],
    });
    expect(read({ combinator: "AND", rules: [rule("a", "=", 1), rule("b", "=", 2)] }).text).toBe("(a EQ 1) AND (b EQ 2)");
  });

  it("reports what it cannot read, with the JSON path, and keeps the rest", () => {
    const r = read(
      and(
        rule("ok", "=", 1),
        rule("first name", "=", 1),
        rule("a", "like", "x"),
        { ...rule("a", "=", "b"), valueSource: "field" },
        { ...rule("a", "=", 1), match: { mode: "all" } },
        rule("a", "=", null),
        rule("a", "=", { x: 1 }),
        rule("a", "=", Number.NaN),
        { field: 3, operator: "=", value: 1 },
        { combinator: "xor", rules: [rule("a", "=", 1), rule("b", "=", 2)] },
      ),
    );
    expect(r.text).toBe("(ok EQ 1)");
    expect(r.codes).toEqual([
      ConvertCodes.InvalidField,
      ConvertCodes.UnsupportedOperator,
      ConvertCodes.Unsupported,
      ConvertCodes.Unsupported,
      ConvertCodes.InvalidValue,
      ConvertCodes.InvalidValue,
      ConvertCodes.InvalidValue,
      ConvertCodes.InvalidInput,
      ConvertCodes.Unsupported,
    ]);
    expect(r.diagnostics.every((d) => d.start === 0 && d.end === 0)).toBe(true);
    expect(r.diagnostics[0]!.message).toMatch(/^At rules\[1\]\.field: /);
    expect(r.diagnostics[8]!.message).toMatch(/^At rules\[9\]\.combinator: /);
  });

  it("leaves out a muted group, nested or the whole query", () => {
    const muted = { combinator: "and", muted: true, rules: [rule("a", "=", 1)] };
    expect(read(and(muted, rule("b", "=", 1)))).toMatchObject({ text: "(b EQ 1)", codes: [ConvertCodes.Dropped] });
    expect(read(and(muted, rule("b", "=", 1))).diagnostics[0]!.message).toBe("At rules[0]: The group is muted and left out, as react-querybuilder's exports leave it out.");
    expect(read(muted)).toMatchObject({ text: undefined, codes: [ConvertCodes.Dropped] });
    expect(read({ combinator: "or", rules: [{ ...rule("a", "=", 1), muted: true }] })).toMatchObject({ text: undefined, codes: [ConvertCodes.Dropped] });
  });

  it("needs a combinator only between two rules: around one rule or none, a missing or unknown one is ignored (xor is not)", () => {
    expect(read({ rules: [rule("a", "=", 1)] })).toMatchObject({ text: "(a EQ 1)", codes: [] });
    expect(read({ rules: [] })).toMatchObject({ text: undefined, codes: [] });
    expect(read({ combinator: "nand", rules: [rule("a", "=", 1)] })).toMatchObject({ text: "(a EQ 1)", codes: [] });
    expect(read({ combinator: "xor", rules: [rule("a", "=", 1)] }).diagnostics.map((d) => d.message)).toEqual(["At combinator: The combinator 'xor' has no vmfilter equivalent."]);
    expect(read({ combinator: 5, rules: [rule("a", "=", 1), rule("b", "=", 1)] }).diagnostics.map((d) => d.message)).toEqual(['At combinator: Expected the combinator "and" or "or", found 5.']);
    expect(read({ rules: [rule("a", "=", 1), 5, rule("b", "=", 1)] }).diagnostics.map((d) => d.message)).toEqual([
      "At rules[1]: Expected a rule ({ field, operator, value }), found 5.",
      'At combinator: Expected the combinator "and" or "or", found undefined.',
    ]);
    expect(read({ combinator: "and", not: "yes", rules: [rule("a", "=", 1)] }).diagnostics.map((d) => d.message)).toEqual(["At not: Expected not: true or false."]);
  });

  it("reports a bad combinator between independent rules by its place", () => {
    const between = (c: unknown) => read({ rules: [rule("a", "=", 1), c, rule("b", "=", 1), "and", rule("c", "=", 1)] });
    expect(between("xor")).toMatchObject({ text: undefined, codes: [ConvertCodes.Unsupported] });
    expect(between("nand").diagnostics.map((d) => d.message)).toEqual(['At rules[1]: Expected the combinator "and" or "or" between rules, found "nand".']);
    expect(between({ x: 1 }).diagnostics.map((d) => d.message)).toEqual(['At rules[1]: Expected the combinator "and" or "or" between rules, found an object.']);
    expect(read({ rules: [rule("a", "=", 1), "or", "and"] }).diagnostics.map((d) => d.message)).toEqual(["At rules[2]: Expected a rule or group, found a combinator."]);
  });

  it("an OR of rules none of which reads is left out, with each rule's error", () => {
    expect(read({ combinator: "or", rules: [rule("a b", "=", 1), rule("c d", "=", 1)] })).toMatchObject({ text: undefined, codes: [ConvertCodes.InvalidField, ConvertCodes.InvalidField] });
    expect(read({ rules: [rule("a b", "=", 1), "or", rule("c d", "=", 1)] })).toMatchObject({ text: undefined, codes: [ConvertCodes.InvalidField, ConvertCodes.InvalidField] });
  });

  it("reports a rule with an lhs, an operator that is not text, and values of the wrong type for cp, contains, in and between", () => {
    const cases: [unknown, string][] = [
      [{ ...rule("a", "=", 1), lhs: "x" }, "At rules[0].lhs: Expressions on the left-hand side (lhs) have no vmfilter equivalent."],
      [rule("a", 5 as never, 1), "At rules[0].operator: The operator 5 has no vmfilter equivalent."],
      [rule("a", "cp", {}), "At rules[0].value: Expected text, found an object."],
      [rule("a", "contains", null), "At rules[0].value: Expected text, found null."],
      [rule("a", "contains", Number.POSITIVE_INFINITY), "At rules[0].value: Infinity cannot be a vmfilter value (text, a finite number or true/false)."],
      [rule("a", "between", [1, null]), "At rules[0].value[1]: The rule has no value (use the operator 'null' to test for null)."],
      [rule("a", "between", {}), "At rules[0].value: Expected a list (an array or comma-separated text), found an object."],
      [rule("a", "in", "  "), "At rules[0].value: 'in' needs at least one value."],
    ];
    for (const [r, message] of cases) {
      const result = read(and(r));
      expect(result.text, message).toBeUndefined();
      expect(result.diagnostics.map((d) => d.message)).toEqual([message]);
    }
  });

  it("reads a number or bigint value as a one-item list, and as the text of a cp mask", () => {
    expect(read(and(rule("a", "in", 5)))).toMatchObject({ text: "(a EQ 5)", codes: [] });
    expect(read(and(rule("a", "notIn", 5n)))).toMatchObject({ text: "(a NE 5)", codes: [] });
    expect(read(and(rule("a", "cp", 5n)))).toMatchObject({ text: "(a CP '5')", codes: [] });
  });

  it("reads what react-querybuilder's own SQL parser makes", () => {
    const g = parseSQL("select * from t where a is null and not (b is not null or c like '%x%') and d in (1, 'q') and e between 1 and 5 and f <> 'it''s'");
    expect(read(g).text).toBe("(a IS null) AND NOT (NOT (b IS null) OR (c CP '%x%')) AND ((d EQ '1') OR (d EQ 'q')) AND (e GE '1') AND (e LE '5') AND (f NE 'it''s')");
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withSparseArray: true }), (x) => {
        expect(Array.isArray(fromReactQueryBuilder(x).diagnostics)).toBe(true);
        expect(Array.isArray(fromReactQueryBuilder({ combinator: "and", rules: [x] }).diagnostics)).toBe(true);
      }),
      { numRuns: 500 },
    );
    const cyclic: { combinator: string; rules: unknown[] } = { combinator: "and", rules: [] };
    cyclic.rules.push(cyclic);
    expect(codes(fromReactQueryBuilder(cyclic).diagnostics)).toEqual([ConvertCodes.TooDeep]);
    const hostile = new Proxy({ combinator: "and", rules: [] }, { get: () => { throw new Error("boom"); } });
    expect(codes(fromReactQueryBuilder(hostile).diagnostics)).toEqual([ConvertCodes.InternalError]);
  });
});
