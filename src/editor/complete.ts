/**
 * `getCompletions`: context-aware completion. BEING WRITTEN (issue 7).
 * @module
 */
import type { CompletionList, EditorOptions } from "./types.js";

/** The completions at `offset` of `text`. Not written yet: answers an empty list. */
export function getCompletions(_text: string, offset: number, _options: EditorOptions = {}): CompletionList {
  return { range: { start: offset, end: offset }, items: [] };
}
