/// <reference types="node" />
/**
 * `vmfilter explain`: a filter's tree as an indented outline, and the filter in plain English
 * words (src/cli/describe.ts). With `--schema` the outline shows each field's type and the words
 * follow it (references by id, quoted numbers on numeric fields as numbers, "any of" for arrays).
 * @module
 */
import type { Expression, FieldNode, LiteralNode, QueryNode } from "../../syntax/ast.js";
import type { Schema } from "../../schema/schema.js";
import { hasErrors } from "../../syntax/diagnostics.js";
import { parse } from "../../syntax/parse.js";
import { quoteString } from "../../print/format.js";
import { toJSON } from "../../tree/json.js";
import type { Command } from "../command.js";
import { describe } from "../describe.js";
import { SCHEMA_OPTIONS, schemaOption } from "../schema-option.js";

function literalText(value: LiteralNode): string {
  switch (value.kind) {
    case "String":
      return quoteString(value.value);
    case "Number":
      return value.value;
    case "Boolean":
      return value.value ? "true" : "false";
  }
}

/**
 * A Query as an indented outline, one node a line, two spaces a level:
 *
 * ```text
 * Query (URL form)
 *   where
 *     And
 *       Comparison  name CP '%web%'
 *       Not
 *         Comparison  state EQ 'stopped'
 *   orderby
 *     SortKey  cluster.name desc
 *   limit  offset 0, count 50
 * ```
 *
 * With a schema each field is followed by its type in brackets (`[integer]`, `[string[]]` for a
 * field of several values, `[not in vm.host]` for a field the schema does not have).
 */
export function outline(query: QueryNode, schema?: Schema): string {
  const lines: string[] = [`Query (${query.form === "url" ? "URL form" : "bare expression"})`];
  const field = (f: FieldNode): string => {
    if (!schema) return f.name;
    const resolved = schema.field(f.name);
    if (!resolved) return `${f.name} [not in ${schema.name ?? "the schema"}]`;
    return `${f.name} [${resolved.type}${resolved.many ? "[]" : ""}]`;
  };
  // iterative, so that no depth the parser accepts can overflow the stack
  const stack: [Expression, number][] = [];
  if (query.where) {
    lines.push("  where");
    stack.push([query.where, 2]);
  }
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const indent = "  ".repeat(depth);
    switch (node.kind) {
      case "Comparison":
        lines.push(`${indent}Comparison  ${field(node.field)} ${node.operator} ${literalText(node.value)}`);
        break;
      case "IsNull":
        lines.push(`${indent}IsNull  ${field(node.field)}`);
        break;
      case "Not":
        lines.push(`${indent}Not`);
        stack.push([node.operand, depth + 1]);
        break;
      case "And":
      case "Or":
        lines.push(`${indent}${node.kind}`);
        for (let i = node.operands.length - 1; i >= 0; i--) stack.push([node.operands[i]!, depth + 1]);
        break;
    }
  }
  if (query.orderBy) {
    lines.push("  orderby");
    for (const key of query.orderBy.keys) lines.push(`    SortKey  ${field(key.field)} ${key.direction}`);
  }
  if (query.limit) lines.push(`  limit  offset ${query.limit.offset}, count ${query.limit.count}`);
  for (const p of query.parameters) lines.push(`  Parameter  ${p.value === undefined ? p.name : `${p.name}=${p.value}`}`);
  if (!query.where && !query.orderBy && !query.limit && query.parameters.length === 0) lines.push("  (empty: no where, orderby or limit)");
  return lines.join("\n");
}

export const explainCommand: Command = {
  name: "explain",
  summary: "show a filter's tree and say what it selects in plain words",
  usage: "explain [filter] [--words] [--schema name | --schema-file path]",
  examples: [
    `vmfilter explain "where=(name CP '%25web%25') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50"`,
    `vmfilter explain --words "a eq 1 or b eq 2 and not c is null"   # a is 1 or (b is 2 and c is set)`,
    `vmfilter explain --schema vm.host "cluster EQ 3 AND tags CP '%prod%'"`,
    `vmfilter explain --format json "id GT 100" | jq .output.words`,
    `vmfilter explain --words --file saved.txt        # one sentence per saved filter`,
  ],
  options: {
    words: { type: "boolean", description: "print only the plain words (one line per filter), not the tree" },
    ...SCHEMA_OPTIONS,
  },
  takesFilter: true,
  reportsDiagnostics: false,
  prepare(values) {
    const schema = schemaOption(values);
    const wordsOnly = values.words === true;
    return (text) => {
      const { query, diagnostics } = parse(text);
      if (hasErrors(diagnostics)) return { diagnostics };
      const words = describe(query, schema ? { schema } : {});
      return {
        output: wordsOnly ? words : `${outline(query, schema)}\nIn words: ${words}`,
        data: { tree: toJSON(query), words },
        diagnostics,
      };
    };
  },
};
