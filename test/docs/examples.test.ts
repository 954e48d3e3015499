/**
 * Every TypeScript example in the docs runs: each ```ts block of the pages below is written to a
 * module (imports of "vmfilter", "vmfilter/client" and "vmfilter/server" pointed at src/) and executed. A line ending in `// => value` is an
 * assertion: the expression before it must deep-equal the value after it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(here, ".generated");
const PAGES = ["docs/builder.md", "docs/saved-searches.md", "docs/compile.md", "docs/editors.md", "docs/client-server.md"];

/** The package's entries, as the examples import them, and the sources they are run from. */
const ENTRIES: Record<string, string> = { vmfilter: "index.js", "vmfilter/client": "client/index.js", "vmfilter/server": "server/index.js" };

function blocksOf(page: string): string[] {
  const text = readFileSync(join(root, page), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function toModule(block: string): string {
  const body = block
    .replace(/from "(vmfilter(?:\/[a-z]+)?)"/g, (whole, entry: string) => (ENTRIES[entry] ? `from ${JSON.stringify(join(root, "src", ENTRIES[entry]))}` : whole))
    .split("\n")
    .map((line) => {
      const m = /^(\s*)(.*?);?\s*\/\/ => (.+)$/.exec(line);
      if (!m || m[2]!.trim() === "") return line;
      return `${m[1]}__check(() => (${m[2]}), ${m[3]}, ${JSON.stringify(line.trim())});`;
    })
    .join("\n");
  return `${body}\nexport {};\n`;
}

mkdirSync(out, { recursive: true });
afterAll(() => rmSync(out, { recursive: true, force: true }));

const checks: { actual: unknown; expected: unknown; line: string }[] = [];
(globalThis as { __check?: unknown }).__check = (actual: () => unknown, expected: unknown, line: string) => {
  checks.push({ actual: actual(), expected, line });
};

describe.each(PAGES)("%s", (page) => {
  const blocks = (() => {
    try {
      return blocksOf(page);
    } catch {
      return [];
    }
  })();
  it("has examples", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });
  blocks.forEach((block, i) => {
    it(`example ${i + 1} runs and its results hold`, async () => {
      const file = join(out, `${page.replace(/\W/g, "_")}_${i}.ts`);
      writeFileSync(file, toModule(block));
      checks.length = 0;
      await import(file);
      for (const { actual, expected, line } of checks) expect(actual, line).toEqual(expected);
    });
  });
});
