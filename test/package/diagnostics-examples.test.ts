/**
 * The worked examples of docs/diagnostics.md are what `parse` answers: for each example under a
 * code's heading, the canonical text, and that code's diagnostic at the documented range with the
 * documented message, lines and columns, and fix. The docs cannot drift from the messages users see.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { format, parse, type Diagnostic, type ParseOptions } from "../../src/index.js";

interface Example {
  readonly code: string;
  readonly input: string;
  readonly options: ParseOptions;
  readonly lines: ReadonlyMap<string, string>;
}

/** `\uD800` as written in the docs → the character. */
const unescape = (text: string) => text.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Every `input:` example in the fenced blocks under each `### \`code\`` heading. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const section of markdown.split(/^### /m).slice(1)) {
    const code = /^`([a-z0-9-]+)`/.exec(section)?.[1];
    if (code === undefined) continue;
    for (const block of section.matchAll(/^```\n([\s\S]*?)^```$/gm)) {
      let current: { input: string; options: ParseOptions; lines: Map<string, string> } | undefined;
      for (const line of block[1]!.split("\n")) {
        const field = /^([a-z]+):\s+(.*)$/.exec(line);
        if (field === null) continue;
        const [, key, value] = field as unknown as [string, string, string];
        if (key === "input") {
          const withOptions = /^(.*?)\s{2,}with \{ (\w+): (\d+) \}$/.exec(value);
          current = {
            input: unescape(withOptions ? withOptions[1]! : value),
            options: withOptions ? { [withOptions[2]!]: Number(withOptions[3]) } : {},
            lines: new Map(),
          };
          out.push({ code, ...current });
        } else current?.lines.set(key, value);
      }
    }
  }
  return out;
}

/** `Close the string: insert "'" at 19`, `Write 1500: replace 13–18 with "1500"`, `…: insert "25" at 14 and at 17`. */
function describeFix(diagnostic: Diagnostic): string {
  const fix = diagnostic.fix!;
  const inserts = fix.edits.every((e) => e.start === e.end && e.newText === fix.edits[0]!.newText);
  if (inserts) return `${fix.title}: insert ${JSON.stringify(fix.edits[0]!.newText)} at ${fix.edits.map((e) => e.start).join(" and at ")}`;
  return `${fix.title}: ${fix.edits.map((e) => `replace ${e.start}–${e.end} with ${JSON.stringify(e.newText)}`).join(" and ")}`;
}

/** Codes whose examples no input reproduces, and where they are tested instead. */
const NOT_FROM_INPUT: Readonly<Record<string, string>> = {
  "internal-error": "observed with a parser made to throw; test/syntax/parse.test.ts does that",
};

const markdown = readFileSync(new URL("../../docs/diagnostics.md", import.meta.url), "utf8");
const all = examples(markdown).filter((e) => !(e.code in NOT_FROM_INPUT));

describe("docs/diagnostics.md examples", () => {
  it("has a worked example for most codes", () => {
    expect(examples(markdown).filter((e) => e.code in NOT_FROM_INPUT).map((e) => e.code)).toEqual(Object.keys(NOT_FROM_INPUT));
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(new Set(all.map((e) => e.code)).size).toBeGreaterThanOrEqual(25);
  });

  it.each(all.map((e) => [e.code, JSON.stringify(e.input).slice(0, 60), e] as const))("%s: %s", (code, _, example) => {
    const { query, diagnostics } = parse(example.input, example.options);
    const canonical = example.lines.get("canonical");
    if (canonical !== undefined) expect(format(query)).toBe(canonical === "(empty)" ? "" : unescape(canonical));
    const range = /^(\d+)–(\d+)(?:\s+"(.*?)")?(?:\s+\((\d+):(\d+) – (\d+):(\d+)\))?(?:\s+and again at \d+–\d+)?$/.exec(example.lines.get("range") ?? "");
    expect(range, `${code}: a range line`).not.toBeNull();
    const [, start, end, , line, column, endLine, endColumn] = range!;
    const found = diagnostics.find((d) => d.code === code && d.start === Number(start) && d.end === Number(end));
    expect(found, `${code} at ${start}–${end} in ${JSON.stringify(diagnostics.map((d) => [d.code, d.start, d.end]))}`).toBeDefined();
    if (line !== undefined) expect([found!.line, found!.column, found!.endLine, found!.endColumn]).toEqual([line, column, endLine, endColumn].map(Number));
    const message = example.lines.get("message");
    if (message !== undefined) expect(found!.message).toBe(unescape(message));
    const fix = example.lines.get("fix");
    if (fix !== undefined) expect(describeFix(found!)).toBe(fix);
  });
});
