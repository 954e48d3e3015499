#!/usr/bin/env node
/**
 * `npm run grammar`: writes the grammar artefacts from the COMPILED parser (dist/), so run
 * `npm run build` first. It builds nothing itself.
 *
 *   grammar/filter.gast.json   the parser's serialized productions (committed; the drift test in
 *                              test/grammar/grammar.test.ts compares it with src/)
 *   grammar/diagrams/          railroad diagrams (index.html plus Chevrotain's diagram scripts and
 *                              CSS copied next to it, so the page works offline; git-ignored)
 *
 * Usage:
 *   node scripts/grammar.mjs           write both
 *   node scripts/grammar.mjs --check   write nothing; exit 1 when grammar/filter.gast.json is not
 *                                      what dist/ produces
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const grammarDir = join(root, "grammar");
const gastFile = join(grammarDir, "filter.gast.json");
const diagramsDir = join(grammarDir, "diagrams");
const distParser = join(root, "dist", "syntax", "parser.js");
const show = (path) => relative(root, path).split(sep).join("/");

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--check" && a !== "--help" && a !== "-h");
if (args.includes("--help") || args.includes("-h") || unknown.length > 0) {
  const out = unknown.length > 0 ? console.error : console.log;
  if (unknown.length > 0) out(`grammar: unknown argument ${unknown.join(" ")}`);
  out("usage: node scripts/grammar.mjs [--check]   (run `npm run build` first)");
  process.exit(unknown.length > 0 ? 2 : 0);
}
const check = args.includes("--check");

function fail(message) {
  console.error(`grammar: ${message}`);
  process.exit(1);
}

// ---- the compiled parser ------------------------------------------------------------------------

if (!existsSync(distParser)) {
  fail(`${show(distParser)} not found: this script reads the compiled parser.\nRun \`npm run build\` first, then \`npm run grammar\`.`);
}
warnIfStale();

let getParser;
try {
  ({ getParser } = await import(pathToFileURL(distParser).href));
} catch (error) {
  fail(`could not load ${show(distParser)}: ${error instanceof Error ? error.message : String(error)}`);
}
if (typeof getParser !== "function") fail(`${show(distParser)} does not export getParser(); rebuild with \`npm run build\`.`);

let serialized;
try {
  serialized = getParser().getSerializedGastProductions();
} catch (error) {
  fail(`the parser in dist/ failed to build:\n${error instanceof Error ? error.message : String(error)}`);
}
const json = JSON.stringify(serialized, null, 2) + "\n";

// ---- --check --------------------------------------------------------------------------------------

if (check) {
  const onDisk = existsSync(gastFile) ? readFileSync(gastFile, "utf8") : undefined;
  if (onDisk === json) {
    console.log(`grammar: ${show(gastFile)} is up to date.`);
    process.exit(0);
  }
  fail(
    `${show(gastFile)} ${onDisk === undefined ? "is missing" : "differs from the grammar in dist/"}.\n` +
      "Run `npm run build && npm run grammar` and commit the result.",
  );
}

// ---- grammar/filter.gast.json -------------------------------------------------------------------

mkdirSync(grammarDir, { recursive: true });
const before = existsSync(gastFile) ? readFileSync(gastFile, "utf8") : undefined;
writeFileSync(gastFile, json);
console.log(`grammar: wrote ${show(gastFile)}${before === json ? " (unchanged)" : ""}`);

// ---- grammar/diagrams/ ----------------------------------------------------------------------------

// Resolve chevrotain from dist/, so the diagram scripts match the chevrotain the parser runs on.
const require = createRequire(distParser);
const chevrotainEntry = require.resolve("chevrotain");
const { createSyntaxDiagramsCode } = await import(pathToFileURL(chevrotainEntry).href);
const chevrotainRoot = findPackageRoot(chevrotainEntry);
const vendorDiagrams = join(chevrotainRoot, "diagrams");

/** The files the generated page loads (see createSyntaxDiagramsCode), relative to diagrams/. */
const resources = ["diagrams.css", "vendor/railroad-diagrams.js", "src/diagrams_builder.js", "src/diagrams_behavior.js", "src/main.js"];

rmSync(diagramsDir, { recursive: true, force: true });
for (const file of resources) {
  const from = join(vendorDiagrams, file);
  if (!existsSync(from)) fail(`${from} not found; the chevrotain package does not ship its diagram resources as expected.`);
  const to = join(diagramsDir, file);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
for (const license of ["LICENSE.txt", "LICENSE"]) {
  if (existsSync(join(chevrotainRoot, license))) {
    copyFileSync(join(chevrotainRoot, license), join(diagramsDir, `CHEVROTAIN-${license}`));
    break;
  }
}

const html = createSyntaxDiagramsCode(serialized, { resourceBase: "./", css: "./diagrams.css" });
checkOffline(html);
writeFileSync(join(diagramsDir, "index.html"), html);
console.log(`grammar: wrote ${show(join(diagramsDir, "index.html"))} (works offline; open it in a browser)`);

// ---- helpers ----------------------------------------------------------------------------------------

/** The page must load only the copied files: no CDN, no absolute or scheme-relative URL. */
function checkOffline(page) {
  const refs = [...page.matchAll(/\b(?:src|href)\s*=\s*(['"])(.*?)\1/gi)].map((m) => m[2]);
  if (refs.length !== resources.length) fail(`expected ${resources.length} resource references in the diagrams page, found ${refs.length}: ${refs.join(", ")}`);
  for (const ref of refs) {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(ref)) fail(`the diagrams page would load ${ref}; it must use the local copies only.`);
    const local = ref.replace(/^\.\//, "");
    if (!resources.includes(local)) fail(`the diagrams page loads ${ref}, which was not copied.`);
  }
  // The serialized grammar is inlined in a <script>; a "</" in it would end the script early.
  if (JSON.stringify(serialized).includes("</")) fail("the serialized grammar contains '</' and cannot be inlined in the page.");
}

function findPackageRoot(file) {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json")) || JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name !== "chevrotain") {
    const parent = dirname(dir);
    if (parent === dir) fail(`cannot find the chevrotain package root above ${file}`);
    dir = parent;
  }
  return dir;
}

/** Warns (does not fail) when a source file is newer than dist/: the output would be stale. */
function warnIfStale() {
  const srcDir = join(root, "src");
  if (!existsSync(srcDir)) return;
  const distTime = statSync(distParser).mtimeMs;
  const newer = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && statSync(path).mtimeMs > distTime) newer.push(show(path));
    }
  };
  walk(srcDir);
  if (newer.length > 0) {
    console.warn(
      `grammar: warning: ${newer.slice(0, 5).join(", ")}${newer.length > 5 ? ` and ${newer.length - 5} more` : ""} ` +
        `changed after dist/ was built; run \`npm run build\` first or the output will be stale.`,
    );
  }
}
