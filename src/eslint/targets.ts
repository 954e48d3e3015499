/**
 * Where filters are in the code: the templates of the configured tags, the values of the
 * configured property names, the configured arguments of the configured calls. Nodes are read
 * structurally, so espree's and typescript-eslint's trees both fit.
 * @module
 */
import type { StringLiteralNode, TemplateLiteralNode } from "./literal.js";

/** A node of the tree, read loosely. */
interface LooseNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is LooseNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** TypeScript wrappers that do not change the value: `x as const`, `x satisfies T`, `x!`, `<T>x`. */
const WRAPPERS: ReadonlySet<string> = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "ParenthesizedExpression"]);

function unwrap(node: unknown): unknown {
  let current = node;
  for (let depth = 0; depth < 100 && isNode(current) && WRAPPERS.has(current.type); depth++) current = current.expression;
  return current;
}

/**
 * The dotted name of a tag or callee as written: `where`, `vmfilter.where`, `this.client.list`,
 * `client?.list` (as `client.list`), `client["list"]` (as `client.list`); undefined for any other
 * expression (a call, a computed member with a variable).
 */
export function dottedName(node: unknown, depth = 0): string | undefined {
  const current = unwrap(node);
  if (!isNode(current) || depth > 50) return undefined;
  switch (current.type) {
    case "Identifier":
      return typeof current.name === "string" ? current.name : undefined;
    case "ThisExpression":
      return "this";
    case "Super":
      return "super";
    case "ChainExpression":
      return dottedName(current.expression, depth + 1);
    case "MemberExpression": {
      const object = dottedName(current.object, depth + 1);
      if (object === undefined) return undefined;
      const property = current.property;
      if (!isNode(property)) return undefined;
      if (!current.computed && (property.type === "Identifier" || property.type === "PrivateIdentifier") && typeof property.name === "string") {
        return `${object}.${property.type === "PrivateIdentifier" ? "#" : ""}${property.name}`;
      }
      if (current.computed && property.type === "Literal" && typeof property.value === "string") return `${object}.${property.value}`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A filter literal found in the code: a plain string (a string literal or a template without `${}`). */
export type PlainFilterNode = StringLiteralNode | TemplateLiteralNode;

/**
 * The filter literal a value position holds: a string literal, or a template literal without
 * `${}` (its expressions would be spliced in as text, which cannot be checked); through TypeScript
 * wrappers (`as const`, `satisfies`, `!`). Undefined for anything else.
 */
export function plainFilterNode(value: unknown): PlainFilterNode | undefined {
  const node = unwrap(value);
  if (!isNode(node) || !Array.isArray(node.range)) return undefined;
  if (node.type === "Literal" && typeof node.value === "string") return node as unknown as StringLiteralNode;
  if (node.type === "TemplateLiteral" && Array.isArray(node.expressions) && node.expressions.length === 0) return node as unknown as TemplateLiteralNode;
  return undefined;
}

/** The name of a property key (`where`, `"where"`, `["where"]`, `` [`where`] ``); undefined for other computed keys. */
export function keyName(property: { readonly key: unknown; readonly computed?: unknown }): string | undefined {
  const key = property.key;
  if (!isNode(key)) return undefined;
  if (key.type === "Identifier" && !property.computed && typeof key.name === "string") return key.name;
  if (key.type === "Literal" && (typeof key.value === "string" || typeof key.value === "number")) return String(key.value);
  if (key.type === "TemplateLiteral" && property.computed && Array.isArray(key.quasis) && key.quasis.length === 1) {
    const quasi = key.quasis[0] as { value?: { cooked?: unknown } };
    return typeof quasi.value?.cooked === "string" ? quasi.value.cooked : undefined;
  }
  return undefined;
}
