import type { ComparisonNode, IsNullNode } from "../../syntax/ast.js";
import { normalizeNumber } from "../../syntax/numbers.js";
import type { Rule } from "../rule.js";
import { at, isNumberText, isNumeric } from "./helpers.js";

/**
 * A value's identity for comparing. On a field the schema says is numeric, a quoted number is the
 * same value as the number (`'1'`, `01`, `1.0`); elsewhere values are compared as written.
 */
function valueKey(node: ComparisonNode, numeric: boolean): string {
  const text = String(node.value.value);
  return numeric && node.value.kind !== "Boolean" && isNumberText(text) ? `number:${normalizeNumber(text)}` : `${node.value.kind}:${text}`;
}

/**
 * `a EQ 1 AND a EQ 2` (or `a EQ 1 AND a IS null`): one field can hold one value, so the AND never
 * matches. Skipped for array fields (any element may match), when the schema says so.
 */
export const noContradiction: Rule = {
  id: "no-contradiction",
  severity: "warning",
  description: "An AND that requires one field to equal two different values (or a value and null): it never matches.",
  check(context) {
    for (const chain of context.index.chains) {
      if (chain.kind !== "And") continue;
      const first = new Map<string, ComparisonNode | IsNullNode>();
      for (const operand of chain.operands) {
        if (operand.kind !== "IsNull" && (operand.kind !== "Comparison" || operand.operator !== "EQ")) continue;
        const name = operand.field.name;
        if (context.schema?.field(name)?.many) continue;
        const earlier = first.get(name);
        if (earlier === undefined) {
          first.set(name, operand);
          continue;
        }
        const field = context.schema?.field(name);
        const numeric = field !== undefined && isNumeric(field);
        const clash =
          earlier.kind === "IsNull" ? operand.kind === "Comparison" : operand.kind === "IsNull" || valueKey(earlier, numeric) !== valueKey(operand, numeric);
        if (clash) {
          context.report({ ...at(operand), message: `'${name}' cannot match both conditions of this AND; it never matches.` });
        }
      }
    }
  },
};
