/**
 * The core runs in browsers: no module under src/ may import a Node built-in or any package but
 * chevrotain. The adapters are not part of the core and the main entry must not reach them: the
 * command line (src/cli/), the language server (src/lsp/) and the local API server (src/serve/)
 * for Node, the ESLint plugin (src/eslint/) and the CodeMirror extension (src/codemirror/) for
 * their frameworks. The API client (src/client/) and the server helpers (src/server/) are held to
 * the core's rule: they run in browsers and any server runtime.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Adapters, outside the core. */
const ADAPTERS = new Set(["cli", "lsp", "serve", "eslint", "codemirror"]);

function sourceFiles(dir: string, top = true): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (top && ADAPTERS.has(entry.name) ? [] : sourceFiles(join(dir, entry.name), false)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("browser safety", () => {
  const root = new URL("../../src", import.meta.url).pathname;
  const files = sourceFiles(root);

  it("finds the sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.slice(root.length + 1), f]))("%s imports only relative modules and chevrotain", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    for (const specifier of specifiers) expect(specifier.startsWith(".") || specifier === "chevrotain").toBe(true);
    expect(text).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|\beval\(|new Function\(/);
  });

  it("the main entry reaches no adapter", () => {
    const index = readFileSync(join(root, "index.ts"), "utf8");
    for (const adapter of [...ADAPTERS, "client", "server"]) expect(index).not.toContain(`./${adapter}/`);
  });
});
