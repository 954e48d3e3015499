/** How a worker's line outcomes travel back to the main thread (src/cli/parallel.ts). */
import { describe, expect, it } from "vitest";
import { fromWire, toWire, type LineOutcome } from "../../src/cli/parallel.js";

const warning = { code: "keyword-case", severity: "hint", message: "m", start: 0, end: 1, line: 1, column: 1, endLine: 1, endColumn: 2 } as const;

describe("worker outcomes on the wire", () => {
  const text = "id eq 1";
  const outcomes: [string, LineOutcome][] = [
    ["an output without diagnostics", { blank: false, input: text, result: { output: "id EQ 1", diagnostics: [] }, processed: true }],
    ["an output with a diagnostic", { blank: false, input: text, result: { output: "id EQ 1", diagnostics: [warning] }, processed: true }],
    ["data beside the output", { blank: false, input: text, result: { output: "x", data: { a: 1 }, diagnostics: [] }, processed: true }],
    ["no output", { blank: false, input: text, result: { diagnostics: [] }, processed: true }],
    ["a line that could not be read", { blank: false, input: text, result: { diagnostics: [warning] }, processed: false }],
    ["a JSONL line's filter", { blank: false, input: "id EQ 2", result: { output: "id EQ 2", diagnostics: [] }, processed: true }],
    ["a blank line", { blank: true, input: "  " }],
  ];

  it("sends the common case, an output and nothing else, as its text alone", () => {
    expect(toWire(text, outcomes[0]![1])).toBe("id EQ 1");
    for (const [, outcome] of outcomes.slice(1)) expect(toWire(text, outcome)).toBe(outcome);
  });

  it.each(outcomes)("gives back %s as it was", (_, outcome) => {
    expect(fromWire(text, toWire(text, outcome))).toEqual(outcome);
  });
});
