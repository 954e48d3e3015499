/**
 * vmfilter/client with a test double for fetch: what it makes of answers outside the happy path
 * (no token, no list, not JSON, an error body with 200, nothing at all), its options' checks,
 * re-login after another request already logged in again, 503 retries and aborts between them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiCodes, ApiError, createClient, sleep, type FetchFunction } from "../../src/client/index.js";

const BASE = "https://vm.example.com";
const ADMIN = { email: "admin@example.com", password: "admin" };

interface Call {
  readonly method: string;
  readonly path: string;
  readonly token: string | undefined;
  readonly body: unknown;
}

/** A fetch answering every request with `answer(call)`; the calls are recorded. */
function double(answer: (call: Call) => Response | Promise<Response>): { readonly calls: Call[]; readonly fetch: FetchFunction } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (input, init) => {
      const url = new URL(input);
      const headers = init.headers as Record<string, string>;
      const call = { method: init.method ?? "GET", path: url.pathname + url.search, token: headers["x-xsrf-token"], body: typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined };
      calls.push(call);
      return answer(call);
    },
  };
}

/** The error a promise rejects with. */
const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => "resolved", (error: unknown) => error);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createClient's options", () => {
  it("the base URL loses its trailing slashes; one with a query or a fragment is a TypeError", () => {
    expect(createClient({ baseUrl: `${BASE}/api///`, token: "t" }).baseUrl).toBe(`${BASE}/api`);
    expect(createClient({ baseUrl: new URL(BASE), token: "t" }).baseUrl).toBe(BASE);
    expect(() => createClient({ baseUrl: `${BASE}/api?lang=en`, token: "t" })).toThrow(new TypeError(`createClient: baseUrl takes no query or fragment; got "${BASE}/api?lang=en"`));
    expect(() => createClient({ baseUrl: `${BASE}/#top`, token: "t" })).toThrow(/takes no query or fragment/);
  });

  it("without options.fetch on a platform without fetch: a TypeError saying to pass one", () => {
    vi.stubGlobal("fetch", undefined);
    expect(() => createClient({ baseUrl: BASE, token: "t" })).toThrow(new TypeError("createClient: no fetch: this platform has none; pass options.fetch"));
    const { fetch } = double(() => Response.json({}));
    expect(createClient({ baseUrl: BASE, token: "t", fetch }).token).toBe("t");
  });
});

