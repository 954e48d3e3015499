import { isImplicitGroup } from "../../syntax/source.js";
import type { Rule } from "../rule.js";

/**
 * AND and OR mixed without brackets (`a OR b AND c`): the reading depends on AND binding tighter
 * than OR, which the API does not document. The fix adds the brackets that reading implies.
 */
export const noMixedAndOr: Rule = {
  id: "no-mixed-and-or",
  severity: "warning",
  description: "AND and OR mixed without brackets (relies on undocumented precedence); the fix adds brackets.",
  check(context) {
    for (const chain of context.index.chains) {
      if (chain.kind !== "Or") continue;
      for (const operand of chain.operands) {
        if (operand.kind !== "And" || !isImplicitGroup(operand) || !operand.loc) continue;
        const { start, end } = operand.loc;
        context.report({
          start,
          end,
          message: "AND and OR are mixed without brackets; this reading relies on AND binding tighter than OR, which the API does not document.",
          fix: {
            title: "Add brackets around the AND group",
            edits: [
              { start, end: start, newText: "(" },
              { start: end, end, newText: ")" },
            ],
          },
        });
      }
    }
  },
};
