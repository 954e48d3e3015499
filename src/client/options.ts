/// <reference lib="dom" />
/**
 * The options and answer types of `vmfilter/client`.
 * @module
 */
import type { Condition, QueryBuilder } from "../build/builder.js";
import type { ArrayField, EnumField, FieldMap, FieldSpec, ObjectField, ReferenceField, Schema } from "../schema/schema.js";
import type { Expression, QueryNode, SortDirection } from "../syntax/ast.js";

/** Log in with an email and a password (`POST /auth/v4/public/token`); logs in again once when the session expires. */
export interface PasswordCredentials {
  /** The user's email, as for the web interface. */
  readonly email: string;
  /** The user's password. */
  readonly password: string;
}

/** Use a token you already have (a session, or a long-lived one made by `createToken`). */
export interface TokenCredentials {
  /** The token sent as `x-xsrf-token` (`4-e9726dd9-…`). */
  readonly token: string;
}

/** Exchange a key (made by `POST /auth/v4/user/<email>/key`) for a session (`POST /auth/v4/public/key`, header `isp-box-instance: true`). */
export interface KeyCredentials {
  /** The key (`4-74e7c0e9-…`), good for an hour. */
  readonly key: string;
}

/** How the client authenticates. */
export type Credentials = PasswordCredentials | TokenCredentials | KeyCredentials;

/**
 * How 503 answers (an instance waking up) are retried, as the official page's sample does: after
 * the first 503, up to `retries` more requests, sleeping `delay(attempt)` ms before attempt 1, 2, …
 */
export interface RetryOptions {
  /** Most requests after the first 503 (default 10, as the official sample). 0 turns retrying off. */
  readonly retries?: number;
  /** Milliseconds to sleep before retry `attempt` (1-based); default `100 × attempt`, as the sample. */
  readonly delay?: (attempt: number) => number;
  /** Called before each retry, as the sample logs "Try connect to <url> number <attempt>". */
  readonly onRetry?: (info: { readonly attempt: number; readonly url: string; readonly delay: number }) => void;
}

/** The platform `fetch`, or any function of the same shape (for tests, proxies, logging). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options every client has, beside its credentials. */
export interface ClientBaseOptions {
  /**
   * Where the API lives: `https://domain.com`, or with the `/api` prefix the official page also
   * shows (`https://domain.com/api`). Paths are appended to it (`/vm/v3/host`, `/auth/v4/…`).
   */
  readonly baseUrl: string | URL;
  /** The `fetch` to use; default the platform's (`globalThis.fetch`, Node 18+ and browsers). */
  readonly fetch?: FetchFunction;
  /** 503 retries; `false` turns them off. */
  readonly retry?: RetryOptions | false;
  /** Headers sent with every request (e.g. `{ "isp-box-instance": "true" }`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Options of `createClient`: where, and how to authenticate. */
export type ClientOptions = ClientBaseOptions & Credentials;

/** Options of one request. */
export interface RequestOptions {
  /** Aborts the request and any wait between retries; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Headers for this request only. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A sort key for {@link ListOptions.orderby}: a field, or a field and a direction. */
export type SortSpec = string | readonly [field: string, direction?: SortDirection];

/** Options of `list`. */
export interface ListOptions<S extends Schema | undefined = undefined> extends RequestOptions {
  /** Types the records of the answer (`list<typeof schemas.vm.host>` does the same without a value). */
  readonly schema?: S;
  /** The sort, when the filter has none: `"cluster.name desc"`, or keys (`[["name", "desc"], "id"]`). */
  readonly orderby?: string | readonly SortSpec[];
  /** The page, when the filter has none: `[offset, count]`, or a count alone (offset 0). */
  readonly limit?: number | readonly [offset: number, count: number];
}

/** What `list` accepts as the filter: text (URL form or a bare WHERE), a parsed tree, or a builder. */
export type FilterInput = string | QueryNode | Expression | QueryBuilder<unknown> | Condition;

/** A list answer: the page of records and how many matched before the limit. */
export interface ListAnswer<T> {
  /** The records of the page. */
  readonly list: T[];
  /** How many records matched before the limit (the answer's `size`; the page's length when it has none). */
  readonly size: number;
}

/** The answer of a login, a key exchange or a token creation. */
export interface TokenAnswer {
  /** The token to send as `x-xsrf-token`. */
  readonly token: string;
  /** The token's (or session's) id. */
  readonly id?: number | string;
  /** When the token expires (`"2030-01-31 00:00:00"`); null for a session, which lives while it is used. */
  readonly expires_at?: string | null;
  /** Whether the user is confirmed. */
  readonly confirmed?: boolean;
  /** Any other member of the answer. */
  readonly [member: string]: unknown;
}

/** Options of `createToken` (`POST /auth/v4/token`). */
export interface CreateTokenOptions extends RequestOptions {
  /** When it expires, as the API writes it: `"2030-01-31 00:00:00"` (a Date is written so, in UTC). */
  readonly expiresAt: string | Date;
  /** A comment stored with the token ("Token for integration"). */
  readonly description?: string;
}

/** The JSON value of a scalar type name (`"integer"` → number). */
export type ScalarValue<T> = T extends "string" | "datetime" ? string : T extends "integer" | "number" ? number : T extends "boolean" ? boolean : unknown;

/** The JSON value a field of a schema holds in a record. */
export type RecordValue<S> = S extends FieldSpec
  ? S extends string
    ? ScalarValue<S>
    : S extends EnumField<infer V>
      ? V
      : S extends ReferenceField<infer G>
        ? { readonly id: number } & RecordOfFields<G>
        : S extends ObjectField<infer G>
          ? RecordOfFields<G>
          : S extends ArrayField<infer E>
            ? (E extends FieldMap ? RecordOfFields<E> : RecordValue<E>)[]
            : S extends { readonly type: infer T }
              ? ScalarValue<T>
              : unknown
  : unknown;

/** A record with the (undotted) fields of a field map, each possibly null or missing, and any other member. */
export type RecordOfFields<F> = { readonly [K in keyof F as K extends `${string}.${string}` ? never : K]?: RecordValue<F[K]> | null } & { readonly [member: string]: unknown };

/** The record type a schema describes (`Record<string, unknown>` without one). */
export type RecordOf<S> = S extends Schema<infer F> ? (string extends keyof F ? Record<string, unknown> : RecordOfFields<F>) : Record<string, unknown>;
