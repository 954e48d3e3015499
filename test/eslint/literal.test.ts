/**
 * Filters in source literals (src/eslint/literal.ts) and the rule on any code: offsets mapped to
 * the file, edits escaped and checked, literals that cannot be mapped; random filters in random
 * spellings through ESLint's Linter (never a crash, every report inside its literal, fixes that
 * end in the canonical form).
 */
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FilterLiteral, type StringLiteralNode, type TemplateLiteralNode } from "../../src/eslint/literal.js";
import { placeholderText } from "../../src/eslint/placeholders.js";
import { checkLiteral, minimalEdit } from "../../src/eslint/check.js";
import { resolveOptions } from "../../src/eslint/options.js";
import plugin from "../../src/eslint/index.js";
import { formatText } from "../../src/index.js";

function stringNode(source: string, value: unknown): StringLiteralNode {
  return { type: "Literal", value, range: [0, source.length] };
}

describe("FilterLiteral", () => {
  it("maps text offsets to file offsets through escapes", () => {
    const source = String.raw`'a\'b\u0063'`;
    const literal = FilterLiteral.fromString(stringNode(source, "a'bc"), source)!;
    expect(literal.exact).toBe(true);
    expect(literal.text).toBe("a'bc");
    expect(literal.sourceRange(1, 2)).toEqual([2, 4]); // \'
    expect(literal.sourceRange(3, 4)).toEqual([5, 11]); // \u0063
    expect(literal.sourceRange(4, 4)).toEqual([11, 11]); // the end, before the quote
    expect(literal.contentRange).toEqual([1, 11]);
  });

  it("an empty literal's content is the empty range between its quotes", () => {
    const literal = FilterLiteral.fromString(stringNode("''", ""), "''")!;
    expect([literal.exact, literal.text, literal.contentRange]).toEqual([true, "", [1, 1]]);
  });

  it("escapes an edit's text for the quote style", () => {
    const source = `"(name EQ 'x')"`;
    const literal = FilterLiteral.fromString(stringNode(source, "(name EQ 'x')"), source)!;
    expect(literal.sourceEdits([{ start: 10, end: 11, newText: 'say "hi"\\' }])).toEqual([{ range: [11, 12], text: 'say \\"hi\\"\\\\' }]);
  });

  it("refuses an edit whose spliced source would not cook to the edited text", () => {
    // "1" inserted after the escape \0 would make the octal escape \01
    const source = String.raw`'a\0'`;
    const literal = FilterLiteral.fromString(stringNode(source, "a\0"), source)!;
    expect(literal.sourceEdits([{ start: 2, end: 2, newText: "1" }])).toBeUndefined();
    expect(literal.sourceEdits([{ start: 2, end: 2, newText: "x" }])).toEqual([{ range: [4, 4], text: "x" }]);
  });

  it("refuses overlapping edits, edits out of range and edits inside a template's ${}", () => {
    const source = "`(id EQ ${id})`";
    const node: TemplateLiteralNode = {
      type: "TemplateLiteral",
      range: [0, source.length],
      quasis: [
        { type: "TemplateElement", value: { raw: "(id EQ ", cooked: "(id EQ " }, tail: false, range: [0, 10] },
        { type: "TemplateElement", value: { raw: ")", cooked: ")" }, tail: true, range: [12, 15] },
      ],
      expressions: [{ range: [10, 12] }],
    };
    const literal = FilterLiteral.fromTemplate(node, source, placeholderText);
    expect(literal.exact).toBe(true);
    expect(literal.text).toBe("(id EQ '${0}')");
    expect(literal.holes.map((h) => [h.start, h.end, h.sourceStart, h.sourceEnd, h.label])).toEqual([[7, 13, 8, 13, "${id}"]]);
    expect(literal.sourceRange(7, 13)).toEqual([8, 13]);
    expect(literal.sourceEdits([{ start: 8, end: 9, newText: "x" }])).toBeUndefined();
    expect(literal.sourceEdits([{ start: 0, end: 2, newText: "x" }, { start: 1, end: 3, newText: "y" }])).toBeUndefined();
    expect(literal.sourceEdits([{ start: 0, end: 99, newText: "x" }])).toBeUndefined();
    // insertions at a hole's edges belong to the quasis around it
    expect(literal.sourceEdits([{ start: 7, end: 7, newText: "a" }, { start: 13, end: 13, newText: "b" }])).toEqual([
      { range: [8, 8], text: "a" },
      { range: [13, 13], text: "b" },
    ]);
  });

  it("falls back to the whole literal, with no edits, when the source does not cook to the parser's value", () => {
    const source = `'abc'`;
    const literal = FilterLiteral.fromString(stringNode(source, "xyz"), source)!;
    expect(literal.exact).toBe(false);
    expect(literal.text).toBe("xyz");
    expect(literal.sourceRange(1, 2)).toEqual([0, 5]);
    expect(literal.sourceEdits([{ start: 0, end: 1, newText: "a" }])).toBeUndefined();
  });

  it("reports an unexpected failure as internalError on the literal instead of throwing", () => {
    const source = `'(id EQ 1)'`;
    const literal = FilterLiteral.fromString(stringNode(source, "(id EQ 1)"), source)!;
    const failing = Object.create(literal, { text: { get: () => { throw new Error("boom"); } } }) as FilterLiteral;
    expect(checkLiteral(failing, "string", resolveOptions({}))).toEqual([{ messageId: "internalError", data: { message: "boom" }, range: [0, 11] }]);
  });

  it("reports a failure that throws a non-Error with its text", () => {
    const source = `'(id EQ 1)'`;
    const literal = FilterLiteral.fromString(stringNode(source, "(id EQ 1)"), source)!;
    const failing = Object.create(literal, { text: { get: () => { throw "not an Error"; } } }) as FilterLiteral;
    expect(checkLiteral(failing, "string", resolveOptions({}))).toEqual([{ messageId: "internalError", data: { message: "not an Error" }, range: [0, 11] }]);
  });

  it("is coarse when the node's range does not start at a quote, or holds one character only", () => {
    const shifted = FilterLiteral.fromString({ type: "Literal", value: "(id EQ 1)", range: [0, 11] }, "x'(id EQ 1)'");
    expect([shifted!.exact, shifted!.style, shifted!.text]).toEqual([false, '"', "(id EQ 1)"]);
    expect(shifted!.sourceRange(1, 3)).toEqual([0, 11]);
    const one = FilterLiteral.fromString({ type: "Literal", value: "", range: [0, 1] }, "'");
    expect([one!.exact, one!.style, one!.contentRange]).toEqual([false, "'", [0, 1]]);
  });

  it("reads template elements whose ranges leave the delimiters out (other parsers)", () => {
    const source = "`(id EQ ${id})`";
    const node: TemplateLiteralNode = {
      type: "TemplateLiteral",
      range: [0, source.length],
      quasis: [
        { type: "TemplateElement", value: { raw: "(id EQ ", cooked: "(id EQ " }, tail: false, range: [1, 8] },
        { type: "TemplateElement", value: { raw: ")", cooked: ")" }, tail: true, range: [13, 14] },
      ],
      expressions: [{ range: [10, 12] }],
    };
    const literal = FilterLiteral.fromTemplate(node, source, placeholderText);
    expect(literal.exact).toBe(true);
    expect(literal.text).toBe("(id EQ '${0}')");
    expect(literal.contentRange).toEqual([1, 14]);
    expect(literal.holes.map((h) => [h.sourceStart, h.sourceEnd, h.label])).toEqual([[8, 13, "${id}"]]);
    expect(literal.sourceEdits([{ start: 13, end: 14, newText: "))" }])).toEqual([{ range: [13, 14], text: "))" }]);
  });

  it("takes an insertion and a replacement at the same place, the insertion first", () => {
    const source = `'(id eq 1)'`;
    const literal = FilterLiteral.fromString(stringNode(source, "(id eq 1)"), source)!;
    expect(
      literal.sourceEdits([
        { start: 4, end: 6, newText: "EQ" },
        { start: 4, end: 4, newText: "x " },
      ]),
    ).toEqual([
      { range: [5, 5], text: "x " },
      { range: [5, 7], text: "EQ" },
    ]);
  });

  it("is no filter when the literal's value is not a string", () => {
    expect(FilterLiteral.fromString(stringNode("5", 5), "5")).toBeUndefined();
  });
});

