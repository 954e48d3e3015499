/**
 * A fluent, immutable builder producing the same tree as the parser, typed by a schema:
 * with `filterOf(schemas.vm.host)` an unknown field or a wrong value is a compile error.
 * @module
 */
import { format } from "../print/format.js";
import { toQueryString, type QueryStringOptions } from "../print/encode.js";
import type { FieldMap, FieldSpecAt, FieldPath, Schema, ValueOfSpec } from "../schema/schema.js";
import type {
  CompareOperator,
  ComparisonNode,
  Expression,
  FieldNode,
  LimitNode,
  LiteralNode,
  OrderByNode,
  QueryNode,
  SortDirection,
  SortKeyNode,
} from "../syntax/ast.js";
import { FilterValueError, numberText, quote } from "./quote.js";

/** Any value a comparison may hold without a schema. */
export type AnyValue = string | number | bigint | boolean;

/** Whether a field map is the untyped one (any string key). */
export type IsUntyped<F> = string extends keyof F ? true : false;

/** The field paths a builder for schema `S` accepts (any string without a schema). */
export type PathOf<S> = S extends Schema<infer F> ? (IsUntyped<F> extends true ? string : FieldPath<F>) : string;

/** The values a comparison on path `P` accepts. */
export type ValueAt<S, P extends string> = S extends Schema<infer F> ? (IsUntyped<F> extends true ? AnyValue : ValueOfSpec<FieldSpecAt<F, P>>) : AnyValue;

/** The paths whose values are text: the only ones CP is offered on (any string without a schema). */
export type TextPathOf<S> = S extends Schema<infer F> ? (IsUntyped<F> extends true ? string : { [P in PathOf<S>]: ValueAt<S, P> extends string ? P : never }[PathOf<S>]) : string;

/** A condition being built: wraps an expression node. Immutable. */
export class Condition {
  /** The expression node, as the parser would make it (without locations). */
  readonly node: Expression;

  constructor(node: Expression) {
    this.node = node;
    Object.freeze(this);
  }

  /** `this AND others…`, flattened. */
  and(...others: Condition[]): Condition {
    return new Condition(logical("And", [this, ...others]));
  }

  /** `this OR others…`, flattened. */
  or(...others: Condition[]): Condition {
    return new Condition(logical("Or", [this, ...others]));
  }

  /** `NOT this`. */
  not(): Condition {
    return new Condition({ kind: "Not", operand: this.node });
  }

  /** The canonical text of the expression. */
  toString(): string {
    return format(this.node);
  }
}

