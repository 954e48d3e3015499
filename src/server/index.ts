/**
 * `vmfilter/server`: framework-free helpers for a server that answers the VMmanager 6 list API.
 * Read a request's filter with {@link parseListRequest}, run it with `apply` (records in memory)
 * or `toSql` (a database), and answer errors in the API's shape with {@link ApiError}.
 * Browser-safe like the core: no Node built-in (it runs in any JavaScript server runtime).
 * @packageDocumentation
 */
export { parseListRequest } from "./parse-list-request.js";
export type { ListLimits, ListRequestOptions, ListRequestResult, ListRequestAccepted, ListRequestRejected } from "./parse-list-request.js";
export { ApiError, ApiCodes, isApiErrorBody, toApiError, INVALID_FILTER_STATUS } from "../validate/api-error.js";
export type { ApiCode, ApiErrorBody, ApiDiagnostic, InvalidFilterBody, InvalidFilterValue } from "../validate/api-error.js";
