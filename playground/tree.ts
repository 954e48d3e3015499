/// <reference lib="dom" />
/**
 * The playground's tree view: a query's AST as an indented outline, one node a line, with its
 * source range.
 * @module
 */
import { visit, type Node } from "../src/index.js";

function label(node: Node): string {
  switch (node.kind) {
    case "Query":
      return `Query (${node.form})`;
    case "And":
    case "Or":
    case "Not":
    case "IsNull":
    case "OrderBy":
      return node.kind;
    case "Comparison":
      return `Comparison ${node.operator}`;
    case "Field":
      return `Field ${node.name}`;
    case "String":
      return `String ${JSON.stringify(node.value)}`;
    case "Number":
      return `Number ${node.value}`;
    case "Boolean":
      return `Boolean ${node.value}`;
    case "SortKey":
      return `SortKey ${node.direction}`;
    case "Limit":
      return `Limit offset ${node.offset}, count ${node.count}`;
    case "Parameter":
      return node.value === undefined ? `Parameter ${node.name}` : `Parameter ${node.name}=${node.value}`;
  }
}

/** `node` and everything under it, one line per node, indented two spaces a level. */
export function outline(node: Node): string {
  const lines: string[] = [];
  let depth = 0;
  // visit walks without recursion, so a deeply nested filter does not overflow the stack
  visit(node, {
    enter(n) {
      const loc = n.loc ? `  [${n.loc.start}, ${n.loc.end})` : "";
      lines.push("  ".repeat(depth) + label(n) + loc);
      depth++;
    },
    leave() {
      depth--;
    },
  });
  return lines.join("\n");
}
