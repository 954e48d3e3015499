/**
 * The canonical printer (LANGUAGE.md section 4): deterministic, decoded, human-readable text.
 * @module
 */
import { findQuery } from "../syntax/url.js";
import type { Expression, LimitNode, LiteralNode, Node, OrderByNode, QueryNode, SortKeyNode } from "../syntax/ast.js";
import { DECODED, writeExpression, type PrintSchema } from "./write-expression.js";

/** Options of {@link format}. */
export interface FormatOptions {
  /**
   * A schema (anything with a `field(path)` answering `{ type }`): quoted numbers compared with a
   * numeric field (integer, number, reference) print unquoted, as LANGUAGE.md section 4 says.
   * Without one, quoted numbers stay quoted.
   */
  readonly schema?: PrintSchema;
}

/** `'it''s'`: a string literal with `''` for each quote. */
export function quoteString(value: string): string {
  return "'" + (value.indexOf("'") < 0 ? value : value.replaceAll("'", "''")) + "'";
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

/** The canonical text of a WHERE expression. */
export function formatExpression(node: Expression, options?: FormatOptions): string {
  return writeExpression(node, DECODED, options?.schema);
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
 * The parameters of a query joined with `&`: `where=` with the given text, `orderby` and `limit`
 * with their canonical text through `value` (identity, or URL encoding), then the unknown
 * parameters as received. A text that starts with a known parameter reads back as these
 * parameters; one of only unknown parameters gets a leading `?` when it would not (the first
 * without `=`, or with a `?` or `/` in its name).
 * @internal
 */
export function joinQuery(query: QueryNode, where: string | undefined, value: (decoded: string) => string): string {
  let text = where === undefined ? "" : "where=" + where;
  if (query.orderBy) text += (text === "" ? "orderby=" : "&orderby=") + value(formatOrderBy(query.orderBy));
  if (query.limit) text += (text === "" ? "limit=" : "&limit=") + value(formatLimit(query.limit));
  if (query.parameters.length === 0) return text;
  const known = text !== "";
  const parameters = query.parameters.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)).join("&");
  if (known) return `${text}&${parameters}`;
  return parameters === "" || findQuery(parameters)?.start === 0 ? parameters : `?${parameters}`;
}

/** Whether a Query prints as a bare expression: read from one, and holding nothing but WHERE. */
export function printsBare(query: QueryNode): boolean {
  return query.form === "expression" && !query.orderBy && !query.limit && query.parameters.length === 0;
}

const unchanged = (text: string) => text;

/**
 * The canonical decoded text of any node: `where=(id EQ 1)&orderby=name asc&limit=0,50` for a
 * query, just the expression for an expression node or a Query parsed from a bare expression.
 */
export function format(node: Node, options?: FormatOptions): string {
  switch (node.kind) {
    case "Query":
      if (printsBare(node)) return node.where ? formatExpression(node.where, options) : "";
      return joinQuery(node, node.where ? formatExpression(node.where, options) : undefined, unchanged);
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
