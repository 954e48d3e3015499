import type { Rule } from "../rule.js";
import { at, entityOf } from "./helpers.js";

/** An ORDERBY key on a field the schema marks not sortable (arrays and objects by default). */
export const notSortable: Rule = {
  id: "not-sortable",
  severity: "error",
  description: "An ORDERBY key on a field that cannot be sorted by (arrays and objects by default).",
  needsSchema: true,
  check(context) {
    for (const key of context.index.sortKeys) {
      const field = context.schema!.field(key.field.name);
      if (!field || field.sortable) continue;
      context.report({ ...at(key.field), message: `Rows cannot be sorted by '${field.path}'${entityOf(context)}.` });
    }
  },
};
