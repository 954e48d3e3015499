/// <reference types="node" />
/**
 * `vmfilter serve` as a user runs it: the built binary spawned, its address read from stdout, a
 * client and plain fetch talking to it over 127.0.0.1, SIGTERM ending it with exit code 0; usage
 * errors exit 2.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCodes, createClient } from "../../src/client/index.js";
import { apply, schemas } from "../../src/index.js";
import { HOST_FILTERS, makeHosts } from "../fixtures/hosts.js";
import { BIN, requireBuild, runCli } from "../helpers/cli.js";

const hosts = makeHosts(120, 11);
const byId = [...hosts].sort((a, b) => a.id - b.id);
const clusters = [
  { id: 2, name: "beta", datacenter_type: "common" },
  { id: 1, name: "alpha", datacenter_type: "vdc" },
];
let dir: string;

interface Serving {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  stderr(): string;
  /** Sends SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns `node dist/cli/main.js serve ...args` and waits for the address line on stdout. */
function serve(args: readonly string[]): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 10 s; stderr: ${stderr}`)), 10_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (!line) return;
      clearTimeout(timer);
      resolve({
        child,
        url: line[1]!,
        stderr: () => stderr,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its address; stderr: ${stderr}`)));
  });
}

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), "vmfilter-serve-cli-"));
  writeFileSync(join(dir, "hosts.json"), JSON.stringify(hosts));
  writeFileSync(join(dir, "entities.json"), JSON.stringify({ "vm/v3/host": hosts, "/vm/v3/cluster": clusters }));
  writeFileSync(join(dir, "users.json"), JSON.stringify([{ email: "ops@example.com", password: "s3cret" }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("vmfilter serve (the built binary)", () => {
  it("serves a list API from SQLite, answering the first 3 requests with 503; the client retries and gets what apply gives", async () => {
    const server = await serve(["--data", join(dir, "entities.json"), "--schema", "vm.host", "--sqlite", join(dir, "vm.db"), "--wake-503", "3"]);
    try {
      expect(server.stderr()).toContain("no --users: log in as admin@example.com / admin");
      expect(server.stderr()).toContain(`/vm/v3/host  120 records, schema vm.host, SQLite ${join(dir, "vm.db")}`);
      expect(server.stderr()).toContain("/vm/v3/cluster  2 records, SQLite");
      let retries = 0;
      const client = createClient({ baseUrl: `${server.url}/api`, email: "admin@example.com", password: "admin", retry: { onRetry: () => retries++ } });
      for (const filter of HOST_FILTERS) {
        const expected = apply(filter, byId, { schema: schemas.vm.host });
        expect(await client.list("/vm/v3/host", filter), filter).toEqual({ list: expected.list, size: expected.size });
      }
      expect(retries).toBe(3);
      expect(await client.list("/vm/v3/cluster", "where=datacenter_type EQ 'vdc'")).toEqual({ list: [clusters[1]], size: 1 });
      expect(await client.list("/vm/v3/cluster", "orderby=name desc")).toEqual({ list: clusters, size: 2 });
      expect(await client.get("/vm/v3/host/42")).toEqual(byId[41]);

      const anonymous = await fetch(`${server.url}/vm/v3/host`);
      expect([anonymous.status, await anonymous.json()]).toEqual([401, { error: { code: ApiCodes.Unauthorized, msg: "Unauthorized" } }]);
      const query = "where=(id+EQ+1)+AND+(name+EQ+)";
      const bad = await fetch(`${server.url}/vm/v3/host?${query}`, { headers: { "x-xsrf-token": client.token! } });
      const body = (await bad.json()) as { error: { code: number; value: { diagnostics: { code: string; start: number; end: number }[] } } };
      expect([bad.status, body.error.code, body.error.value.diagnostics.map((d) => [d.code, d.start, d.end])]).toEqual([400, 4001, [["missing-value", 29, 30]]]);
      expect(query.slice(29, 30)).toBe(")"); // the bracket where the value is missing
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("takes its users from --users (and then does not offer admin / admin); --cors lets a browser page call it", async () => {
    const server = await serve(["--data", join(dir, "hosts.json"), "--schema", "vm.host", "--users", join(dir, "users.json"), "--port", "0", "--cors", "http://localhost:5173"]);
    try {
      expect(server.stderr()).not.toContain("admin@example.com");
      expect(server.stderr()).toContain("browsers may call it from http://localhost:5173 (CORS)");
      const preflight = await fetch(`${server.url}/vm/v3/host`, { method: "OPTIONS", headers: { origin: "http://localhost:5173", "access-control-request-headers": "x-xsrf-token" } });
      expect([preflight.status, preflight.headers.get("access-control-allow-origin"), preflight.headers.get("access-control-allow-headers")]).toEqual([204, "http://localhost:5173", "content-type, x-xsrf-token, isp-box-instance"]);
      expect((await fetch(`${server.url}/vm/v3/host`)).headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      await expect(createClient({ baseUrl: server.url, email: "admin@example.com", password: "admin" }).get("/vm/v3/host/1")).rejects.toMatchObject({ code: ApiCodes.InvalidPassword });
      expect((await createClient({ baseUrl: server.url, email: "ops@example.com", password: "s3cret" }).list("/vm/v3/host", "where=id LE 10")).size).toBe(10);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("--help shows the options and examples", async () => {
    const run = await runCli(["serve", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^vmfilter serve --data <file\.json>/);
    expect(run.stdout).toContain("--wake-503 <n>");
    expect(run.stdout).toContain("Examples:\n  vmfilter serve --data hosts.json --schema vm.host\n");
    expect((await runCli(["help", "serve"])).stdout).toBe(run.stdout);
    expect((await runCli(["--help"])).stdout).toMatch(/\n {2}serve +run a local VMmanager-compatible list API/);
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'."],
    [[], "Give the records to serve: --data <file.json>."],
    [["--data", "x.json", "extra"], 'serve takes no filter or other argument (got "extra")'],
    [["--data", "x.json", "--port", "70000"], '--port takes a whole number from 0 to 65535; got "70000".'],
    [["--data", "x.json", "--wake-503", "three"], '--wake-503 takes a whole number; got "three".'],
    [["--data", "x.json", "--token-ttl", "0"], '--token-ttl takes a number of seconds above 0; got "0".'],
    [["--data", "x.json", "--cors", "localhost:5173/app"], '--cors takes * or an origin such as http://localhost:5173; got "localhost:5173/app".'],
    [["--data", "missing.json"], "Cannot read the data file missing.json:"],
    [["--data", "HOSTS"], "holds an array: say which entity it is with --schema"],
    [["--data", "HOSTS", "--schema", "vm.nope"], 'Unknown schema "vm.nope".'],
    [["--data", "ENTITIES", "--schema", "vm.task"], "--schema vm.task is for /vm/v3/task, which"],
  ])("usage error: %j", async (args, message) => {
    const files: Record<string, string> = { HOSTS: join(dir, "hosts.json"), ENTITIES: join(dir, "entities.json") };
    const run = await runCli(["serve", ...args.map((a) => files[a] ?? a)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Run "vmfilter serve --help" for usage.');
    expect(run.stdout).toBe("");
  });
});
