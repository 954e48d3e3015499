/// <reference types="node" />
/**
 * The HTTP server of `vmfilter serve` started in process (startServer on 127.0.0.1, a free port):
 * the status and error body of every function's edge cases — logins, keys, tokens, unknown paths
 * and methods, limits, stores that fail, the 503 wake-up, CORS, request targets in absolute form.
 */
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FilterRunError, RunCodes, schemas } from "../../src/index.js";
import { ApiCodes } from "../../src/server/index.js";
import type { Entity, ServedRecord } from "../../src/serve/data.js";
import { startServer, type RunningServer, type ServeOptions } from "../../src/serve/server.js";
import { MemoryStore, type EntityStore } from "../../src/serve/store.js";
import { DEFAULT_USER } from "../../src/serve/users.js";
import { makeHosts } from "../fixtures/hosts.js";

const hosts = makeHosts(30, 5).sort((a, b) => a.id - b.id);
const HOST: Entity = { path: "vm/v3/host", records: hosts, schema: schemas.vm.host };
const TAG: Entity = { path: "vm/v3/tag", records: [{ id: 1, name: "prod" }, { id: "a b", name: "spaced" }], schema: undefined };
const ADMIN = { email: DEFAULT_USER.email, password: DEFAULT_USER.password };

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts a server over HOST and TAG in memory, for admin@example.com / admin; `options` override. */
async function start(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const entities = [HOST, TAG];
  const server = await startServer({ entities, stores: new Map(entities.map((e) => [e.path, new MemoryStore(e)])), users: [DEFAULT_USER], port: 0, ...options });
  running.push(server);
  return server;
}

interface Answered {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/** One request: `body` sent as JSON unless it is a string; the answer's status, JSON and headers. */
async function call(server: RunningServer, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answered> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers["x-xsrf-token"] = options.token;
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
}

/** A session token of admin@example.com. */
async function login(server: RunningServer): Promise<string> {
  const { status, body } = await call(server, "POST", "/auth/v4/public/token", { body: ADMIN });
  expect(status).toBe(200);
  return (body as { token: string }).token;
}

/** The CORS headers of an answer (and vary). */
function corsOf(headers: Headers): Record<string, string> {
  const found: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.startsWith("access-control-") || name === "vary") found[name] = value;
  });
  return found;
}

/** The API's error body. */
const error = (code: number, msg: string) => ({ error: { code, msg } });

/** A raw HTTP/1.1 request (any request target); the answer's status line and body. */
function raw(server: RunningServer, requestLine: string, headers: Record<string, string> = {}): Promise<{ statusLine: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => {
      const lines = Object.entries({ host: "127.0.0.1", connection: "close", ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`${requestLine}\r\n${lines.join("")}\r\n`);
    });
    let data = "";
    socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
    socket.on("error", reject);
    socket.on("end", () => {
      const [head, body] = data.split("\r\n\r\n");
      resolve({ statusLine: head!.split("\r\n")[0]!, body: JSON.parse(body!) as unknown });
    });
  });
}

