/**
 * The API's error: the body every VMmanager 6 function answers a failure with
 * (`{"error":{"code":int,"msg":string,"value":object}}`), its stable codes, the {@link ApiError}
 * class clients throw and servers answer from, and {@link toApiError} for a rejected filter.
 * Browser-safe: the client (`vmfilter/client`), the server helpers (`vmfilter/server`) and
 * `vmfilter serve` share this one concept.
 * @module
 */
import type { Diagnostic } from "../syntax/diagnostics.js";

/**
 * The error codes vmfilter reads and writes. Stable: a code never changes meaning.
 *
 * From the official API page: `Unauthorized` (3001, a function called without a valid token) and
 * `InvalidPassword` (22013, a failed login). `SessionExpired` (1000) is not on that page: it is the
 * answer some instances give for an expired session, and clients treat it like 3001. The others are
 * vmfilter's own choices, for what the page leaves open: a rejected filter (4001, HTTP 400), a bad
 * request body (4000), an unknown function or record (4004), a method a function does not take
 * (4005), a server's own failure (5002, HTTP 500), an instance waking up (5003, HTTP 503), and, on
 * the client side only, an answer that is not in the API's shape (5000) and a request that got no
 * answer at all (5001).
 */
export const ApiCodes = {
  /** An expired session, as some instances answer it (not on the official page); clients log in again. */
  SessionExpired: 1000,
  /** The official page's 3001: no valid token (HTTP 401). */
  Unauthorized: 3001,
  /** Ours: a request body that is not the JSON the function takes (HTTP 400). */
  BadRequest: 4000,
  /** Ours: a rejected filter (HTTP 400), `value.diagnostics` listing every problem. */
  InvalidFilter: 4001,
  /** Ours: no such function or record (HTTP 404). */
  NotFound: 4004,
  /** Ours: a method the function does not take (HTTP 405). */
  MethodNotAllowed: 4005,
  /** Client side: an answer not in the API's shape (an HTML error page, a list without `list`). */
  UnexpectedAnswer: 5000,
  /** Client side: no answer at all (refused connection, DNS, TLS); the cause is kept. */
  NetworkError: 5001,
  /** Ours: the server failed (HTTP 500). */
  InternalError: 5002,
  /** Ours: the instance is waking up (HTTP 503); clients retry. */
  Unavailable: 5003,
  /** The official page's 22013: a failed login. */
  InvalidPassword: 22013,
} as const;

/** One of {@link ApiCodes}' values (a server may answer others: `ApiError.code` is any number). */
export type ApiCode = (typeof ApiCodes)[keyof typeof ApiCodes];

/**
 * The error code vmfilter uses for a rejected filter (`ApiCodes.InvalidFilter`). The official page
 * documents the shape and code 3001 (Unauthorized), not the code of a malformed filter, so this is
 * our choice: 4001. Send it with HTTP status 400.
 */
export const INVALID_FILTER_CODE = ApiCodes.InvalidFilter;

/** The HTTP status to send with {@link toApiError}'s body. */
export const INVALID_FILTER_STATUS = 400;

/** The body of an API error answer, as it travels: `{ error: { code, msg, value? } }`. */
export interface ApiErrorBody<V = unknown> {
  /** The error. */
  readonly error: {
    /** The error code ({@link ApiCodes} or the server's own). */
    readonly code: number;
    /** The message, for people. */
    readonly msg: string;
    /** Additional information, when there is any. */
    readonly value?: V;
  };
}

/** One diagnostic as a rejected filter's body lists it: offsets into the text the server parsed. */
export interface ApiDiagnostic {
  /** The diagnostic's stable code (`unknown-field`, `missing-value`, …). */
  readonly code: string;
  /** `"error"` or `"warning"`. */
  readonly severity: Diagnostic["severity"];
  /** The message, for people. */
  readonly message: string;
  /** Where the problem starts: a UTF-16 offset into the text the server parsed. */
  readonly start: number;
  /** Where it ends (exclusive). */
  readonly end: number;
  /** The 1-based line of `start`. */
  readonly line: number;
  /** The 1-based column of `start`. */
  readonly column: number;
}

