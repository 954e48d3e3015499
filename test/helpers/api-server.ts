/// <reference types="node" />
/**
 * `vmfilter serve` started in process (src/serve/start.ts) on 127.0.0.1 with a random port, over
 * records written to a temporary data file, for the client and server tests. The spawned binary
 * is tested in test/serve/serve-cli.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServeSettings } from "../../src/serve/command.js";
import { startServe, type StartedServe } from "../../src/serve/start.js";

/** A started server and its temporary folder, removed by `close`. */
export interface TestServer extends StartedServe {
  readonly url: string;
  readonly dir: string;
}

/** Starts serve over `data` (written to `data.json`); `settings` override the defaults (port 0, schema vm.host). */
export async function startTestServer(data: unknown, settings: Partial<Omit<ServeSettings, "data">> & { readonly sqliteFile?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "vmfilter-serve-"));
  const file = join(dir, "data.json");
  writeFileSync(file, JSON.stringify(data));
  const { sqliteFile, ...rest } = settings;
  const started = await startServe({
    data: file,
    schema: "vm.host",
    sqlite: sqliteFile ? join(dir, "data.db") : undefined,
    port: 0,
    users: undefined,
    wake503: 0,
    tokenIdleMs: 3_600_000,
    maxLimitCount: undefined,
    cors: undefined,
    ...rest,
  });
  return {
    ...started,
    url: started.server.url,
    dir,
    close: async () => {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fetch that records every request (method, path, headers) before passing it on. */
export function recordingFetch(): { readonly calls: { method: string; path: string; headers: Record<string, string> }[]; readonly fetch: (input: string, init: RequestInit) => Promise<Response> } {
  const calls: { method: string; path: string; headers: Record<string, string> }[] = [];
  return {
    calls,
    fetch: (input, init) => {
      const url = new URL(input);
      calls.push({ method: init.method ?? "GET", path: url.pathname + url.search, headers: { ...(init.headers as Record<string, string>) } });
      return fetch(input, init);
    },
  };
}
