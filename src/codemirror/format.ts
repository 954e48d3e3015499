/// <reference lib="dom" />
/**
 * The format command: the text replaced by `formatText`'s canonical form, and its key binding.
 * @module
 */
import type { ChangeSpec, EditorState, Extension } from "@codemirror/state";
import { keymap, type Command, type KeyBinding } from "@codemirror/view";
import { formatText } from "../editor/format-text.js";
import { vmfilterConfig } from "./config.js";

/**
 * The change that formats a state's text: only the part that differs (so the cursor before and
 * after it stays put), or `undefined` when the text has a syntax error or is canonical already.
 */
export function formatChange(state: EditorState): ChangeSpec | undefined {
  const { schema, formatEncoding } = state.facet(vmfilterConfig);
  const text = state.doc.toString();
  const formatted = formatText(text, { ...(schema ? { schema } : {}), ...(formatEncoding ? { encoding: formatEncoding } : {}) });
  if (formatted === undefined || formatted === text) return undefined;
  let start = 0;
  while (start < text.length && start < formatted.length && text.charCodeAt(start) === formatted.charCodeAt(start)) start++;
  let end = 0;
  while (end < text.length - start && end < formatted.length - start && text.charCodeAt(text.length - 1 - end) === formatted.charCodeAt(formatted.length - 1 - end)) end++;
  return { from: start, to: text.length - end, insert: formatted.slice(start, formatted.length - end) };
}

/** Formats the filter; false (nothing done) when it has a syntax error or is canonical already. */
export const formatFilter: Command = (view) => {
  const changes = formatChange(view.state);
  if (changes === undefined) return false;
  view.dispatch({ changes, userEvent: "format", scrollIntoView: true });
  return true;
};

/** The key bindings: Shift-Alt-f formats (as in VS Code). */
export const vmfilterKeymap: readonly KeyBinding[] = [{ key: "Shift-Alt-f", run: formatFilter, preventDefault: true }];

/** The format key binding as an extension. */
export function vmfilterFormatKeymap(): Extension {
  return keymap.of(vmfilterKeymap);
}
