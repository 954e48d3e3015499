/**
 * The predicate compiler: a filter becomes a tree of closures, built once per tree (and options)
 * and cached by the tree's identity. No `eval`, no `new Function`: it runs under a strict Content
 * Security Policy. Meaning is LANGUAGE.md section 5, with SQL's three-valued logic.
 * @module
 */
import type { CompareOperator, ComparisonNode, Expression, FieldNode, LiteralNode, QueryNode } from "../syntax/ast.js";
import { hasErrors } from "../syntax/diagnostics.js";
import { FilterSyntaxError } from "../syntax/filter-syntax-error.js";
import { parse } from "../syntax/parse.js";
import type { Schema } from "../schema/schema.js";
import { FilterRunError, RunCodes } from "./diagnostics.js";
import { compileMask, type MaskOptions } from "./mask.js";
import { isRecordObject, valuesAt, type FieldAccessor } from "./record.js";
import { checkedField, checkedLiteral } from "./node-checks.js";
import { compareCodePoints, compareDecimals, decimalOf, decimalOfNumber, NUMBER_TEXT } from "./values.js";
import { normalizeNumber } from "../syntax/numbers.js";

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

/** Three-valued truth: `null` is SQL's unknown. */
type Truth = boolean | null;
type Evaluator = (record: unknown) => Truth;

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
  const evaluator = new Compiler(options).expression(expression, 1);
  const predicate: Predicate = (record) => evaluator(record) === true;
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
const hasOwn = Object.prototype.hasOwnProperty;

/** Builds the closures of one tree. */
class Compiler {
  private readonly maxDepth: number;

  constructor(private readonly options: CompileOptions) {
    this.maxDepth = options.maxDepth ?? MAX_COMPILE_DEPTH;
  }

  expression(node: Expression, depth: number): Evaluator {
    if (depth > this.maxDepth) throw new FilterRunError(RunCodes.TooDeep, `The filter nests deeper than ${this.maxDepth} levels.`);
    switch (node.kind) {
      case "And":
        return this.and(this.operands(node.operands, depth));
      case "Or":
        return this.or(this.operands(node.operands, depth));
      case "Not": {
        const operand = this.expression(node.operand, depth + 1);
        return (record) => {
          const truth = operand(record);
          return truth === null ? null : !truth;
        };
      }
      case "IsNull": {
        const read = this.reader(checkedField(node.field));
        return (record) => {
          const values = read(record);
          for (let i = 0; i < values.length; i++) if (values[i] === null || values[i] === undefined) return true;
          return false;
        };
      }
      case "Comparison":
        return this.comparison(node);
      default:
        throw new FilterRunError(RunCodes.InvalidInput, `Not an expression node: kind ${JSON.stringify((node as { kind?: unknown }).kind)}.`);
    }
  }

  private operands(operands: readonly Expression[], depth: number): Evaluator[] {
    if (!Array.isArray(operands) || operands.length === 0) throw new FilterRunError(RunCodes.InvalidInput, "An AND or OR node needs operands.");
    return operands.map((o) => this.expression(o, depth + 1));
  }

  private and(operands: Evaluator[]): Evaluator {
    if (operands.length === 2) {
      const [a, b] = operands as [Evaluator, Evaluator];
      return (record) => {
        const x = a(record);
        if (x === false) return false;
        const y = b(record);
        if (y === false) return false;
        return x === null || y === null ? null : true;
      };
    }
    return (record) => {
      let unknown = false;
      for (let i = 0; i < operands.length; i++) {
        const truth = operands[i]!(record);
        if (truth === false) return false;
        if (truth === null) unknown = true;
      }
      return unknown ? null : true;
    };
  }

  private or(operands: Evaluator[]): Evaluator {
    return (record) => {
      let unknown = false;
      for (let i = 0; i < operands.length; i++) {
        const truth = operands[i]!(record);
        if (truth === true) return true;
        if (truth === null) unknown = true;
      }
      return unknown ? null : false;
    };
  }

