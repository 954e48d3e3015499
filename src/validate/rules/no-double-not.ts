import type { Rule } from "../rule.js";
import { at } from "./helpers.js";

/** `NOT NOT x` / `NOT (NOT x)`: the two NOTs cancel. The fix keeps just `x`. */
export const noDoubleNot: Rule = {
  id: "no-double-not",
  severity: "warning",
  description: "Two NOTs in a row cancel out; the fix removes both.",
  check(context) {
    for (const outer of context.index.nots) {
      const inner = outer.operand;
      if (inner.kind !== "Not") continue;
      const loc = at(outer);
      const kept = inner.operand;
      const input = context.input;
      // a condition's location leaves out its brackets, so they are written back around it
      const text = input !== undefined && kept.loc ? (kept.kind === "Not" ? input.slice(kept.loc.start, kept.loc.end) : `(${input.slice(kept.loc.start, kept.loc.end)})`) : undefined;
      context.report({
        ...loc,
        message: "Two NOTs in a row cancel out.",
        ...(text !== undefined ? { fix: { title: "Remove both NOTs", edits: [{ ...loc, newText: text }] } } : {}),
      });
    }
  },
};
