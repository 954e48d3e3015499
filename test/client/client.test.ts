/// <reference types="node" />
/**
 * vmfilter/client end to end against `vmfilter serve` on 127.0.0.1 (a random port): login, the
 * token header, lists with filters in every input form giving what `apply` gives on the same
 * records (in memory and pushed down to SQLite), 503 retries, API errors, re-login on expiry,
 * keys and long-lived tokens, aborts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCodes, ApiError, createClient, FilterSyntaxError, listQueryString, type Client } from "../../src/client/index.js";
import { apply, filterOf, parse, schemas } from "../../src/index.js";
import { HOST_FILTERS, makeHosts, type Host } from "../fixtures/hosts.js";
import { recordingFetch, startTestServer, type TestServer } from "../helpers/api-server.js";

const hosts = makeHosts(240);
const byId = [...hosts].sort((a, b) => a.id - b.id);
const ADMIN = { email: "admin@example.com", password: "admin" };
const ids = (list: readonly { id?: unknown }[]) => list.map((r) => r.id);

describe.each([
  ["in memory", false],
  ["SQLite through toSql", true],
])("lists (%s) give what apply gives on the same records", (_name, sqliteFile) => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await startTestServer(hosts, { sqliteFile });
    client = createClient({ baseUrl: server.url, ...ADMIN });
  });
  afterAll(() => server.close());

  it.each(HOST_FILTERS.map((f) => [f || "(no filter)", f]))("%s", async (_label, filter) => {
    const expected = apply(filter, byId, { schema: schemas.vm.host });
    const answer = await client.list("/vm/v3/host", filter, { schema: schemas.vm.host });
    expect(answer.size).toBe(expected.size);
    expect(answer.list).toEqual(expected.list);
  });

  it("takes a builder, a Query, and orderby / limit options, and pages through a sort", async () => {
    const f = filterOf(schemas.vm.host);
    const built = await client.list("/vm/v3/host", f.where(f.cp("name", "%web%")).orderBy("cpu_number", "desc").limit(0, 5));
    expect(ids(built.list)).toEqual(ids(apply("where=name CP '%web%'&orderby=cpu_number desc&limit=0,5", byId).list));
    const parsed = await client.list("/vm/v3/host", parse("where=cluster.name EQ 'cluster-b'").query, { orderby: [["ram_mib", "desc"], "id"], limit: [0, 3] });
    expect(ids(parsed.list)).toEqual(ids(apply("where=cluster.name EQ 'cluster-b'&orderby=ram_mib desc,id asc&limit=0,3", byId).list));
    const pages: unknown[] = [];
    for (let offset = 0; offset < 240; offset += 50) pages.push(...ids((await client.list("/vm/v3/host", "", { orderby: "name desc", limit: [offset, 50] })).list));
    expect(pages).toEqual(ids(apply("orderby=name desc", byId).list));
  });
});

describe("the client against serve", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(hosts, { tokenIdleMs: 300 });
  });
  afterAll(() => server.close());

  it("logs in once, then sends x-xsrf-token on every request; the list URL carries the canonical encoded filter", async () => {
    const { calls, fetch } = recordingFetch();
    const client = createClient({ baseUrl: `${server.url}/api/`, ...ADMIN, fetch });
    await client.list("/vm/v3/host", "where=name cp '%web%' and state eq 'active'&limit=0,2");
    await client.get("/vm/v3/host/1");
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /api/auth/v4/public/token",
      // fetch's URL parser writes ' as %27 in a query: the platform's encoding of toQueryString's text
      "GET /api/vm/v3/host?where=(name+CP+%27%25web%25%27)+AND+(state+EQ+%27active%27)&limit=0,2",
      "GET /api/vm/v3/host/1",
    ]);
    expect(calls[0]!.headers["x-xsrf-token"]).toBeUndefined();
    expect(calls.slice(1).map((c) => c.headers["x-xsrf-token"])).toEqual([client.token, client.token]);
    expect(client.token).toMatch(/^1-[0-9a-f-]{36}$/);
    expect(listQueryString("where=name cp '%web%' and state eq 'active'&limit=0,2")).toBe("where=(name+CP+'%25web%25')+AND+(state+EQ+'active')&limit=0,2");
  });

  it("get answers one record; an unknown record is ApiError 404 / 4004; DELETE on a list is 405 / 4005", async () => {
    const client = createClient({ baseUrl: server.url, ...ADMIN });
    expect(await client.get("/vm/v3/host/17")).toEqual(byId[16]);
    await expect(client.get("/vm/v3/host/9999")).rejects.toMatchObject({ name: "ApiError", status: 404, code: ApiCodes.NotFound });
    await expect(client.delete("/vm/v3/host")).rejects.toMatchObject({ status: 405, code: ApiCodes.MethodNotAllowed });
  });

  it("a filter the server rejects is ApiError 400 / 4001 with the diagnostics' offsets into the query string sent", async () => {
    const client = createClient({ baseUrl: server.url, ...ADMIN });
    const error = await client.list("/vm/v3/host", "where=(nmae EQ 'x') AND (cpu_number EQ 'four')").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError<{ diagnostics: { code: string; start: number; end: number }[] }>;
    expect(api.status).toBe(400);
    expect(api.code).toBe(ApiCodes.InvalidFilter);
    const sent = new URL(api.request!.url).search.slice(1);
    expect(sent).toBe("where=(nmae+EQ+%27x%27)+AND+(cpu_number+EQ+%27four%27)");
    const found = api.value!.diagnostics.filter((d) => d.code !== "keyword-case").map((d) => [d.code, sent.slice(d.start, d.end)]);
    expect(found).toEqual([
      ["unknown-field", "nmae"],
      ["type-mismatch", "%27four%27"],
    ]);
  });

  it("filter text with syntax errors throws FilterSyntaxError before any request", async () => {
    const { calls, fetch } = recordingFetch();
    const client = createClient({ baseUrl: server.url, ...ADMIN, fetch });
    await expect(client.list("/vm/v3/host", "where=(id EQ )")).rejects.toBeInstanceOf(FilterSyntaxError);
    await expect(client.list("/vm/v3/host", "where=id EQ 1&limit=0,5", { limit: 3 })).rejects.toThrow(/own limit/);
    expect(calls).toEqual([]);
  });

  it("a refused token is ApiError 401 / 3001 when the client cannot log in again; a wrong password is 22013", async () => {
    await expect(createClient({ baseUrl: server.url, token: "1-nope" }).list("/vm/v3/host")).rejects.toMatchObject({ status: 401, code: ApiCodes.Unauthorized, msg: "Unauthorized" });
    await expect(createClient({ baseUrl: server.url, email: ADMIN.email, password: "wrong" }).get("/vm/v3/host/1")).rejects.toMatchObject({ status: 401, code: ApiCodes.InvalidPassword });
  });

  it("logs in again once when the session expired (the server forgets a token unused for --token-ttl)", async () => {
    const { calls, fetch } = recordingFetch();
    const client = createClient({ baseUrl: server.url, ...ADMIN, fetch });
    await client.get("/vm/v3/host/1");
    const first = client.token;
    await new Promise((r) => setTimeout(r, 450));
    expect(await client.get("/vm/v3/host/2")).toEqual(byId[1]);
    expect(client.token).not.toBe(first);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /auth/v4/public/token", "GET /vm/v3/host/1", "GET /vm/v3/host/2", "POST /auth/v4/public/token", "GET /vm/v3/host/2"]);
  });

  it("logs in with a key (isp-box-instance: true) and makes a long-lived token that outlives the idle limit", async () => {
    const admin = createClient({ baseUrl: server.url, ...ADMIN });
    const { key } = await admin.post<{ key: string }>("/auth/v4/user/admin@example.com/key");
    const { calls, fetch } = recordingFetch();
    const byKey = createClient({ baseUrl: server.url, key, fetch });
    expect((await byKey.list("/vm/v3/host", "where=id LE 3")).size).toBe(3);
    expect(calls[0]).toMatchObject({ method: "POST", path: "/auth/v4/public/key", headers: { "isp-box-instance": "true" } });

    const made = await admin.createToken({ expiresAt: new Date(Date.now() + 3_600_000), description: "integration" });
    expect(made.expires_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const longLived = createClient({ baseUrl: server.url, token: made.token });
    await new Promise((r) => setTimeout(r, 450));
    expect(await longLived.get("/vm/v3/host/3")).toEqual(byId[2]);
  });

  it("no answer at all is ApiError 0 / 5001", async () => {
    const client = createClient({ baseUrl: "http://127.0.0.1:9", token: "t", retry: false });
    await expect(client.get("/vm/v3/host")).rejects.toMatchObject({ status: 0, code: ApiCodes.NetworkError });
  });

  it("calls fetch unbound (a browser's fetch throws when `this` is another object)", async () => {
    const seen: unknown[] = [];
    const strictFetch = function (this: unknown, input: string, init: RequestInit) {
      seen.push(this);
      return fetch(input, init);
    };
    const client = createClient({ baseUrl: server.url, ...ADMIN, fetch: strictFetch });
    await client.get("/vm/v3/host/1");
    expect(seen).toEqual([undefined, undefined]);
  });

  it("checks its options", () => {
    expect(() => createClient({ baseUrl: "ftp://x", token: "t" })).toThrow(/http/);
    expect(() => createClient({ baseUrl: "vm.example.com", token: "t" })).toThrow(/absolute/);
    expect(() => createClient({ baseUrl: "http://x" } as never)).toThrow(/token/);
  });
});

describe("expired sessions (a test double for fetch)", () => {
  /** A fetch that answers logins with a new token each time and refuses every token but the newest with `refusal`. */
  function instance(refusal: { status: number; body: unknown }) {
    let issued = 0;
    const log: string[] = [];
    const fetch = async (input: string, init: RequestInit): Promise<Response> => {
      const path = new URL(input).pathname;
      const token = (init.headers as Record<string, string>)["x-xsrf-token"];
      log.push(`${path} ${token ?? "-"}`);
      await new Promise((r) => setTimeout(r, 5));
      if (path === "/auth/v4/public/token") return Response.json({ id: issued, token: `t${++issued}` });
      return token === `t${issued}` && issued > 1 ? Response.json({ ok: token }) : Response.json(refusal.body, { status: refusal.status });
    };
    return { fetch, log };
  }

  it.each([
    ["HTTP 401 without a body", { status: 401, body: "" }],
    ["code 3001", { status: 403, body: { error: { code: 3001, msg: "Unauthorized" } } }],
    ["code 1000", { status: 400, body: { error: { code: 1000, msg: "Session expired" } } }],
  ])("%s: one re-login, shared by the requests that found the session gone, then each request once more", async (_name, refusal) => {
    const { fetch, log } = instance(refusal);
    const client = createClient({ baseUrl: "https://vm.example.com", ...ADMIN, fetch });
    // the first token (t1) is refused: both requests see it, one login (t2) serves both
    const answers = await Promise.all([client.get("/vm/v3/host/1"), client.get("/vm/v3/host/2")]);
    expect(answers).toEqual([{ ok: "t2" }, { ok: "t2" }]);
    expect(log.filter((l) => l.startsWith("/auth/"))).toHaveLength(2);
    expect(log.slice(-2).sort()).toEqual(["/vm/v3/host/1 t2", "/vm/v3/host/2 t2"]);
  });

  it("another kind of error is not an expired session: no re-login", async () => {
    const { fetch, log } = instance({ status: 400, body: { error: { code: 4001, msg: "Invalid filter" } } });
    const client = createClient({ baseUrl: "https://vm.example.com", ...ADMIN, fetch });
    await expect(client.get("/vm/v3/host")).rejects.toMatchObject({ status: 400, code: 4001 });
    expect(log).toEqual(["/auth/v4/public/token -", "/vm/v3/host t1"]);
  });
});

