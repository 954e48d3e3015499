/**
 * The query string of a list request: the filter in any form the client takes, with the sort and
 * page of the list options, in the canonical URL-encoded form (`toQueryString`).
 * @module
 */
import { Condition, QueryBuilder } from "../build/builder.js";
import { toQueryString } from "../print/encode.js";
import type { Expression, QueryNode } from "../syntax/ast.js";
import { hasErrors, type Diagnostic } from "../syntax/diagnostics.js";
import { FilterSyntaxError } from "../syntax/filter-syntax-error.js";
import { parse, parseLimit, parseOrderBy } from "../syntax/parse.js";
import type { FilterInput, ListOptions, SortSpec } from "./options.js";

function checked<T>(source: string, result: T & { readonly diagnostics: readonly Diagnostic[] }): T {
  if (hasErrors(result.diagnostics)) throw new FilterSyntaxError(source, result.diagnostics);
  return result;
}

/** The filter as a Query node; filter text with errors throws {@link FilterSyntaxError}. */
function queryOf(filter: FilterInput | undefined): QueryNode {
  if (filter === undefined || filter === "") return { kind: "Query", form: "url", parameters: [] };
  if (typeof filter === "string") return checked(filter, parse(filter)).query;
  if (filter instanceof QueryBuilder) return filter.toQuery();
  if (filter instanceof Condition) return { kind: "Query", form: "url", where: filter.node, parameters: [] };
  if (typeof filter === "object" && filter !== null && typeof (filter as { kind?: unknown }).kind === "string") {
    const node = filter as QueryNode | Expression;
    return node.kind === "Query" ? node : { kind: "Query", form: "url", where: node, parameters: [] };
  }
  throw new TypeError(`list: the filter must be text, a Query or expression node, or a builder; got ${filter === null ? "null" : typeof filter}`);
}

function sortText(spec: SortSpec): string {
  return typeof spec === "string" ? spec : `${spec[0]} ${spec[1] ?? "asc"}`;
}

/**
 * The URL-encoded canonical query string of a list request (`where=(id+EQ+1)&orderby=name+asc`),
 * `""` when there is no filter. `options.orderby` and `options.limit` add a sort and a page to a
 * filter that has none; given for a filter that has its own, they throw a TypeError.
 */
export function listQueryString(filter: FilterInput | undefined, options: Pick<ListOptions<undefined>, "orderby" | "limit"> = {}): string {
  let query = queryOf(filter);
  if (options.orderby !== undefined) {
    if (query.orderBy) throw new TypeError("list: the filter has its own orderby; give the sort in one place");
    const text = typeof options.orderby === "string" ? options.orderby : options.orderby.map(sortText).join(",");
    query = { ...query, orderBy: checked(text, parseOrderBy(text)).orderBy };
  }
  if (options.limit !== undefined) {
    if (query.limit) throw new TypeError("list: the filter has its own limit; give the page in one place");
    const text = typeof options.limit === "number" ? `0,${options.limit}` : `${options.limit[0]},${options.limit[1]}`;
    query = { ...query, limit: checked(text, parseLimit(text)).limit };
  }
  return toQueryString(query);
}
