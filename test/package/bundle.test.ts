/// <reference types="node" />
/**
 * The built layout (scripts/build.mjs; see docs/architecture.md, "Build"): each entry bundled by
 * esbuild with chevrotain and lodash-es inside, the code the entries share in dist/chunks/ (once),
 * and only adapters' peers and the language server's packages left to node_modules. Read from the
 * built files themselves, so `npm test` (which builds first) checks what `npm pack` ships.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distGraph, mapSources, ROOT } from "../helpers/dist.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; import: string }>;
  bin: Record<string, string>;
  main: string;
  types: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** The public entries: what `exports` and `bin` point to. */
const ENTRIES = ["dist/index.js", "dist/cli/main.js", "dist/eslint/index.js", "dist/codemirror/index.js", "dist/client/index.js", "dist/server/index.js"];
/** The worker thread of `vmfilter <command> --file --jobs`: started by the bin, not imported (src/cli/parallel.ts). */
const WORKER = "dist/cli/worker.js";

const builtin = (specifier: string) => specifier.startsWith("node:");
const allJs = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allJs(`${dir}/${e.name}`) : e.name.endsWith(".js") ? [`${dir}/${e.name}`] : []));

beforeAll(() => {
  for (const entry of ENTRIES) if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it) before these tests.`);
});

describe("the built entries", () => {
  it("vmfilter (dist/index.js) has chevrotain and lodash-es bundled: it imports no package and no Node built-in, and loads a handful of files", async () => {
    const { files, externals } = await distGraph("dist/index.js");
    expect(externals).toEqual([]);
    // not the hundreds of lodash-es modules of chevrotain's own ESM build (the chunks grow in number
    // with the entries: each split follows which entries reach a module)
    expect(files.length).toBeLessThan(30);
    const sources = files.flatMap(mapSources);
    expect(sources.some((s) => s.startsWith("node_modules/chevrotain/"))).toBe(true);
    expect(sources.some((s) => s.startsWith("node_modules/lodash-es/"))).toBe(true);
  });

  it("chevrotain is in one shared chunk that every entry loads, not copied into each", async () => {
    const holders = allJs("dist").filter((file) => mapSources(file).some((s) => /^node_modules\/chevrotain\/src\/parse\/parser\/parser\.ts$/.test(s)));
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatch(/^dist\/chunks\//);
    // the library entries import it; the bin when a command runs (a dynamic import)
    for (const entry of ENTRIES) expect((await distGraph(entry, { dynamic: entry === "dist/cli/main.js" })).files).toContain(holders[0]);
  });

  it("vmfilter/codemirror stays browser-safe: it imports @codemirror/* and nothing else from outside, no Node built-in", async () => {
    const { externals } = await distGraph("dist/codemirror/index.js");
    expect(externals.length).toBeGreaterThan(0);
    expect(externals.filter((e) => !e.path.startsWith("@codemirror/"))).toEqual([]);
  });

  it.each(["dist/client/index.js", "dist/server/index.js"])("%s imports nothing from outside dist/ (no package, no Node built-in): it runs on the platform fetch in Node 20 and browsers", async (entry) => {
    const { externals } = await distGraph(entry);
    expect(externals).toEqual([]);
  });

  it("vmfilter/eslint imports only Node built-ins (eslint itself is the user's, and only its types are used)", async () => {
    const { externals } = await distGraph("dist/eslint/index.js");
    expect(externals.filter((e) => !builtin(e.path))).toEqual([]);
  });

  it("the bin loads the commands and the core only when a command runs: `vmfilter --version` reads a few KiB", async () => {
    const { files } = await distGraph("dist/cli/main.js", { dynamic: false });
    const bytes = files.reduce((sum, file) => sum + statSync(join(ROOT, file)).size, 0);
    expect(bytes).toBeLessThan(50_000); // the core chunk alone is ~400 KB
  });

  it("the bin loads vscode-languageserver only through the dynamic import of `vmfilter lsp`, better-sqlite3 only through `vmfilter serve --sqlite`", async () => {
    const eager = await distGraph("dist/cli/main.js", { dynamic: false });
    expect(eager.externals.filter((e) => !builtin(e.path))).toEqual([]);
    const all = await distGraph("dist/cli/main.js");
    const packages = [...new Set(all.externals.filter((e) => !builtin(e.path)).map((e) => e.path.replace(/^((?:@[^/]+\/)?[^/]+).*$/, "$1")))].sort();
    expect(packages).toEqual(["better-sqlite3", "vscode-languageserver", "vscode-languageserver-textdocument"]);
    // what stays external is a runtime dependency, so an installed package finds it; better-sqlite3
    // (native) is an optional peer: serve --sqlite says how to install it when it is missing
    for (const name of packages.filter((p) => p !== "better-sqlite3")) expect(pkg.dependencies).toHaveProperty(name);
    expect(pkg.dependencies).not.toHaveProperty("better-sqlite3");
    expect(pkg.peerDependencies["better-sqlite3"]).toBe("^12");
    expect(pkg.peerDependenciesMeta["better-sqlite3"]).toEqual({ optional: true });
    expect(all.externals.filter((e) => e.path === "better-sqlite3").map((e) => e.kind)).toEqual(["dynamic-import"]);
  });

  it("the bin keeps its #! line and is executable", () => {
    const bin = join(ROOT, pkg.bin.vmfilter!);
    expect(readFileSync(bin, "utf8").split("\n", 1)[0]).toBe("#!/usr/bin/env node");
    expect(statSync(bin).mode & 0o111).toBe(0o111);
  });

  it("exports, main, types and bin point to built files", () => {
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
    for (const target of Object.values(pkg.exports)) targets.push(...(typeof target === "string" ? [target] : [target.types, target.import]));
    for (const target of targets) expect(existsSync(join(ROOT, target)), target).toBe(true);
    expect(targets.filter((t) => t.endsWith(".js")).map((t) => t.replace(/^\.\//, "")).sort()).toEqual(expect.arrayContaining(ENTRIES));
  });

  it("every output has a linked source map, without the sources' text", () => {
    for (const file of allJs("dist")) {
      expect(readFileSync(join(ROOT, file), "utf8")).toMatch(/\n\/\/# sourceMappingURL=[^/\s]+\.js\.map\n$/);
      const map = JSON.parse(readFileSync(join(ROOT, `${file}.map`), "utf8")) as { version: number; sources: string[]; sourcesContent?: unknown };
      expect(map.version, file).toBe(3);
      expect(map.sourcesContent, file).toBeUndefined();
    }
  });
});

describe("the tarball", () => {
  // the file list of `npm pack` (no scripts run: the build above is what gets packed)
  const packed = (): { files: { path: string }[]; size: number; unpackedSize: number } =>
    (JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as never[])[0]!;

  it("ships every file the entries load with its map, the declarations and the bundled packages' licences; not the grammar script's parser entry", { timeout: 60_000 }, async () => {
    const { files, size } = packed();
    const paths = new Set(files.map((f) => f.path));
    for (const entry of [...ENTRIES, WORKER]) {
      for (const file of (await distGraph(entry)).files) {
        expect(paths, file).toContain(file);
        expect(paths, `${file}.map`).toContain(`${file}.map`);
      }
    }
    for (const file of ["dist/index.d.ts", "dist/eslint/index.d.ts", "dist/codemirror/index.d.ts", "dist/client/index.d.ts", "dist/server/index.d.ts", "dist/THIRD_PARTY_LICENSES.txt"]) expect(paths).toContain(file);
    expect(paths).not.toContain("dist/syntax/parser.js");
    expect([...paths].filter((p) => p.startsWith("dist/") && p.endsWith(".js") && !p.startsWith("dist/chunks/")).sort()).toEqual([...ENTRIES, WORKER].sort());
    // JS ~0.8 MB, maps ~0.5 MB, declarations ~0.3 MB: about 0.4 MB gzipped. Source text in the
    // maps (sourcesContent) would add ~1.3 MB.
    expect(size).toBeLessThan(600_000);
  });
});
