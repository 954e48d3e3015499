/** Every diagnostic code is documented in docs/diagnostics.md under its own heading. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RunCodes, SyntaxCodes } from "../../src/index.js";

describe("docs/diagnostics.md", () => {
  const text = readFileSync(new URL("../../docs/diagnostics.md", import.meta.url), "utf8");
  const headings = new Set([...text.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((m) => m[1]));

  it.each(Object.values(SyntaxCodes))("documents %s", (code) => {
    expect(headings).toContain(code);
  });

  it("documents no code that does not exist", () => {
    const codes = new Set<string>(Object.values(SyntaxCodes));
    for (const heading of headings) expect(codes).toContain(heading);
  });
});

describe("docs/compile.md", () => {
  const text = readFileSync(new URL("../../docs/compile.md", import.meta.url), "utf8");
  const section = text.slice(text.indexOf("## Diagnostics of the run layer"));
  const headings = new Set([...section.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((m) => m[1]));

  it.each(Object.values(RunCodes))("documents %s", (code) => {
    expect(headings).toContain(code);
  });

  it("documents no run code that does not exist", () => {
    const codes = new Set<string>(Object.values(RunCodes));
    for (const heading of headings) expect(codes).toContain(heading);
  });
});