describe("logging in", () => {
  it("POST /auth/v4/public/token answers a session; a wrong password is 401 / 22013; GET is 405 / 4005", async () => {
    const server = await start();
    const ok = await call(server, "POST", "/auth/v4/public/token", { body: ADMIN });
    expect([ok.status, ok.body]).toEqual([200, { id: "1", token: expect.stringMatching(/^1-[0-9a-f-]{36}$/), expires_at: null, confirmed: true }]);
    const wrong = await call(server, "POST", "/auth/v4/public/token", { body: { ...ADMIN, password: "nope" } });
    expect([wrong.status, wrong.body]).toEqual([401, error(ApiCodes.InvalidPassword, "Invalid password")]);
    const get = await call(server, "GET", "/auth/v4/public/token");
    expect([get.status, get.body]).toEqual([405, error(ApiCodes.MethodNotAllowed, "Method GET is not allowed here")]);
  });

  it("a login body that is not JSON, or JSON null, is 400 / 4000; an empty body is a failed login (401 / 22013)", async () => {
    const server = await start();
    const expected = [400, error(ApiCodes.BadRequest, "The body must be a JSON object { email, password }")];
    const notJson = await call(server, "POST", "/auth/v4/public/token", { body: "{email:" });
    expect([notJson.status, notJson.body]).toEqual(expected);
    const nul = await call(server, "POST", "/auth/v4/public/token", { body: "null" });
    expect([nul.status, nul.body]).toEqual(expected);
    const empty = await call(server, "POST", "/auth/v4/public/token", { body: " \n" });
    expect([empty.status, empty.body]).toEqual([401, error(ApiCodes.InvalidPassword, "Invalid password")]);
  });

  it("a body over 1 MiB is not read: 400 / 4000 and the connection closed, so the server stops at once", async () => {
    const server = await start();
    const big = await call(server, "POST", "/auth/v4/public/token", { body: JSON.stringify({ ...ADMIN, pad: "x".repeat(1 << 20) }) });
    expect([big.status, big.body, big.headers.get("connection")]).toEqual([400, error(ApiCodes.BadRequest, "The body must be a JSON object { email, password }"), "close"]);
    const started = Date.now();
    await running.pop()!.close();
    expect(Date.now() - started).toBeLessThan(2500); // it waited for the keep-alive timeout (5 s) before
  });

  it("POST /auth/v4/public/key takes a key with isp-box-instance: true only; a key not issued is 401 / 3001", async () => {
    const server = await start();
    const token = await login(server);
    const made = await call(server, "POST", "/auth/v4/user/admin@example.com/key", { token });
    expect([made.status, made.body]).toEqual([200, { id: "2", key: expect.stringMatching(/^1-/) }]);
    const { key } = made.body as { key: string };
    const box = { "isp-box-instance": "true" };
    const exchanged = await call(server, "POST", "/api/auth/v4/public/key", { body: { key }, headers: box });
    expect([exchanged.status, exchanged.body]).toEqual([200, { id: "3", token: expect.stringMatching(/^1-/), expires_at: null, confirmed: true }]);
    const noHeader = await call(server, "POST", "/auth/v4/public/key", { body: { key } });
    expect([noHeader.status, noHeader.body]).toEqual([400, error(ApiCodes.BadRequest, "A key is exchanged with the header isp-box-instance: true")]);
    for (const body of [{ key: "1-nope" }, "[bad json", { token: key }]) {
      const refused = await call(server, "POST", "/auth/v4/public/key", { body, headers: box });
      expect([refused.status, refused.body], JSON.stringify(body)).toEqual([401, error(ApiCodes.Unauthorized, "Unauthorized")]);
    }
    expect((await call(server, "GET", "/auth/v4/public/key", { headers: box })).status).toBe(405);
  });

  it("POST /auth/v4/user/<email>/key: the email may be percent-encoded; an unknown user is 404 / 4004; other methods 405", async () => {
    const server = await start();
    const token = await login(server);
    expect((await call(server, "POST", "/auth/v4/user/admin%40example.com/key", { token })).status).toBe(200);
    const unknown = await call(server, "POST", "/auth/v4/user/ghost@example.com/key", { token });
    expect([unknown.status, unknown.body]).toEqual([404, error(ApiCodes.NotFound, "No user ghost@example.com")]);
    const get = await call(server, "GET", "/auth/v4/user/admin@example.com/key", { token });
    expect([get.status, get.body]).toEqual([405, error(ApiCodes.MethodNotAllowed, "Method GET is not allowed here")]);
    expect((await call(server, "POST", "/auth/v4/user/admin@example.com/key")).status).toBe(401);
  });

  it("POST /auth/v4/token: a token until expires_at (the API's format or ISO 8601), with its description when that is text", async () => {
    const server = await start();
    const token = await login(server);
    const made = await call(server, "POST", "/auth/v4/token", { token, body: { expires_at: "2030-01-31 00:00:00", description: "ci" } });
    expect([made.status, made.body]).toEqual([200, { id: "2", token: expect.stringMatching(/^1-/), expires_at: "2030-01-31 00:00:00", confirmed: true, description: "ci" }]);
    const iso = await call(server, "POST", "/auth/v4/token", { token, body: { expires_at: "2030-01-31T03:00:00+03:00", description: 7 } });
    expect([iso.status, iso.body]).toEqual([200, { id: "3", token: expect.stringMatching(/^1-/), expires_at: "2030-01-31 00:00:00", confirmed: true }]);
    const usable = (made.body as { token: string }).token;
    expect((await call(server, "GET", "/vm/v3/host/1", { token: usable })).body).toEqual(hosts[0]);
  });

  it("POST /auth/v4/token without a readable expires_at is 400 / 4000; GET is 405; without a session 401", async () => {
    const server = await start();
    const token = await login(server);
    const expected = [400, error(ApiCodes.BadRequest, 'expires_at must be a date like "2030-01-31 00:00:00"')];
    for (const body of [{}, { expires_at: "next year" }, { expires_at: 1_900_000_000 }, '"2030-01-31 00:00:00"', "not json"]) {
      const answer = await call(server, "POST", "/auth/v4/token", { token, body });
      expect([answer.status, answer.body], JSON.stringify(body)).toEqual(expected);
    }
    expect((await call(server, "GET", "/auth/v4/token", { token })).status).toBe(405);
    expect((await call(server, "POST", "/auth/v4/token", { body: { expires_at: "2030-01-31 00:00:00" } })).status).toBe(401);
  });
});

