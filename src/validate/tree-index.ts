/**
 * One walk over a tree collecting what the rules look at, so each rule need not walk it again.
 * Iterative: safe at any depth.
 * @module
 */
import type { AndNode, ComparisonNode, Expression, IsNullNode, NotNode, OrNode, QueryNode, SortKeyNode } from "../syntax/ast.js";

/** A condition and the chain it stands in. */
export interface ConditionEntry {
  readonly node: ComparisonNode | IsNullNode;
  /** The AND/OR chain holding it directly (not through NOT), if any. */
  readonly chain: AndNode | OrNode | undefined;
}

/** The nodes of a query by kind. */
export interface TreeIndex {
  readonly conditions: readonly ConditionEntry[];
  readonly nots: readonly NotNode[];
  readonly chains: readonly (AndNode | OrNode)[];
  readonly sortKeys: readonly SortKeyNode[];
  /** Deepest nesting of groups and NOTs (a lone condition is depth 0). */
  readonly depth: number;
}

/** Walks the query's WHERE once. */
export function indexTree(query: QueryNode): TreeIndex {
  const conditions: ConditionEntry[] = [];
  const nots: NotNode[] = [];
  const chains: (AndNode | OrNode)[] = [];
  let depth = 0;
  const stack: { node: Expression; chain: AndNode | OrNode | undefined; depth: number }[] = [];
  if (query.where) stack.push({ node: query.where, chain: undefined, depth: 0 });
  while (stack.length > 0) {
    const { node, chain, depth: level } = stack.pop()!;
    if (level > depth) depth = level;
    switch (node.kind) {
      case "Comparison":
      case "IsNull":
        conditions.push({ node, chain });
        break;
      case "Not":
        nots.push(node);
        stack.push({ node: node.operand, chain: undefined, depth: level + 1 });
        break;
      case "And":
      case "Or":
        chains.push(node);
        for (let i = node.operands.length - 1; i >= 0; i--) {
          const operand = node.operands[i]!;
          const nested = operand.kind === "And" || operand.kind === "Or";
          stack.push({ node: operand, chain: node, depth: nested ? level + 1 : level });
        }
        break;
    }
  }
  // conditions in text order (the stack walk visits them in order already; keep it explicit)
  return { conditions, nots, chains, sortKeys: query.orderBy?.keys ?? [], depth };
}
