/// <reference lib="dom" />
/**
 * `createClient`: a VMmanager 6 API client on the platform `fetch` (Node 20+ and browsers): login,
 * the `x-xsrf-token` header, one re-login when the session expired, 503 retries, list requests
 * with filters in their canonical form, and every failure as an {@link ApiError}.
 * @module
 */
import type { Schema } from "../schema/schema.js";
import { ApiCodes, ApiError, isApiErrorBody, type ApiRequestInfo } from "../validate/api-error.js";
import { listQueryString } from "./list-query.js";
import type { ClientOptions, CreateTokenOptions, FetchFunction, FilterInput, ListAnswer, ListOptions, RecordOf, RequestOptions, RetryOptions, TokenAnswer } from "./options.js";
import { sendWithRetries } from "./retry.js";

/** The functions of the API the client calls itself. */
export const AuthPaths = {
  /** Login with `{ email, password }`. */
  login: "/auth/v4/public/token",
  /** A session for a key: `{ key }`, header `isp-box-instance: true`. */
  key: "/auth/v4/public/key",
  /** A token with its own lifetime: `{ expires_at, description }`. */
  token: "/auth/v4/token",
} as const;

/** The header that carries the session token. */
export const TOKEN_HEADER = "x-xsrf-token";

/** A client made by {@link createClient}. */
export interface Client {
  /** The base URL requests go to (without a trailing `/`). */
  readonly baseUrl: string;
  /** The session token in use, once there is one. */
  readonly token: string | undefined;
  /**
   * A list function with a filter (`GET path?where=…&orderby=…&limit=…`): the filter as text, a
   * Query or expression node, or a builder, sent in its canonical URL-encoded form. Filter text
   * with errors throws `FilterSyntaxError` before any request. Answers `{ list, size }`, the
   * records typed by `options.schema` (or the type argument) when given.
   */
  list<S extends Schema | undefined = undefined>(path: string, filter?: FilterInput, options?: ListOptions<S>): Promise<ListAnswer<RecordOf<S>>>;
  /** `GET path`: the answer's JSON. */
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /** `POST path` with `body` as JSON (`{}` when absent): the answer's JSON. */
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** `DELETE path`: the answer's JSON (undefined for an empty answer). */
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /** Logs in now (with the password or key given), replacing the session token; resolves to the answer. */
  login(options?: RequestOptions): Promise<TokenAnswer>;
  /** `POST /auth/v4/token`: a new token that lives until `expiresAt` (the client keeps using its own). */
  createToken(options: CreateTokenOptions): Promise<TokenAnswer>;
}

