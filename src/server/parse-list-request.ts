/**
 * `parseListRequest`: the filter of a list request (`GET /vm/v3/host?where=…&orderby=…&limit=…`)
 * read on the server side, with any framework or none: a query to run with `apply` or `toSql`,
 * or the answer to send back in the API's error shape.
 * @module
 */
import type { Schema } from "../schema/schema.js";
import type { QueryNode } from "../syntax/ast.js";
import { hasErrors, type Diagnostic } from "../syntax/diagnostics.js";
import type { ParseOptions } from "../syntax/parse.js";
import { analyze } from "../validate/analyze.js";
import { INVALID_FILTER_STATUS, toApiError, type InvalidFilterBody } from "../validate/api-error.js";
import type { RuleConfig } from "../validate/rule.js";
import type { ValidateOptions } from "../validate/validate.js";

/** What the server accepts: the parser's limits and the validator's server limits together. */
export interface ListLimits extends Pick<ParseOptions, "maxLength" | "maxDepth">, Pick<ValidateOptions, "maxLimitCount" | "maxConditions" | "maxNesting"> {}

/** Options of {@link parseListRequest}. */
export interface ListRequestOptions {
  /** The entity's schema: unknown fields and wrong value types are rejected with the diagnostics. */
  readonly schema?: Schema;
  /** Server limits: longest query, deepest nesting, largest page, most conditions. */
  readonly limits?: ListLimits;
  /** Rule levels, as for `analyze` (a rule raised to `"error"` rejects the request). */
  readonly rules?: RuleConfig;
}

/** A list request whose filter can run. */
export interface ListRequestAccepted {
  /** The filter can run. */
  readonly ok: true;
  /** The filter; a request without `where`, `orderby` or `limit` gives a Query with none of them. */
  readonly query: QueryNode;
  /** Warnings and hints about the filter (none of them an error). */
  readonly diagnostics: readonly Diagnostic[];
}

/** A list request to answer with `status` and `body` (the API's error shape, code 4001). */
export interface ListRequestRejected {
  /** The filter cannot run. */
  readonly ok: false;
  /** The HTTP status to answer with: 400. */
  readonly status: number;
  /** The body to answer with: code 4001 and every diagnostic, offsets into the query string. */
  readonly body: InvalidFilterBody;
}

/** What {@link parseListRequest} answers. */
export type ListRequestResult = ListRequestAccepted | ListRequestRejected;

const EMPTY: QueryNode = Object.freeze({ kind: "Query", form: "url", parameters: Object.freeze([]) }) as QueryNode;

/**
 * The text after the first `?` of a request target, without a fragment: exactly the bytes the
 * client sent (a `URL` object's `search` would be re-encoded, so the offsets would move).
 */
function queryText(url: string | URL): string {
  if (typeof url !== "string") return url.search.slice(1);
  const question = url.indexOf("?");
  if (question < 0) return "";
  const hash = url.indexOf("#", question);
  return url.slice(question + 1, hash < 0 ? undefined : hash);
}

/**
 * Reads the filter of a list request. `url` is the request target as received (`req.url` in
 * `node:http`: `/vm/v3/host?where=…`, or a whole URL); only its query string is read, and every
 * diagnostic's offsets count UTF-16 units of that query string (the text after `?`, as sent, still
 * percent-encoded). Parameters other than `where`, `orderby` and `limit` are ignored, and a query
 * string that holds no parameter at all (`?id+EQ+1`) is no filter. Any error (syntax, a schema
 * check, a limit) rejects the request: `{ ok: false, status: 400, body }` with
 * `body = toApiError(diagnostics)` (code 4001, every error and warning with its offsets).
 * Never throws for any string.
 *
 * @example
 * const request = parseListRequest(req.url, { schema: schemas.vm.host, limits: { maxLimitCount: 1000 } });
 * if (!request.ok) return send(res, request.status, request.body);
 * send(res, 200, apply(request.query, hosts));
 */
export function parseListRequest(url: string | URL, options: ListRequestOptions = {}): ListRequestResult {
  const text = queryText(url);
  if (text === "") return { ok: true, query: EMPTY, diagnostics: [] };
  const { query, diagnostics } = analyze(text, { ...options.limits, ...(options.schema ? { schema: options.schema } : {}), ...(options.rules ? { rules: options.rules } : {}) });
  // a query string without `name=` parameters reads as a bare expression: the API ignores it
  if (query.form !== "url") return { ok: true, query: EMPTY, diagnostics: [] };
  if (hasErrors(diagnostics)) return { ok: false, status: INVALID_FILTER_STATUS, body: toApiError(diagnostics) };
  return { ok: true, query, diagnostics };
}