/** The `value` of a rejected filter's body: every error and warning. */
export interface InvalidFilterValue {
  /** Every error and warning, in text order. */
  readonly diagnostics: readonly ApiDiagnostic[];
}

/** The body {@link toApiError} makes: code 4001 and the diagnostics, always with a `value`. */
export interface InvalidFilterBody extends ApiErrorBody<InvalidFilterValue> {
  /** The error: code 4001, the first error's message, the diagnostics. */
  readonly error: ApiErrorBody<InvalidFilterValue>["error"] & { /** Every error and warning. */ readonly value: InvalidFilterValue };
}

/** Whether a value has the API's error shape (`error.code` a number, `error.msg` a string). */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "number" && typeof (error as { msg?: unknown }).msg === "string";
}

/** Where a failed request went, for messages and for locating a rejected filter's offsets. */
export interface ApiRequestInfo {
  /** `GET`, `POST` or `DELETE`. */
  readonly method: string;
  /** The URL as it was sent (after the platform's own encoding). */
  readonly url: string;
}

/**
 * An API error: the HTTP status with the body's `code`, `msg` and `value`. Clients throw it for
 * every answer that is not a success; servers make their error answers from it
 * ({@link ApiError.toBody}). `value` is typed by the caller; for code 4001 it is an
 * {@link InvalidFilterValue}.
 *
 * @example
 * try { await client.list("/vm/v3/host", "name EQ 'web'"); }
 * catch (error) { if (error instanceof ApiError && error.code === ApiCodes.InvalidFilter) … }
 */
export class ApiError<V = unknown> extends Error {
  /** The HTTP status (0 when there was no answer at all). */
  readonly status: number;
  /** The body's error code (one of {@link ApiCodes} or the server's own). */
  readonly code: number;
  /** The body's message. */
  readonly msg: string;
  /** The body's additional information, when it has any. */
  readonly value: V | undefined;
  /** The request that failed, when a client made it. */
  readonly request: ApiRequestInfo | undefined;

  constructor(status: number, error: { readonly code: number; readonly msg: string; readonly value?: V }, options: { readonly request?: ApiRequestInfo; readonly cause?: unknown } = {}) {
    super(`${error.msg} (code ${error.code}, HTTP ${status})${options.request ? ` for ${options.request.method} ${options.request.url}` : ""}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ApiError";
    this.status = status;
    this.code = error.code;
    this.msg = error.msg;
    this.value = error.value;
    this.request = options.request;
  }

  /** The body to answer with: `{ error: { code, msg, value } }` (`value` only when there is one). */
  toBody(): ApiErrorBody<V> {
    return { error: { code: this.code, msg: this.msg, ...(this.value === undefined ? {} : { value: this.value }) } };
  }

  /**
   * The error an answer stands for: its body's code, message and value when the body has the API's
   * shape; else {@link ApiCodes.Unavailable} for a 503 (a proxy's page while the instance wakes up)
   * and {@link ApiCodes.UnexpectedAnswer} for any other status, with the status text (and the
   * start of a text body).
   */
  static fromAnswer(status: number, body: unknown, options: { readonly request?: ApiRequestInfo; readonly statusText?: string } = {}): ApiError {
    if (isApiErrorBody(body)) return new ApiError(status, body.error, options);
    const text = typeof body === "string" && body.trim() !== "" ? `: ${body.trim().slice(0, 200)}` : "";
    const code = status === 503 ? ApiCodes.Unavailable : ApiCodes.UnexpectedAnswer;
    return new ApiError(status, { code, msg: `${status === 503 ? "Unavailable" : "Unexpected answer"} (HTTP ${status}${options.statusText ? ` ${options.statusText}` : ""})${text}` }, options);
  }
}

/**
 * The API's error body for a rejected filter: `{ error: { code: 4001, msg, value: { diagnostics } } }`,
 * where `msg` is the first error's message and `value.diagnostics` lists every error and warning
 * (code, severity, message, offsets, line and column). Send it with status 400.
 */
export function toApiError(diagnostics: readonly Diagnostic[]): InvalidFilterBody {
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
