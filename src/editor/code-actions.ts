/**
 * `getCodeActions`: the quick fixes an editor offers for the diagnostics under the cursor, and one
 * action that applies every safe fix at once.
 * @module
 */
import type { Diagnostic } from "../syntax/diagnostics.js";
import { fixEdits, isSafeFix } from "../validate/fixes.js";
import type { CodeAction, TextRange } from "./types.js";

function touches(diagnostic: Diagnostic, range: TextRange): boolean {
  // an empty range (a cursor) touches a diagnostic it sits in or at either end of
  return diagnostic.start <= range.end && range.start <= diagnostic.end;
}

/**
 * The code actions for `range` of `text`, given the diagnostics computed on that same text
 * (`getDiagnostics`): one `quickfix` per diagnostic touching the range that has a fix (preferred
 * when the fix is safe: it cannot change what the filter means), then, when the whole text has
 * more than one safe fix, a `source.fixAll` action that applies all of them. Fixes of diagnostics
 * computed on another text are not offered: an edit outside the text is dropped.
 */
export function getCodeActions(text: string, range: TextRange, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const inText = (d: Diagnostic) => d.fix !== undefined && d.fix.edits.length > 0 && d.fix.edits.every((e) => e.start >= 0 && e.start <= e.end && e.end <= text.length);
  for (const diagnostic of diagnostics) {
    if (!inText(diagnostic) || !touches(diagnostic, range)) continue;
    actions.push({ title: diagnostic.fix!.title, kind: "quickfix", edits: diagnostic.fix!.edits, diagnostics: [diagnostic], isPreferred: isSafeFix(diagnostic) });
  }
  const safe = diagnostics.filter((d) => inText(d) && isSafeFix(d));
  if (safe.length > 1) {
    actions.push({ title: `Fix all safe problems (${safe.length})`, kind: "source.fixAll", edits: fixEdits(text, safe), diagnostics: safe });
  }
  return actions;
}