function logical(kind: "And" | "Or", conditions: readonly Condition[]): Expression {
  if (conditions.length === 0) throw new FilterValueError(`${kind.toUpperCase()} needs at least one condition`);
  const operands: Expression[] = [];
  for (const c of conditions) {
    if (!(c instanceof Condition)) throw new FilterValueError(`${kind.toUpperCase()} takes conditions made by the builder`);
    if (c.node.kind === kind) operands.push(...c.node.operands);
    else operands.push(c.node);
  }
  return operands.length === 1 ? operands[0]! : { kind, operands };
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function fieldNode(name: string): FieldNode {
  if (typeof name !== "string" || !FIELD.test(name)) {
    throw new FilterValueError(`${JSON.stringify(name)} is not a field name (ASCII letters, digits and '_', dotted)`);
  }
  return { kind: "Field", path: name.split("."), name };
}

function literalNode(value: AnyValue): LiteralNode {
  if (typeof value === "string") {
    quote(value); // rejects lone surrogates
    return { kind: "String", value };
  }
  if (typeof value === "number" || typeof value === "bigint") return { kind: "Number", value: numberText(value) };
  if (typeof value === "boolean") return { kind: "Boolean", value };
  throw new FilterValueError(`${value === null ? "null" : typeof value} cannot be compared; use isNull / isNotNull for null`);
}

function comparison(field: string, operator: CompareOperator, value: AnyValue): Condition {
  const node: ComparisonNode = { kind: "Comparison", field: fieldNode(field), operator, value: literalNode(value) };
  return new Condition(node);
}

/** The condition makers of a builder, typed by its schema. */
export interface ConditionMakers<S> {
  eq<P extends PathOf<S>>(field: P, value: ValueAt<S, P>): Condition;
  ne<P extends PathOf<S>>(field: P, value: ValueAt<S, P>): Condition;
  gt<P extends PathOf<S>>(field: P, value: ValueAt<S, P>): Condition;
  ge<P extends PathOf<S>>(field: P, value: ValueAt<S, P>): Condition;
  lt<P extends PathOf<S>>(field: P, value: ValueAt<S, P>): Condition;
  le<P extends PathOf<S>>(field: P, value: ValueAt<S, P>): Condition;
  /** CP: a mask where `%` is any run of characters; only on text fields. */
  cp<P extends TextPathOf<S>>(field: P, mask: string): Condition;
  isNull(field: PathOf<S>): Condition;
  isNotNull(field: PathOf<S>): Condition;
  and(...conditions: Condition[]): Condition;
  or(...conditions: Condition[]): Condition;
  not(condition: Condition): Condition;
}

const makers: ConditionMakers<Schema<FieldMap>> = {
  eq: (field, value) => comparison(field, "EQ", value as AnyValue),
  ne: (field, value) => comparison(field, "NE", value as AnyValue),
  gt: (field, value) => comparison(field, "GT", value as AnyValue),
  ge: (field, value) => comparison(field, "GE", value as AnyValue),
  lt: (field, value) => comparison(field, "LT", value as AnyValue),
  le: (field, value) => comparison(field, "LE", value as AnyValue),
  cp: (field, mask) => {
    if (typeof mask !== "string") throw new FilterValueError("a CP mask is a string");
    return comparison(field, "CP", mask);
  },
  isNull: (field) => new Condition({ kind: "IsNull", field: fieldNode(field) }),
  isNotNull: (field) => new Condition({ kind: "Not", operand: { kind: "IsNull", field: fieldNode(field) } }),
  and: (...conditions) => new Condition(logical("And", conditions)),
  or: (...conditions) => new Condition(logical("Or", conditions)),
  not: (condition) => condition.not(),
};

interface State {
  readonly where?: Expression;
  readonly keys: readonly SortKeyNode[];
  readonly limit?: LimitNode;
}

/** A query being built: WHERE, ORDERBY and LIMIT. Immutable: every method returns a new builder. */
export class QueryBuilder<S = Schema<FieldMap>> {
  private readonly state: State;

  /** @internal use {@link filter} or {@link filterOf} */
  constructor(state: State = { keys: [] }) {
    this.state = state;
    Object.freeze(this);
  }

  /** Sets the WHERE condition (ANDed with one already set), from a condition or a function of the makers. */
  where(condition: Condition | ((f: ConditionMakers<S>) => Condition)): QueryBuilder<S> {
    const made = typeof condition === "function" ? condition(makers as unknown as ConditionMakers<S>) : condition;
    if (!(made instanceof Condition)) throw new FilterValueError("where() takes a condition made by the builder");
    const where = this.state.where === undefined ? made.node : logical("And", [new Condition(this.state.where), made]);
    return new QueryBuilder<S>({ ...this.state, where });
  }

  /** Adds a sort key (`asc` by default). */
  orderBy(field: PathOf<S>, direction: SortDirection = "asc"): QueryBuilder<S> {
    if (direction !== "asc" && direction !== "desc") throw new FilterValueError(`the sort direction is 'asc' or 'desc', not ${JSON.stringify(direction)}`);
    const key: SortKeyNode = { kind: "SortKey", field: fieldNode(field), direction };
    return new QueryBuilder<S>({ ...this.state, keys: [...this.state.keys, key] });
  }

  /** Sets LIMIT: rows `offset` (from 0) to `offset + count - 1`. */
  limit(offset: number, count: number): QueryBuilder<S> {
    for (const [name, n] of [
      ["offset", offset],
      ["count", count],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 0) throw new FilterValueError(`the limit ${name} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not ${n}`);
    }
    return new QueryBuilder<S>({ ...this.state, limit: { kind: "Limit", offset, count } });
  }

  /** The Query node, as `parse` would make it (without locations). */
  toQuery(): QueryNode {
    const { where, keys, limit } = this.state;
    const orderBy: OrderByNode | undefined = keys.length > 0 ? { kind: "OrderBy", keys } : undefined;
    return { kind: "Query", form: "url", ...(where ? { where } : {}), ...(orderBy ? { orderBy } : {}), ...(limit ? { limit } : {}), parameters: [] };
  }

  /** The canonical decoded text: `where=(id EQ 1)&orderby=name asc&limit=0,50`. */
  toString(): string {
    return format(this.toQuery());
  }

  /** The canonical text URL-encoded, ready for a request. */
  toQueryString(options?: QueryStringOptions): string {
    return toQueryString(this.toQuery(), options);
  }
}

/** A builder with its condition makers. */
export type FilterBuilder<S> = QueryBuilder<S> & ConditionMakers<S>;

function withMakers<S>(builder: QueryBuilder<S>): FilterBuilder<S> {
  return Object.assign(Object.create(builder) as QueryBuilder<S>, makers as unknown as ConditionMakers<S>) as FilterBuilder<S>;
}

/** An untyped builder: any field, any value. */
export function filter(): FilterBuilder<Schema<FieldMap>> {
  return withMakers(new QueryBuilder<Schema<FieldMap>>());
}

/** A builder typed by a schema: unknown fields and wrong values do not compile; CP only on text fields. */
export function filterOf<S extends Schema>(_schema: S): FilterBuilder<S> {
  return withMakers(new QueryBuilder<S>());
}
