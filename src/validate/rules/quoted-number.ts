import { normalizeNumber } from "../../syntax/numbers.js";
import type { Rule } from "../rule.js";
import { at, isNumberText, isNumeric, knownConditions } from "./helpers.js";

/** A quoted number on a numeric field (`consul_id EQ '1341774670'`): accepted upstream; the fix unquotes it. */
export const quotedNumber: Rule = {
  id: "quoted-number",
  severity: "info",
  description: "A quoted number compared with a numeric field; the fix removes the quotes.",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "Comparison" || node.value.kind !== "String") continue;
      if (!isNumeric(field) || !isNumberText(node.value.value)) continue;
      const number = normalizeNumber(node.value.value);
      const loc = at(node.value);
      context.report({
        ...loc,
        message: `'${field.path}' is numeric: the number needs no quotes (${number}).`,
        fix: { title: `Write ${number}`, edits: [{ ...loc, newText: number }] },
      });
    }
  },
};
