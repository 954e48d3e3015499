/// <reference lib="dom" />
/**
 * `vmfilter/codemirror`: the filter language in a CodeMirror 6 editor. One extension,
 * `vmfilter({ schema, rules })`, gives highlighting, lint with quick fixes, autocomplete, hover
 * help and a format command, each a thin layer over the editor services of `vmfilter`. The
 * `@codemirror/*` packages are optional peer dependencies: install them to use this entry.
 *
 * ```typescript
 * const view = new EditorView({ parent, doc: "name EQ 'web'", extensions: [basicSetup, vmfilter({ schema: schemas.vm.host })] });
 * ```
 * @module
 */
import type { Extension } from "@codemirror/state";
import { vmfilterConfig, type VmfilterOptions } from "./config.js";
import { vmfilterCompletion } from "./complete.js";
import { vmfilterFormatKeymap } from "./format.js";
import { vmfilterHighlighting } from "./highlight.js";
import { vmfilterHover } from "./hover.js";
import { DEFAULT_LINT_DELAY, vmfilterLinter } from "./lint.js";

/**
 * The whole extension: the options (as {@link vmfilterConfig}), highlighting with its base theme,
 * the linter, the completion source with `autocompletion()`, hover tooltips and the Shift-Alt-f
 * format binding. Put it in a `Compartment` to switch the schema later
 * (`view.dispatch({ effects: compartment.reconfigure(vmfilter({ schema })) })`): every part reads
 * the new options, and the linter runs again.
 */
export function vmfilter(options: VmfilterOptions = {}): Extension {
  return [
    vmfilterConfig.of(options),
    vmfilterHighlighting(),
    vmfilterLinter(options.lintDelay ?? DEFAULT_LINT_DELAY),
    vmfilterCompletion(),
    vmfilterHover(),
    vmfilterFormatKeymap(),
  ];
}

export { vmfilterConfig, serviceOptions } from "./config.js";
export type { VmfilterOptions } from "./config.js";
export { vmfilterHighlighting, vmfilterHighlightPlugin, vmfilterBaseTheme, highlightDecorations, tokenClass } from "./highlight.js";
export { vmfilterLinter, lintDiagnostics, DEFAULT_LINT_DELAY } from "./lint.js";
export { vmfilterCompletion, vmfilterCompletionSource, toCompletions } from "./complete.js";
export { vmfilterHover } from "./hover.js";
export { formatFilter, formatChange, vmfilterKeymap, vmfilterFormatKeymap } from "./format.js";
export { renderMarkdown } from "./markdown.js";
