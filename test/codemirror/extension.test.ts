/**
 * The CodeMirror extension's mapping of the editor services onto CodeMirror's shapes, in Node
 * (EditorState works without a DOM): lint diagnostics and their fix actions, highlighting
 * decorations, completion options and the source, the format change, and the options facet. What
 * needs a real DOM (the view plugin drawing, tooltips, keys) is tested in Chromium by
 * test/browser/playground.test.ts.
 */
import { CompletionContext, type Completion, type CompletionResult } from "@codemirror/autocomplete";
import { ChangeSet, EditorState, type ChangeSpec, type TransactionSpec } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import {
  formatChange,
  highlightDecorations,
  lintDiagnostics,
  serviceOptions,
  toCompletions,
  vmfilter,
  vmfilterCompletionSource,
  vmfilterConfig,
  type VmfilterOptions,
} from "../../src/codemirror/index.js";
import { getCompletions, schemas, type CompletionItem } from "../../src/index.js";

const host = schemas.vm.host;

function stateOf(doc: string, options: VmfilterOptions = {}): EditorState {
  return EditorState.create({ doc, extensions: vmfilter(options) });
}

/** A stand-in for EditorView with what lint actions and completion apply functions use. */
function fakeView(state: EditorState): EditorView & { state: EditorState } {
  const view = {
    state,
    dispatch(spec: TransactionSpec) {
      view.state = view.state.update(spec).state;
    },
  };
  return view as unknown as EditorView & { state: EditorState };
}

function decorated(state: EditorState): string[] {
  const out: string[] = [];
  highlightDecorations(state).between(0, state.doc.length, (from, to, value) => {
    out.push(`${state.sliceDoc(from, to)}:${String(value.spec.class)}`);
  });
  return out;
}

describe("vmfilter() and its options", () => {
  it("keeps the options in the facet and hands the services only theirs", () => {
    const state = stateOf("name EQ 'a'", { schema: host, rules: { "keyword-case": "off" }, lintDelay: 5, formatEncoding: "encoded" });
    expect(state.facet(vmfilterConfig).lintDelay).toBe(5);
    expect(serviceOptions(state)).toEqual({ schema: host, rules: { "keyword-case": "off" } });
  });

  it("answers empty options without vmfilter()", () => {
    expect(serviceOptions(EditorState.create({ doc: "x" }))).toEqual({});
  });
});

describe("lintDiagnostics", () => {
  it("maps range, severity, message and code", () => {
    const [unknown, ...rest] = lintDiagnostics(stateOf("foo EQ 1", { schema: host }));
    expect(rest).toEqual([]);
    expect(unknown).toMatchObject({ from: 0, to: 3, severity: "error", message: "Unknown field 'foo' in vm.host. Did you mean 'os'?", source: "unknown-field" });
    expect(unknown!.actions!.map((a) => a.name)).toEqual(["Replace with 'os'"]);
    expect(lintDiagnostics(stateOf("foo EQ 1"))).toEqual([]);
  });

  it("follows the rules option", () => {
    expect(lintDiagnostics(stateOf("name EQ 'a' and id EQ 1")).map((d) => [d.source, d.severity])).toEqual([["keyword-case", "hint"]]);
    expect(lintDiagnostics(stateOf("name EQ 'a' and id EQ 1", { rules: { "keyword-case": "off" } }))).toEqual([]);
  });

  it("offers the fix as an action that edits the text", () => {
    const state = stateOf("name EQ active");
    const [diagnostic] = lintDiagnostics(state);
    expect(diagnostic!.actions!.map((a) => a.name)).toEqual(["Quote the value: 'active'"]);
    const view = fakeView(state);
    diagnostic!.actions![0]!.apply(view, diagnostic!.from, diagnostic!.to);
    expect(view.state.doc.toString()).toBe("name EQ 'active'");
  });

  it("applies a fix to a text changed since lint at the diagnostic's new place, and nothing once it is gone", () => {
    const state = stateOf("name EQ active");
    const [diagnostic] = lintDiagnostics(state);
    const view = fakeView(state);
    view.dispatch({ changes: { from: 0, insert: "(id EQ 1) AND " } });
    diagnostic!.actions![0]!.apply(view, diagnostic!.from + 14, diagnostic!.to + 14);
    expect(view.state.doc.toString()).toBe("(id EQ 1) AND name EQ 'active'");
    diagnostic!.actions![0]!.apply(view, diagnostic!.from + 14, diagnostic!.to + 14);
    expect(view.state.doc.toString()).toBe("(id EQ 1) AND name EQ 'active'");
  });

  it("has no action for a diagnostic without a fix", () => {
    const [diagnostic] = lintDiagnostics(stateOf("name EQ"));
    expect(diagnostic).toMatchObject({ from: 7, to: 7, severity: "error", source: "missing-value" });
    expect(diagnostic!.actions).toBeUndefined();
  });
});

