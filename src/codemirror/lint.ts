/// <reference lib="dom" />
/**
 * Lint: a `@codemirror/lint` linter over `getDiagnostics`, each diagnostic's fix offered as an
 * action of its tooltip.
 * @module
 */
import type { EditorState, Extension, Text } from "@codemirror/state";
import { linter, type Action, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import type { EditorView } from "@codemirror/view";
import { getDiagnostics } from "../editor/diagnostics.js";
import type { Diagnostic, TextEdit } from "../syntax/diagnostics.js";
import { serviceOptions, vmfilterConfig } from "./config.js";

/** Default of `VmfilterOptions.lintDelay`: filters are short and linting them takes microseconds. */
export const DEFAULT_LINT_DELAY = 300;

function applyEdits(view: EditorView, edits: readonly TextEdit[]): void {
  const length = view.state.doc.length;
  if (edits.some((e) => e.start < 0 || e.end > length || e.start > e.end)) return;
  view.dispatch({ changes: edits.map((e) => ({ from: e.start, to: e.end, insert: e.newText })), userEvent: "input.fix", scrollIntoView: true });
}

/**
 * The action of a diagnostic's fix. Its edits are offsets into `doc`, the text it was computed
 * on; when the text changed since, the fix is looked up again on the current text (the diagnostic
 * of the same code at the diagnostic's current place), and nothing happens when it is gone.
 */
function fixAction(diagnostic: Diagnostic, doc: Text): Action {
  const fix = diagnostic.fix!;
  return {
    name: fix.title,
    apply(view, from, to) {
      if (view.state.doc === doc) return applyEdits(view, fix.edits);
      const again = getDiagnostics(view.state.doc.toString(), serviceOptions(view.state)).find((d) => d.code === diagnostic.code && d.start === from && d.end === to && d.fix !== undefined);
      if (again !== undefined) applyEdits(view, again.fix!.edits);
    },
  };
}

/**
 * The diagnostics of a state's text in `@codemirror/lint`'s shape: same range and severity, the
 * message, the code as the source line under it, and the fix (when there is one) as an action.
 */
export function lintDiagnostics(state: EditorState): LintDiagnostic[] {
  const doc = state.doc;
  return getDiagnostics(doc.toString(), serviceOptions(state)).map((d) => ({
    from: Math.min(d.start, doc.length),
    to: Math.min(d.end, doc.length),
    severity: d.severity,
    message: d.message,
    source: d.code,
    ...(d.fix !== undefined && d.fix.edits.length > 0 ? { actions: [fixAction(d, doc)] } : {}),
  }));
}

/**
 * The linter: runs `lintDelay` ms after each change and again when the options change (a schema
 * switched through a compartment).
 */
export function vmfilterLinter(delay = DEFAULT_LINT_DELAY): Extension {
  return linter((view) => lintDiagnostics(view.state), {
    delay,
    needsRefresh: (update) => update.startState.facet(vmfilterConfig) !== update.state.facet(vmfilterConfig),
  });
}
