/// <reference lib="dom" />
/**
 * Autocomplete: a `@codemirror/autocomplete` source over `getCompletions`, registered as the
 * editor's language data so it joins any `autocompletion()` configuration of the host.
 * @module
 */
import { autocompletion, pickedCompletion, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from "@codemirror/autocomplete";
import { EditorState, type Extension } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { getCompletions } from "../editor/complete.js";
import type { CompletionItem, CompletionKind, TextRange } from "../editor/types.js";
import { serviceOptions } from "./config.js";
import { renderMarkdown } from "./markdown.js";

/** The icon (`cm-completionIcon-<type>`) of each kind, among those CodeMirror draws. */
const TYPE_OF_KIND: Readonly<Record<CompletionKind, string>> = {
  field: "property",
  operator: "keyword",
  keyword: "keyword",
  value: "constant",
  parameter: "variable",
  direction: "keyword",
  punctuation: "text",
};

/**
 * Applies an item that a plain string cannot: its range differs from the list's, or it places the
 * cursor inside the inserted text (`cursorOffset`, between the quotes of `''`). The range is
 * shifted by what was typed since the list was computed (CodeMirror passes the list's current range).
 */
function applyItem(item: CompletionItem, listRange: TextRange) {
  return (view: EditorView, completion: Completion, from: number, to: number) => {
    const start = item.range.start + (from - listRange.start);
    const end = Math.max(start, item.range.end + (to - listRange.end));
    const cursor = start + Math.max(0, Math.min(item.cursorOffset ?? item.insertText.length, item.insertText.length));
    view.dispatch({
      changes: { from: start, to: end, insert: item.insertText },
      selection: { anchor: cursor },
      annotations: pickedCompletion.of(completion),
      userEvent: "input.complete",
      scrollIntoView: true,
    });
  };
}

/** The completions of deprecated fields, for their CSS class (`cm-vmfilter-deprecated`). */
const deprecatedCompletions = new WeakSet<Completion>();

/**
 * The completion items in CodeMirror's shape. The services' order (by `sortText`, then list
 * order) becomes CodeMirror's `sortText`, so options that match the typed text equally well keep
 * it; the item's `insertText` replaces its `range`, the cursor lands at its `cursorOffset`, and a
 * deprecated field's option has the class `cm-vmfilter-deprecated`.
 */
export function toCompletions(items: readonly CompletionItem[], listRange: TextRange): Completion[] {
  const ranked = items.map((item, index) => ({ item, index })).sort((a, b) => {
    const x = a.item.sortText ?? "";
    const y = b.item.sortText ?? "";
    return x < y ? -1 : x > y ? 1 : a.index - b.index;
  });
  const width = String(ranked.length).length;
  return ranked.map(({ item }, rank) => {
    const plain = item.range.start === listRange.start && item.range.end === listRange.end && item.cursorOffset === undefined;
    const completion: Completion = {
      label: item.label,
      type: TYPE_OF_KIND[item.kind] ?? "text",
      sortText: String(rank).padStart(width, "0"),
      apply: plain ? item.insertText : applyItem(item, listRange),
    };
    if (item.detail !== undefined) completion.detail = item.detail;
    if (item.deprecated === true) deprecatedCompletions.add(completion);
    const documentation = item.documentation;
    if (documentation !== undefined && documentation !== "") completion.info = () => renderMarkdown(documentation);
    return completion;
  });
}

/**
 * The completion source: `getCompletions` at the cursor. Offers nothing while the user types
 * unless the services have something for the word being typed; an explicit request (Ctrl-Space)
 * also opens the list at an empty word.
 */
export const vmfilterCompletionSource: CompletionSource = (context: CompletionContext): CompletionResult | null => {
  const list = getCompletions(context.state.doc.toString(), context.pos, serviceOptions(context.state));
  if (list.items.length === 0) return null;
  if (!context.explicit && list.range.start === list.range.end && context.pos === list.range.start) {
    // typing a space or a bracket: open the list only on request, not at every keystroke
    const before = context.state.sliceDoc(Math.max(0, context.pos - 1), context.pos);
    if (before === "" || /\s/.test(before)) return null;
  }
  return { from: list.range.start, to: list.range.end, options: toCompletions(list.items, list.range) };
};

/**
 * Completion: the source as language data, and `autocompletion()` to show it (with a class for
 * deprecated options; the host's own `autocompletion({...})` settings combine with it).
 */
export function vmfilterCompletion(): Extension {
  return [
    EditorState.languageData.of(() => [{ autocomplete: vmfilterCompletionSource }]),
    autocompletion({ optionClass: (completion) => (deprecatedCompletions.has(completion) ? "cm-vmfilter-deprecated" : "") }),
  ];
}
