import { quoteString } from "../../print/format.js";
import type { Rule } from "../rule.js";
import type { RuleContext } from "../rule.js";
import { at, isNumberText, knownConditions } from "./helpers.js";

/** " (e.g. 'ip4.ip')": the first declared member of an object field, for messages. */
function memberExample(context: RuleContext, path: string): string {
  const member = context.schema?.paths.find((p) => p.path.startsWith(`${path}.`));
  return member ? ` (e.g. '${member.path}')` : "";
}

/**
 * A value of the wrong type for its field: text on a numeric field (`id EQ 'abc'`), a fraction on
 * an integer, a number or boolean on a text or enum field, anything but true/false on a boolean,
 * a direct comparison with an object. (A number on a text field and a quoted number on a numeric
 * field have rules of their own.)
 */
export const typeMismatch: Rule = {
  id: "type-mismatch",
  severity: "error",
  description: "A value of the wrong type for its field (text on a number field, a number on a boolean, …).",
  needsSchema: true,
  check(context) {
    for (const { node, field } of knownConditions(context)) {
      if (node.kind !== "Comparison") continue;
      const value = node.value;
      const loc = at(value);
      const say = (message: string, fix?: { title: string; newText: string }) =>
        context.report({ ...loc, message, ...(fix ? { fix: { title: fix.title, edits: [{ ...loc, newText: context.spell(fix.newText, loc.start) }] } } : {}) });
      switch (field.type) {
        case "object":
          say(`'${field.path}' holds objects; compare one of its fields instead${memberExample(context, field.path)}.`);
          break;
        case "integer":
        case "number":
        case "reference": {
          const what = field.type === "reference" ? `'${field.path}' is compared by its id, a whole number` : `'${field.path}' holds ${field.type === "integer" ? "whole numbers" : "numbers"}`;
          if (value.kind === "Boolean") say(`${what}, not true or false.`);
          else if (value.kind === "String" && !isNumberText(value.value)) {
            say(`${what}, not text.${field.type === "reference" ? ` Compare '${field.path}.name' or another of its fields for text.` : ""}`);
          } else if (field.type !== "number") {
            const text = value.kind === "Number" ? value.value : value.value;
            if (text.includes(".")) say(`${what}; ${text} has a fraction.`);
          }
          break;
        }
        case "string":
        case "datetime":
        case "enum":
          if (value.kind === "Boolean") {
            say(`'${field.path}' holds text, not true or false.`, { title: `Quote the value: '${String(value.value)}'`, newText: quoteString(String(value.value)) });
          } else if (value.kind === "Number" && field.type === "enum") {
            say(`'${field.path}' holds one of ${field.values!.map((v) => `'${v}'`).join(", ")}, not a number.`);
          }
          break;
        case "boolean":
          if (value.kind === "String" && /^(true|false)$/i.test(value.value)) {
            const text = value.value.toLowerCase();
            say(`'${field.path}' holds true or false, written without quotes.`, { title: `Write ${text}`, newText: text });
          } else if (value.kind !== "Boolean") say(`'${field.path}' holds true or false.`);
          break;
      }
    }
  },
};