describe("minimalEdit", () => {
  it("replaces only what differs between the common prefix and suffix; nothing for equal texts", () => {
    expect(minimalEdit("(id eq 1)", "(id EQ 1)", 10)).toEqual({ start: 14, end: 16, newText: "EQ" });
    expect(minimalEdit("id EQ 1", "(id EQ 1)", 0)).toEqual({ start: 0, end: 7, newText: "(id EQ 1)" });
    expect(minimalEdit("a  b", "a b", 0)).toEqual({ start: 2, end: 3, newText: "" });
    expect(minimalEdit("same", "same", 3)).toBeUndefined();
  });

  it("never splits a surrogate pair: a shared high or low surrogate stays in the edit", () => {
    // 😀 is D83D DE00, 😁 is D83D DE01: they share the high surrogate
    expect(minimalEdit("a😀b", "a😁b", 0)).toEqual({ start: 1, end: 3, newText: "😁" });
    // U+1EE00 is D83B DE00: it shares the low surrogate with 😀
    expect(minimalEdit("a😀b", "a\u{1EE00}b", 0)).toEqual({ start: 1, end: 3, newText: "\u{1EE00}" });
    // a whole pair before or after the change is kept; a private-use character is no surrogate
    expect(minimalEdit("😀a\uE000", "😀b\uE000", 0)).toEqual({ start: 2, end: 3, newText: "b" });
  });
});