describe("answers outside the happy path", () => {
  it("list: a path with its own query string gets the filter after &; a list without size counts its records", async () => {
    const { calls, fetch } = double(() => Response.json({ list: [{ id: 1 }, { id: 2 }] }));
    const client = createClient({ baseUrl: BASE, token: "t", fetch });
    expect(await client.list("/vm/v3/host?fields=id", "where=id LE 2")).toEqual({ list: [{ id: 1 }, { id: 2 }], size: 2 });
    expect(await client.list("/vm/v3/host?fields=id")).toEqual({ list: [{ id: 1 }, { id: 2 }], size: 2 });
    expect(calls.map((c) => c.path)).toEqual(["/vm/v3/host?fields=id&where=(id+LE+2)", "/vm/v3/host?fields=id"]);
  });

  it.each([
    ["an object without list", { items: [] }],
    ["a list that is not an array", { list: "none", size: 0 }],
    ["an array", [{ id: 1 }]],
    ["null", null],
  ])("list: %s is ApiError 200 / 5000", async (_name, body) => {
    const { fetch } = double(() => Response.json(body));
    const error = await rejection(createClient({ baseUrl: BASE, token: "t", fetch }).list("/vm/v3/host"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: ApiCodes.UnexpectedAnswer, msg: "The answer is not a list ({ list, size })", request: { method: "GET", url: `${BASE}/vm/v3/host` } });
  });

  it("an empty answer is undefined (DELETE answered 204 or 200 with no body)", async () => {
    const statuses = [204, 200];
    const { fetch } = double(() => new Response(null, { status: statuses.shift() }));
    const client = createClient({ baseUrl: BASE, token: "t", fetch });
    expect(await client.delete("/vm/v3/host/1")).toBeUndefined();
    expect(await client.delete("/vm/v3/host/2")).toBeUndefined();
  });

  it("a 2xx answer that is not JSON is ApiError with code 5000 and the start of the text", async () => {
    const { fetch } = double(() => new Response("<html>Maintenance</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const error = await rejection(createClient({ baseUrl: BASE, token: "t", fetch }).get("/vm/v3/host/1"));
    expect(error).toMatchObject({ status: 200, code: ApiCodes.UnexpectedAnswer, msg: "Unexpected answer (HTTP 200 not JSON): <html>Maintenance</html>" });
  });

  it("a 2xx answer whose body is only { error } is an ApiError; an error member beside others is data", async () => {
    const bodies: unknown[] = [{ error: { code: 7001, msg: "Host is busy" } }, { error: { code: 7001, msg: "last failure" }, state: "active" }];
    const { fetch } = double(() => Response.json(bodies.shift()));
    const client = createClient({ baseUrl: BASE, token: "t", fetch });
    await expect(client.post("/vm/v3/host/1/start")).rejects.toMatchObject({ name: "ApiError", status: 200, code: 7001, msg: "Host is busy" });
    expect(await client.get("/vm/v3/host/1")).toEqual({ error: { code: 7001, msg: "last failure" }, state: "active" });
  });

  it("a fetch that rejects with something other than an Error: ApiError 0 / 5001 with its text, the cause kept", async () => {
    const fetch: FetchFunction = () => Promise.reject("socket hang up");
    const error = await rejection(createClient({ baseUrl: BASE, token: "t", fetch }).get("/vm/v3/host"));
    expect(error).toMatchObject({ status: 0, code: ApiCodes.NetworkError, msg: "No answer: socket hang up", cause: "socket hang up", request: { method: "GET", url: `${BASE}/vm/v3/host` } });
  });
});

describe("logins and tokens", () => {
  it("a login answer without a token is ApiError 5000 (and nothing else is sent)", async () => {
    const { calls, fetch } = double(() => Response.json({ id: 1, confirmed: true }));
    const error = await rejection(createClient({ baseUrl: BASE, ...ADMIN, fetch }).get("/vm/v3/host/1"));
    expect(error).toMatchObject({ status: 200, code: ApiCodes.UnexpectedAnswer, msg: "The answer holds no token", request: { method: "POST", url: `${BASE}/auth/v4/public/token` } });
    expect(calls.map((c) => c.path)).toEqual(["/auth/v4/public/token"]);
  });

  it("login() on a client made with a token: ApiError 401 / 3001, no request", async () => {
    const { calls, fetch } = double(() => Response.json({}));
    const error = await rejection(createClient({ baseUrl: BASE, token: "t", fetch }).login());
    expect(error).toMatchObject({ status: 401, code: ApiCodes.Unauthorized, msg: "The token was refused, and the client has no password or key to log in again" });
    expect(calls).toEqual([]);
  });

  it("createToken sends expires_at text as it is and no description when none is given; an answer without token is ApiError 5000", async () => {
    const answers = [Response.json({ id: 5, token: "long", expires_at: "2031-06-01 12:00:00" }), Response.json({ id: 6 })];
    const { calls, fetch } = double(() => answers.shift()!);
    const client = createClient({ baseUrl: BASE, token: "t", fetch });
    expect(await client.createToken({ expiresAt: "2031-06-01 12:00:00" })).toEqual({ id: 5, token: "long", expires_at: "2031-06-01 12:00:00" });
    await expect(client.createToken({ expiresAt: new Date(Date.UTC(2031, 5, 1)) })).rejects.toMatchObject({ code: ApiCodes.UnexpectedAnswer, msg: "The answer holds no token" });
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ["POST", "/auth/v4/token", { expires_at: "2031-06-01 12:00:00" }],
      ["POST", "/auth/v4/token", { expires_at: "2031-06-01 00:00:00" }],
    ]);
  });

  it("a request whose token is refused after another request already logged in again repeats with the new token, without a login of its own", async () => {
    let issued = 0;
    const { calls, fetch } = double(async (call) => {
      if (call.path === "/auth/v4/public/token") return Response.json({ token: `t${++issued}` });
      // the first token is refused: at once for /fast, after 60 ms for /slow (when t2 exists)
      if (call.token === "t1") await new Promise((r) => setTimeout(r, call.path === "/slow" ? 60 : 1));
      return call.token === "t1" ? Response.json({ error: { code: ApiCodes.Unauthorized, msg: "Unauthorized" } }, { status: 401 }) : Response.json({ path: call.path, token: call.token });
    });
    const client = createClient({ baseUrl: BASE, ...ADMIN, fetch });
    await client.login();
    const answers = await Promise.all([client.get("/fast"), client.get("/slow")]);
    expect(answers).toEqual([
      { path: "/fast", token: "t2" },
      { path: "/slow", token: "t2" },
    ]);
    expect(calls.map((c) => `${c.path} ${c.token ?? "-"}`)).toEqual(["/auth/v4/public/token -", "/fast t1", "/slow t1", "/auth/v4/public/token -", "/fast t2", "/slow t2"]);
  });
});

describe("503 retries", () => {
  it("a 503 whose body cannot be read (the connection reset) is retried all the same", async () => {
    const answers = [new Response(new ReadableStream({ start: (controller) => controller.error(new Error("reset")) }), { status: 503 }), Response.json({ id: 1 })];
    const { calls, fetch } = double(() => answers.shift()!);
    const client = createClient({ baseUrl: BASE, token: "t", fetch, retry: { delay: () => 0 } });
    expect(await client.get("/vm/v3/host/1")).toEqual({ id: 1 });
    expect(calls).toHaveLength(2);
  });

  it("an abort during onRetry stops before the sleep and the next request, rejecting with the signal's reason", async () => {
    const { calls, fetch } = double(() => Response.json({ error: { code: ApiCodes.Unavailable, msg: "waking up" } }, { status: 503 }));
    const controller = new AbortController();
    const reason = new Error("stop waiting");
    const client = createClient({ baseUrl: BASE, token: "t", fetch, retry: { delay: () => 60_000, onRetry: () => controller.abort(reason) } });
    expect(await rejection(client.get("/vm/v3/host", { signal: controller.signal }))).toBe(reason);
    expect(calls).toHaveLength(1);
  });

  it("sleep rejects at once for an aborted signal, and resolves after the time otherwise", async () => {
    const reason = new Error("gone");
    expect(await rejection(sleep(60_000, AbortSignal.abort(reason)))).toBe(reason);
    const started = Date.now();
    await sleep(20, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
