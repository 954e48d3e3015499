/** Offsets to lines and columns (src/syntax/location.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/index.js";
import { LineIndex } from "../../src/syntax/location.js";

describe("LineIndex", () => {
  it("counts \\n, \\r\\n and a lone \\r as one line break each, columns in UTF-16 units", () => {
    const index = new LineIndex("a\nbc\r\nd\re😀f");
    expect([0, 1, 2, 4, 5, 6, 7, 8, 10].map((o) => index.locate(o))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 2, column: 1 },
      { line: 2, column: 3 },
      { line: 2, column: 4 },
      { line: 3, column: 1 },
      { line: 3, column: 2 },
      { line: 4, column: 1 },
      { line: 4, column: 3 },
    ]);
    expect([1, 2, 3, 4].map((l) => index.lineText(l))).toEqual(["a", "bc", "d", "e😀f"]);
  });

  it("built up to an offset, locates every offset up to it as the whole index does (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "é", "\n", "\r", "\r\n", "😀"), { maxLength: 40 }), fc.nat(), fc.nat(), (parts, u, o) => {
        const text = parts.join("");
        const until = u % (text.length + 1);
        const offset = o % (until + 1);
        expect(new LineIndex(text, until).locate(offset)).toEqual(new LineIndex(text).locate(offset));
      }),
      { numRuns: 2_000 },
    );
  });

  it("diagnostics at the head of a long input get the same lines and columns without the whole input being scanned", () => {
    const head = "a EQ 1\r\nAND & EQ 1\n";
    const { diagnostics } = parse(head + "\n".repeat(1_000_000), { maxLength: 2_000_000 });
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ["unexpected-token", 2, 1, 2, 4],
      ["unexpected-character", 2, 5, 2, 6],
    ]);
  });
});
