import type { Rule } from "../rule.js";
import { at } from "./helpers.js";

/** The same field twice in ORDERBY: the second key never decides anything. The fix removes it. */
export const duplicateSortKey: Rule = {
  id: "duplicate-sort-key",
  severity: "warning",
  description: "The same field twice in ORDERBY; the fix removes the later key.",
  check(context) {
    const keys = context.index.sortKeys;
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (seen.has(key.field.name)) {
        const previous = keys[i - 1]?.loc;
        const loc = at(key);
        context.report({
          ...loc,
          message: `'${key.field.name}' is already a sort key; this one never decides the order.`,
          ...(previous ? { fix: { title: `Remove this '${key.field.name}'`, edits: [{ start: previous.end, end: loc.end, newText: "" }] } } : {}),
        });
      }
      seen.add(key.field.name);
    });
  },
};
