import type { ComparisonNode, Expression } from "../../syntax/ast.js";
import type { Rule, RuleContext } from "../rule.js";
import { at, isNumberText, isNumeric } from "./helpers.js";
import { normalizeNumber } from "../../syntax/numbers.js";

/**
 * Whether two comparisons compare with the same value. On a field the schema says is numeric, a
 * quoted number equals the number; elsewhere values are compared as written.
 */
function sameValue(a: ComparisonNode, b: ComparisonNode, numeric: boolean): boolean {
  if (a.value.kind === b.value.kind && a.value.value === b.value.value) return true;
  if (!numeric || a.value.kind === "Boolean" || b.value.kind === "Boolean") return false;
  return isNumberText(a.value.value) && isNumberText(b.value.value) && normalizeNumber(a.value.value) === normalizeNumber(b.value.value);
}

/** Whether two operands are the same condition (or NOT of one); groups are never compared. */
function sameCondition(context: RuleContext, a: Expression, b: Expression): boolean {
  if (a.kind === "Not" && b.kind === "Not") return sameCondition(context, a.operand, b.operand);
  if (a.kind === "IsNull" && b.kind === "IsNull") return a.field.name === b.field.name;
  if (a.kind === "Comparison" && b.kind === "Comparison") {
    if (a.field.name !== b.field.name || a.operator !== b.operator) return false;
    const field = context.schema?.field(a.field.name);
    return sameValue(a, b, field !== undefined && isNumeric(field));
  }
  return false;
}

/** The same condition twice in one AND/OR chain: the second adds nothing. */
export const noDuplicateCondition: Rule = {
  id: "no-duplicate-condition",
  severity: "warning",
  description: "The same condition twice in one AND or OR chain.",
  check(context) {
    for (const chain of context.index.chains) {
      const operands = chain.operands;
      // pairwise: chains are short, and comparing allocates nothing
      for (let i = 1; i < operands.length; i++) {
        const operand = operands[i]!;
        if (operand.kind === "And" || operand.kind === "Or") continue;
        for (let j = 0; j < i; j++) {
          if (!sameCondition(context, operands[j]!, operand)) continue;
          context.report({ ...at(operand), message: `This condition already appears in this ${chain.kind === "And" ? "AND" : "OR"} chain.` });
          break;
        }
      }
    }
  },
};
