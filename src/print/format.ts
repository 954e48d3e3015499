/**
 * The canonical printer (LANGUAGE.md section 4): deterministic, decoded, human-readable text.
 * @module
 */
import { findQuery } from "../syntax/url.js";
import type { ComparisonNode, Expression, LimitNode, LiteralNode, Node, OrderByNode, QueryNode, SortKeyNode } from "../syntax/ast.js";
import { normalizeNumber } from "../syntax/numbers.js";

/** Options of {@link format}. */
export interface FormatOptions {
  /**
   * A schema (anything with a `field(path)` answering `{ type }`): quoted numbers compared with a
   * numeric field (integer, number, reference) print unquoted, as LANGUAGE.md section 4 says.
   * Without one, quoted numbers stay quoted.
   */
  readonly schema?: { field(path: string): { readonly type: string } | undefined };
}

const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);

/** `'it''s'`: a string literal with `''` for each quote. */
export function quoteString(value: string): string {
  return `'${value.indexOf("'") < 0 ? value : value.replaceAll("'", "''")}'`;
}

function formatValue(node: ComparisonNode, options: FormatOptions | undefined): string {
  const value = node.value;
  if (options?.schema && value.kind === "String" && /^-?\d+(?:\.\d+)?$/.test(value.value)) {
    const type = options.schema.field(node.field.name)?.type;
    if (type !== undefined && NUMERIC_TYPES.has(type)) return normalizeNumber(value.value);
  }
  return formatLiteral(value);
}

function formatLiteral(node: LiteralNode): string {
  switch (node.kind) {
    case "String":
      return quoteString(node.value);
    case "Number":
      return node.value;
    case "Boolean":
      return node.value ? "true" : "false";
  }
}

/** An operand inside a chain of `parent`: groups of the other logical kind get brackets. */
function formatOperand(node: Expression, parent: "And" | "Or", options: FormatOptions | undefined): string {
  if ((node.kind === "And" || node.kind === "Or") && node.kind !== parent) return `(${formatExpression(node, options)})`;
  return formatExpression(node, options);
}

/** The canonical text of a WHERE expression. */
export function formatExpression(node: Expression, options?: FormatOptions): string {
  switch (node.kind) {
    case "Comparison":
      return `(${node.field.name} ${node.operator} ${formatValue(node, options)})`;
    case "IsNull":
      return `(${node.field.name} IS null)`;
    case "Not": {
      const operand = node.operand;
      const text = formatExpression(operand, options);
      return operand.kind === "Comparison" || operand.kind === "IsNull" ? `NOT ${text}` : `NOT (${text})`;
    }
    case "And":
    case "Or": {
      const separator = node.kind === "And" ? " AND " : " OR ";
      return node.operands.map((operand) => formatOperand(operand, node.kind, options)).join(separator);
    }
  }
}

function formatSortKey(node: SortKeyNode): string {
  return `${node.field.name} ${node.direction}`;
}

/** The canonical text of an ORDERBY value: keys joined by a bare comma, directions explicit. */
export function formatOrderBy(node: OrderByNode): string {
  return node.keys.map(formatSortKey).join(",");
}

/** The canonical text of a LIMIT value: `offset,count`. */
export function formatLimit(node: LimitNode): string {
  return `${node.offset},${node.count}`;
}

/**
 * The canonical parameters of a query as `[name, decoded value]` pairs, known ones first; unknown
 * parameters keep their raw text and are marked raw.
 */
export function queryParts(query: QueryNode, options?: FormatOptions): { name: string; value: string | undefined; raw: boolean }[] {
  const parts: { name: string; value: string | undefined; raw: boolean }[] = [];
  if (query.where) parts.push({ name: "where", value: formatExpression(query.where, options), raw: false });
  if (query.orderBy) parts.push({ name: "orderby", value: formatOrderBy(query.orderBy), raw: false });
  if (query.limit) parts.push({ name: "limit", value: formatLimit(query.limit), raw: false });
  for (const p of query.parameters) parts.push({ name: p.name, value: p.value, raw: true });
  return parts;
}

/**
 * Joins `name=value` parts with `&`. When the result would not be read back as exactly these
 * parameters (only unknown ones, the first without `=` or with a `?` or `/` in its name), a
 * leading `?` makes it so.
 */
export function joinParameters(parts: readonly string[]): string {
  const text = parts.join("&");
  return text === "" || findQuery(text)?.start === 0 ? text : `?${text}`;
}

/** Whether a Query prints as a bare expression: read from one, and holding nothing but WHERE. */
export function printsBare(query: QueryNode): boolean {
  return query.form === "expression" && !query.orderBy && !query.limit && query.parameters.length === 0;
}

/**
 * The canonical decoded text of any node: `where=(id EQ 1)&orderby=name asc&limit=0,50` for a
 * query, just the expression for an expression node or a Query parsed from a bare expression.
 */
export function format(node: Node, options?: FormatOptions): string {
  switch (node.kind) {
    case "Query":
      if (printsBare(node)) return node.where ? formatExpression(node.where, options) : "";
      return joinParameters(queryParts(node, options).map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)));
    case "And":
    case "Or":
    case "Not":
    case "Comparison":
    case "IsNull":
      return formatExpression(node, options);
    case "Field":
      return node.name;
    case "String":
    case "Number":
    case "Boolean":
      return formatLiteral(node);
    case "OrderBy":
      return formatOrderBy(node);
    case "SortKey":
      return formatSortKey(node);
    case "Limit":
      return formatLimit(node);
    case "Parameter":
      return node.value === undefined ? node.name : `${node.name}=${node.value}`;
  }
}
