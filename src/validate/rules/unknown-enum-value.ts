import { quoteString } from "../../print/format.js";
import { closestSuggestion, didYouMean, suggestionList } from "../../syntax/suggest.js";
import type { Rule } from "../rule.js";
import { knownConditions } from "./helpers.js";

/** A value not among an enum field's values (CP masks with `%` are not checked), with a suggestion. */
export const unknownEnumValue: Rule = {
  id: "unknown-enum-value",
  severity: "error",
  description: "A value that is not one of an enum field's values; suggests the close ones.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "Comparison" || field.type !== "enum" || node.value.kind !== "String" || !node.value.loc) continue;
      const value = node.value.value;
      if (node.operator === "CP" && value.includes("%")) continue;
      const values = field.values ?? [];
      if (values.includes(value)) continue;
      const suggestions = suggestionList(value, values);
      const best = closestSuggestion(value, values);
      const at = node.value.loc;
      context.report({
        ...at,
        message: `'${value}' is not a value of '${field.path}' (${values.map((v) => `'${v}'`).join(", ")}).${didYouMean(suggestions)}`,
        ...(best !== undefined ? { fix: { title: `Replace with '${best}'`, edits: [{ ...at, newText: context.spell(quoteString(best), at.start) }] } } : {}),
      });
    }
  },
};
