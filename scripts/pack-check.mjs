#!/usr/bin/env node
// Packs vmfilter with `npm pack`, installs the tarball in an empty folder and imports it there,
// as a user would. Exits non-zero (and says why) when any step fails.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "vmfilter-pack-"));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
try {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], root));
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  for (const required of ["dist/index.js", "dist/index.d.ts", "package.json", "README.md"]) {
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
  console.log(`pack-check: ${packed[0].filename} (${files.length} files, ${packed[0].size} bytes) installs, imports and type-checks in an empty folder`);
} catch (error) {
  console.error(`pack-check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
