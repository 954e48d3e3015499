import { formatExpression } from "../../print/format.js";
import type { Rule } from "../rule.js";

/** The same condition twice in one AND/OR chain: the second adds nothing. */
export const noDuplicateCondition: Rule = {
  id: "no-duplicate-condition",
  severity: "warning",
  description: "The same condition twice in one AND or OR chain.",
  check(context) {
    for (const chain of context.index.chains) {
      const seen = new Set<string>();
      for (const operand of chain.operands) {
        const text = formatExpression(operand);
        if (seen.has(text) && operand.loc) {
          context.report({ ...operand.loc, message: `${text} appears twice in this ${chain.kind === "And" ? "AND" : "OR"} chain.` });
        }
        seen.add(text);
      }
    }
  },
};
