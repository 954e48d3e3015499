import type { Rule } from "../rule.js";
import { at, knownConditions, operatorOf } from "./helpers.js";

/** An operator that means nothing for the field's type: CP on numbers, booleans and references; GT/GE/LT/LE on booleans. */
export const operatorTypeMismatch: Rule = {
  id: "operator-type-mismatch",
  severity: "error",
  description: "An operator that means nothing for the field's type (CP on a number or boolean, GT on a boolean).",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "Comparison") continue;
      const op = node.operator;
      let why: string | undefined;
      if (op === "CP" && (field.type === "integer" || field.type === "number" || field.type === "boolean" || field.type === "reference")) {
        why = `CP matches text masks; '${field.path}' holds ${field.type === "boolean" ? "true or false" : field.type === "reference" ? "objects compared by id" : "numbers"}.`;
      } else if ((op === "GT" || op === "GE" || op === "LT" || op === "LE") && field.type === "boolean") {
        why = `${op} orders values; '${field.path}' holds true or false (use EQ or NE).`;
      }
      if (why === undefined) continue;
      const written = operatorOf(context, node);
      context.report({ start: (written ?? at(node)).start, end: (written ?? at(node)).end, message: why });
    }
  },
};
