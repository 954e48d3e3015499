#!/usr/bin/env node
// Packs vmfilter with `npm pack`, installs the tarball in an empty folder and imports it there,
// as a user would, and runs its `vmfilter` command (through node_modules/.bin and through npx).
// Exits non-zero (and says why) when any step fails.
import { execFileSync } from "node:child_process";
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
  writeFileSync(join(app, "check.ts"), `import { parse, type QueryNode } from "vmfilter";\nconst q: QueryNode = parse("id EQ 1").query;\nexport default q;\n`);
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
  console.log(`pack-check: ${packed[0].filename} (${files.length} files, ${packed[0].size} bytes) installs, imports and type-checks in an empty folder; its vmfilter command runs (bin link and npx)`);
} catch (error) {
  console.error(`pack-check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
