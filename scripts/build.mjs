#!/usr/bin/env node
/**
 * `npm run build` (and `prepare`, so `npm ci` and `npm pack` run it): dist/ from src/.
 *
 *   1. tsc -p tsconfig.build.json   type-checks src/ and writes the declarations (dist/**\/*.d.ts,
 *                                   one per module, the layout the "types" of package.json point into)
 *   2. esbuild                      writes the JavaScript: each entry point bundled (ESM, Node 20),
 *                                   chevrotain and lodash-es included and tree-shaken, the code the
 *                                   entries share split into dist/chunks/ (loaded once, never
 *                                   duplicated), with linked source maps
 *
 * Why: chevrotain's ESM build imports some hundreds of lodash-es modules; loaded from node_modules
 * that made `import "vmfilter"` cost ~0.3 s. Bundled, the main entry loads a handful of files.
 * What stays external (resolved from node_modules at run time): the runtime dependencies that are
 * only loaded by an adapter (`vscode-languageserver*`, by `vmfilter lsp` alone, through a dynamic
 * import) and the optional peer dependencies (`eslint`, `@codemirror/*`, and `better-sqlite3`,
 * loaded by `vmfilter serve --sqlite` alone), which must be the user's own copy. See docs/architecture.md ("Build").
 *
 * The output is deterministic (content-hashed chunk names, no time stamps): two builds of the same
 * sources give the same bytes. Everything is written to a staging folder next to dist/ that then
 * replaces dist/ by two renames, so a test or benchmark running during a build never finds dist/
 * missing or half written, and a failed build leaves the previous dist/ as it was.
 * Usage: node scripts/build.mjs [--quiet]
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const quiet = process.argv.includes("--quiet");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** The entry points: dist/<name>.js from src/<name>.ts. */
const ENTRIES = {
  index: "src/index.ts", // "vmfilter"
  "cli/main": "src/cli/main.ts", // bin: vmfilter
  "cli/worker": "src/cli/worker.ts", // a worker thread of `vmfilter <command> --file --jobs` (src/cli/parallel.ts)
  "eslint/index": "src/eslint/index.ts", // "vmfilter/eslint"
  "codemirror/index": "src/codemirror/index.ts", // "vmfilter/codemirror" (browser-safe: test/package/bundle.test.ts)
  "client/index": "src/client/index.ts", // "vmfilter/client" (platform fetch, browser-safe)
  "server/index": "src/server/index.ts", // "vmfilter/server" (framework-free, browser-safe)
  // not exported and not packed (see "files"): the compiled parser, for scripts/grammar.mjs
  "syntax/parser": "src/syntax/parser.ts",
};

/** The only packages bundled into dist/; any other import must be external (a dependency or peer). */
const BUNDLED = ["chevrotain", "@chevrotain/", "lodash-es"];

/** Every dependency and peer dependency not bundled, with its subpaths. */
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
  .filter((name) => !BUNDLED.some((b) => name === b || name.startsWith(b)))
  .flatMap((name) => [name, `${name}/*`]);

const started = Date.now();
// a fresh folder: no file of an older layout survives
const staging = join(root, `.dist-staging-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
process.on("exit", () => rmSync(staging, { recursive: true, force: true })); // after a failure

// 1. declarations (and the type check of src/ alone)
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", staging], { stdio: "inherit" });
} catch {
  console.error("build: tsc failed; dist/ is left as it was");
  process.exit(1);
}

// 2. the JavaScript
const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: staging,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  external,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});

// Only the packages meant to be bundled may end up in dist/: anything else imported by src/ is a
// missing dependency (or a devDependency used by mistake) and would be copied in silently.
const strays = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match && !BUNDLED.some((b) => match[1] === b || match[1].startsWith(b))) strays.add(match[1]);
}
if (strays.size > 0) {
  console.error(`build: src/ imports ${[...strays].join(", ")}, which would be bundled into dist/; make it a dependency (external) or add it to BUNDLED in scripts/build.mjs.`);
  process.exit(1);
}

// The bin: its shebang (esbuild keeps the entry's) and its mode.
const bin = join(staging, "cli/main.js");
if (!readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")) {
  console.error("build: dist/cli/main.js lost its #! line");
  process.exit(1);
}
chmodSync(bin, 0o755);

// The licences of the bundled packages (MIT and Apache-2.0 ask for their text to go with copies):
// each package with code in some output, packages sharing a licence text listed together.
const used = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match && bytesInOutput > 0) used.add(match[1]);
  }
}
const byText = new Map();
for (const dir of [...used].sort()) {
  const p = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const file = ["LICENSE", "LICENSE.txt", "LICENSE.md"].map((f) => join(root, dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`build: ${p.name} has no LICENSE file`);
  const text = readFileSync(file, "utf8").trim();
  byText.set(text, [...(byText.get(text) ?? []), `${p.name} ${p.version} (${p.license})`]);
}
writeFileSync(
  join(staging, "THIRD_PARTY_LICENSES.txt"),
  "dist/ bundles parts of the following packages. Their licences:\n\n" +
    [...byText].map(([text, names]) => `${names.join("\n")}\n${"-".repeat(72)}\n${text}\n`).join("\n\n"),
);

// The swap. Another build may swap at the same time (same sources, same bytes): whichever renames
// last wins, and neither fails.
for (let attempt = 0; ; attempt++) {
  const old = join(root, `.dist-old-${process.pid}-${attempt}`);
  try {
    renameSync(dist, old);
  } catch (error) {
    if (error.code !== "ENOENT") throw error; // no dist/ yet, or the other build's swap is halfway
  }
  try {
    renameSync(staging, dist);
    rmSync(old, { recursive: true, force: true });
    break;
  } catch (error) {
    rmSync(old, { recursive: true, force: true });
    if (attempt >= 5 || (error.code !== "ENOTEMPTY" && error.code !== "EEXIST")) throw error; // a dist/ came back in between
  }
}

// The summary goes to stderr: `npm pack --json` runs this (prepare) and its stdout must stay JSON.
if (!quiet) {
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
  const total = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
  const show = (file) => relative(staging, join(root, file)).split(sep).join("/");
  console.error(
    `build: dist/ in ${Date.now() - started} ms: ${outputs.length} JS files, ${(total / 1024).toFixed(0)} KiB ` +
      `(${Object.keys(ENTRIES).length} entries: ${Object.keys(ENTRIES)
        .map((e) => `${e}.js`)
        .join(", ")}; ${outputs.filter(([f]) => show(f).startsWith("chunks/")).length} shared chunks), declarations by tsc`,
  );
}
