/**
 * The mapping between the editor services' shapes (UTF-16 offsets into the whole text) and the
 * LSP's (lines and UTF-16 characters), in-process: diagnostics, code actions and their edits,
 * completion lists (snippets or plain text), hovers and semantic tokens, on multi-line documents
 * with CRLF line breaks and characters outside the BMP.
 */
import { CompletionItemKind, CompletionItemTag, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { getCodeActions, getCompletions, getDiagnostics, getHover, getSemanticTokens, schemas, type CompletionItem } from "../../src/index.js";
import {
  encodeSemanticTokens,
  matchDiagnostics,
  SEMANTIC_TOKENS_LEGEND,
  toCodeAction,
  toCompletionList,
  toDiagnostic,
  toHover,
  toSpan,
  toTextEdits,
  toWorkspaceEdit,
} from "../../src/lsp/convert.js";

const doc = (text: string, version = 1) => TextDocument.create("file:///w/a.vmfilter", "vmfilter", version, text);

/** `(name EQ '😀'` on line 0 (the emoji is two UTF-16 units), `and old_name eq 'x')` on line 1 after a CRLF. */
const TEXT = "(name EQ '😀'\r\nand old_name eq 'x')";
const schema = schemas.vm.host.extend({ old_name: { type: "string", deprecated: { replacement: "name" } } });

describe("toDiagnostic", () => {
  it("places each diagnostic by line and UTF-16 character, with severity, code, source, tag and data", () => {
    const document = doc(TEXT);
    const lsp = getDiagnostics(TEXT, { schema, rules: { "keyword-case": "info" } }).map((d) => toDiagnostic(document, d));
    expect(lsp).toEqual([
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
        severity: DiagnosticSeverity.Information,
        code: "keyword-case",
        source: "vmfilter",
        message: "Write 'AND', as every server example does, not 'and'.",
        data: { rule: "keyword-case", fix: "Write 'AND'" },
      },
      {
        range: { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } },
        severity: DiagnosticSeverity.Warning,
        code: "deprecated-field",
        source: "vmfilter",
        message: "'old_name' is deprecated; use 'name'.",
        tags: [DiagnosticTag.Deprecated],
        data: { rule: "deprecated-field", fix: "Replace with 'name'" },
      },
      {
        range: { start: { line: 1, character: 13 }, end: { line: 1, character: 15 } },
        severity: DiagnosticSeverity.Information,
        code: "keyword-case",
        source: "vmfilter",
        message: "Write 'EQ', as every server example does, not 'eq'.",
        data: { rule: "keyword-case", fix: "Write 'EQ'" },
      },
    ]);
  });

  it("a syntax error without rule or fix has no data; a syntax error with a fix has only the fix's title", () => {
    const text = "name EQ '😀' AND\r\n  id EQ";
    const document = doc(text);
    const [missing] = getDiagnostics(text).map((d) => toDiagnostic(document, d));
    expect(missing).toEqual({
      range: { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } },
      severity: DiagnosticSeverity.Error,
      code: "missing-value",
      source: "vmfilter",
      message: "Expected a value after 'EQ', found end of input.",
    });
    const open = "name EQ 'a";
    expect(getDiagnostics(open).map((d) => toDiagnostic(doc(open), d))).toEqual([
      {
        range: { start: { line: 0, character: 8 }, end: { line: 0, character: 10 } },
        severity: DiagnosticSeverity.Error,
        code: "unterminated-string",
        source: "vmfilter",
        message: "This string has no closing quote (write '' for a quote inside a string).",
        data: { fix: "Close the string" },
      },
    ]);
  });

  it("severity hint maps to the LSP's Hint", () => {
    const [d] = getDiagnostics("id EQ 1 and id EQ 2").map((x) => toDiagnostic(doc("id EQ 1 and id EQ 2"), x));
    expect([d!.code, d!.severity]).toEqual(["keyword-case", DiagnosticSeverity.Hint]);
  });
});

describe("toSpan", () => {
  it("maps a range to UTF-16 offsets, swaps a backward range and clamps a character past the line's end", () => {
    const document = doc(TEXT);
    // line 1 starts after "(name EQ '😀'\r\n": 13 + 2 units
    expect(toSpan(document, { start: { line: 0, character: 10 }, end: { line: 1, character: 3 } })).toEqual({ start: 10, end: 18 });
    expect(toSpan(document, { start: { line: 1, character: 3 }, end: { line: 0, character: 10 } })).toEqual({ start: 10, end: 18 });
    expect(toSpan(document, { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } })).toEqual({ start: 13, end: 13 });
  });
});

