/**
 * The abstract syntax tree of a filter.
 *
 * Every node is a plain, readonly object tagged by `kind`. Nodes made by the parser carry `loc`:
 * offsets into the string the caller passed (raw URL text, not decoded text), in UTF-16 code units.
 * Two trees are equal when they are equal ignoring `loc` and `raw`.
 * @module
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the caller's input string. */
export interface SourceLocation {
  readonly start: number;
  readonly end: number;
}

/** The comparison operators of the WHERE language, in canonical (upper-case) spelling. */
export const CompareOperators = ["EQ", "NE", "GT", "GE", "LT", "LE", "CP"] as const;
/** A comparison operator: `EQ NE GT GE LT LE CP`. */
export type CompareOperator = (typeof CompareOperators)[number];

/** The sort directions of ORDERBY, in canonical (lower-case) spelling. */
export const SortDirections = ["asc", "desc"] as const;
/** A sort direction: `asc` or `desc`. */
export type SortDirection = (typeof SortDirections)[number];

/** The `kind` tags of every node, as a vocabulary. */
export const Kind = {
  Query: "Query",
  And: "And",
  Or: "Or",
  Not: "Not",
  Comparison: "Comparison",
  IsNull: "IsNull",
  Field: "Field",
  String: "String",
  Number: "Number",
  Boolean: "Boolean",
  OrderBy: "OrderBy",
  SortKey: "SortKey",
  Limit: "Limit",
  Parameter: "Parameter",
} as const;
/** A node kind tag. */
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Fields common to every node. */
interface BaseNode {
  /** Where the node stands in the caller's input; absent on nodes built in code. */
  readonly loc?: SourceLocation;
}

/** A field reference such as `cluster.name`. */
export interface FieldNode extends BaseNode {
  readonly kind: "Field";
  /** The dotted path split into its segments: `["cluster", "name"]`. */
  readonly path: readonly string[];
  /** The whole dotted name: `cluster.name`. */
  readonly name: string;
}

/** A quoted string literal. `value` is decoded (`''` read as `'`); `raw` is the text as written. */
export interface StringNode extends BaseNode {
  readonly kind: "String";
  readonly value: string;
  readonly raw?: string;
}

/**
 * A number literal. `value` is exact normalised decimal text (`007.50` → `7.5`, `-0` → `0`),
 * never a float, so integers beyond 2^53 survive.
 */
export interface NumberNode extends BaseNode {
  readonly kind: "Number";
  readonly value: string;
  readonly raw?: string;
}

/** A `true` / `false` literal (any case as written; `raw` keeps the spelling). */
export interface BooleanNode extends BaseNode {
  readonly kind: "Boolean";
  readonly value: boolean;
  readonly raw?: string;
}

/** A literal value on the right of a comparison. */
export type LiteralNode = StringNode | NumberNode | BooleanNode;

/** `field OP value`, e.g. `name CP '%web%'`. */
export interface ComparisonNode extends BaseNode {
  readonly kind: "Comparison";
  readonly field: FieldNode;
  readonly operator: CompareOperator;
  readonly value: LiteralNode;
}

/** `field IS null`. `field IS NOT null` is read as `Not(IsNull)`. */
export interface IsNullNode extends BaseNode {
  readonly kind: "IsNull";
  readonly field: FieldNode;
}

/** `NOT operand`. */
export interface NotNode extends BaseNode {
  readonly kind: "Not";
  readonly operand: Expression;
}

/** An n-ary, flattened `AND` (at least two operands). */
export interface AndNode extends BaseNode {
  readonly kind: "And";
  readonly operands: readonly Expression[];
}

/** An n-ary, flattened `OR` (at least two operands). */
export interface OrNode extends BaseNode {
  readonly kind: "Or";
  readonly operands: readonly Expression[];
}

/** Any WHERE expression. */
export type Expression = AndNode | OrNode | NotNode | ComparisonNode | IsNullNode;

/** One ORDERBY key: a field and its direction (`asc` when not written). */
export interface SortKeyNode extends BaseNode {
  readonly kind: "SortKey";
  readonly field: FieldNode;
  readonly direction: SortDirection;
}

/** The ORDERBY parameter: one or more sort keys. */
export interface OrderByNode extends BaseNode {
  readonly kind: "OrderBy";
  readonly keys: readonly SortKeyNode[];
}

/** The LIMIT parameter: rows `offset` (from 0) to `offset + count - 1`. */
export interface LimitNode extends BaseNode {
  readonly kind: "Limit";
  readonly offset: number;
  readonly count: number;
}

/** A query parameter other than where/orderby/limit, kept exactly as received. */
export interface ParameterNode extends BaseNode {
  readonly kind: "Parameter";
  /** The raw name text, as received. */
  readonly name: string;
  /** The raw value text after `=`, as received; absent when the segment had no `=`. */
  readonly value?: string;
}

/**
 * A whole filter: the three known parameters and any others.
 * `form` records whether it was read from URL form or from a bare WHERE expression;
 * a bare expression prints back as a bare expression.
 */
export interface QueryNode extends BaseNode {
  readonly kind: "Query";
  readonly form: "url" | "expression";
  readonly where?: Expression;
  readonly orderBy?: OrderByNode;
  readonly limit?: LimitNode;
  readonly parameters: readonly ParameterNode[];
}

/** Any node of the tree. */
export type Node =
  | QueryNode
  | Expression
  | FieldNode
  | LiteralNode
  | OrderByNode
  | SortKeyNode
  | LimitNode
  | ParameterNode;
