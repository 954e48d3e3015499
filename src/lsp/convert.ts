/**
 * The editor services' shapes (UTF-16 offsets into the whole text) mapped to the LSP's (line and
 * UTF-16 character positions), and back. Every function here is pure: the document is a
 * `TextDocument` of `vscode-languageserver-textdocument`, whose `positionAt`/`offsetAt` count in
 * UTF-16 code units, as the services do.
 * @module
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  MarkupKind,
  TextDocumentEdit,
  type CodeAction as LspCodeAction,
  type CompletionItem as LspCompletionItem,
  type CompletionList as LspCompletionList,
  type Diagnostic as LspDiagnostic,
  type Hover,
  type Range,
  type SemanticTokensLegend,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, CompletionKind, CompletionList, HoverInfo, SemanticToken, SemanticTokenModifier, SemanticTokenType, TextRange } from "../editor/types.js";
import type { Diagnostic, Severity, TextEdit } from "../syntax/diagnostics.js";

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = "vmfilter";

/** The LSP range of a span of the document. */
export function toRange(document: TextDocument, span: TextRange): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** The span of the document an LSP range covers (positions past a line's end are clamped to it). */
export function toSpan(document: TextDocument, range: Range): TextRange {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return start <= end ? { start, end } : { start: end, end: start };
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What the server puts in an LSP diagnostic's `data`. */
export interface DiagnosticData {
  /** The lint rule that reported it (the id to configure it by in `rules`), when it came from a rule. */
  readonly rule?: string;
  /** The title of the quick fix the server offers for it, when there is one. */
  readonly fix?: string;
}

/**
 * An LSP diagnostic: the exact range, the severity, the stable `code`, `source: "vmfilter"`, the
 * `Deprecated` tag for a deprecated field, and in `data` the rule id and the quick fix's title.
 */
export function toDiagnostic(document: TextDocument, diagnostic: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = {
    ...(diagnostic.rule !== undefined ? { rule: diagnostic.rule } : {}),
    ...(diagnostic.fix !== undefined ? { fix: diagnostic.fix.title } : {}),
  };
  return {
    range: toRange(document, diagnostic),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    ...(diagnostic.code === "deprecated-field" ? { tags: [DiagnosticTag.Deprecated] } : {}),
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The diagnostics of the document (computed now, on its current text) that the client's
 * diagnostics stand for: same range and same code. A client's diagnostic from an older text that
 * no longer matches is dropped, so a fix never lands on text it was not computed for.
 */
export function matchDiagnostics(document: TextDocument, current: readonly Diagnostic[], fromClient: readonly LspDiagnostic[]): Diagnostic[] {
  return current.filter((d) => {
    const range = toRange(document, d);
    return fromClient.some((c) => c.code === d.code && sameRange(c.range, range) && (c.source === undefined || c.source === DIAGNOSTIC_SOURCE));
  });
}

/** The LSP text edits of the services' edits against the document. */
export function toTextEdits(document: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(document, e), newText: e.newText }));
}

/**
 * The workspace edit of edits to one document: a versioned `TextDocumentEdit` (the client refuses it
 * if the document changed since) when the client supports `documentChanges`, else plain `changes`.
 */
export function toWorkspaceEdit(document: TextDocument, edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit {
  const textEdits = toTextEdits(document, edits);
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, textEdits)] };
  return { changes: { [document.uri]: textEdits } };
}

/** An LSP code action (`quickfix` or `source.fixAll`, the LSP's own kind names) with its edit. */
export function toCodeAction(document: TextDocument, action: CodeAction, documentChanges: boolean): LspCodeAction {
  return {
    title: action.title,
    kind: action.kind,
    diagnostics: action.diagnostics.map((d) => toDiagnostic(document, d)),
    ...(action.isPreferred !== undefined ? { isPreferred: action.isPreferred } : {}),
    edit: toWorkspaceEdit(document, action.edits, documentChanges),
  };
}

/**
 * Whether a code action of `kind` is one the client asked for with `only` (a kind matches itself
 * and every kind below it: `source` matches `source.fixAll`). No `only`: every kind.
 */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  if (only === undefined || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

const COMPLETION_KIND: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  field: CompletionItemKind.Field,
  operator: CompletionItemKind.Operator,
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Value,
  parameter: CompletionItemKind.Property,
  direction: CompletionItemKind.Keyword,
  punctuation: CompletionItemKind.Text,
};