describe("503 while the instance wakes up", () => {
  it("retries as the official sample (sleeping 0.1 s × attempt) and then succeeds: 503 ×3", async () => {
    const server = await startTestServer(hosts, { wake503: 3 });
    try {
      const retries: { attempt: number; delay: number }[] = [];
      const started = Date.now();
      const client = createClient({ baseUrl: server.url, ...ADMIN, retry: { onRetry: ({ attempt, delay }) => retries.push({ attempt, delay }) } });
      expect((await client.list("/vm/v3/host", "where=id EQ 5")).list).toEqual([byId[4]]);
      expect(retries).toEqual([
        { attempt: 1, delay: 100 },
        { attempt: 2, delay: 200 },
        { attempt: 3, delay: 300 },
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    } finally {
      await server.close();
    }
  });

  it("gives up after `retries` with ApiError 503 / 5003; retry: false does not retry", async () => {
    const server = await startTestServer(hosts, { wake503: 4 });
    try {
      await expect(createClient({ baseUrl: server.url, ...ADMIN, retry: false }).get("/vm/v3/host/1")).rejects.toMatchObject({ status: 503, code: ApiCodes.Unavailable });
      const client = createClient({ baseUrl: server.url, ...ADMIN, retry: { retries: 2, delay: () => 1 } });
      await expect(client.get("/vm/v3/host/1")).rejects.toMatchObject({ status: 503, code: ApiCodes.Unavailable });
      expect(await client.get("/vm/v3/host/1")).toEqual(byId[0]); // the 4 wake-up answers are used up
    } finally {
      await server.close();
    }
  });

  it("an abort stops the retries at once and rejects with the signal's reason", async () => {
    const server = await startTestServer(hosts, { wake503: 1000 });
    try {
      const client = createClient({ baseUrl: server.url, token: "any" });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 150);
      const error = await client.list("/vm/v3/host", "", { signal: controller.signal }).catch((e: unknown) => e);
      expect((error as Error).name).toBe("AbortError");
      expect(Date.now() - started).toBeLessThan(1000); // the retries alone would take 5.5 s
      await expect(client.get("/vm/v3/host/1", { signal: AbortSignal.abort(new Error("gone")) })).rejects.toThrow("gone");
    } finally {
      await server.close();
    }
  });
});

describe("typed answers", () => {
  it("a schema types the records", async () => {
    const server = await startTestServer(hosts);
    try {
      const client = createClient({ baseUrl: server.url, ...ADMIN });
      const { list } = await client.list("/vm/v3/host", "where=id EQ 1", { schema: schemas.vm.host });
      const host = list[0]!;
      // compile-time: name is a string, cluster a reference with an id, tags an array of strings
      const name: string | null | undefined = host.name;
      const cluster: number | undefined = host.cluster?.id;
      const tags: string[] | null | undefined = host.tags;
      expect([name, cluster, tags]).toEqual([byId[0]!.name, (byId[0]!.cluster as { id: number }).id, byId[0]!.tags]);
      const untyped: Host[] = (await client.list("/vm/v3/host", "where=id EQ 1")).list as Host[];
      expect(untyped).toEqual([byId[0]]);
    } finally {
      await server.close();
    }
  });
});