describe("matchDiagnostics", () => {
  const text = "id EQ 1 and name EQ 'a'\nand state EQ 'b'";
  const document = doc(text);
  const current = getDiagnostics(text);
  const [first, second] = current.map((d) => toDiagnostic(document, d));
  const moved = (d: LspDiagnostic, start: { line: number; character: number }, end = d.range.end): LspDiagnostic => ({ ...d, range: { start, end } });

  it("keeps the current diagnostics the client's stand for: same code and range, vmfilter's or without source", () => {
    expect(current.map((d) => [d.code, d.start])).toEqual([
      ["keyword-case", 8],
      ["keyword-case", 24],
    ]);
    expect(matchDiagnostics(document, current, [second!])).toEqual([current[1]]);
    expect(matchDiagnostics(document, current, [{ ...first!, source: undefined }])).toEqual([current[0]]);
    expect(matchDiagnostics(document, current, [])).toEqual([]);
  });

  it("drops a client's diagnostic from another source, with another code, or at any other range", () => {
    expect(matchDiagnostics(document, current, [{ ...first!, source: "eslint" }])).toEqual([]);
    expect(matchDiagnostics(document, current, [{ ...first!, code: "other" }])).toEqual([]);
    const { start, end } = first!.range;
    expect(matchDiagnostics(document, current, [moved(first!, { line: 1, character: start.character })])).toEqual([]);
    expect(matchDiagnostics(document, current, [moved(first!, { line: 0, character: start.character + 1 })])).toEqual([]);
    expect(matchDiagnostics(document, current, [moved(first!, start, { line: 1, character: end.character })])).toEqual([]);
    expect(matchDiagnostics(document, current, [moved(first!, start, { line: 0, character: end.character + 1 })])).toEqual([]);
  });
});

describe("code actions and workspace edits", () => {
  const document = doc(TEXT, 7);
  const diagnostics = getDiagnostics(TEXT, { schema });
  const actions = getCodeActions(TEXT, { start: 0, end: TEXT.length }, diagnostics);

  it("a quick fix carries its diagnostic, isPreferred and a versioned document edit when the client supports documentChanges", () => {
    const quickfix = toCodeAction(document, actions[1]!, true);
    expect(quickfix).toEqual({
      title: "Replace with 'name'",
      kind: "quickfix",
      diagnostics: [toDiagnostic(document, diagnostics[1]!)],
      isPreferred: true,
      edit: {
        documentChanges: [
          {
            textDocument: { uri: "file:///w/a.vmfilter", version: 7 },
            edits: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } }, newText: "name" }],
          },
        ],
      },
    });
  });

  it("the fix-all action has no isPreferred, and plain changes by URI without documentChanges", () => {
    const fixAll = toCodeAction(document, actions[actions.length - 1]!, false);
    expect(fixAll.title).toBe("Fix all safe problems (3)");
    expect(fixAll.kind).toBe("source.fixAll");
    expect("isPreferred" in fixAll).toBe(false);
    expect(fixAll.edit).toEqual({
      changes: {
        "file:///w/a.vmfilter": [
          { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: "AND" },
          { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } }, newText: "name" },
          { range: { start: { line: 1, character: 13 }, end: { line: 1, character: 15 } }, newText: "EQ" },
        ],
      },
    });
    expect(toWorkspaceEdit(document, [], false)).toEqual({ changes: { "file:///w/a.vmfilter": [] } });
  });

  it("toTextEdits maps a whole-document replacement over every line", () => {
    expect(toTextEdits(document, [{ start: 0, end: TEXT.length, newText: "x" }])).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 20 } }, newText: "x" }]);
  });
});

