import { closestSuggestion, didYouMean, suggestionList } from "../../syntax/suggest.js";
import type { FieldNode } from "../../syntax/ast.js";
import type { Rule, RuleContext } from "../rule.js";
import { at, entityOf } from "./helpers.js";

function check(context: RuleContext, field: FieldNode): void {
  const schema = context.schema!;
  if (schema.field(field.name)) return;
  const loc = at(field);
  const names = schema.paths.map((p) => p.path);
  const suggestions = suggestionList(field.name, names);
  const best = closestSuggestion(field.name, names);
  const fix = best ? { title: `Replace with '${best}'`, edits: [{ ...loc, newText: best }] } : undefined;
  context.report({
    ...loc,
    message: `Unknown field '${field.name}'${entityOf(context)}.${didYouMean(suggestions)}`,
    ...(fix ? { fix } : {}),
  });
}

/** A field the schema does not declare (in WHERE or ORDERBY), with a suggestion. */
export const unknownField: Rule = {
  id: "unknown-field",
  severity: "error",
  description: "A field the schema does not declare; suggests close names (case counts as one edit).",
  needsSchema: true,
  check(context) {
    for (const { node } of context.index.conditions) check(context, node.field);
    for (const key of context.index.sortKeys) check(context, key.field);
  },
};
