/// <reference types="node" />
/**
 * The HTTP server of `vmfilter serve`: a small VMmanager-compatible API on 127.0.0.1 (node:http)
 * for integration tests of clients. Login by password, key or long-lived token; every other
 * function needs the `x-xsrf-token` header (else 401, code 3001); list functions
 * (`/<service>/<version>/<entity>`) honour `where`, `orderby` and `limit`; `GET …/<entity>/<id>`
 * answers one record; the first `wake503` requests are answered 503. Every path may carry the
 * `/api` prefix.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FilterRunError } from "../run/diagnostics.js";
import { parseListRequest, type ListLimits } from "../server/parse-list-request.js";
import { ApiCodes, ApiError, toApiError } from "../validate/api-error.js";
import type { Entity } from "./data.js";
import { parseApiDate, Sessions } from "./sessions.js";
import type { EntityStore } from "./store.js";
import type { ServeUser } from "./users.js";

/** What the server serves and how. */
export interface ServeOptions {
  readonly entities: readonly Entity[];
  /** One store per entity path (`vm/v3/host`). */
  readonly stores: ReadonlyMap<string, EntityStore>;
  readonly users: readonly ServeUser[];
  /** The port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** How many requests, from the start, are answered 503 (an instance waking up). */
  readonly wake503?: number;
  /** How long an unused session token lives, in ms (default 60 minutes, as the official page). */
  readonly tokenIdleMs?: number;
  /** The filter limits of list requests. */
  readonly limits?: ListLimits;
  /**
   * The origin browsers may call the server from (`http://localhost:5173`, or `*`): CORS headers on
   * every answer and answered preflights. Off by default.
   */
  readonly cors?: string;
}

/** A started server. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests and resolves when the open ones are done. */
  close(): Promise<void>;
}

/** Largest request body read (JSON of a login or a token). */
const MAX_BODY = 1 << 20;

/** An answer to send: status and JSON body. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const fail = (status: number, code: number, msg: string): Answer => ({ status, body: new ApiError(status, { code, msg }).toBody() });
const UNAUTHORIZED = fail(401, ApiCodes.Unauthorized, "Unauthorized");

/** A request body as JSON: `{}` when empty, undefined when it is not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A path segment decoded; a malformed escape is kept as written (it then names nothing). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The CORS headers for an allowed origin. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin === undefined
    ? {}
    : {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, POST, DELETE",
        "access-control-allow-headers": "content-type, x-xsrf-token, isp-box-instance",
        "access-control-max-age": "600",
        ...(origin === "*" ? {} : { vary: "origin" }),
      };
}

function send(res: ServerResponse, { status, body }: Answer, cors: string | undefined): void {
  const text = JSON.stringify(body);
  // a body left unread (one over MAX_BODY) would keep the connection busy, and `close` waiting for it
  const close = res.req.complete ? {} : { connection: "close" };
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...corsHeaders(cors), ...close });
  res.end(text);
}

/**
 * A request path without its trailing slashes. A loop, not `/\/+$/`, which is quadratic on a run
 * of slashes that does not reach the end of the path (test/security/redos.test.ts).
 */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  return path.slice(0, end);
}

/** The handlers of one server. */
class Api {
  private readonly sessions: Sessions;
  private wakeLeft: number;

  constructor(private readonly options: ServeOptions) {
    this.sessions = new Sessions(options.users, options.tokenIdleMs ?? 3_600_000);
    this.wakeLeft = options.wake503 ?? 0;
  }

