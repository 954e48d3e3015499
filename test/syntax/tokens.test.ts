/**
 * The lexer's classification pass (src/syntax/tokens.ts) seen through parse: which words are
 * keywords, which are field names and which are foreign words, which number-like text is a number,
 * and when AND, OR and NOT are field names. Written from the mutants Stryker left alive in
 * tokens.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { format } from "../../src/print/format.js";
import { parse } from "../../src/syntax/parse.js";
import { describeExpected } from "../../src/syntax/messages.js";
import * as tokens from "../../src/syntax/tokens.js";
import { classifyTokens, getLexer, isFieldName, keywordOf } from "../../src/syntax/tokens.js";

const codes = (text: string) => parse(text).diagnostics.map((d) => `${d.code}@${d.start}-${d.end}`);

describe("keywords", () => {
  it("are found in any case, and only the sixteen words of the language", () => {
    // token type names are the keywords upper-cased
    for (const word of ["and", "AND", "aNd", "or", "not", "is", "null", "NULL", "true", "False", "eq", "Ne", "gT", "ge", "lt", "LE", "cp", "ASC", "desc"]) {
      expect(keywordOf(word)?.name, word).toBe(word.toUpperCase());
    }
    for (const word of ["", "an", "andd", "nul", "nulls", "descending", "eqq", "e", "q", "a", "z", "zz", "cpz"]) expect(keywordOf(word), word).toBeUndefined();
  });

  it("are never found in a word with a digit, '_' or '.', even one whose letters' arithmetic adds up to a keyword's", () => {
    // with digits and '_' counted as letters, these would add up to the keys of AND, GE, GT, IS, LE, LT, NE, OR and NOT
    const lookalikes = ["am_", "b1e", "b1t", "b3s", "b6e", "b6t", "b8e", "b9r", "c7_", "c8d", "p9t"];
    for (const word of lookalikes) {
      expect(keywordOf(word), word).toBeUndefined();
      const { query, diagnostics } = parse(`${word} EQ 1 AND id EQ ${word.length}`);
      expect(diagnostics, word).toEqual([]);
      expect(format(query), word).toBe(`(${word} EQ 1) AND (id EQ ${word.length})`);
    }
  });

  it("a word longer than five letters is a name however it is spelt", () => {
    for (const word of ["andand", "nullnull", "isnull", "notnull", "ascdesc", "equals", "abcdefghijklmnopqrstuvwxyz"]) {
      expect(keywordOf(word), word).toBeUndefined();
      expect(parse(`${word} EQ 1`).diagnostics, word).toEqual([]);
    }
  });
});

describe("field names", () => {
  it("are ASCII letters, digits and '_' in dot-separated segments that start with a letter or '_'", () => {
    for (const name of ["a", "_", "a1", "a_b", "cluster.name", "a1.b2", "_x._y", "A.B.C", "disk.size_mib", "z9.z9"]) {
      expect(isFieldName(name), name).toBe(true);
      expect(codes(`${name} EQ 1`), name).toEqual([]);
    }
  });

  it("a word with an empty segment, a segment starting with a digit, or a letter beyond ASCII is reported where it stands", () => {
    for (const name of ["cluster.", "a..b", "a.1b", "a.1", "a.b.", "имя", "näme", "cluster.имя", "a.ß"]) {
      expect(isFieldName(name), name).toBe(false);
      expect(codes(`${name} EQ 1`), name).toEqual([`invalid-field-name@0-${name.length}`]);
      expect(codes(`id EQ 1 AND ${name} EQ 1`), name).toEqual([`invalid-field-name@12-${12 + name.length}`]);
    }
  });

  it("isFieldName refuses what the lexer never hands it as a word too: a leading digit or dot, an empty word", () => {
    for (const text of ["1a", ".a", "", "a b", "a-b", "9"]) expect(isFieldName(text), text).toBe(false);
  });
});

describe("numbers", () => {
  it("[-]digits[.digits] is a number; any other number-like text is reported as malformed, with its place", () => {
    for (const value of ["0", "7", "-7", "1.5", "-0.25", "10.0", "0007"]) expect(codes(`id EQ ${value}`), value).toEqual([]);
    for (const value of ["1.", ".5", "-.5", "1.2.3", "1..2", "1e5", "1E5", "1.5e-3", "-1e+2"]) {
      const found = codes(`id EQ ${value}`);
      expect(found.length, value).toBe(1);
      expect(found[0], value).toMatch(new RegExp(`@6-${6 + value.length}$`));
    }
  });

  it("each spelling of a malformed number is one token, read whole into its fix", () => {
    const cases: [string, string][] = [
      [".55", "0.55"],
      ["1.2.34", ""],
      ["1e15", "1000000000000000"],
      ["-  5", "-5"],
      ["- 55", "-55"],
      ["- 5.55", "-5.55"],
      ["- .55", "-0.55"],
      ["- .5", "-0.5"],
      ["- 5e5", "-500000"],
      ["- 5e+5", "-500000"],
      ["- 5e-5", "-0.00005"],
      ["- 5e12", "-5000000000000"],
      ["-+5", "-5"],
    ];
    for (const [value, fixed] of cases) {
      const found = parse(`id EQ ${value}`).diagnostics.map((d) => [d.code, d.start, d.end, d.fix?.edits[0]?.newText ?? ""]);
      expect(found, value).toEqual([["invalid-number", 6, 6 + value.length, fixed]]);
    }
  });

  it("a minus sign parted from its digits is one malformed number", () => {
    expect(parse("id EQ - 5").diagnostics.map((d) => [d.start, d.end])).toEqual([[6, 9]]);
    expect(parse("id+EQ+-+5").diagnostics.map((d) => [d.start, d.end])).toEqual([[6, 9]]);
  });
});

describe("AND, OR and NOT as field names", () => {
  const typesOf = (text: string, where = true) => {
    const { tokens } = getLexer().tokenize(text);
    classifyTokens(tokens, where);
    return tokens.map((t) => t.tokenType.name);
  };

  it("a condition on a field named like a logical keyword reads as one", () => {
    expect(typesOf("and EQ 1")).toEqual(["FieldName", "EQ", "NumberLiteral"]);
    expect(typesOf("NOT IS null")).toEqual(["FieldName", "IS", "NULL"]);
    expect(typesOf("or IS NOT null")).toEqual(["FieldName", "IS", "NOT", "NULL"]);
    expect(typesOf("NOT and EQ 1")).toEqual(["NOT", "FieldName", "EQ", "NumberLiteral"]);
    expect(typesOf("a EQ 1 AND or EQ 2")).toEqual(["FieldName", "EQ", "NumberLiteral", "AND", "FieldName", "EQ", "NumberLiteral"]);
  });

  it("stays a keyword where no condition follows it", () => {
    expect(typesOf("NOT (a EQ 1)")).toEqual(["NOT", "LParen", "FieldName", "EQ", "NumberLiteral", "RParen"]);
    expect(typesOf("a EQ 1 AND NOT EQ EQ 1")).toEqual(["FieldName", "EQ", "NumberLiteral", "AND", "NOT", "EQ", "EQ", "NumberLiteral"]);
    expect(typesOf("and EQ IS null")).toEqual(["AND", "EQ", "IS", "NULL"]);
    expect(typesOf("not IS 1")).toEqual(["NOT", "IS", "NumberLiteral"]);
    expect(typesOf("not IS NOT 1")).toEqual(["NOT", "IS", "NOT", "NumberLiteral"]);
  });

  it("at the very end of the text (nothing, or only part of IS NOT null, after it), without reading past the tokens", () => {
    for (const text of ["AND", "a EQ 1 AND", "NOT IS", "a EQ 1 OR IS", "NOT IS NOT", "x EQ 1 AND IS NOT", "OR EQ"]) {
      expect(() => typesOf(text), text).not.toThrow();
      const { diagnostics } = parse(text);
      expect(diagnostics.length, text).toBeGreaterThan(0);
      for (const d of diagnostics) expect(d.end, text).toBeLessThanOrEqual(text.length);
    }
    expect(typesOf("NOT IS")).toEqual(["NOT", "IS"]);
    expect(typesOf("NOT IS NOT")).toEqual(["NOT", "IS", "NOT"]);
  });

  it("outside a WHERE value (orderby) they are always names", () => {
    expect(typesOf("and desc, not, or asc", false)).toEqual(["FieldName", "DESC", "Comma", "FieldName", "Comma", "FieldName", "ASC"]);
    expect(format(parse("orderby=and desc,not,or").query)).toBe("orderby=and desc,not asc,or asc");
  });
});

describe("token names and labels", () => {
  it("every token type the parser knows has its name, and messages name what was expected as a reader would", () => {
    const expected = Object.fromEntries(tokens.allTokens.map((type) => [type.name, describeExpected(type)]));
    expect(expected).toEqual({
      LParen: "'('",
      RParen: "')'",
      Comma: "','",
      StringLiteral: "a string",
      ForeignOperator: "an operator",
      Name: "a field name",
      FieldName: "a field name",
      ForeignWord: "a field name",
      NumberLiteral: "a number",
      MalformedNumber: "a number",
      CompareOp: "an operator",
      LogicalOp: "'AND' or 'OR'",
      Direction: "'asc' or 'desc'",
      AND: "'AND'",
      OR: "'OR'",
      NOT: "'NOT'",
      IS: "'IS'",
      NULL: "'null'",
      TRUE: "'true'",
      FALSE: "'false'",
      EQ: "an operator",
      NE: "an operator",
      GT: "an operator",
      GE: "an operator",
      LT: "an operator",
      LE: "an operator",
      CP: "an operator",
      ASC: "'asc' or 'desc'",
      DESC: "'asc' or 'desc'",
    });
  });

  it("the categories: keywords that may be field names are names, the comparison keywords operators", () => {
    const categoryNames = (type: (typeof tokens.allTokens)[number]) => (type.CATEGORIES ?? []).map((c) => c.name).sort();
    expect(categoryNames(tokens.And)).toEqual(["LogicalOp"]);
    expect(categoryNames(tokens.Or)).toEqual(["LogicalOp"]);
    expect(categoryNames(tokens.Not)).toEqual([]);
    for (const type of [tokens.Is, tokens.Null, tokens.True, tokens.False]) expect(categoryNames(type), type.name).toEqual(["Name"]);
    for (const type of [tokens.Eq, tokens.Ne, tokens.Gt, tokens.Ge, tokens.Lt, tokens.Le, tokens.Cp]) expect(categoryNames(type), type.name).toEqual(["CompareOp", "Name"]);
    for (const type of [tokens.Asc, tokens.Desc]) expect(categoryNames(type), type.name).toEqual(["Direction", "Name"]);
    expect(categoryNames(tokens.FieldName)).toEqual(["Name"]);
    expect(categoryNames(tokens.ForeignWord)).toEqual(["Name"]);
  });
});
