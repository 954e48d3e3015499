/**
 * Normal forms of WHERE trees: {@link normalize} and {@link equivalent}.
 * @module
 */
import { CompareOperators, type AndNode, type ComparisonNode, type Expression, type IsNullNode, type Node, type OrNode, type QueryNode } from "../syntax/ast.js";
import { rewrite } from "./visit.js";

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /**
   * Put the operands of every AND/OR in a stable order (see {@link compareExpressions}), so that
   * trees differing only in operand order normalise to the same tree. Default `false`: the order
   * as written is kept.
   */
  readonly sortOperands?: boolean;
}

function isExpression(node: Node): node is Expression {
  switch (node.kind) {
    case "And":
    case "Or":
    case "Not":
    case "Comparison":
    case "IsNull":
      return true;
    default:
      return false;
  }
}

/**
 * Structural identities: equal numbers for expressions equal ignoring `loc` and `raw`. Each key
 * is made from the identities of the children, so it stays short at any depth.
 */
class Interner {
  private readonly ids = new Map<Node, number>();
  private readonly table = new Map<string, number>();

  /** The identity of a normalised expression whose children already have one. */
  id(node: Expression): number {
    const known = this.ids.get(node);
    if (known !== undefined) return known;
    let key: string;
    switch (node.kind) {
      case "Comparison":
        key = `c${JSON.stringify([node.field.path, node.field.name, node.operator, node.value.kind, node.value.value])}`;
        break;
      case "IsNull":
        key = `i${JSON.stringify([node.field.path, node.field.name])}`;
        break;
      case "Not":
        key = `n${this.id(node.operand)}`;
        break;
      case "And":
      case "Or": {
        let text = node.kind === "And" ? "a" : "o";
        for (const operand of node.operands) text += `${this.id(operand)},`;
        key = text;
        break;
      }
    }
    let id = this.table.get(key);
    if (id === undefined) {
      id = this.table.size;
      this.table.set(key, id);
    }
    this.ids.set(node, id);
    return id;
  }

  /** Whether two normalised expressions are equal ignoring `loc` and `raw`. */
  same(a: Expression, b: Expression): boolean {
    return a === b || this.id(a) === this.id(b);
  }
}

const OPERATOR_RANK: Record<string, number> = Object.fromEntries(CompareOperators.map((op, i) => [op, i]));
const LITERAL_RANK: Record<string, number> = { Boolean: 0, Number: 1, String: 2 };
/** Conditions (and their negations) first, then AND groups, then OR groups. */
const BASE_RANK: Record<Expression["kind"], number> = { Comparison: 0, IsNull: 0, Not: 0, And: 1, Or: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two conditions: field name, then comparisons before null tests, operator, value kind, value. */
function compareConditions(a: ComparisonNode | IsNullNode, b: ComparisonNode | IsNullNode): number {
  const byField = compareText(a.field.name, b.field.name) || compareText(JSON.stringify(a.field.path), JSON.stringify(b.field.path));
  if (byField !== 0) return byField;
  if (a.kind !== b.kind) return a.kind === "Comparison" ? -1 : 1;
  if (a.kind === "IsNull" || b.kind === "IsNull") return 0;
  return (
    OPERATOR_RANK[a.operator]! - OPERATOR_RANK[b.operator]! ||
    LITERAL_RANK[a.value.kind]! - LITERAL_RANK[b.value.kind]! ||
    compareText(String(a.value.value), String(b.value.value))
  );
}

/**
 * The stable order {@link normalize} gives AND/OR operands with `sortOperands`, a total order on
 * expressions ignoring `loc` and `raw`:
 *
 * 1. conditions first, ordered by field name (UTF-16 code unit order), a comparison before a
 *    null test, then by operator (`EQ NE GT GE LT LE CP`), value kind (Boolean, Number, String)
 *    and value text; a `NOT x` sorts right after `x` (it compares as `x`, then as one NOT more);
 * 2. then AND groups, then OR groups, compared operand by operand, the shorter first on a tie.
 *
 * Iterative: safe at any depth.
 */
export function compareExpressions(a: Expression, b: Expression): number {
  return compareWith(a, b, undefined);
}

function compareWith(a: Expression, b: Expression, interner: Interner | undefined): number {
  // Depth-first over pairs in order: the first non-zero result decides. Numbers are tie-breaks
  // that apply only after everything pushed above them compared equal.
  const stack: (number | readonly [Expression, Expression])[] = [[a, b]];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "number") {
      if (item !== 0) return item;
      continue;
    }
    let [x, y] = item;
    if (x === y || (interner !== undefined && interner.same(x, y))) continue;
    let notsX = 0;
    let notsY = 0;
    while (x.kind === "Not") {
      x = x.operand;
      notsX++;
    }
    while (y.kind === "Not") {
      y = y.operand;
      notsY++;
    }
    stack.push(Math.sign(notsX - notsY));
    const byRank = BASE_RANK[x.kind] - BASE_RANK[y.kind];
    if (byRank !== 0) return Math.sign(byRank);
    if (x.kind !== "And" && x.kind !== "Or") {
      // NOTs stripped and the same rank as x: both are conditions
      const byCondition = compareConditions(x as ComparisonNode | IsNullNode, y as ComparisonNode | IsNullNode);
      if (byCondition !== 0) return Math.sign(byCondition);
      continue;
    }
    const xs = x.operands;
    const ys = (y as AndNode | OrNode).operands;
    stack.push(Math.sign(xs.length - ys.length));
    for (let i = Math.min(xs.length, ys.length) - 1; i >= 0; i--) stack.push([xs[i]!, ys[i]!]);
  }
  return 0;
}