/** The base URL as given, checked, without a trailing `/`. */
function baseOf(baseUrl: string | URL): string {
  const text = String(baseUrl);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`createClient: baseUrl must be an absolute http(s) URL; got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`createClient: baseUrl must be an http(s) URL; got ${JSON.stringify(text)}`);
  if (url.search !== "" || url.hash !== "") throw new TypeError(`createClient: baseUrl takes no query or fragment; got ${JSON.stringify(text)}`);
  // without a trailing-slash RegExp: /\/+$/ is quadratic on a run of slashes (test/security/redos.test.ts)
  let end = url.href.length;
  while (end > 0 && url.href.charCodeAt(end - 1) === 47 /* / */) end--;
  return url.href.slice(0, end);
}

/** Whether an answer says the session is gone: HTTP 401, or the body's code 3001 or 1000. */
function isExpired(error: ApiError): boolean {
  return error.status === 401 || error.code === ApiCodes.Unauthorized || error.code === ApiCodes.SessionExpired;
}

/** The API's date format, `2030-01-31 00:00:00` (UTC for a Date or ms; a string is kept as it is). @internal */
export function apiDate(value: string | Date | number): string {
  return typeof value === "string" ? value : new Date(value).toISOString().slice(0, 19).replace("T", " ");
}

function tokenAnswer(body: unknown, status: number, request: ApiRequestInfo): TokenAnswer {
  if (typeof body === "object" && body !== null && typeof (body as { token?: unknown }).token === "string") return body as TokenAnswer;
  throw new ApiError(status, { code: ApiCodes.UnexpectedAnswer, msg: "The answer holds no token" }, { request });
}

class ApiClient implements Client {
  readonly baseUrl: string;
  private session: string | undefined;
  private pendingLogin: Promise<TokenAnswer> | undefined;
  private readonly fetch: FetchFunction;
  private readonly retry: RetryOptions | false | undefined;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = baseOf(options.baseUrl);
    const chosen = options.fetch ?? (globalThis as { fetch?: FetchFunction }).fetch;
    if (typeof chosen !== "function") throw new TypeError("createClient: no fetch: this platform has none; pass options.fetch");
    // always called unbound: a browser's fetch (also `window.fetch` passed as options.fetch) throws
    // "Illegal invocation" when called as a method of another object
    this.fetch = (input, init) => chosen(input, init);
    this.retry = options.retry;
    this.headers = options.headers ?? {};
    if ("token" in options && typeof options.token === "string") this.session = options.token;
    else if (!("key" in options && typeof options.key === "string") && !("email" in options && typeof options.email === "string" && typeof options.password === "string")) {
      throw new TypeError("createClient: give { token }, { email, password } or { key }");
    }
  }

  get token(): string | undefined {
    return this.session;
  }

  async list<S extends Schema | undefined = undefined>(path: string, filter?: FilterInput, options: ListOptions<S> = {}): Promise<ListAnswer<RecordOf<S>>> {
    const query = listQueryString(filter, options);
    const target = query === "" ? path : `${path}${path.includes("?") ? "&" : "?"}${query}`;
    const { body, status, request } = await this.request("GET", target, undefined, options);
    const list = typeof body === "object" && body !== null ? (body as { list?: unknown }).list : undefined;
    if (!Array.isArray(list)) throw new ApiError(status, { code: ApiCodes.UnexpectedAnswer, msg: "The answer is not a list ({ list, size })" }, { request });
    const size = (body as { size?: unknown }).size;
    return { list: list as RecordOf<S>[], size: typeof size === "number" ? size : list.length };
  }

  async get<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.request("GET", path, undefined, options)).body as T;
  }

  async post<T = unknown>(path: string, body: unknown = {}, options: RequestOptions = {}): Promise<T> {
    return (await this.request("POST", path, body, options)).body as T;
  }

  async delete<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.request("DELETE", path, undefined, options)).body as T;
  }

  login(options: RequestOptions = {}): Promise<TokenAnswer> {
    // concurrent requests that find the session expired share one login
    this.pendingLogin ??= this.doLogin(options).finally(() => (this.pendingLogin = undefined));
    return this.pendingLogin;
  }

  async createToken(options: CreateTokenOptions): Promise<TokenAnswer> {
    const { body, status, request } = await this.request("POST", AuthPaths.token, { expires_at: apiDate(options.expiresAt), ...(options.description === undefined ? {} : { description: options.description }) }, options);
    return tokenAnswer(body, status, request);
  }

  private async doLogin(options: RequestOptions): Promise<TokenAnswer> {
    const o = this.options;
    let answer: { body: unknown; status: number; request: ApiRequestInfo };
    if ("key" in o && typeof o.key === "string") {
      answer = await this.send("POST", AuthPaths.key, { key: o.key }, { ...options, headers: { "isp-box-instance": "true", ...options.headers } }, false);
    } else if ("email" in o && typeof o.email === "string") {
      answer = await this.send("POST", AuthPaths.login, { email: o.email, password: o.password }, options, false);
    } else {
      throw new ApiError(401, { code: ApiCodes.Unauthorized, msg: "The token was refused, and the client has no password or key to log in again" });
    }
    const token = tokenAnswer(answer.body, answer.status, answer.request);
    this.session = token.token;
    return token;
  }

  private get canLogin(): boolean {
    return "key" in this.options || "email" in this.options;
  }

  /** A request with the session: logs in first when there is none, and once more when the answer says it expired. */
  private async request(method: string, path: string, body: unknown, options: RequestOptions): Promise<{ body: unknown; status: number; request: ApiRequestInfo }> {
    if (this.session === undefined) await this.login(options);
    const used = this.session;
    try {
      return await this.send(method, path, body, options, true);
    } catch (error) {
      if (!(error instanceof ApiError) || !isExpired(error) || !this.canLogin) throw error;
      if (this.session === used) await this.login(options); // unless another request already did
      return this.send(method, path, body, options, true);
    }
  }

  /** One request with its 503 retries: the answer's JSON, or an {@link ApiError}. */
  private async send(method: string, path: string, body: unknown, options: RequestOptions, withToken: boolean): Promise<{ body: unknown; status: number; request: ApiRequestInfo }> {
    const url = `${this.baseUrl}/${path.replace(/^\/+/, "")}`;
    const request: ApiRequestInfo = { method, url };
    const headers: Record<string, string> = { accept: "application/json", ...this.headers, ...options.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (withToken && this.session !== undefined) headers[TOKEN_HEADER] = this.session;
    const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }), ...(options.signal ? { signal: options.signal } : {}) };
    let response: Response;
    let text: string;
    try {
      response = await sendWithRetries(() => this.fetch(url, init), url, this.retry, options.signal);
      text = await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new ApiError(0, { code: ApiCodes.NetworkError, msg: `No answer: ${error instanceof Error ? error.message : String(error)}` }, { request, cause: error });
    }
    let parsed: unknown = undefined;
    let json = true;
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        json = false;
        parsed = text;
      }
    }
    if (!response.ok) throw ApiError.fromAnswer(response.status, parsed, { request, statusText: response.statusText });
    if (!json) throw ApiError.fromAnswer(response.status, parsed, { request, statusText: "not JSON" });
    if (isApiErrorBody(parsed) && Object.keys(parsed).length === 1) throw ApiError.fromAnswer(response.status, parsed, { request });
    return { body: parsed, status: response.status, request };
  }
}

/**
 * A client for a VMmanager 6 (or DCImanager 6) instance.
 *
 * @example
 * const client = createClient({ baseUrl: "https://vm.example.com", email: "admin@example.com", password: "secret" });
 * const { list, size } = await client.list("/vm/v3/host", "state EQ 'active'", { orderby: "name", limit: [0, 50], schema: schemas.vm.host });
 */
export function createClient(options: ClientOptions): Client {
  return new ApiClient(options);
}
