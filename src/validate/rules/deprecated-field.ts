import type { FieldNode } from "../../syntax/ast.js";
import type { Rule, RuleContext } from "../rule.js";
import { at } from "./helpers.js";

function check(context: RuleContext, node: FieldNode): void {
  const field = context.schema!.field(node.name);
  if (!field?.deprecated) return;
  const loc = at(node);
  const { replacement, reason } = field.deprecated;
  context.report({
    ...loc,
    message: `'${field.path}' is deprecated${reason ? ` (${reason})` : ""}${replacement ? `; use '${replacement}'` : ""}.`,
    ...(replacement ? { fix: { title: `Replace with '${replacement}'`, edits: [{ ...loc, newText: replacement }] } } : {}),
  });
}

/** A deprecated field, with a fix to its replacement when the schema names one. */
export const deprecatedField: Rule = {
  id: "deprecated-field",
  severity: "warning",
  description: "A deprecated field; the fix replaces it with the field the schema names.",
  needsSchema: true,
  check(context) {
    for (const { node } of context.index.conditions) check(context, node.field);
    for (const key of context.index.sortKeys) check(context, key.field);
  },
};
