/**
 * Checks of tree nodes built in code (the parser's trees always pass): both compilers read a
 * field and a literal through these, and fail with `run-invalid-input` on anything else.
 * @module
 */
import type { FieldNode, LiteralNode } from "../syntax/ast.js";
import { FilterRunError, RunCodes } from "./diagnostics.js";
import { NUMBER_TEXT } from "./values.js";

/** The field of a condition, checked. @internal */
export function checkedField(field: FieldNode): FieldNode {
  if (typeof field !== "object" || field === null || !Array.isArray(field.path) || field.path.length === 0 || typeof field.name !== "string") {
    throw new FilterRunError(RunCodes.InvalidInput, "A condition's field must be a Field node with a path.");
  }
  return field;
}

/** The literal of a comparison, checked. @internal */
export function checkedLiteral(literal: LiteralNode): LiteralNode {
  const ok =
    typeof literal === "object" &&
    literal !== null &&
    ((literal.kind === "String" && typeof literal.value === "string") ||
      (literal.kind === "Number" && typeof literal.value === "string" && NUMBER_TEXT.test(literal.value)) ||
      (literal.kind === "Boolean" && typeof literal.value === "boolean"));
  if (!ok) throw new FilterRunError(RunCodes.InvalidInput, "A comparison's value must be a String, Number or Boolean literal.");
  return literal;
}
