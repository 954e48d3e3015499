#!/usr/bin/env node
/**
 * `npm run build:playground`: bundles playground/main.ts with esbuild (ESM, for browsers; the
 * CodeMirror packages and the core from src/ included) and copies the page and its CSS, giving a
 * static folder (default playground-dist/) that any web server can host.
 *
 *   node scripts/build-playground.mjs [--outdir DIR] [--no-minify]
 */
import { copyFile, mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** Builds the playground into `outdir`; resolves to the folder's absolute path. */
export async function buildPlayground({ outdir = join(root, "playground-dist"), minify = true } = {}) {
  const out = resolve(outdir);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: [join(root, "playground/main.ts")],
    outfile: join(out, "main.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify,
    sourcemap: true,
    legalComments: "linked",
    logLevel: "warning",
  });
  await Promise.all(["index.html", "style.css"].map((file) => copyFile(join(root, "playground", file), join(out, file))));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { outdir: { type: "string" }, "no-minify": { type: "boolean" } } });
  const started = Date.now();
  const out = await buildPlayground({ ...(values.outdir ? { outdir: values.outdir } : {}), minify: !values["no-minify"] });
  console.log(`playground built in ${out} (${Date.now() - started} ms)`);
}
