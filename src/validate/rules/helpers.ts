/**
 * Small pieces several rules share.
 * @module
 */
import type { ResolvedField } from "../../schema/schema.js";
import type { ComparisonNode, SourceLocation } from "../../syntax/ast.js";
import { keywordsOf, type KeywordSpelling } from "../../syntax/source.js";
import type { RuleContext } from "../rule.js";


/** Whether text is a number as the language writes numbers (`-12.5`). */
export function isNumberText(text: string): boolean {
  return /^-?\d+(?:\.\d+)?$/.test(text);
}


/** Whether the compared type is numeric (integer, number, or a reference's id). */
export function isNumeric(field: ResolvedField): boolean {
  return field.type === "integer" || field.type === "number" || field.type === "reference";
}

/** The keyword token written between two raw offsets (e.g. the operator of a comparison); binary search. */
export function keywordBetween(context: RuleContext, start: number, end: number, canonical: string): KeywordSpelling | undefined {
  const keywords = keywordsOf(context.query);
  let lo = 0;
  let hi = keywords.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keywords[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < keywords.length && keywords[i]!.end <= end; i++) if (keywords[i]!.canonical === canonical) return keywords[i];
  return undefined;
}

/** The operator keyword of a comparison, as written, when the query was parsed. */
export function operatorOf(context: RuleContext, node: ComparisonNode): KeywordSpelling | undefined {
  if (!node.field.loc || !node.value.loc) return undefined;
  return keywordBetween(context, node.field.loc.end, node.value.loc.start, node.operator);
}

/** Where a node without a location (built in code) is reported: the empty range at 0, and no fix. */
export const NOWHERE: SourceLocation = { start: 0, end: 0 };

/** A node's location, or {@link NOWHERE}. */
export function at(node: { readonly loc?: SourceLocation }): SourceLocation {
  return node.loc ?? NOWHERE;
}


/** The entity's name for messages: " in vm.host", or "". */
export function entityOf(context: RuleContext): string {
  return context.schema?.name ? ` in ${context.schema.name}` : "";
}

/** Every condition whose field the schema declares, with that field. */
export function knownConditions(context: RuleContext): RuleContext["known"] {
  return context.known;
}