describe("lists and records", () => {
  it("without x-xsrf-token, or with one not issued, every function but the logins is 401 / 3001", async () => {
    const server = await start();
    for (const [method, path, token] of [
      ["GET", "/vm/v3/host", undefined],
      ["GET", "/vm/v3/host/1", "1-nope"],
      ["GET", "/vm/v3/nothing", undefined],
      ["DELETE", "/vm/v3/host", ""],
    ] as const) {
      const answer = await call(server, method, path, token === undefined ? {} : { token });
      expect([answer.status, answer.body], `${method} ${path}`).toEqual([401, error(ApiCodes.Unauthorized, "Unauthorized")]);
    }
  });

  it("the /api prefix and trailing slashes name the same function; an unknown one is 404 / 4004, another method 405 / 4005", async () => {
    const server = await start();
    const token = await login(server);
    const plain = await call(server, "GET", "/vm/v3/host?where=id+LE+3", { token });
    expect([plain.status, plain.body]).toEqual([200, { list: hosts.slice(0, 3), size: 3 }]);
    expect((await call(server, "GET", "/api/vm/v3/host//?where=id+LE+3", { token })).body).toEqual(plain.body);
    expect((await call(server, "GET", "/api/vm/v3/host/2/", { token })).body).toEqual(hosts[1]);
    const cases: [string, string, number, unknown][] = [
      ["GET", "/vm/v3/nothing", 404, error(ApiCodes.NotFound, "No function /vm/v3/nothing")],
      ["GET", "/vm/v3/host/1/ip4", 404, error(ApiCodes.NotFound, "No function /vm/v3/host/1/ip4")],
      ["GET", "/apivm/v3/host", 404, error(ApiCodes.NotFound, "No function /apivm/v3/host")],
      ["GET", "/vm/v3/host/31", 404, error(ApiCodes.NotFound, "No record 31 in vm/v3/host")],
      ["POST", "/vm/v3/host", 405, error(ApiCodes.MethodNotAllowed, "Method POST is not allowed here")],
      ["DELETE", "/vm/v3/host/1", 405, error(ApiCodes.MethodNotAllowed, "Method DELETE is not allowed here")],
    ];
    for (const [method, path, status, body] of cases) {
      const answer = await call(server, method, path, { token });
      expect([answer.status, answer.body], `${method} ${path}`).toEqual([status, body]);
    }
  });

  it("a record's id is the path segment decoded; a malformed escape names no record", async () => {
    const server = await start();
    const token = await login(server);
    expect((await call(server, "GET", "/vm/v3/tag/a%20b", { token })).body).toEqual({ id: "a b", name: "spaced" });
    expect((await call(server, "GET", "/vm/v3/tag/1", { token })).body).toEqual({ id: 1, name: "prod" });
    const malformed = await call(server, "GET", "/vm/v3/tag/a%2", { token });
    expect([malformed.status, malformed.body]).toEqual([404, error(ApiCodes.NotFound, "No record a%2 in vm/v3/tag")]);
  });

  it("answers a request target in absolute form (RFC 9112: servers must accept it) as the path it names", async () => {
    const server = await start();
    const token = await login(server);
    const record = await raw(server, `GET ${server.url}/api/vm/v3/host/7 HTTP/1.1`, { "x-xsrf-token": token });
    expect([record.statusLine, record.body]).toEqual(["HTTP/1.1 200 OK", hosts[6]]);
    const list = await raw(server, `GET http://vm.example.com/vm/v3/host?where=id+GE+29&orderby=id+desc HTTP/1.1`, { "x-xsrf-token": token });
    expect([list.statusLine, list.body]).toEqual(["HTTP/1.1 200 OK", { list: [hosts[29], hosts[28]], size: 2 }]);
  });

  it("without CORS, OPTIONS is an API request like any other: OPTIONS * names no function", async () => {
    const server = await start();
    const token = await login(server);
    const star = await raw(server, "OPTIONS * HTTP/1.1", { "x-xsrf-token": token });
    expect([star.statusLine, star.body]).toEqual(["HTTP/1.1 404 Not Found", error(ApiCodes.NotFound, "No function /*")]);
    const options = await call(server, "OPTIONS", "/vm/v3/host", { token, headers: { origin: "http://localhost:5173" } });
    expect([options.status, options.headers.get("access-control-allow-origin")]).toEqual([405, null]);
  });

  it("checks filters against the entity's schema only when it has one", async () => {
    const server = await start();
    const token = await login(server);
    const typo = await call(server, "GET", "/vm/v3/host?where=nmae+EQ+'x'", { token });
    expect([typo.status, (typo.body as { error: { code: number; msg: string } }).error.msg]).toEqual([400, "Invalid filter: Unknown field 'nmae' in vm.host. Did you mean 'name' or 'node'?"]);
    const free = await call(server, "GET", "/vm/v3/tag?where=nmae+EQ+'x'", { token });
    expect([free.status, free.body]).toEqual([200, { list: [], size: 0 }]);
  });

  it("a page larger than maxLimitCount is 400 / 4001 limit-too-large; a page of exactly that size is served", async () => {
    const server = await start({ limits: { maxLimitCount: 10 } });
    const token = await login(server);
    const large = await call(server, "GET", "/vm/v3/host?limit=5,11", { token }); // 5,11 at 6…10
    const body = large.body as { error: { code: number; value: { diagnostics: { code: string; start: number; end: number }[] } } };
    expect([large.status, body.error.code, body.error.value.diagnostics.map((d) => [d.code, d.start, d.end])]).toEqual([400, ApiCodes.InvalidFilter, [["limit-too-large", 6, 10]]]);
    const page = await call(server, "GET", "/vm/v3/host?limit=5,10", { token });
    expect([page.status, page.body]).toEqual([200, { list: hosts.slice(5, 15), size: 30 }]);
  });
});

