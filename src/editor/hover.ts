/**
 * `getHover`: what is under the cursor. BEING WRITTEN (issue 7).
 * @module
 */
import type { EditorOptions, HoverInfo } from "./types.js";

/** The hover at `offset` of `text`. Not written yet: answers undefined. */
export function getHover(_text: string, _offset: number, _options: EditorOptions = {}): HoverInfo | undefined {
  return undefined;
}
