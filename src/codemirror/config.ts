/// <reference lib="dom" />
/**
 * The configuration every part of the CodeMirror extension reads: one facet holding the options
 * given to `vmfilter()`, so a schema switched through a `Compartment` reaches highlighting,
 * lint, completion, hover and the format command at once.
 * @module
 */
import { Facet, type EditorState } from "@codemirror/state";
import type { EditorOptions, FormatTextOptions } from "../editor/types.js";

/** Options of the `vmfilter()` extension. */
export interface VmfilterOptions extends EditorOptions {
  /** Milliseconds the linter waits after a change before it runs (default 300). */
  readonly lintDelay?: number;
  /** How the format command spells its result (default `"keep"`: the way the filter is written). */
  readonly formatEncoding?: FormatTextOptions["encoding"];
}

/** The options in effect in an editor state: the first `vmfilter()` configured wins. */
export const vmfilterConfig = Facet.define<VmfilterOptions, VmfilterOptions>({
  combine: (values) => values[0] ?? {},
});

/** The editor-service options of `state` (the facet's value less the CodeMirror-only ones). */
export function serviceOptions(state: EditorState): EditorOptions {
  const { lintDelay: _delay, formatEncoding: _encoding, ...options } = state.facet(vmfilterConfig);
  return options;
}
