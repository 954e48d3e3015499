/// <reference lib="dom" />
/**
 * Highlighting: mark decorations from `getSemanticTokens`, so the colours agree with the parser on
 * every word, and a default theme for their CSS classes.
 * @module
 */
import { RangeSetBuilder, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { getSemanticTokens } from "../editor/semantic-tokens.js";
import type { SemanticToken } from "../editor/types.js";
import { serviceOptions, vmfilterConfig } from "./config.js";

/**
 * The CSS classes of a token: `cm-vmfilter-<type>` (`property`, `operator`, `keyword`, `string`,
 * `number`, `enumMember`, `parameter`, `invalid`) and one `cm-vmfilter-<modifier>` per modifier
 * (`unknown`, `deprecated`).
 */
export function tokenClass(token: Pick<SemanticToken, "type" | "modifiers">): string {
  return ["cm-vmfilter-" + token.type, ...token.modifiers.map((m) => "cm-vmfilter-" + m)].join(" ");
}

const marks = new Map<string, Decoration>();
function markOf(className: string): Decoration {
  let mark = marks.get(className);
  if (mark === undefined) marks.set(className, (mark = Decoration.mark({ class: className })));
  return mark;
}

/** The highlighting decorations of a state's whole document. */
export function highlightDecorations(state: EditorState): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const length = state.doc.length;
  for (const token of getSemanticTokens(state.doc.toString(), serviceOptions(state))) {
    const end = Math.min(token.end, length);
    if (token.start < end) builder.add(token.start, end, markOf(tokenClass(token)));
  }
  return builder.finish();
}

/** The view plugin that keeps the decorations current as the text or the options change. */
export const vmfilterHighlightPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlightDecorations(view.state);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.startState.facet(vmfilterConfig) !== update.state.facet(vmfilterConfig)) {
        this.decorations = highlightDecorations(update.state);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Colours of the token classes, for light and dark editors (a base theme: any theme overrides it). */
export const vmfilterBaseTheme: Extension = EditorView.baseTheme({
  "&light .cm-vmfilter-property": { color: "#0b5394" },
  "&light .cm-vmfilter-operator": { color: "#8e24aa", fontWeight: "600" },
  "&light .cm-vmfilter-keyword": { color: "#a61b1b", fontWeight: "600" },
  "&light .cm-vmfilter-string": { color: "#2e7d32" },
  "&light .cm-vmfilter-number": { color: "#b45309" },
  "&light .cm-vmfilter-enumMember": { color: "#00796b" },
  "&light .cm-vmfilter-parameter": { color: "#5b5b5b", fontStyle: "italic" },
  "&dark .cm-vmfilter-property": { color: "#7fb8f0" },
  "&dark .cm-vmfilter-operator": { color: "#d19ae6", fontWeight: "600" },
  "&dark .cm-vmfilter-keyword": { color: "#f28b82", fontWeight: "600" },
  "&dark .cm-vmfilter-string": { color: "#a5d6a7" },
  "&dark .cm-vmfilter-number": { color: "#fbc02d" },
  "&dark .cm-vmfilter-enumMember": { color: "#80cbc4" },
  "&dark .cm-vmfilter-parameter": { color: "#b0b0b0", fontStyle: "italic" },
  ".cm-vmfilter-unknown": { textDecoration: "underline dotted" },
  ".cm-vmfilter-deprecated": { textDecoration: "line-through" },
  // help texts rendered from Markdown: hover tooltips and completion info
  ".cm-vmfilter-doc": { maxWidth: "36em", padding: "2px 8px", lineHeight: "1.4" },
  ".cm-vmfilter-doc p, .cm-vmfilter-doc ul, .cm-vmfilter-doc pre": { margin: "4px 0" },
  ".cm-vmfilter-doc ul": { paddingLeft: "1.2em" },
  ".cm-vmfilter-doc code": { fontFamily: "monospace" },
});

/** Highlighting alone: the plugin and its base theme. */
export function vmfilterHighlighting(): Extension {
  return [vmfilterHighlightPlugin, vmfilterBaseTheme];
}
