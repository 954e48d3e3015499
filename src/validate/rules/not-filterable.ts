import type { Rule } from "../rule.js";
import { at, entityOf, knownConditions } from "./helpers.js";

/** A condition on a field the schema marks `filterable: false`. */
export const notFilterable: Rule = {
  id: "not-filterable",
  severity: "error",
  description: "A WHERE condition on a field that cannot be filtered.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (field.filterable) continue;
      context.report({ ...at(node.field), message: `'${field.path}' cannot be filtered${entityOf(context)}.` });
    }
  },
};
