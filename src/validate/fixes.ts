/**
 * Applying quick fixes.
 * @module
 */
import type { Diagnostic, TextEdit } from "../syntax/diagnostics.js";

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false; // two insertions at one place both apply, in order
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Codes whose fix is a guess at what was meant (did-you-mean: a field the schema may simply not
 * list yet, an enum value, a parameter name) or changes what the filter matches (CP, which
 * ignores case, to EQ). Tools apply them only when asked (`vmfilter lint --fix --unsafe-fixes`);
 * editors offer them, but not as the preferred fix.
 */
export const UNSAFE_FIX_CODES: ReadonlySet<string> = new Set(["unknown-field", "unknown-enum-value", "misspelled-parameter", "cp-without-wildcard"]);

/** Whether a diagnostic has a fix that cannot change what the filter means (see {@link UNSAFE_FIX_CODES}). */
export function isSafeFix(diagnostic: Diagnostic): boolean {
  return diagnostic.fix !== undefined && diagnostic.fix.edits.length > 0 && !UNSAFE_FIX_CODES.has(diagnostic.code);
}

/**
 * The edits {@link applyFixes} makes, in text order: fixes taken in position order, a fix any of
 * whose edits overlaps an edit already taken skipped whole.
 */
export function fixEdits(input: string, diagnostics: readonly Diagnostic[]): TextEdit[] {
  const taken: { edit: TextEdit; order: number }[] = [];
  const withFixes = diagnostics.filter((d) => d.fix && d.fix.edits.length > 0).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const diagnostic of withFixes) {
    const edits = diagnostic.fix!.edits;
    if (edits.some((e) => e.start < 0 || e.end > input.length || e.end < e.start)) continue;
    if (edits.some((e) => taken.some((t) => overlaps(e, t.edit)))) continue;
    for (const edit of edits) taken.push({ edit, order: taken.length });
  }
  taken.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order);
  return taken.map((t) => t.edit);
}

/**
 * Applies the fixes of `diagnostics` to `input` and returns the new text. Fixes are taken in
 * position order; a fix any of whose edits overlaps an edit already taken is skipped whole (run
 * `analyze` again on the result to get it). Every character outside the edits stays as it was.
 */
export function applyFixes(input: string, diagnostics: readonly Diagnostic[]): string {
  return applyTextEdits(input, fixEdits(input, diagnostics));
}

/** Applies edits that are sorted by position and do not overlap; text outside them stays as it was. */
export function applyTextEdits(input: string, edits: readonly TextEdit[]): string {
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += input.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + input.slice(at);
}
