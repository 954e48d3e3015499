/**
 * Walking and rewriting trees: {@link visit} and {@link transform}.
 *
 * Both are iterative (an explicit stack, no recursion), so they work on trees of any depth,
 * including trees built in code far deeper than the parser would ever produce.
 *
 * Children are visited in this order (the order of the text):
 *
 * | node | children |
 * |---|---|
 * | `Query` | `where`, `orderBy`, `limit`, then each of `parameters` |
 * | `And`, `Or` | each of `operands` |
 * | `Not` | `operand` |
 * | `Comparison` | `field`, `value` |
 * | `IsNull` | `field` |
 * | `OrderBy` | each of `keys` |
 * | `SortKey` | `field` |
 * | `Field`, `String`, `Number`, `Boolean`, `Limit`, `Parameter` | none |
 * @module
 */
import type {
  AndNode,
  ComparisonNode,
  Expression,
  FieldNode,
  IsNullNode,
  Kind,
  LimitNode,
  LiteralNode,
  Node,
  NotNode,
  OrderByNode,
  OrNode,
  ParameterNode,
  QueryNode,
  SortKeyNode,
} from "../syntax/ast.js";

/** Returned by a visitor function: stops the whole walk at once (no further enter or leave calls). */
export const BREAK: unique symbol = Symbol("vmfilter.visit.BREAK");

/**
 * What a visitor function may return: nothing (go on), `false` from an enter function (skip this
 * node's children; its leave functions still run), or {@link BREAK} (stop the walk).
 */
export type VisitControl = void | undefined | boolean | typeof BREAK;

/** The node type of a kind: `NodeOfKind<"Comparison">` is `ComparisonNode`. */
export type NodeOfKind<K extends Kind> = Extract<Node, { readonly kind: K }>;

/** A visitor function: the node, and its parent (`undefined` for the node the walk started from). */
export type VisitFunction<N extends Node = Node> = (node: N, parent: Node | undefined) => VisitControl;

/** Functions called before (`enter`) and after (`leave`) a node's children are visited. */
export interface VisitHandlers<N extends Node = Node> {
  readonly enter?: VisitFunction<N>;
  readonly leave?: VisitFunction<N>;
}

/**
 * A visitor: per kind, a function (called on enter) or `{ enter, leave }`; and generic `enter` /
 * `leave` functions called for every node. On enter, the generic function runs before the kind's;
 * on leave, the kind's runs before the generic one.
 */
export type Visitor = { readonly [K in Kind]?: VisitFunction<NodeOfKind<K>> | VisitHandlers<NodeOfKind<K>> } & VisitHandlers<Node>;

/** The children of a node, in visiting order (see the module documentation). */
export function childrenOf(node: Node): readonly Node[] {
  switch (node.kind) {
    case "Query": {
      const out: Node[] = [];
      if (node.where) out.push(node.where);
      if (node.orderBy) out.push(node.orderBy);
      if (node.limit) out.push(node.limit);
      for (const p of node.parameters) out.push(p);
      return out;
    }
    case "And":
    case "Or":
      return node.operands;
    case "Not":
      return [node.operand];
    case "Comparison":
      return [node.field, node.value];
    case "IsNull":
    case "SortKey":
      return [node.field];
    case "OrderBy":
      return node.keys;
    default:
      return NO_CHILDREN;
  }
}

const NO_CHILDREN: readonly Node[] = [];

interface VisitFrame {
  readonly node: Node;
  readonly parent: Node | undefined;
  readonly leaving: boolean;
}

type AnyHandlers = VisitFunction | VisitHandlers | undefined;

function enterOf(handlers: AnyHandlers): VisitFunction | undefined {
  return typeof handlers === "function" ? handlers : handlers?.enter;
}

function leaveOf(handlers: AnyHandlers): VisitFunction | undefined {
  return typeof handlers === "function" ? undefined : handlers?.leave;
}

/**
 * Walks a tree depth-first, calling the visitor's functions on enter and on leave of each node.
 * An enter function returning `false` skips the node's children (its leave functions still run);
 * any function returning {@link BREAK} stops the walk. A plain function as visitor is a generic
 * enter function. Iterative: safe at any depth. Returns `false` when stopped by `BREAK`, else `true`.
 *
 * ```ts
 * const fields: string[] = [];
 * visit(query, { Field: (node) => void fields.push(node.name) });
 * ```
 */
