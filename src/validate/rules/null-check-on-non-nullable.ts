import type { Rule } from "../rule.js";
import { at, knownConditions } from "./helpers.js";

/** `IS null` on a field the schema says is never null: always false (or, under NOT, always true). */
export const nullCheckOnNonNullable: Rule = {
  id: "null-check-on-non-nullable",
  severity: "hint",
  description: "IS null on a field that is never null: the condition is constant.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "IsNull" || field.nullable) continue;
      context.report({ ...at(node), message: `'${field.path}' is never null, so this null test always gives the same answer ('${field.path} IS null' is always false).` });
    }
  },
};
