/**
 * Rejecting a filter in the API's own error shape.
 * @module
 */
import type { Diagnostic } from "../syntax/diagnostics.js";

/**
 * The error code vmfilter uses for a rejected filter. The official page documents the shape
 * (`{"error":{"code":int,"msg":string,"value":object}}`) and code 3001 (Unauthorized), not the code
 * of a malformed filter, so this is our choice: 4001. Send it with HTTP status 400.
 */
export const INVALID_FILTER_CODE = 4001;

/** The HTTP status to send with {@link toApiError}'s body. */
export const INVALID_FILTER_STATUS = 400;

/** The body of an API error answer. */
export interface ApiError {
  readonly error: {
    readonly code: number;
    readonly msg: string;
    readonly value: {
      readonly diagnostics: readonly {
        readonly code: string;
        readonly severity: Diagnostic["severity"];
        readonly message: string;
        readonly start: number;
        readonly end: number;
        readonly line: number;
        readonly column: number;
      }[];
    };
  };
}

/**
 * The API's error body for a rejected filter: `{ error: { code: 4001, msg, value: { diagnostics } } }`,
 * where `msg` is the first error's message and `value.diagnostics` lists every error and warning
 * (code, severity, message, offsets, line and column). Send it with status 400.
 */
export function toApiError(diagnostics: readonly Diagnostic[]): ApiError {
  const listed = diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");
  const errors = listed.filter((d) => d.severity === "error");
  const first = errors[0] ?? listed[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
  return {
    error: {
      code: INVALID_FILTER_CODE,
      msg: first ? `Invalid filter: ${first.message}${more}` : "Invalid filter",
      value: {
        diagnostics: listed.map((d) => ({
          code: d.code,
          severity: d.severity,
          message: d.message,
          start: d.start,
          end: d.end,
          line: d.line,
          column: d.column,
        })),
      },
    },
  };
}
