/**
 * The predicate compiler: a filter becomes a program of conditions (program.ts: AND / OR / NOT as
 * jumps between conditions; conditions.ts: each field read and tested in place; value-test.ts:
 * what a comparison does with a value), built once per tree (and options) and cached by the
 * tree's identity. No `eval`, no `new Function`: it runs under a strict Content Security Policy.
 * Meaning is LANGUAGE.md section 5, with SQL's three-valued logic.
 * @module
 */
import type { ComparisonNode, Expression, IsNullNode, QueryNode } from "../syntax/ast.js";
import { hasErrors } from "../syntax/diagnostics.js";
import { FilterSyntaxError } from "../syntax/filter-syntax-error.js";
import { parse } from "../syntax/parse.js";
import type { Schema } from "../schema/schema.js";
import { FilterRunError, RunCodes } from "./diagnostics.js";
import type { MaskOptions } from "./mask.js";
import type { FieldAccessor } from "./record.js";
import { comparison, isNull, type Condition } from "./conditions.js";
import { buildProgram, runProgram } from "./program.js";
import { checkedField, checkedLiteral } from "./node-checks.js";
import { valueTest } from "./value-test.js";

/** Options of {@link compile} (and of `apply`). */
export interface CompileOptions extends MaskOptions {
  /**
   * The entity's schema. With it, fields declared numeric (integer, number, reference) also
   * accept number text in records (`"42"`, as APIs send 64-bit ids), and a reference compared
   * with a number compares its `id`.
   */
  readonly schema?: Schema;
  /**
   * Reads a field out of a record, for records that are not plain nested objects (a Map, a class
   * with getters, a row with flat `"cluster.name"` keys). It gets the record, the path's segments
   * and the dotted name, and returns the value (an array means "any of these"). The default
   * reads own properties along the path.
   */
  readonly accessor?: FieldAccessor;
  /** How deep a tree may nest (default {@link MAX_COMPILE_DEPTH}); deeper trees throw `run-too-deep`. */
  readonly maxDepth?: number;
}

/** A compiled filter: true when the record is kept. */
export type Predicate = (record: unknown) => boolean;

/** The default nesting limit of compiled trees (a tree the parser accepts is at most 300 deep). */
export const MAX_COMPILE_DEPTH = 1000;

/**
 * Compiles a filter into a predicate. The input is filter text (URL form or a bare expression;
 * syntax errors throw {@link FilterSyntaxError}), a parsed Query (its `where`; no `where` keeps
 * every record) or an expression node. The same tree with the same options gives the same
 * function back.
 *
 * A record is kept only when the filter is true for it: a comparison with a missing or null
 * field is unknown, `NOT` unknown is unknown, unknown is not kept.
 *
 * @example
 * const isWeb = compile("name CP '%web%' AND NOT (state EQ 'stopped')");
 * hosts.filter(isWeb);
 */
export function compile(input: string | QueryNode | Expression, options: CompileOptions = {}): Predicate {
  const expression = expressionOf(input);
  if (expression === undefined) return keepAll;
  const cached = lookup(expression, options);
  if (cached) return cached;
  const program = buildProgram(expression, (node, wanted) => conditionOf(node, wanted, options), options.maxDepth ?? MAX_COMPILE_DEPTH);
  const predicate: Predicate = (record) => runProgram(program, record);
  remember(expression, options, predicate);
  return predicate;
}

const keepAll: Predicate = () => true;

/** The WHERE expression of any accepted input; throws on input that is not a filter. @internal */
export function expressionOf(input: string | QueryNode | Expression): Expression | undefined {
  if (typeof input === "string") return parsedQuery(input).where;
  if (typeof input !== "object" || input === null || typeof (input as { kind?: unknown }).kind !== "string") {
    throw new FilterRunError(RunCodes.InvalidInput, `Expected filter text, a Query or an expression node, got ${input === null ? "null" : typeof input}.`);
  }
  if (input.kind === "Query") return input.where;
  return input;
}

// Filter text parsed once: a small cache keyed by the text, oldest entry dropped first. `apply`
// reads it too, so the same text gives the same tree, and the tree's compiled predicate.
const TEXT_CACHE_SIZE = 256;
const parsedTexts = new Map<string, QueryNode>();

/** The Query of filter text, parsed once per text; syntax errors throw {@link FilterSyntaxError}. @internal */
export function parsedQuery(text: string): QueryNode {
  const cached = parsedTexts.get(text);
  if (cached) return cached;
  const { query, diagnostics } = parse(text);
  if (hasErrors(diagnostics)) throw new FilterSyntaxError(text, diagnostics);
  if (parsedTexts.size >= TEXT_CACHE_SIZE) parsedTexts.delete(parsedTexts.keys().next().value!);
  parsedTexts.set(text, query);
  return query;
}

// Compiled predicates by tree identity, then by options (compared member by member).
interface CacheEntry {
  readonly schema: Schema | undefined;
  readonly accessor: FieldAccessor | undefined;
  readonly caseSensitive: boolean;
  readonly underscoreWildcard: boolean;
  readonly maxDepth: number | undefined;
  readonly predicate: Predicate;
}
const compiled = new WeakMap<Expression, CacheEntry[]>();

function lookup(expression: Expression, o: CompileOptions): Predicate | undefined {
  const entries = compiled.get(expression);
  if (!entries) return undefined;
  for (const e of entries) {
    if (e.schema === o.schema && e.accessor === o.accessor && e.caseSensitive === (o.caseSensitive === true) && e.underscoreWildcard === (o.underscoreWildcard === true) && e.maxDepth === o.maxDepth) return e.predicate;
  }
  return undefined;
}

function remember(expression: Expression, o: CompileOptions, predicate: Predicate): void {
  const entries = compiled.get(expression) ?? [];
  if (entries.length >= 8) entries.shift();
  entries.push({ schema: o.schema, accessor: o.accessor, caseSensitive: o.caseSensitive === true, underscoreWildcard: o.underscoreWildcard === true, maxDepth: o.maxDepth, predicate });
  compiled.set(expression, entries);
}

const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);

/** The condition of a comparison or IS null node, asked for truth `wanted`, with these options. */
function conditionOf(node: ComparisonNode | IsNullNode, wanted: boolean, options: CompileOptions): Condition {
  const field = checkedField(node.field);
  if (node.kind === "IsNull") return isNull(field, wanted, options.accessor);
  const spec = options.schema?.field(field.name);
  const numericField = spec !== undefined && NUMERIC_TYPES.has(spec.type);
  return comparison(field, valueTest(node.operator, checkedLiteral(node.value), numericField, options), wanted, options.accessor);
}