/** The offset of a 1-based line and column, lines broken as ESLint breaks them (U+2028 and U+2029 too). */
function indexOf(code: string, line: number, column: number): number {
  const breaks = [...code.matchAll(/\r\n|[\r\n\u2028\u2029]/g)];
  const lineStart = line === 1 ? 0 : breaks[line - 2]!.index + breaks[line - 2]![0].length;
  return lineStart + column - 1;
}

const config = (options: object): Linter.Config[] => [{ plugins: { vmfilter: plugin }, rules: { "vmfilter/valid-filter": ["error", options] } }];

describe("the rule on any code", () => {
  const linter = new Linter();

  it("reports a huge literal's length at the exact place, fast", () => {
    const filter = "(id EQ 1) AND ".repeat(6000) + "(id EQ 1)";
    const code = `const q = {\n  where: "${filter}",\n};`;
    const started = Date.now();
    const messages = linter.verify(code, config({ keys: ["where"] }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(messages.map((m) => [m.line, m.column, m.endLine, m.endColumn, m.message])).toEqual([
      [2, 11 + 65536, 2, 11 + filter.length, `The input is ${filter.length} characters long; at most 65536 are accepted (raise maxLength to allow more). (input-too-long)`],
    ]);
  });

  it("survives odd literals: invalid escapes in a tagged template, deep nesting, control characters", () => {
    const codes = [
      "where`\\unicode ${x}`;",
      "where`${a}${b}${c}`;",
      "where`${a}`;",
      "where`\\${not} EQ 1`;",
      `const q = { where: "${"(".repeat(400)}id EQ 1${")".repeat(400)}" };`,
      `const q = { where: "\\0\\x01\\u2028\\u{10FFFF}" };`,
      "const q = { where: '' };",
      "const q = { [`where`]: '(id eq 1)', 'where': '(id eq 2)', 5: 'x' };",
    ];
    for (const code of codes) {
      const messages = linter.verify(code, config({ keys: ["where"], minSeverity: "hint" }));
      expect(messages.filter((m) => m.fatal === true || m.message.includes("could not check"))).toEqual([]);
    }
  });

  /** Filter fragments, some not canonical, some broken, with characters that need escaping. */
  const fragment = fc.constantFrom("(name EQ 'a')", "(name eq 'b''c')", "id EQ 1", "and", "AND", "OR", " ", "  ", "\n", "NOT", "(", ")", "'\\'", '"', "`", "${", "😀", "\u2028", "é", "(cpu_number GT 2)", "x", "'");
  const styled = fc.tuple(fc.array(fragment, { minLength: 1, maxLength: 8 }), fc.constantFrom<"'" | '"' | "`">("'", '"', "`"), fc.integer({ min: 0, max: 3 }));

  /** `text` as the source of a literal of `quote`, each character escaped one of several ways. */
  function spell(text: string, quote: "'" | '"' | "`", seed: number): string {
    let out = "";
    let i = 0;
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      const way = (seed + i++) % 4;
      const mustEscape = ch === quote || ch === "\\" || ch === "\n" || ch === "\r" || ch === "$" || ch === "{";
      if (way === 0 && !mustEscape) out += ch;
      else if (way === 1 && code < 0x100) out += `\\x${code.toString(16).padStart(2, "0")}`;
      else if (way === 2) out += `\\u{${code.toString(16)}}`;
      else out += ch.split("").map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    }
    return quote + out + quote;
  }

  it("places every report inside its literal, and its fixes end in the canonical form", () => {
    fc.assert(
      fc.property(styled, ([parts, quote, seed]) => {
        const text = parts.join("");
        const literal = spell(text, quote, seed);
        const code = `const q = { where: ${literal} };`;
        const start = code.indexOf(literal);
        const messages = linter.verify(code, config({ keys: ["where"] }));
        for (const m of messages) {
          expect(m.fatal).toBeUndefined();
          expect(m.message).not.toContain("could not check");
          expect(indexOf(code, m.line, m.column)).toBeGreaterThanOrEqual(start);
          expect(indexOf(code, m.endLine!, m.endColumn!)).toBeLessThanOrEqual(start + literal.length);
        }
        const fixed = linter.verifyAndFix(code, config({ keys: ["where"] }));
        const value = (new Function(fixed.output.replace("const q =", "return"))() as { where: string }).where;
        const canonical = formatText(value);
        // a filter that parses ends canonical (or unchanged when canonical only up to its layout)
        if (canonical !== undefined && !value.includes("\n")) expect(value).toBe(canonical);
        if (formatText(text) !== undefined && formatText(text) !== text && !text.includes("\n")) expect(fixed.fixed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("does the same in where templates with ${} between the fragments", () => {
    const holed = fc.array(fc.tuple(fragment, fc.boolean()), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(holed, fc.integer({ min: 0, max: 3 }), (parts, seed) => {
        const source = parts.map(([text, hole], i) => spell(text, "`", seed + i).slice(1, -1) + (hole ? `\${v${i}}` : "")).join("");
        const code = `const f = where\`${source}\`;`;
        const start = code.indexOf("`");
        const messages = linter.verify(code, config({ minSeverity: "hint" }));
        for (const m of messages) {
          expect(m.fatal).toBeUndefined();
          expect(m.message).not.toContain("could not check");
          expect(indexOf(code, m.line, m.column)).toBeGreaterThanOrEqual(start);
          expect(indexOf(code, m.endLine!, m.endColumn!)).toBeLessThanOrEqual(code.length - 1);
        }
        const fixed = linter.verifyAndFix(code, config({}));
        // the fixed template, each ${} read as its placeholder: canonical when it parses
        const text = new Function("where", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", fixed.output.replace("const f =", "return"))(
          (strings: TemplateStringsArray) => strings.reduce((a, b, i) => a + placeholderText(i - 1) + b),
        ) as string;
        const canonical = formatText(text);
        // (a blank template is an error of its own, with no fix)
        if (canonical !== undefined && text.trim() !== "" && !text.includes("\n")) expect(text).toBe(canonical);
      }),
      { numRuns: 200 },
    );
  });
});