export function visit(node: Node, visitor: Visitor | VisitFunction): boolean {
  const generic: VisitHandlers = typeof visitor === "function" ? { enter: visitor } : visitor;
  const byKind = (typeof visitor === "function" ? {} : visitor) as Readonly<Record<string, AnyHandlers>>;
  const stack: VisitFrame[] = [{ node, parent: undefined, leaving: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.node;
    const handlers = byKind[current.kind];
    if (frame.leaving) {
      if (leaveOf(handlers)?.(current, frame.parent) === BREAK) return false;
      if (generic.leave?.(current, frame.parent) === BREAK) return false;
      continue;
    }
    let skip = false;
    const genericResult = generic.enter?.(current, frame.parent);
    if (genericResult === BREAK) return false;
    if (genericResult === false) skip = true;
    const kindResult = enterOf(handlers)?.(current, frame.parent);
    if (kindResult === BREAK) return false;
    if (kindResult === false) skip = true;
    if (generic.leave !== undefined || leaveOf(handlers) !== undefined) stack.push({ node: current, parent: frame.parent, leaving: true });
    if (skip) continue;
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: current, leaving: false });
  }
  return true;
}

/**
 * A rewrite function for {@link transform}: given a node (with its children already rewritten),
 * it returns a replacement node, the node itself (unchanged), `undefined` (also unchanged) or
 * `null` (delete the node).
 */
export type TransformFunction = (node: Node) => Node | null | undefined | void;

/** The slot a child stands in, for checking that a replacement fits. */
/** The places a node can stand in a tree. @internal */
export type Slot = "expression" | "field" | "literal" | "orderBy" | "limit" | "parameter" | "sortKey";

const SLOT_KINDS: Record<Slot, ReadonlySet<string>> = {
  expression: new Set(["And", "Or", "Not", "Comparison", "IsNull"]),
  field: new Set(["Field"]),
  literal: new Set(["String", "Number", "Boolean"]),
  orderBy: new Set(["OrderBy"]),
  limit: new Set(["Limit"]),
  parameter: new Set(["Parameter"]),
  sortKey: new Set(["SortKey"]),
};

/** What may stand in each place, for messages. @internal */
export const SLOT_WORDS: Record<Slot, string> = {
  expression: "an expression (And, Or, Not, Comparison or IsNull)",
  field: "a Field",
  literal: "a literal (String, Number or Boolean)",
  orderBy: "an OrderBy",
  limit: "a Limit",
  parameter: "a Parameter",
  sortKey: "a SortKey",
};

function checkSlot(value: Node | null, slot: Slot, parent: Node, where: string): void {
  if (value === null) return;
  if (typeof value !== "object" || !SLOT_KINDS[slot].has((value as { kind?: unknown }).kind as string)) {
    const found = typeof value === "object" ? String((value as { kind?: unknown }).kind) : typeof value;
    throw new TypeError(`transform: the ${where} of a ${parent.kind} must be ${SLOT_WORDS[slot]}; the function returned ${found}.`);
  }
}

/** What rebuilding a node from rewritten children gives. */
interface Rebuilt {
  /** The node, or null when it is removed. */
  readonly node: Node | null;
  /** True when `node` is one of the rewritten children standing in for a collapsed group: not rewritten again. */
  readonly final: boolean;
}

function slotValue(out: readonly (Node | null)[], i: number): Node | null {
  return out[i] ?? null;
}

/** The nodes that have children: the only ones rebuilt. */
type ParentNode = Exclude<Node, FieldNode | LiteralNode | LimitNode | ParameterNode>;

