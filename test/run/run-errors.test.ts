/**
 * The messages of the run layer's refusals (src/run/program.ts): what a caller reads when a tree
 * is too deep or not a filter. Written from the mutants Stryker left alive in program.ts
 * (docs/quality.md); the codes are checked case by case in compile.test.ts.
 */
import { describe, expect, it } from "vitest";
import { compile, FilterRunError, parseWhere, type Expression } from "../../src/index.js";

function refusal(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FilterRunError);
    return [(error as FilterRunError).code, (error as FilterRunError).message];
  }
  throw new Error("no refusal");
}

describe("run-layer refusals", () => {
  it("say what is wrong", () => {
    const condition = parseWhere("a EQ 1").where!;
    expect(refusal(() => compile({ kind: "And", operands: [] } as unknown as Expression))).toEqual(["run-invalid-input", "An AND or OR node needs operands."]);
    expect(refusal(() => compile({ kind: "Or" } as unknown as Expression))).toEqual(["run-invalid-input", "An AND or OR node needs operands."]);
    expect(refusal(() => compile({ kind: "Bogus" } as unknown as Expression))).toEqual(["run-invalid-input", 'Not an expression node: kind "Bogus".']);
    expect(refusal(() => compile({ kind: "Not", operand: { kind: "Not", operand: { kind: "Not", operand: condition } } }, { maxDepth: 2 }))).toEqual([
      "run-too-deep",
      "The filter nests deeper than 2 levels.",
    ]);
  });
});
