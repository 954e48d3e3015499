/**
 * Which operators and values fit a field, by its type. The same rules as the validator's
 * `operator-type-mismatch` (CP only on text, ordering operators not on booleans), `type-mismatch`
 * (no direct comparison of objects; text, enum, boolean values where they belong) and
 * `null-check-on-non-nullable` (no null check on a field that is never null), so completion never
 * proposes what the validator then reports.
 * @module
 */
import type { ResolvedField } from "../schema/schema.js";
import { CompareOperators, type CompareOperator } from "../syntax/ast.js";

/** Types whose values CP cannot match (they are not text). */
const NOT_TEXT = new Set<ResolvedField["type"]>(["integer", "number", "boolean", "reference"]);
const ORDERING = new Set<CompareOperator>(["GT", "GE", "LT", "LE"]);

/** Whether `operator` means something for `field`; every operator fits an unknown field. */
export function operatorFits(operator: CompareOperator, field: ResolvedField | undefined): boolean {
  if (field === undefined) return true;
  if (field.type === "object") return false;
  if (operator === "CP") return !NOT_TEXT.has(field.type);
  if (ORDERING.has(operator)) return field.type !== "boolean";
  return true;
}

/** The comparison operators that fit `field`, in canonical order (all of them for an unknown field). */
export function operatorsFor(field: ResolvedField | undefined): CompareOperator[] {
  return CompareOperators.filter((op) => operatorFits(op, field));
}

/** Whether `IS null` is worth writing on `field`: it may be null (or nothing is known about it). */
export function nullCheckFits(field: ResolvedField | undefined): boolean {
  return field === undefined || field.nullable;
}

/** A value proposed after an operator, in decoded text. */
export interface ValueProposal {
  readonly label: string;
  /** The decoded text inserted. */
  readonly text: string;
  /** Where the cursor goes in `text` (between quotes), or undefined: after it. */
  readonly cursor?: number;
  readonly detail: string;
}

const EMPTY_TEXT: ValueProposal = { label: "'…'", text: "''", cursor: 1, detail: "text value" };
const MASK: ValueProposal = { label: "'%…%'", text: "'%%'", cursor: 2, detail: "mask: contains …" };
const TRUE: ValueProposal = { label: "true", text: "true", detail: "boolean" };
const FALSE: ValueProposal = { label: "false", text: "false", detail: "boolean" };

/**
 * The values to propose after `field operator`: enum members quoted, `true`/`false` for booleans,
 * an empty quoted string for text (and a `'%…%'` mask after CP). Numbers are not proposed (there is
 * nothing to guess). An unknown field gets a quote and the booleans.
 */
export function valuesFor(field: ResolvedField | undefined, operator: CompareOperator | undefined): ValueProposal[] {
  const mask = operator === "CP" ? [MASK] : [];
  if (field === undefined) return operator === "CP" ? [MASK, EMPTY_TEXT] : [EMPTY_TEXT, TRUE, FALSE];
  switch (field.type) {
    case "enum":
      return [...(field.values ?? []).map((v) => ({ label: `'${v}'`, text: `'${v.replace(/'/g, "''")}'`, detail: "enum value" })), ...mask];
    case "boolean":
      return [TRUE, FALSE];
    case "string":
    case "datetime":
      return [...mask, EMPTY_TEXT];
    default:
      return [];
  }
}