describe("toCompletionList", () => {
  const text = "id EQ 1\r\nAND name CP ";
  const document = doc(text);
  const list = getCompletions(text, text.length, {});

  it("places the cursor of '%%' and '' with $0 when the client supports snippets", () => {
    const lsp = toCompletionList(document, list, true);
    const range = { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } };
    expect(lsp.isIncomplete).toBe(false);
    expect(lsp.items.map((i) => [i.label, i.textEdit, i.insertTextFormat, i.filterText, i.sortText, i.kind, i.detail])).toEqual([
      ["'%…%'", { range, newText: "'%$0%'" }, InsertTextFormat.Snippet, "'%%'", "0000", CompletionItemKind.Value, "mask: contains …"],
      ["'…'", { range, newText: "'$0'" }, InsertTextFormat.Snippet, "''", "0001", CompletionItemKind.Value, "text value"],
    ]);
  });

  it("inserts plain text without snippet support (the default)", () => {
    const lsp = toCompletionList(document, list);
    expect(lsp.items.map((i) => [i.textEdit?.newText, i.insertTextFormat])).toEqual([
      ["'%%'", InsertTextFormat.PlainText],
      ["''", InsertTextFormat.PlainText],
    ]);
  });

  it("escapes the snippet syntax's own characters around $0; a cursor outside the text means plain text", () => {
    const range = { start: 0, end: 0 };
    const item = (insertText: string, cursorOffset: number): CompletionItem => ({ label: insertText, kind: "value", insertText, range, cursorOffset });
    const lsp = toCompletionList(doc(""), { range, items: [item("'$}\\'", 2), item("''", 2), item("''", -1)] }, true);
    expect(lsp.items.map((i) => [i.textEdit?.newText, i.insertTextFormat])).toEqual([
      ["'\\$$0\\}\\\\'", InsertTextFormat.Snippet],
      ["''", InsertTextFormat.PlainText],
      ["''", InsertTextFormat.PlainText],
    ]);
  });

  it("numbers items without a sortText in list order; documentation is Markdown; deprecated fields are tagged", () => {
    const range = { start: 0, end: 0 };
    const items: CompletionItem[] = [
      { label: "a", kind: "punctuation", insertText: " a", range },
      { label: "b", kind: "field", insertText: "b", range, documentation: "**b**", deprecated: true },
    ];
    const lsp = toCompletionList(doc(""), { range, items });
    expect(lsp.items).toEqual([
      { label: "a", kind: CompletionItemKind.Text, textEdit: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: " a" }, filterText: "a", insertTextFormat: InsertTextFormat.PlainText, sortText: "00000" },
      {
        label: "b",
        kind: CompletionItemKind.Field,
        textEdit: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "b" },
        filterText: "b",
        insertTextFormat: InsertTextFormat.PlainText,
        sortText: "00001",
        documentation: { kind: "markdown", value: "**b**" },
        tags: [CompletionItemTag.Deprecated],
      },
    ]);
  });
});

describe("toHover", () => {
  it("Markdown contents and the hovered token's range on its line", () => {
    const text = "name EQ 'a'\r\nAND id EQ 1";
    const hover = getHover(text, 14)!;
    expect(toHover(doc(text), hover)).toEqual({
      contents: { kind: "markdown", value: hover.contents },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
    });
    expect(hover.contents.startsWith("`AND`: both conditions hold")).toBe(true);
  });
});

describe("encodeSemanticTokens", () => {
  it("counts characters in UTF-16 after an emoji, and across a CRLF", () => {
    const text = "name EQ '😀' AND\r\n  id EQ 1";
    const t = (type: string) => SEMANTIC_TOKENS_LEGEND.tokenTypes.indexOf(type);
    expect(encodeSemanticTokens(doc(text), getSemanticTokens(text))).toEqual([
      ...[0, 0, 4, t("property"), 0],
      ...[0, 5, 2, t("operator"), 0],
      ...[0, 3, 4, t("string"), 0],
      ...[0, 5, 3, t("keyword"), 0],
      ...[1, 2, 2, t("property"), 0],
      ...[0, 3, 2, t("operator"), 0],
      ...[0, 3, 1, t("number"), 0],
    ]);
  });

  it("drops an empty token and the empty piece after an unterminated string's final line break", () => {
    const text = "name EQ 'x\n";
    const tokens = getSemanticTokens(text);
    expect(tokens[tokens.length - 1]).toEqual({ start: 8, end: 11, type: "string", modifiers: [] });
    const string = SEMANTIC_TOKENS_LEGEND.tokenTypes.indexOf("string");
    expect(encodeSemanticTokens(doc(text), [{ start: 0, end: 0, type: "property", modifiers: [] }, ...tokens])).toEqual([0, 0, 4, 0, 0, 0, 5, 2, 1, 0, 0, 3, 2, string, 0]);
  });
});
