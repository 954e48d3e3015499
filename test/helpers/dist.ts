/// <reference types="node" />
/**
 * The built package (dist/, written by `npm run build`: scripts/build.mjs) as a graph of files:
 * which dist/ files an entry loads and what it imports from outside dist/ (packages and Node
 * built-ins), read by esbuild's parser from the built JavaScript; and which sources an output was
 * made from (its source map), to tell a stale build.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A path relative to the repository, with forward slashes. */
const show = (path: string) => relative(ROOT, path).split(sep).join("/");

export interface DistImport {
  /** The specifier (a package or `node:` built-in) */
  readonly path: string;
  readonly kind: string;
  /** The dist/ file that imports it (repository-relative). */
  readonly importer: string;
}

export interface DistGraph {
  /** The dist/ files the entry loads, itself first (repository-relative). */
  readonly files: readonly string[];
  /** Its imports of anything outside dist/. */
  readonly externals: readonly DistImport[];
}

/**
 * The files `entry` (a dist/ file) loads and what it imports from outside, following static imports
 * and, unless `dynamic` is false, `import()` calls too.
 */
export async function distGraph(entry: string, { dynamic = true } = {}): Promise<DistGraph> {
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    packages: "external",
    platform: "node",
    format: "esm",
    splitting: true,
    outdir: join(ROOT, ".dist-graph"), // nothing is written
    logLevel: "silent",
  });
  const files: string[] = [];
  const externals: DistImport[] = [];
  const queue = [show(resolve(ROOT, entry))];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const input = metafile.inputs[file];
    if (!input) throw new Error(`esbuild did not read ${file}`);
    for (const record of input.imports) {
      if (!dynamic && record.kind === "dynamic-import") continue;
      if (record.external) externals.push({ path: record.path, kind: record.kind, importer: file });
      else queue.push(record.path);
    }
  }
  for (const file of files) if (!file.startsWith("dist/")) throw new Error(`${entry} loads ${file}, outside dist/`);
  return { files, externals };
}

/** The sources a dist/ file was built from (repository-relative), from its source map. */
export function mapSources(file: string): string[] {
  const map = resolve(ROOT, `${file}.map`);
  if (!existsSync(map)) throw new Error(`${show(map)} is missing: run \`npm run build\`.`);
  const { sources } = JSON.parse(readFileSync(map, "utf8")) as { sources: string[] };
  return sources.map((source) => show(resolve(dirname(map), source)));
}

/**
 * The sources under src/ that changed after the files of `entry` were built (empty when the build
 * is fresh). Throws when the entry is missing or its maps name no source under src/.
 */
export async function staleSources(entry: string): Promise<string[]> {
  if (!existsSync(resolve(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does it) before this test.`);
  const stale = new Set<string>();
  let own = 0;
  for (const file of (await distGraph(entry)).files) {
    const built = statSync(resolve(ROOT, file)).mtimeMs;
    for (const source of mapSources(file).filter((s) => s.startsWith("src/"))) {
      own++;
      const path = resolve(ROOT, source);
      if (!existsSync(path) || statSync(path).mtimeMs > built) stale.add(source);
    }
  }
  if (own === 0) throw new Error(`the source maps of ${entry} name no file under src/`);
  return [...stale].sort();
}
