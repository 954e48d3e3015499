/** Trees far deeper than any parse makes, built in code, for the stack-safety tests. */
import type { ComparisonNode, Expression, NotNode } from "../../src/index.js";

export const DEEP = 100_000;

export const leaf: ComparisonNode = {
  kind: "Comparison",
  field: { kind: "Field", path: ["id"], name: "id" },
  operator: "EQ",
  value: { kind: "Number", value: "1" },
};

/** `NOT NOT … NOT (id EQ 1)` with `depth` NOTs. */
export function notChain(depth: number, inner: Expression = leaf): Expression {
  let node: Expression = inner;
  for (let i = 0; i < depth; i++) node = { kind: "Not", operand: node } satisfies NotNode;
  return node;
}

/** `(c0 AND (c1 OR (c2 AND (…))))`: `depth` alternating groups, each with a condition first. */
export function groupChain(depth: number): Expression {
  let node: Expression = leaf;
  for (let i = depth - 1; i >= 0; i--) {
    const condition: ComparisonNode = { ...leaf, value: { kind: "Number", value: String(i) } };
    node = { kind: i % 2 === 0 ? "And" : "Or", operands: [condition, node] };
  }
  return node;
}

/** The number of NOTs above the first non-NOT node, and that node. */
export function unwrapNots(node: Expression): { nots: number; inner: Expression } {
  let nots = 0;
  let current = node;
  while (current.kind === "Not") {
    current = current.operand;
    nots++;
  }
  return { nots, inner: current };
}