describe("highlightDecorations", () => {
  it("marks each token with its classes", () => {
    expect(decorated(stateOf("where=(name EQ 'a') AND NOT (id GT 5)&orderby=name desc"))).toEqual([
      "where:cm-vmfilter-parameter",
      "name:cm-vmfilter-property",
      "EQ:cm-vmfilter-operator",
      "'a':cm-vmfilter-string",
      "AND:cm-vmfilter-keyword",
      "NOT:cm-vmfilter-keyword",
      "id:cm-vmfilter-property",
      "GT:cm-vmfilter-operator",
      "5:cm-vmfilter-number",
      "orderby:cm-vmfilter-parameter",
      "name:cm-vmfilter-property",
      "desc:cm-vmfilter-keyword",
    ]);
  });

  it("adds the schema's modifiers", () => {
    const schema = host.extend({ old_name: { type: "string", deprecated: { replacement: "name" } } });
    expect(decorated(stateOf("(nmae EQ 'a') AND (old_name IS null)", { schema })).filter((d) => d.includes("property"))).toEqual([
      "nmae:cm-vmfilter-property cm-vmfilter-unknown",
      "old_name:cm-vmfilter-property cm-vmfilter-deprecated",
    ]);
  });
});

describe("completion", () => {
  const item = (label: string, extra: Partial<CompletionItem> = {}): CompletionItem => ({ label, kind: "field", insertText: label, range: { start: 0, end: 2 }, ...extra });

  it("keeps the services' order (sortText, then list order) and maps kinds to icons", () => {
    const options = toCompletions([item("b", { sortText: "2" }), item("a", { sortText: "1", kind: "operator" }), item("c"), item("d")], { start: 0, end: 2 });
    expect(options.map((o) => `${o.sortText}:${o.label}:${o.type}`)).toEqual(["0:c:property", "1:d:property", "2:a:keyword", "3:b:property"]);
  });

  it("inserts insertText over the range, placing the cursor at cursorOffset", () => {
    const [plain, quoted] = toCompletions([item("name", { insertText: "name", detail: "string" }), item("'…'", { insertText: "''", cursorOffset: 1 })], { start: 0, end: 2 });
    expect(plain).toMatchObject({ label: "name", apply: "name", detail: "string" });
    const view = fakeView(EditorState.create({ doc: "na EQ 1" }));
    (quoted!.apply as (v: EditorView, c: Completion, from: number, to: number) => void)(view, quoted!, 0, 2);
    expect(view.state.doc.toString()).toBe("'' EQ 1");
    expect(view.state.selection.main.head).toBe(1);
  });

  it("asks getCompletions at the cursor and answers its range and items", () => {
    const text = "(state EQ 'active') AND ram_m";
    const state = stateOf(text, { schema: host });
    const result = vmfilterCompletionSource(new CompletionContext(state, text.length, true)) as CompletionResult;
    const expected = getCompletions(text, text.length, { schema: host });
    expect(expected.items.length).toBeGreaterThan(0);
    expect(result.from).toBe(expected.range.start);
    expect(result.to).toBe(expected.range.end);
    expect(result.options.map((o) => o.label)).toEqual(expected.items.map((i) => i.label));
    expect(result.options.map((o) => o.label)).toContain("ram_mib");
  });

  it("opens at an empty word after a space only when asked", () => {
    const state = stateOf("name ", { schema: host });
    expect(vmfilterCompletionSource(new CompletionContext(state, 5, false))).toBeNull();
    const explicit = vmfilterCompletionSource(new CompletionContext(state, 5, true)) as CompletionResult;
    expect(explicit.options.map((o) => o.label)).toContain("EQ");
  });
});

describe("formatChange", () => {
  const formatted = (state: EditorState) => {
    const change = formatChange(state);
    return change === undefined ? undefined : { change, text: ChangeSet.of(change as ChangeSpec, state.doc.length).apply(state.doc).toString() };
  };

  it("replaces only the part that changes", () => {
    expect(formatted(stateOf("name EQ 'web' and id gt 5"))).toEqual({
      change: { from: 0, to: 25, insert: "(name EQ 'web') AND (id GT 5)" },
      text: "(name EQ 'web') AND (id GT 5)",
    });
    expect(formatted(stateOf("(name EQ 'web') and (id EQ 5)"))).toEqual({
      change: { from: 16, to: 19, insert: "AND" },
      text: "(name EQ 'web') AND (id EQ 5)",
    });
  });

  it("leaves broken and canonical text alone", () => {
    expect(formatChange(stateOf("name EQ"))).toBeUndefined();
    expect(formatChange(stateOf("(name EQ 'web') AND (id GT 5)"))).toBeUndefined();
  });

  it("spells the result as formatEncoding says", () => {
    expect(formatted(stateOf("where=name EQ 'a b'", { formatEncoding: "encoded" }))?.text).toBe("where=(name+EQ+'a+b')");
  });
});
