import { quoteString } from "../../print/format.js";
import { closestSuggestion, didYouMean, suggestionList } from "../../syntax/suggest.js";
import type { Rule } from "../rule.js";
import { at, knownConditions } from "./helpers.js";

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A value not among an enum field's values (CP masks with `%` are not checked), with a suggestion. */
export const unknownEnumValue: Rule = {
  id: "unknown-enum-value",
  severity: "error",
  description: "A value that is not one of an enum field's values; suggests the close ones.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "Comparison" || field.type !== "enum" || node.value.kind !== "String") continue;
      const value = node.value.value;
      if (node.operator === "CP" && value.includes("%")) continue;
      const values = field.values ?? [];
      if (values.includes(value)) continue;
      // CP without '%' matches the whole value ignoring the case of ASCII letters (LANGUAGE.md section 5)
      if (node.operator === "CP" && values.some((v) => asciiLower(v) === asciiLower(value))) continue;
      const suggestions = suggestionList(value, values);
      const best = closestSuggestion(value, values);
      const loc = at(node.value);
      context.report({
        ...loc,
        message: `'${value}' is not a value of '${field.path}' (${values.map((v) => `'${v}'`).join(", ")}).${didYouMean(suggestions)}`,
        ...(best !== undefined ? { fix: { title: `Replace with '${best}'`, edits: [{ ...loc, newText: context.spell(quoteString(best), loc.start) }] } } : {}),
      });
    }
  },
};
