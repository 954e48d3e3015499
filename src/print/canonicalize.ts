/**
 * Parse-then-print in one call, throwing on errors.
 * @module
 */
import { hasErrors } from "../syntax/diagnostics.js";
import { FilterSyntaxError } from "../syntax/filter-syntax-error.js";
import { parse, type ParseOptions } from "../syntax/parse.js";
import { format } from "./format.js";

/**
 * The canonical text of a filter. Throws {@link FilterSyntaxError} (with every diagnostic) when
 * the input has any error; warnings do not stop it.
 */
export function canonicalize(input: string, options?: ParseOptions): string {
  const { query, diagnostics } = parse(input, options);
  if (hasErrors(diagnostics)) throw new FilterSyntaxError(input, diagnostics);
  return format(query);
}
