#!/usr/bin/env node
/**
 * A bounded load test of `vmfilter serve` (not part of `npm test`; run by hand after `npm run build`):
 * starts the built binary on 127.0.0.1 over seeded vm/v3/host records (bench/hosts.mjs), then N
 * concurrent clients (vmfilter/client from dist/, each with its own login) send a fixed number of
 * list requests between them, cycling through filters of every kind with sorts and pages. It
 * prints throughput, latency percentiles, the server's resident memory before and after, and the
 * error count, for the records in memory and again pushed down to a SQLite file. It stops by itself:
 * after the requests, or at --timeout (then exit 1). Exit 1 too when any request failed.
 *
 *   node scripts/serve-load.mjs [--clients 16] [--requests 4000] [--records 5000] [--timeout 120]
 *                               [--mode memory|sqlite|both]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { makeHosts, MEDIUM_FILTER, ORDER_BY } from "../bench/hosts.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "dist/cli/main.js");
const clientEntry = join(root, "dist/client/index.js");

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "16" },
    requests: { type: "string", default: "4000" },
    records: { type: "string", default: "5000" },
    timeout: { type: "string", default: "120" },
    mode: { type: "string", default: "both" },
  },
  strict: true,
});
const CLIENTS = Number(values.clients);
const REQUESTS = Number(values.requests);
const RECORDS = Number(values.records);
const TIMEOUT_S = Number(values.timeout);
const MODES = values.mode === "both" ? ["memory", "sqlite"] : [values.mode];
for (const [name, n] of Object.entries({ clients: CLIENTS, requests: REQUESTS, records: RECORDS, timeout: TIMEOUT_S })) {
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`--${name} takes a whole number above 0`);
}
if (!MODES.every((m) => m === "memory" || m === "sqlite")) throw new Error("--mode is memory, sqlite or both");
if (!existsSync(bin) || !existsSync(clientEntry)) throw new Error("dist/ is missing: run `npm run build` first");
const { createClient } = await import(clientEntry);

/** What the clients ask, in turn: small and large pages, sorts, every kind of condition. */
const FILTERS = [
  "where=state EQ 'active'&limit=0,20",
  `where=${MEDIUM_FILTER}&orderby=${ORDER_BY}&limit=40,20`,
  "where=(name CP '%web%') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50",
  "where=ip4.ip EQ '10.0.1.7'&orderby=id desc&limit=0,10",
  "where=(cpu_number GE 4) OR (ram_mib LT 2048)&orderby=ram_mib desc,name asc&limit=100,25",
  "orderby=name&limit=0,100",
  "where=account.email CP '%@example.com'&limit=0,5",
  "where=disabled EQ true&orderby=domain desc&limit=10,10",
];

/** The server's resident set size in MiB (Linux /proc), or undefined elsewhere. */
function rssMiB(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
const mib = (v) => (v === undefined ? "n/a" : `${v.toFixed(1)} MiB`);

/** Spawns serve and resolves with its address once it prints it. */
function startServe(args) {
  const child = spawn(process.execPath, [bin, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      const m = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`serve exited (${code}) before printing its address: ${stderr}`)));
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function run(mode, dataFile, dir) {
  const args = ["--data", dataFile, "--schema", "vm.host", ...(mode === "sqlite" ? ["--sqlite", join(dir, "load.db")] : [])];
  const { child, url } = await startServe(args);
  const timer = setTimeout(() => {
    console.error(`serve-load: --timeout ${TIMEOUT_S} s reached; stopping`);
    child.kill("SIGTERM");
    process.exit(1);
  }, TIMEOUT_S * 1000);
  try {
    // one warm-up request per filter (the first parse builds the parser), not counted
    const warm = createClient({ baseUrl: url, email: "admin@example.com", password: "admin" });
    for (const f of FILTERS) await warm.list("/vm/v3/host", f);
    const before = rssMiB(child.pid);
    const latencies = [];
    let errors = 0;
    let firstError;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const client = createClient({ baseUrl: url, email: "admin@example.com", password: "admin" });
        await client.login();
        while (next < REQUESTS) {
          const i = next++;
          const t = performance.now();
          try {
            const answer = await client.list("/vm/v3/host", FILTERS[(i + c) % FILTERS.length]);
            if (!Array.isArray(answer.list)) throw new Error("no list");
          } catch (error) {
            errors++;
            firstError ??= error;
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const after = rssMiB(child.pid);
    latencies.sort((a, b) => a - b);
    console.log(
      `${mode.padEnd(6)}  ${REQUESTS} requests, ${CLIENTS} clients, ${RECORDS} records: ${(REQUESTS / elapsed).toFixed(0)} req/s in ${elapsed.toFixed(2)} s; ` +
        `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms; ` +
        `server RSS ${mib(before)} before, ${mib(after)} after; errors ${errors}`,
    );
    if (firstError) console.error(`first error: ${firstError.stack ?? firstError}`);
    return errors;
  } finally {
    clearTimeout(timer);
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r()));
  }
}

const dir = mkdtempSync(join(tmpdir(), "vmfilter-load-"));
let failed = 0;
try {
  const dataFile = join(dir, "hosts.json");
  writeFileSync(dataFile, JSON.stringify(makeHosts(RECORDS)));
  console.log(`serve-load: node ${process.version}, loopback 127.0.0.1, ${FILTERS.length} filters in turn`);
  for (const mode of MODES) failed += await run(mode, dataFile, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed > 0 ? 1 : 0;