  /** Reads every value of a field: one value in the common case, each element through arrays. */
  private reader(field: FieldNode): (record: unknown) => readonly unknown[] {
    const accessor = this.options.accessor;
    const path = field.path;
    const out: unknown[] = [];
    if (accessor) {
      return (record) => {
        out.length = 0;
        flatten(accessor(record, path, field.name), out, 0);
        return out;
      };
    }
    return (record) => valuesAt(record, path, out);
  }

  private comparison(node: ComparisonNode): Evaluator {
    const field = checkedField(node.field);
    const spec = this.options.schema?.field(field.name);
    const numericField = spec !== undefined && NUMERIC_TYPES.has(spec.type);
    const test = valueTest(node.operator, checkedLiteral(node.value), numericField, this.options);
    const byId = node.operator !== "CP" && isNumeric(node.value);
    const read = this.reader(field);
    const one = (value: unknown): Truth => {
      if (byId && isRecordObject(value) && hasOwn.call(value, "id")) value = value.id;
      if (value === null || value === undefined) return null;
      return test(value);
    };
    const many = (record: unknown): Truth => {
      const values = read(record);
      let unknown = false;
      for (let i = 0; i < values.length; i++) {
        const truth = one(values[i]);
        if (truth === true) return true;
        if (truth === null) unknown = true;
      }
      return unknown ? null : false;
    };
    if (this.options.accessor || field.path.length > 2) return many;
    // The common shapes, read and tested in one closure with no list built: a top-level member,
    // or a member of a member. Arrays on the way (or at the end) go the general way.
    const first = field.path[0]!;
    if (field.path.length === 1) {
      return (record) => {
        if (typeof record !== "object" || record === null || Array.isArray(record) || !hasOwn.call(record, first)) return null;
        const value = (record as Record<string, unknown>)[first];
        if (value === null || value === undefined) return null;
        if (typeof value !== "object") return test(value);
        return Array.isArray(value) ? many(record) : one(value);
      };
    }
    const second = field.path[1]!;
    // `ip4.ip` on `ip4: [{ ip }, …]`: any element's member, without building a list; anything
    // less plain (nested arrays, objects, a reference's id) goes the general way
    const anyMember = (elements: readonly unknown[], record: unknown): Truth => {
      let unknown = false;
      for (let i = 0; i < elements.length; i++) {
        const element = elements[i];
        if (typeof element !== "object" || element === null) {
          unknown = true;
          continue;
        }
        if (Array.isArray(element)) return many(record);
        if (!hasOwn.call(element, second)) {
          unknown = true;
          continue;
        }
        const value = (element as Record<string, unknown>)[second];
        if (value === null || value === undefined) unknown = true;
        else if (typeof value === "object") return many(record);
        else if (test(value)) return true;
      }
      return unknown ? null : false;
    };
    return (record) => {
      if (typeof record !== "object" || record === null || Array.isArray(record) || !hasOwn.call(record, first)) return null;
      const outer = (record as Record<string, unknown>)[first];
      if (typeof outer !== "object" || outer === null) return null;
      if (Array.isArray(outer)) return anyMember(outer, record);
      if (!hasOwn.call(outer, second)) return null;
      const value = (outer as Record<string, unknown>)[second];
      if (value === null || value === undefined) return null;
      if (typeof value !== "object") return test(value);
      return Array.isArray(value) ? many(record) : one(value);
    };
  }
}

/** Array elements (nested arrays flattened, to a bounded depth) or the value itself. */
function flatten(value: unknown, out: unknown[], nesting: number): void {
  if (!Array.isArray(value)) out.push(value);
  else if (nesting >= 64) out.push(undefined);
  else for (const element of value) flatten(element, out, nesting + 1);
}

function isNumeric(literal: LiteralNode): boolean {
  return literal.kind === "Number" || (literal.kind === "String" && NUMBER_TEXT.test(literal.value));
}

/** The sign of `value` against the literal, or undefined when they do not compare. */
type Order = (value: unknown) => number | undefined;

/**
 * The test of one present (not null) value: CP masks; the six comparisons through an order
 * function; a type mismatch is false, and true for NE.
 * @internal
 */
