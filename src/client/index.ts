/**
 * `vmfilter/client`: a client for the VMmanager 6 / DCImanager 6 REST API on the platform `fetch`
 * (Node 20+ and browsers; no Node built-in): login by password, key or token, the `x-xsrf-token`
 * header, one re-login when the session expired, 503 retries as the official page's sample, list
 * requests with filters in their canonical form, and {@link ApiError} for every failure.
 * @packageDocumentation
 */
export { createClient, AuthPaths, TOKEN_HEADER } from "./client.js";
export type { Client } from "./client.js";
export { listQueryString } from "./list-query.js";
export { DEFAULT_RETRIES, defaultDelay, sleep } from "./retry.js";
export type {
  ClientOptions,
  ClientBaseOptions,
  Credentials,
  PasswordCredentials,
  TokenCredentials,
  KeyCredentials,
  RetryOptions,
  FetchFunction,
  RequestOptions,
  ListOptions,
  SortSpec,
  FilterInput,
  ListAnswer,
  TokenAnswer,
  CreateTokenOptions,
  RecordOf,
  RecordOfFields,
  RecordValue,
  ScalarValue,
} from "./options.js";
export { ApiError, ApiCodes, isApiErrorBody } from "../validate/api-error.js";
export type { ApiCode, ApiErrorBody, ApiDiagnostic, ApiRequestInfo, InvalidFilterValue } from "../validate/api-error.js";
export { FilterSyntaxError } from "../syntax/filter-syntax-error.js";
