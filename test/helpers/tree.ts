/** Test helpers for comparing trees. */

/** A deep copy of a tree without `loc` and `raw` (trees are equal when these copies are equal). */
export function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc" || key === "raw") continue;
    out[key] = strip(value);
  }
  return out;
}