/**
 * The normal form of a tree, new nodes only where something changed (the input is never mutated;
 * an already normal tree is returned as is):
 *
 * - nested groups of the same operator are flattened: `a AND (b AND c)` → `a AND b AND c`;
 * - double negation is removed: `NOT NOT a` → `a`;
 * - repeated operands of one AND/OR, equal ignoring `loc` and `raw`, are kept once (the first);
 *   a group left with one operand becomes that operand;
 * - with `sortOperands`, AND/OR operands are put in the order of {@link compareExpressions}.
 *
 * Each rule keeps the meaning of the filter. Works on any node (a Query's `where` is normalised);
 * the result is idempotent: normalising it again returns it unchanged. Iterative: safe at any depth.
 */
export function normalize(node: QueryNode, options?: NormalizeOptions): QueryNode;
export function normalize(node: Expression, options?: NormalizeOptions): Expression;
export function normalize<N extends Node>(node: N, options?: NormalizeOptions): N extends Expression ? Expression : N;
export function normalize(node: Node, options?: NormalizeOptions): Node {
  const sort = options?.sortOperands === true;
  const interner = new Interner();
  const result = rewrite(node, (current) => {
    if (!isExpression(current)) return current;
    let out: Expression = current;
    if (current.kind === "Not") {
      if (current.operand.kind === "Not") out = current.operand.operand;
    } else if (current.kind === "And" || current.kind === "Or") {
      out = normalizeChain(current, sort, interner);
    }
    interner.id(out);
    return out;
  });
  // rewrite returns null only when the function deletes, and this one never does
  return result!;
}

function normalizeChain(node: AndNode | OrNode, sort: boolean, interner: Interner): Expression {
  let changed = false;
  const flat: Expression[] = [];
  const seen = new Set<number>();
  const add = (operand: Expression) => {
    const id = interner.id(operand);
    if (seen.has(id)) {
      changed = true;
      return;
    }
    seen.add(id);
    flat.push(operand);
  };
  for (const operand of node.operands) {
    if (operand.kind === node.kind) {
      changed = true;
      for (const inner of operand.operands) add(inner);
    } else add(operand);
  }
  if (sort) {
    const sorted = flat.slice().sort((a, b) => compareWith(a, b, interner));
    for (let i = 0; i < sorted.length && !changed; i++) if (sorted[i] !== flat[i]) changed = true;
    if (changed) flat.splice(0, flat.length, ...sorted);
  }
  if (!changed) return node;
  if (flat.length === 1) return flat[0]!;
  return { ...node, operands: flat } as AndNode | OrNode;
}

/**
 * Whether two plain trees are equal ignoring `loc` and `raw` (and properties holding `undefined`).
 * Iterative: safe at any depth.
 */
export function sameTree(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) {
      if (typeof x === "number" && typeof y === "number" && Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ys = y as unknown[];
      if (x.length !== ys.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ys[i]]);
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => k !== "loc" && k !== "raw" && o[k] !== undefined);
    const xk = keys(xo);
    const yk = keys(yo);
    if (xk.length !== yk.length) return false;
    for (const k of xk) {
      if (!Object.prototype.hasOwnProperty.call(yo, k)) return false;
      stack.push([xo[k], yo[k]]);
    }
  }
  return true;
}

/**
 * Whether two trees mean the same by the rules of {@link normalize}: their normal forms with
 * sorted operands are equal ignoring `loc` and `raw`. So `a AND (b AND NOT NOT a)` is equivalent
 * to `b AND a`. Every other property counts, a Query's `form` and parameters included. It is a
 * syntactic test: `a GT 1 AND a GT 2` and `a GT 2` mean the same but are not equivalent here.
 */
export function equivalent(a: Node, b: Node): boolean {
  return sameTree(normalize(a, { sortOperands: true }), normalize(b, { sortOperands: true }));
}