/** `$`, `}` and `\\` are the snippet syntax's own characters. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, "\\$&");
}

/**
 * The LSP completion list: every item replaces its range with its `insertText` (a `textEdit`),
 * with its detail, Markdown documentation, sort text and the `Deprecated` tag. An item that places
 * the cursor inside its text (`''`, `'%%'`) is a snippet with `$0` there when the client supports
 * snippets, else plain text (the cursor lands after it).
 */
export function toCompletionList(document: TextDocument, list: CompletionList, snippets = false): LspCompletionList {
  const items = list.items.map((item, index): LspCompletionItem => {
    const range = toRange(document, item.range);
    const cursor = snippets && item.cursorOffset !== undefined && item.cursorOffset >= 0 && item.cursorOffset < item.insertText.length ? item.cursorOffset : undefined;
    const newText = cursor === undefined ? item.insertText : `${escapeSnippet(item.insertText.slice(0, cursor))}$0${escapeSnippet(item.insertText.slice(cursor))}`;
    return {
      label: item.label,
      kind: COMPLETION_KIND[item.kind],
      textEdit: { range, newText },
      // the client filters by the text in the range, spelled as in the document (encoded or not)
      filterText: item.insertText.trimStart(),
      insertTextFormat: cursor === undefined ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      // the services' order is their ranking
      sortText: item.sortText ?? String(index).padStart(5, "0"),
      ...(item.detail !== undefined ? { detail: item.detail } : {}),
      ...(item.documentation !== undefined ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
      ...(item.deprecated === true ? { tags: [CompletionItemTag.Deprecated] } : {}),
    };
  });
  return { isIncomplete: false, items };
}

/** The LSP hover: Markdown contents and the hovered range. */
export function toHover(document: TextDocument, hover: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: toRange(document, hover.range) };
}

/**
 * Index of each semantic token type in the legend. A `Record` over the union, so a type added to
 * `SemanticTokenType` fails compilation until it has its place here. All but `invalid` are the
 * LSP's standard names; a client ignores a type it does not know.
 */
const TYPE_INDEX: Readonly<Record<SemanticTokenType, number>> = {
  property: 0,
  operator: 1,
  keyword: 2,
  string: 3,
  number: 4,
  enumMember: 5,
  parameter: 6,
  invalid: 7,
};

/** Bit of each semantic token modifier (`deprecated` is the LSP's standard one). */
const MODIFIER_BIT: Readonly<Record<SemanticTokenModifier, number>> = {
  deprecated: 0,
  unknown: 1,
};

function byValue<K extends string>(record: Readonly<Record<K, number>>): K[] {
  return (Object.keys(record) as K[]).sort((a, b) => record[a] - record[b]);
}

/** The semantic tokens legend the server announces: the `SemanticTokenType` and `SemanticTokenModifier` unions. */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: byValue(TYPE_INDEX),
  tokenModifiers: byValue(MODIFIER_BIT),
};

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The LSP's relative encoding of semantic tokens: five numbers per token (line delta, start
 * character delta, length, type index, modifier bits). A token that spans lines (a quoted value
 * with a line break) is split into one token per line, as clients without multi-line token
 * support need; empty pieces are dropped.
 */
export function encodeSemanticTokens(document: TextDocument, tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousChar = 0;
  const push = (line: number, char: number, length: number, type: number, modifiers: number) => {
    if (length <= 0) return;
    data.push(line - previousLine, line === previousLine ? char - previousChar : char, length, type, modifiers);
    previousLine = line;
    previousChar = char;
  };
  for (const token of tokens) {
    const type = TYPE_INDEX[token.type];
    if (token.end <= token.start) continue;
    let modifiers = 0;
    for (const m of token.modifiers) modifiers |= 1 << MODIFIER_BIT[m];
    const start = document.positionAt(token.start);
    const pieces = document.getText({ start, end: document.positionAt(token.end) }).split(LINE_BREAK);
    pieces.forEach((piece, i) => push(start.line + i, i === 0 ? start.character : 0, piece.length, type, modifiers));
  }
  return data;
}