describe("stores that cannot answer", () => {
  /** A server whose vm/v3/host store answers `list` with `answer`. */
  async function withStore(list: EntityStore["list"]): Promise<{ server: RunningServer; token: string }> {
    const store: EntityStore = { list, get: (): ServedRecord | undefined => undefined };
    const server = await start({ entities: [HOST], stores: new Map([[HOST.path, store]]) });
    return { server, token: await login(server) };
  }

  it("a store's diagnostics are 400 / 4001 with every error and warning (not hints)", async () => {
    const at = { line: 1, column: 7, endLine: 1, endColumn: 11 };
    const { server, token } = await withStore(() => ({
      diagnostics: [
        { code: "unknown-column", severity: "error", message: "No column for 'name'.", start: 6, end: 10, ...at },
        { code: "keyword-case", severity: "hint", message: "Write EQ.", start: 11, end: 13, ...at },
        { code: "cp-without-wildcard", severity: "warning", message: "CP without %.", start: 11, end: 13, ...at },
      ],
    }));
    const answer = await call(server, "GET", "/vm/v3/host?where=name+CP+'x'", { token });
    expect([answer.status, answer.body]).toEqual([
      400,
      {
        error: {
          code: ApiCodes.InvalidFilter,
          msg: "Invalid filter: No column for 'name'.",
          value: {
            diagnostics: [
              { code: "unknown-column", severity: "error", message: "No column for 'name'.", start: 6, end: 10, line: 1, column: 7 },
              { code: "cp-without-wildcard", severity: "warning", message: "CP without %.", start: 11, end: 13, line: 1, column: 7 },
            ],
          },
        },
      },
    ]);
  });

  it("a FilterRunError from the store is 400 / 4001 with its message", async () => {
    const { server, token } = await withStore(() => {
      throw new FilterRunError(RunCodes.TooDeep, "The filter nests deeper than 1000 levels.");
    });
    const answer = await call(server, "GET", "/vm/v3/host", { token });
    expect([answer.status, answer.body]).toEqual([400, error(ApiCodes.InvalidFilter, "Invalid filter: The filter nests deeper than 1000 levels.")]);
  });

  it("any other failure is 500 / 5002 with its message, and the server goes on answering", async () => {
    const thrown: unknown[] = [new Error("disk gone"), "no table"];
    const { server, token } = await withStore(() => {
      throw thrown.shift();
    });
    const first = await call(server, "GET", "/vm/v3/host", { token });
    expect([first.status, first.body]).toEqual([500, error(ApiCodes.InternalError, "Internal error: disk gone")]);
    const second = await call(server, "GET", "/vm/v3/host", { token });
    expect([second.status, second.body]).toEqual([500, error(ApiCodes.InternalError, "Internal error: no table")]);
  });
});