export function valueTest(operator: CompareOperator, literal: LiteralNode, numericField: boolean, options: MaskOptions): (value: unknown) => boolean {
  if (operator === "CP") {
    const match = compileMask(literal.kind === "Boolean" ? String(literal.value) : literal.value, options);
    return (value) => typeof value === "string" && match(value);
  }
  if (literal.kind === "String" && !numericField && !NUMBER_TEXT.test(literal.value) && (operator === "EQ" || operator === "NE")) {
    const text = literal.value;
    return operator === "EQ" ? (value) => value === text : (value) => value !== text;
  }
  if (literal.kind === "Number") {
    const fast = floatTest(operator, normalizeNumber(literal.value));
    if (fast) {
      const slow = exactTest(operator, orderAgainst(literal, numericField));
      return (value) => (typeof value === "number" ? fast(value) : slow(value));
    }
  }
  return exactTest(operator, orderAgainst(literal, numericField));
}

/** For a literal that is the decimal of a float: a number value compares as a float. */
function floatTest(operator: Exclude<CompareOperator, "CP">, decimal: string): ((value: number) => boolean) | undefined {
  const x = Number(decimal);
  if (decimalOfNumber(x) !== decimal) return undefined;
  // NaN and ±Infinity compare with nothing: every test below is false for NaN, NE is true
  switch (operator) {
    case "EQ":
      return (v) => v === x;
    case "NE":
      return (v) => v !== x || v !== v;
    case "GT":
      return (v) => v > x && v !== Infinity;
    case "GE":
      return (v) => v >= x && v !== Infinity;
    case "LT":
      return (v) => v < x && v !== -Infinity;
    case "LE":
      return (v) => v <= x && v !== -Infinity;
  }
}

function exactTest(operator: CompareOperator, order: Order): (value: unknown) => boolean {
  switch (operator) {
    case "EQ":
      return (value) => order(value) === 0;
    case "NE":
      return (value) => order(value) !== 0;
    case "GT":
      return (value) => (order(value) ?? 0) > 0;
    case "GE":
      return (value) => {
        const o = order(value);
        return o !== undefined && o >= 0;
      };
    case "LT":
      return (value) => (order(value) ?? 0) < 0;
    case "LE":
      return (value) => {
        const o = order(value);
        return o !== undefined && o <= 0;
      };
    default:
      throw new FilterRunError(RunCodes.InvalidInput, `Unknown operator ${JSON.stringify(operator)}.`);
  }
}

function orderAgainst(literal: LiteralNode, numericField: boolean): Order {
  switch (literal.kind) {
    case "Boolean": {
      const b = literal.value;
      return (value) => (typeof value === "boolean" ? (value === b ? 0 : value ? 1 : -1) : undefined);
    }
    case "Number":
      return numericOrder(normalizeNumber(literal.value), numericField);
    case "String": {
      const text = literal.value;
      const numeric = NUMBER_TEXT.test(text) ? numericOrder(normalizeNumber(text), numericField) : undefined;
      if (numeric && numericField) return numeric;
      return (value) => (typeof value === "string" ? Math.sign(compareCodePoints(value, text)) : numeric ? numeric(value) : undefined);
    }
  }
}

/**
 * The order of a numeric value against exact decimal text. A number compares as the decimal it
 * prints as; where the literal is that decimal of some float, float comparison gives the same
 * answer and is used; otherwise (integers past 2^53, long fractions) the texts are compared.
 */
function numericOrder(decimal: string, numericStrings: boolean): Order {
  const float = Number(decimal);
  const floatExact = decimalOfNumber(float) === decimal;
  const integer = /^-?\d+$/.test(decimal) ? BigInt(decimal) : undefined;
  return (value) => {
    if (typeof value === "number") {
      if (value !== value || value === Infinity || value === -Infinity) return undefined;
      if (floatExact) return value < float ? -1 : value > float ? 1 : 0;
      return Math.sign(compareDecimals(decimalOfNumber(value), decimal));
    }
    if (typeof value === "bigint" && integer !== undefined) return value < integer ? -1 : value > integer ? 1 : 0;
    const text = decimalOf(value, numericStrings);
    return text === undefined ? undefined : Math.sign(compareDecimals(text, decimal));
  };
}
