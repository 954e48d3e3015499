/**
 * `apply`: what a list endpoint answers for a query over records in memory.
 * @module
 */
import type { Expression, QueryNode, SortKeyNode } from "../syntax/ast.js";
import { compile, parsedQuery, type CompileOptions } from "./compile.js";
import { FilterRunError, RunCodes } from "./diagnostics.js";
import { compareSortValues, sortReader } from "./order.js";

/** The API's list shape: the page of records, and how many matched before the limit. */
export interface ListResult<T> {
  readonly list: T[];
  readonly size: number;
}

/** The sort applied when a query has no `orderby`: ascending by `id`, as the official page says. */
export const DEFAULT_ORDER: readonly SortKeyNode[] = [{ kind: "SortKey", field: { kind: "Field", path: ["id"], name: "id" }, direction: "asc" }];

/**
 * Runs a query over records as a list endpoint does: keeps the records the `where` is true for,
 * sorts them by `orderby` (stable: ties keep input order; no `orderby` sorts by `id` ascending;
 * nulls first ascending, last descending), then takes the `limit` page. `size` counts the matches
 * before the limit.
 *
 * @example
 * apply("where=state EQ 'active'&orderby=name&limit=0,20", hosts) // → { list: [...20 hosts], size: 135 }
 */
export function apply<T>(query: string | QueryNode | Expression, records: Iterable<T>, options: CompileOptions = {}): ListResult<T> {
  const node = queryOf(query);
  const keep = compile(node, options);
  const matches: T[] = [];
  for (const record of records) if (keep(record)) matches.push(record);
  const keys = node.kind === "Query" && node.orderBy ? node.orderBy.keys : DEFAULT_ORDER;
  const sorted = sortRecords(matches, keys, options);
  const limit = node.kind === "Query" ? node.limit : undefined;
  const list = limit ? sorted.slice(limit.offset, limit.offset + limit.count) : sorted;
  return { list, size: matches.length };
}

function queryOf(input: string | QueryNode | Expression): QueryNode | Expression {
  if (typeof input === "string") return parsedQuery(input);
  if (typeof input !== "object" || input === null) throw new FilterRunError(RunCodes.InvalidInput, `Expected filter text, a Query or an expression node, got ${input === null ? "null" : typeof input}.`);
  return input;
}

/** Stable sort by the keys: each record's key values read once. */
function sortRecords<T>(records: T[], keys: readonly SortKeyNode[], options: CompileOptions): T[] {
  const readers = keys.map((k) => sortReader(k, options.schema, options.accessor));
  const signs = keys.map((k) => (k.direction === "desc" ? -1 : 1));
  const decorated = records.map((record, index) => ({ record, index, values: readers.map((read) => read(record)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < readers.length; k++) {
      const order = compareSortValues(a.values[k]!, b.values[k]!);
      if (order !== 0) return order * signs[k]!;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.record);
}
