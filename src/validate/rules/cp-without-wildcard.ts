import { quoteString } from "../../print/format.js";
import type { ComparisonNode } from "../../syntax/ast.js";
import type { TextEdit } from "../../syntax/diagnostics.js";
import type { Rule, RuleContext } from "../rule.js";
import { at, operatorOf } from "./helpers.js";

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** On an enum field, EQ needs the declared spelling: an edit writing it when the mask differs only in case. */
function enumSpelling(context: RuleContext, node: ComparisonNode, values: readonly string[] | undefined): TextEdit[] {
  if (values === undefined || node.value.kind !== "String" || !node.value.loc || values.includes(node.value.value)) return [];
  const declared = values.find((v) => asciiLower(v) === asciiLower(node.value.value as string));
  if (declared === undefined) return [];
  return [{ ...node.value.loc, newText: context.spell(quoteString(declared), node.value.loc.start) }];
}

/** CP with a mask that has no `%`: a whole-value match, which EQ says plainly. The fix writes EQ. */
export const cpWithoutWildcard: Rule = {
  id: "cp-without-wildcard",
  severity: "hint",
  description: "CP with no '%' in the mask matches the whole value, ignoring ASCII case; the fix writes EQ (which also compares case).",
  check(context) {
    for (const { node } of context.index.conditions) {
      if (node.kind !== "Comparison" || node.operator !== "CP" || node.value.kind !== "String" || node.value.value.includes("%")) continue;
      const field = context.schema?.field(node.field.name);
      const type = field?.type;
      if (type !== undefined && type !== "string" && type !== "enum" && type !== "datetime") continue; // operator-type-mismatch says it
      const written = operatorOf(context, node);
      const loc = written ?? at(node);
      context.report({
        start: loc.start,
        end: loc.end,
        message:
          "This CP mask has no '%', so it matches the whole value, ignoring the case of ASCII letters. If the case is known, EQ (which compares exactly) says so plainly.",
        ...(written ? { fix: { title: "Replace CP with EQ (compares case too)", edits: [{ start: written.start, end: written.end, newText: "EQ" }, ...enumSpelling(context, node, field?.values)] } } : {}),
      });
    }
  },
};
