import { quoteString } from "../../print/format.js";
import type { Rule } from "../rule.js";
import { at, knownConditions } from "./helpers.js";

/**
 * A bare number compared with a text field (`name EQ 5`). Decision: a warning, not an error: the
 * server is likely to compare it as the text `5`, but saying so with quotes is clearer. The fix
 * quotes it.
 */
export const bareNumberOnStringField: Rule = {
  id: "bare-number-on-string-field",
  severity: "warning",
  description: "A bare number compared with a text field; the fix quotes it.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "Comparison" || node.value.kind !== "Number") continue;
      if (field.type !== "string" && field.type !== "datetime") continue;
      const loc = at(node.value);
      const text = node.value.raw ?? node.value.value;
      context.report({
        ...loc,
        message: `'${field.path}' holds text; quote the number: '${text}'.`,
        fix: { title: `Quote the value: '${text}'`, edits: [{ ...loc, newText: context.spell(quoteString(text), loc.start) }] },
      });
    }
  },
};
