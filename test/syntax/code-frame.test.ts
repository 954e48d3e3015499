/** codeFrame: the source line of a diagnostic with carets under its range. */
import { describe, expect, it } from "vitest";
import { codeFrame, parse, type Diagnostic } from "../../src/index.js";

/** The code frame of the only diagnostic of the given code. */
function frame(input: string, code: string): string {
  const found = parse(input).diagnostics.filter((d) => d.code === code);
  expect(found).toHaveLength(1);
  return codeFrame(input, found[0]!);
}

describe("codeFrame", () => {
  it("cuts a long line to a window around the range, marking the cut ends", () => {
    // the range near the end: only the start is cut
    expect(frame(`where=(${"a".repeat(100)} EQ ) AND (b EQ 1)`, "missing-value")).toBe(
      [`1 | …${"a".repeat(54)} EQ ) AND (b EQ 1)`, `  | ${" ".repeat(59)}^`].join("\n"),
    );
    // in the middle: both ends cut, 20 characters shown before the range
    expect(frame(`where=(a EQ 1) AND (${"b".repeat(30)} XX 'x')${" AND (c EQ 2)".repeat(8)}`, "unknown-operator")).toBe(
      [`1 | …${"b".repeat(19)} XX 'x') AND (c EQ 2) AND (c EQ 2) AND (c EQ 2) AND (…`, `  | ${" ".repeat(21)}^^`].join("\n"),
    );
  });

  it("marks a range that runs onto the next line up to the end of its first line", () => {
    expect(frame("(a EQ 'x\nyz", "unterminated-string")).toBe(["1 | (a EQ 'x", "  |       ^^^"].join("\n"));
  });

  it("shows the diagnostic's own line of several, CRLF or LF, with tabs as spaces", () => {
    expect(frame("(a EQ )\r\n(b EQ 1)", "missing-value")).toBe(["1 | (a EQ )", "  |       ^"].join("\n"));
    expect(frame("(a EQ )\r\n(b EQ 1)", "unexpected-token")).toBe(["2 | (b EQ 1)", "  | ^"].join("\n"));
    expect(frame("(a EQ\n\t1.)", "invalid-number")).toBe(["2 |  1.)", "  |  ^^"].join("\n"));
  });

  it("frames an empty line for a diagnostic past the end of the source", () => {
    const past: Diagnostic = { code: "x", severity: "error", message: "m", start: 50, end: 51, line: 3, column: 1, endLine: 3, endColumn: 2 };
    expect(codeFrame("(a EQ 1)", past)).toBe(["3 | ", "  | ^"].join("\n"));
  });
});
