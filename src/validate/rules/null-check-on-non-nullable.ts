import type { Rule } from "../rule.js";
import { knownConditions } from "./helpers.js";

/** `IS null` on a field the schema says is never null: always false (or, under NOT, always true). */
export const nullCheckOnNonNullable: Rule = {
  id: "null-check-on-non-nullable",
  severity: "hint",
  description: "IS null on a field that is never null: the condition is constant.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "IsNull" || field.nullable || !node.loc) continue;
      context.report({ ...node.loc, message: `'${field.path}' is never null, so '${field.path} IS null' is always false.` });
    }
  },
};
