/**
 * Code frames: the line of a diagnostic with a caret under its range.
 * @module
 */
import type { Diagnostic } from "./diagnostics.js";
import { LineIndex } from "./location.js";

const WINDOW = 72;

/**
 * Renders the source line of `diagnostic` with carets under its range, e.g.
 * ```
 * 1 | where=(id EQ )
 *   |              ^
 * ```
 * Long lines are cut to a window around the range.
 */
export function codeFrame(source: string, diagnostic: Diagnostic): string {
  return frameWithIndex(diagnostic, new LineIndex(source));
}

/** {@link codeFrame} with a line index shared across several diagnostics of one source. */
export function frameWithIndex(diagnostic: Diagnostic, index: LineIndex): string {
  const lineText = index.lineText(diagnostic.line);
  const startCol = diagnostic.column - 1;
  const endCol = diagnostic.endLine === diagnostic.line ? Math.max(diagnostic.endColumn - 1, startCol + 1) : lineText.length + 1;
  let from = 0;
  if (lineText.length > WINDOW) from = Math.max(0, Math.min(startCol - 20, lineText.length - WINDOW));
  const to = Math.min(lineText.length, from + WINDOW);
  const prefix = from > 0 ? "…" : "";
  const suffix = to < lineText.length ? "…" : "";
  const shown = prefix + lineText.slice(from, to).replace(/[\t\u0000-\u001f]/g, " ") + suffix;
  const gutter = String(diagnostic.line);
  const pad = " ".repeat(gutter.length);
  const caretStart = prefix.length + startCol - from;
  const caretLength = Math.max(1, Math.min(endCol, to + 1) - startCol);
  return `${gutter} | ${shown}\n${pad} | ${" ".repeat(Math.max(0, caretStart))}${"^".repeat(caretLength)}`;
}
