#!/usr/bin/env node
// Packs vmfilter with `npm pack`, installs the tarball in an empty folder and imports it there,
// as a user would, and runs its `vmfilter` command (through node_modules/.bin and through npx).
// Exits non-zero (and says why) when any step fails.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "vmfilter-pack-"));
const run = (cmd, args, cwd, env = process.env) => execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
try {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], root));
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  for (const required of ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "package.json", "README.md"]) {
    if (!files.includes(required)) throw new Error(`the tarball lacks ${required}`);
  }
  const leaked = files.filter((f) => f.startsWith("src/") || f.startsWith("test/") || f.startsWith("node_modules/"));
  if (leaked.length) throw new Error(`the tarball ships ${leaked.join(", ")}`);
  const app = join(work, "app");
  run("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--silent", tarball], app);
  writeFileSync(
    join(app, "check.mjs"),
    `import { parse, format, toQueryString } from "vmfilter";
const { query, diagnostics } = parse("where=(name+CP+'%25web%25')+AND+NOT+(state+EQ+'stopped')&orderby=cluster.name+desc&limit=0,50");
if (diagnostics.length) throw new Error("unexpected diagnostics");
console.log(format(query));
console.log(toQueryString(query));
`,
  );
  writeFileSync(
    join(app, "check.ts"),
    `import { parse, schemas, type QueryNode } from "vmfilter";
import { createClient, listQueryString, type Client, type ListAnswer, type RecordOf } from "vmfilter/client";
import { parseListRequest, type ListRequestResult } from "vmfilter/server";
const q: QueryNode = parse("id EQ 1").query;
const client: Client = createClient({ baseUrl: "https://vm.example.com", token: "t" });
const answer: Promise<ListAnswer<RecordOf<typeof schemas.vm.host>>> = client.list("/vm/v3/host", q, { schema: schemas.vm.host });
const request: ListRequestResult = parseListRequest("/vm/v3/host?" + listQueryString(q));
export default [q, answer, request];
`,
  );
  writeFileSync(
    join(app, "check-api.mjs"),
    `import { ApiError as CoreApiError } from "vmfilter";
import { ApiError, createClient, listQueryString } from "vmfilter/client";
import { parseListRequest } from "vmfilter/server";
if (ApiError !== CoreApiError) throw new Error("vmfilter/client has its own ApiError class");
const request = parseListRequest("/vm/v3/host?" + listQueryString("name cp '%web%'", { limit: 5 }));
if (!request.ok) throw new Error("rejected");
const client = createClient({ baseUrl: process.argv[2], email: "admin@example.com", password: "admin" });
const { list, size } = await client.list("/vm/v3/host", request.query);
console.log(JSON.stringify({ ids: list.map((h) => h.id), size }));
`,
  );
  const out = run("node", ["check.mjs"], app);
  const expected = "where=(name CP '%web%') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50\n" +
    "where=(name+CP+'%25web%25')+AND+NOT+(state+EQ+'stopped')&orderby=cluster.name+desc&limit=0,50\n";
  if (out !== expected) throw new Error(`the installed package printed:\n${out}`);
  run(join(root, "node_modules/.bin/tsc"), ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "check.ts"], app);

  // The installed bin: the link npm made, and npx (offline and without --yes, so it can only run
  // the installed package, never fetch one of that name).
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const bin = join(app, "node_modules", ".bin", "vmfilter");
  const formatted = run(bin, ["format", "name cp '%web%' and state eq 'active'"], app);
  if (formatted !== "(name CP '%web%') AND (state EQ 'active')\n") throw new Error(`node_modules/.bin/vmfilter format printed:\n${formatted}`);
  const npxEnv = { ...process.env, npm_config_yes: "false", npm_config_offline: "true" };
  const url = run("npx", ["vmfilter", "format", "--url", "id eq 1"], app, npxEnv);
  if (url !== "where=(id+EQ+1)\n") throw new Error(`npx vmfilter format --url printed:\n${url}`);
  const reported = run("npx", ["vmfilter", "--version"], app, npxEnv);
  if (reported !== `${version}\n`) throw new Error(`npx vmfilter --version printed ${JSON.stringify(reported)}, not ${version}`);
  writeFileSync(join(app, "filters.txt"), "id eq 1\nname cp web\n");
  let bulk;
  try {
    execFileSync(bin, ["format", "--file", "filters.txt"], { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    throw new Error("vmfilter format --file with a bad line exited 0");
  } catch (error) {
    bulk = error;
  }
  if (bulk.status !== 1 || bulk.stdout !== "(id EQ 1)\nname cp web\n" || !bulk.stderr.includes("filters.txt:2:9  error unquoted-value")) {
    throw new Error(`vmfilter format --file: exit ${bulk.status}, stdout ${JSON.stringify(bulk.stdout)}, stderr ${JSON.stringify(bulk.stderr)}`);
  }

  // `vmfilter serve` from the installed package, and its client: the list function answers through
  // vmfilter/client; --sqlite without the optional peer better-sqlite3 says how to install it
  writeFileSync(join(app, "hosts.json"), JSON.stringify([{ id: 2, name: "web-2" }, { id: 1, name: "db-1" }, { id: 3, name: "WEB-3" }]));
  const served = await serveAndRun(bin, ["serve", "--data", "hosts.json", "--schema", "vm.host"], app, (url) => run("node", ["check-api.mjs", url], app));
  if (served.result !== '{"ids":[2,3],"size":2}\n' || served.code !== 0) {
    throw new Error(`vmfilter serve with vmfilter/client: ${JSON.stringify(served)}`);
  }
  let sqlite;
  try {
    execFileSync(bin, ["serve", "--data", "hosts.json", "--schema", "vm.host", "--sqlite", "x.db"], { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    throw new Error("vmfilter serve --sqlite without better-sqlite3 started");
  } catch (error) {
    sqlite = error;
  }
  if (sqlite.status !== 2 || !sqlite.stderr.includes("npm install better-sqlite3")) throw new Error(`vmfilter serve --sqlite without better-sqlite3: exit ${sqlite.status}, stderr ${JSON.stringify(sqlite.stderr)}`);

  // The language server (`vmfilter lsp --stdio`) from the installed package: its dynamically
  // imported chunk and vscode-languageserver (external, a dependency) load; it answers initialize
  // and shuts down cleanly.
  const lsp = await lspHandshake(bin, app);
  if (lsp.code !== 0 || !/"id":1,"result":\{"capabilities":\{.*"documentFormattingProvider":true/.test(lsp.stdout)) {
    throw new Error(`vmfilter lsp --stdio: exit ${lsp.code}, stdout ${JSON.stringify(lsp.stdout.slice(0, 400))}, stderr ${JSON.stringify(lsp.stderr)}`);
  }

  // chevrotain and lodash-es are bundled into dist/: the package runs without them in node_modules.
  for (const dir of ["chevrotain", "lodash-es", "@chevrotain"]) rmSync(join(app, "node_modules", dir), { recursive: true, force: true });
  const bundled = run("node", ["check.mjs"], app);
  if (bundled !== expected) throw new Error(`without chevrotain and lodash-es in node_modules, the installed package printed:\n${bundled}`);
  const bundledBin = run(bin, ["format", "name cp '%web%' and state eq 'active'"], app);
  if (bundledBin !== formatted) throw new Error(`without chevrotain and lodash-es in node_modules, vmfilter format printed:\n${bundledBin}`);

  console.log(
    `pack-check: ${packed[0].filename} (${files.length} files, ${packed[0].size} bytes) installs, imports and type-checks in an empty folder; ` +
      "its vmfilter command runs (bin link and npx), its language server answers, vmfilter serve answers vmfilter/client (and --sqlite asks for better-sqlite3), " +
      "and it needs no chevrotain or lodash-es at run time (bundled)",
  );
} catch (error) {
  console.error(`pack-check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Starts `bin ...args` (a `vmfilter serve`), waits for the address on stdout, runs `use(url)`,
 * then stops it with SIGTERM. Resolves with use's result and the exit code; kills it after 30 s.
 */
function serveAndRun(bin, args, cwd, use) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let result;
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const address = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (!address || result !== undefined) return;
      try {
        result = use(address[1]);
      } catch (error) {
        result = `failed: ${error.message}`;
      }
      child.kill("SIGTERM");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ result, code: code ?? signal, stderr });
    });
  });
}

/**
 * Starts `bin lsp --stdio` and speaks to it as an editor does: initialize, initialized, then (after
 * each answer) shutdown and exit. Resolves with its exit code and output; kills it after 30 s.
 */
function lspHandshake(bin, cwd) {
  const frame = (message) => {
    const body = JSON.stringify({ jsonrpc: "2.0", ...message });
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  return new Promise((resolve) => {
    const child = spawn(bin, ["lsp", "--stdio"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let step = 0;
    const timer = setTimeout(() => child.kill(), 30_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (step === 0 && stdout.includes('"id":1,')) {
        step = 1;
        child.stdin.write(frame({ method: "initialized", params: {} }) + frame({ id: 2, method: "shutdown" }));
      } else if (step === 1 && stdout.includes('"id":2,')) {
        step = 2;
        child.stdin.end(frame({ method: "exit" }));
      }
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
    child.stdin.write(frame({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } }));
  });
}