describe("waking up, CORS, the port", () => {
  it("answers the first wake503 requests, logins included, with 503 / 5003, then serves", async () => {
    const server = await start({ wake503: 2 });
    const expected = [503, error(ApiCodes.Unavailable, "The instance is waking up; repeat the request")];
    const first = await call(server, "POST", "/auth/v4/public/token", { body: ADMIN });
    expect([first.status, first.body]).toEqual(expected);
    const second = await call(server, "GET", "/vm/v3/host");
    expect([second.status, second.body]).toEqual(expected);
    await login(server);
  });

  it("cors '*': every answer allows any origin (no vary); a preflight is 204 and does not use up a wake-up answer", async () => {
    const server = await start({ cors: "*", wake503: 1 });
    const preflight = await call(server, "OPTIONS", "/vm/v3/host", { headers: { origin: "https://app.example.com", "access-control-request-method": "GET" } });
    expect([preflight.status, preflight.body, corsOf(preflight.headers)]).toEqual([
      204,
      undefined,
      { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, POST, DELETE", "access-control-allow-headers": "content-type, x-xsrf-token, isp-box-instance", "access-control-max-age": "600" },
    ]);
    const waking = await call(server, "GET", "/vm/v3/host");
    expect([waking.status, waking.headers.get("access-control-allow-origin"), waking.headers.get("vary")]).toEqual([503, "*", null]);
    expect((await call(server, "GET", "/vm/v3/host")).status).toBe(401);
  });

  it("cors with an origin: that origin, and vary: origin", async () => {
    const server = await start({ cors: "http://localhost:5173" });
    const answer = await call(server, "GET", "/vm/v3/host", { token: await login(server) });
    expect([answer.status, answer.headers.get("access-control-allow-origin"), answer.headers.get("vary")]).toEqual([200, "http://localhost:5173", "origin"]);
  });

  it("without cors no answer carries CORS headers", async () => {
    const server = await start();
    const answer = await call(server, "POST", "/auth/v4/public/token", { body: ADMIN });
    expect([answer.status, corsOf(answer.headers)]).toEqual([200, {}]);
  });

  it("rejects with EADDRINUSE when the port is taken", async () => {
    const server = await start();
    await expect(start({ port: server.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