  async handle(req: IncomingMessage): Promise<Answer> {
    if (this.wakeLeft > 0) {
      this.wakeLeft--;
      return fail(503, ApiCodes.Unavailable, "The instance is waking up; repeat the request");
    }
    // node:http gives every request it parsed a target and a method
    const target = req.url!;
    const method = req.method!;
    // the path only (the query string is read by parseListRequest from the raw target), of an
    // origin-form target (/vm/v3/host?…) or an absolute-form one (http://host/vm/v3/host?…, which
    // HTTP/1.1 servers must accept)
    const url = URL.canParse(target) ? new URL(target) : new URL(`http://127.0.0.1${target.startsWith("/") ? "" : "/"}${target}`);
    const pathname = withoutTrailingSlashes(url.pathname.replace(/^\/api(?=\/)/, ""));
    const segments = pathname.split("/").slice(1).map(decodeSegment);

    if (pathname === "/auth/v4/public/token") return method === "POST" ? this.login(await readJson(req)) : this.methodNotAllowed(method);
    if (pathname === "/auth/v4/public/key") return method === "POST" ? this.exchangeKey(req, await readJson(req)) : this.methodNotAllowed(method);

    const header = req.headers["x-xsrf-token"];
    // node:http joins a repeated header with ", " (an array only for set-cookie)
    const user = this.sessions.check(typeof header === "string" ? header : undefined);
    if (!user) return UNAUTHORIZED;

    if (pathname === "/auth/v4/token") return method === "POST" ? this.createToken(user, await readJson(req)) : this.methodNotAllowed(method);
    if (segments.length === 5 && segments[0] === "auth" && segments[1] === "v4" && segments[2] === "user" && segments[4] === "key") {
      if (method !== "POST") return this.methodNotAllowed(method);
      const key = this.sessions.createKey(segments[3]!);
      return key ? { status: 200, body: key } : fail(404, ApiCodes.NotFound, `No user ${segments[3]}`);
    }
    const listPath = segments.slice(0, 3).join("/");
    const store = this.options.stores.get(listPath);
    if (!store || segments.length > 4) return fail(404, ApiCodes.NotFound, `No function ${pathname}`);
    if (method !== "GET") return this.methodNotAllowed(method);
    if (segments.length === 4) {
      const record = store.get(segments[3]!);
      return record ? { status: 200, body: record } : fail(404, ApiCodes.NotFound, `No record ${segments[3]} in ${listPath}`);
    }
    return this.list(store, listPath, target);
  }

  private list(store: EntityStore, listPath: string, target: string): Answer {
    const schema = this.options.entities.find((e) => e.path === listPath)?.schema;
    const request = parseListRequest(target, { ...(schema ? { schema } : {}), ...(this.options.limits ? { limits: this.options.limits } : {}) });
    if (!request.ok) return { status: request.status, body: request.body };
    try {
      const answer = store.list(request.query);
      return "diagnostics" in answer ? { status: 400, body: toApiError(answer.diagnostics) } : { status: 200, body: answer };
    } catch (error) {
      if (error instanceof FilterRunError) return fail(400, ApiCodes.InvalidFilter, `Invalid filter: ${error.message}`);
      throw error;
    }
  }

  private login(body: unknown): Answer {
    if (typeof body !== "object" || body === null) return fail(400, ApiCodes.BadRequest, "The body must be a JSON object { email, password }");
    const { email, password } = body as { email?: unknown; password?: unknown };
    const session = this.sessions.login(email, password);
    return session ? { status: 200, body: session } : fail(401, ApiCodes.InvalidPassword, "Invalid password");
  }

  private exchangeKey(req: IncomingMessage, body: unknown): Answer {
    if (req.headers["isp-box-instance"] !== "true") return fail(400, ApiCodes.BadRequest, "A key is exchanged with the header isp-box-instance: true");
    const session = typeof body === "object" && body !== null ? this.sessions.exchangeKey((body as { key?: unknown }).key) : undefined;
    return session ? { status: 200, body: session } : UNAUTHORIZED;
  }

  private createToken(user: ServeUser, body: unknown): Answer {
    const expires = parseApiDate(typeof body === "object" && body !== null ? (body as { expires_at?: unknown }).expires_at : undefined);
    if (Number.isNaN(expires)) return fail(400, ApiCodes.BadRequest, 'expires_at must be a date like "2030-01-31 00:00:00"');
    const description = (body as { description?: unknown }).description;
    return { status: 200, body: { ...this.sessions.createToken(user, expires), ...(typeof description === "string" ? { description } : {}) } };
  }

  private methodNotAllowed(method: string): Answer {
    return fail(405, ApiCodes.MethodNotAllowed, `Method ${method} is not allowed here`);
  }
}

/** Starts the server on 127.0.0.1 (loopback only); resolves once it listens. */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const api = new Api(options);
  const server = createServer((req, res) => {
    if (options.cors !== undefined && req.method === "OPTIONS") {
      // a browser's preflight: not an API request (it never counts towards --wake-503)
      res.writeHead(204, corsHeaders(options.cors));
      res.end();
      return;
    }
    api.handle(req).then(
      (answer) => send(res, answer, options.cors),
      (error: unknown) => send(res, fail(500, ApiCodes.InternalError, `Internal error: ${error instanceof Error ? error.message : String(error)}`), options.cors),
    );
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