/** The rebuilt node from rewritten children, checking that each replacement fits its slot. */
function rebuild(node: ParentNode, out: readonly (Node | null)[]): Rebuilt {
  switch (node.kind) {
    case "Query": {
      let i = 0;
      const copy: { -readonly [K in keyof QueryNode]: QueryNode[K] } = { ...node };
      if (node.where) {
        const where = slotValue(out, i++);
        checkSlot(where, "expression", node, "where");
        if (where === null) delete copy.where;
        else copy.where = where as Expression;
      }
      if (node.orderBy) {
        const orderBy = slotValue(out, i++);
        checkSlot(orderBy, "orderBy", node, "orderBy");
        if (orderBy === null) delete copy.orderBy;
        else copy.orderBy = orderBy as OrderByNode;
      }
      if (node.limit) {
        const limit = slotValue(out, i++);
        checkSlot(limit, "limit", node, "limit");
        if (limit === null) delete copy.limit;
        else copy.limit = limit as LimitNode;
      }
      const parameters: ParameterNode[] = [];
      for (; i < out.length; i++) {
        const p = slotValue(out, i);
        checkSlot(p, "parameter", node, "parameters");
        if (p !== null) parameters.push(p as ParameterNode);
      }
      copy.parameters = parameters;
      return { node: copy, final: false };
    }
    case "And":
    case "Or": {
      const operands: Expression[] = [];
      for (const o of out) {
        checkSlot(o, "expression", node, "operands");
        if (o !== null) operands.push(o as Expression);
      }
      if (operands.length === 0) return { node: null, final: true };
      if (operands.length === 1) return { node: operands[0]!, final: true };
      return { node: { ...node, operands } as AndNode | OrNode, final: false };
    }
    case "Not": {
      const operand = slotValue(out, 0);
      checkSlot(operand, "expression", node, "operand");
      return operand === null ? { node: null, final: true } : { node: { ...node, operand: operand as Expression } satisfies NotNode, final: false };
    }
    case "Comparison": {
      const field = slotValue(out, 0);
      const value = slotValue(out, 1);
      checkSlot(field, "field", node, "field");
      checkSlot(value, "literal", node, "value");
      if (field === null || value === null) return { node: null, final: true };
      return { node: { ...node, field: field as FieldNode, value: value as LiteralNode } satisfies ComparisonNode, final: false };
    }
    case "IsNull": {
      const field = slotValue(out, 0);
      checkSlot(field, "field", node, "field");
      return field === null ? { node: null, final: true } : { node: { ...node, field: field as FieldNode } satisfies IsNullNode, final: false };
    }
    case "SortKey": {
      const field = slotValue(out, 0);
      checkSlot(field, "field", node, "field");
      return field === null ? { node: null, final: true } : { node: { ...node, field: field as FieldNode } satisfies SortKeyNode, final: false };
    }
    case "OrderBy": {
      const keys: SortKeyNode[] = [];
      for (const k of out) {
        checkSlot(k, "sortKey", node, "keys");
        if (k !== null) keys.push(k as SortKeyNode);
      }
      return keys.length === 0 ? { node: null, final: true } : { node: { ...node, keys } satisfies OrderByNode, final: false };
    }
  }
}

interface TransformFrame {
  readonly node: Node;
  readonly children: readonly Node[];
  readonly out: (Node | null)[];
}

/**
 * The engine of {@link transform}: a bottom-up, copy-on-write rewrite with an explicit stack.
 * @internal
 */
export function rewrite(root: Node, fn: (node: Node) => Node | null): Node | null {
  const stack: TransformFrame[] = [{ node: root, children: childrenOf(root), out: [] }];
  let result: Node | null = null;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.out.length < top.children.length) {
      const child = top.children[top.out.length]!;
      stack.push({ node: child, children: childrenOf(child), out: [] });
      continue;
    }
    stack.pop();
    let changed = false;
    for (let i = 0; i < top.out.length; i++) {
      if (top.out[i] !== top.children[i]) {
        changed = true;
        break;
      }
    }
    let value: Node | null;
    if (!changed) value = fn(top.node);
    else {
      // a child changed, so the node has children
      const rebuilt = rebuild(top.node as ParentNode, top.out);
      value = rebuilt.final || rebuilt.node === null ? rebuilt.node : fn(rebuilt.node);
    }
    if (stack.length === 0) result = value;
    else stack[stack.length - 1]!.out.push(value);
  }
  return result;
}

/**
 * Rewrites a tree bottom-up, copy-on-write: `fn` sees each node after its children were rewritten
 * and returns a replacement, the node itself, or `null` to delete it. Nothing is mutated; every
 * subtree in which nothing changed is returned as the same object (`===`), and when nothing
 * changed at all the input itself is returned.
 *
 * Deleting a node removes it from its parent: an And/Or operand is dropped (a group left with one
 * operand becomes that operand, with none it is deleted in turn); deleting a Not's operand, a
 * Comparison's field or value, an IsNull's or SortKey's field deletes that node too; an OrderBy
 * left without keys is deleted; a Query's `where`, `orderBy`, `limit` or parameter is simply
 * dropped. A group collapsed to its one operand or deleted this way is not passed to `fn`.
 * Returns the new root, or `null` when the root was deleted. A replacement that does not fit its
 * place (a Field as an And operand) throws a `TypeError`. Iterative: safe at any depth.
 *
 * Rebuilt nodes keep their other properties, `loc` included (the place of the original text).
 */
export function transform(node: Node, fn: TransformFunction): Node | null {
  return rewrite(node, (n) => {
    const value: Node | null | undefined | void = fn(n);
    return value === undefined ? n : (value as Node | null);
  });
}
