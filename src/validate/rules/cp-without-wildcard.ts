import type { Rule } from "../rule.js";
import { at, operatorOf } from "./helpers.js";

/** CP with a mask that has no `%`: a whole-value match, which EQ says plainly. The fix writes EQ. */
export const cpWithoutWildcard: Rule = {
  id: "cp-without-wildcard",
  severity: "hint",
  description: "CP with no '%' in the mask matches the whole value, as EQ does; the fix writes EQ.",
  check(context) {
    for (const { node } of context.index.conditions) {
      if (node.kind !== "Comparison" || node.operator !== "CP" || node.value.kind !== "String" || node.value.value.includes("%")) continue;
      const type = context.schema?.field(node.field.name)?.type;
      if (type !== undefined && type !== "string" && type !== "enum" && type !== "datetime") continue; // operator-type-mismatch says it
      const written = operatorOf(context, node);
      const loc = written ?? at(node);
      context.report({
        start: loc.start,
        end: loc.end,
        message:
          "This CP mask has no '%', so it matches the whole value, ignoring the case of ASCII letters. If the case is known, EQ (which compares exactly) says so plainly.",
        ...(written ? { fix: { title: "Replace CP with EQ (compares case too)", edits: [{ start: written.start, end: written.end, newText: "EQ" }] } } : {}),
      });
    }
  },
};
