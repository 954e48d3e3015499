/**
 * fast-check generators of filter trees with hostile strings, and a "sloppy" printer that writes a
 * tree the many ways real clients do (any keyword case, optional brackets, `+`/`%20`/space).
 */
import fc from "fast-check";
import type {
  CompareOperator,
  ComparisonNode,
  Expression,
  FieldNode,
  IsNullNode,
  LimitNode,
  LiteralNode,
  OrderByNode,
  ParameterNode,
  QueryNode,
  SortKeyNode,
} from "../../src/index.js";
import { CompareOperators } from "../../src/index.js";

const KEYWORD_NAMES = ["desc", "asc", "is", "not", "and", "or", "null", "true", "false", "EQ", "cp", "IS", "NOT", "state"];

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORD_NAMES) },
);

/** A field: 1–3 ASCII segments, sometimes named like a keyword. */
export const fieldArb: fc.Arbitrary<FieldNode> = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((path) => ({ kind: "Field", path, name: path.join(".") }));

const HOSTILE = ["'", "''", "%", "%41", "%25", "&", "+", "=", "#", "(", ")", " ", "?", "/", "\\", "Имя", "😀", "\u{10348}", "é", "\t", "\n", "\u0010", "a", "AND", "EQ"];

/** Strings mixing quotes, `%`, `%41`-like text, `&`, `+`, `=`, `#`, brackets, Cyrillic, emoji, astral code points. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 8 })
  .map((parts) => parts.join(""));

/** Exact decimal text in normal form. */
export const numberText: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.option(fc.stringMatching(/^[0-9]{0,5}[1-9]$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => {
    const body = fraction === undefined ? `${whole}` : `${whole}.${fraction}`;
    return negative && body !== "0" ? `-${body}` : body;
  });

/** A literal value. */
export const literalArb: fc.Arbitrary<LiteralNode> = fc.oneof(
  hostileString.map((value) => ({ kind: "String", value }) as const),
  numberText.map((value) => ({ kind: "Number", value }) as const),
  fc.boolean().map((value) => ({ kind: "Boolean", value }) as const),
);

/**
 * Normalised expression trees over the given fields, literals and operators: And/Or n-ary and never
 * directly under their own kind. {@link expressionArb} is this over {@link fieldArb} and {@link literalArb}.
 */
export function expressionOver(
  field: fc.Arbitrary<FieldNode>,
  literal: fc.Arbitrary<LiteralNode>,
  operator: fc.Arbitrary<CompareOperator> = fc.constantFrom<CompareOperator>(...CompareOperators),
): fc.Arbitrary<Expression> {
  const comparisonArb: fc.Arbitrary<ComparisonNode> = fc.record({ field, operator, value: literal }).map((r) => ({ kind: "Comparison", ...r }));
  const isNullArb: fc.Arbitrary<IsNullNode> = field.map((f) => ({ kind: "IsNull", field: f }));
  return fc.letrec<{ expr: Expression }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      comparisonArb,
      isNullArb,
      tie("expr").map((operand) => ({ kind: "Not", operand }) as Expression),
      fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((ops) => flatten("And", ops)),
      fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((ops) => flatten("Or", ops)),
    ),
  })).expr;
}

/** Normalised expression trees: And/Or n-ary and never directly under their own kind. */
export const expressionArb: fc.Arbitrary<Expression> = expressionOver(fieldArb, literalArb);

function flatten(kind: "And" | "Or", operands: Expression[]): Expression {
  const flat = operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
  return { kind, operands: flat };
}

const sortKeyArb: fc.Arbitrary<SortKeyNode> = fc
  .record({ field: fieldArb, direction: fc.constantFrom("asc" as const, "desc" as const) })
  .map((r) => ({ kind: "SortKey", ...r }));
export const orderByArb: fc.Arbitrary<OrderByNode> = fc
  .array(sortKeyArb, { minLength: 1, maxLength: 3 })
  .map((keys) => ({ kind: "OrderBy", keys }));
export const limitArb: fc.Arbitrary<LimitNode> = fc
  .record({ offset: fc.nat(), count: fc.nat() })
  .map((r) => ({ kind: "Limit", ...r }));

const parameterArb: fc.Arbitrary<ParameterNode> = fc
  .record({
    name: fc.constantFrom("current_instance", "fields", "x", "page_size", "sort_hint"),
    value: fc.option(fc.stringMatching(/^[A-Za-z0-9%,._~-]{0,10}$/), { nil: undefined }),
  })
  .map(({ name, value }) => (value === undefined ? { kind: "Parameter", name } : { kind: "Parameter", name, value }));

/** URL-form queries with at least one parameter. */
export const queryArb: fc.Arbitrary<QueryNode> = fc
  .record({
    where: fc.option(expressionArb, { nil: undefined }),
    orderBy: fc.option(orderByArb, { nil: undefined }),
    limit: fc.option(limitArb, { nil: undefined }),
    parameters: fc.array(parameterArb, { maxLength: 2 }),
  })
  .filter((q) => q.where !== undefined || q.orderBy !== undefined || q.limit !== undefined || q.parameters.length > 0)
  .map((q) => {
    const query: { -readonly [K in keyof QueryNode]?: QueryNode[K] } = { kind: "Query", form: "url", parameters: q.parameters };
    if (q.where) query.where = q.where;
    if (q.orderBy) query.orderBy = q.orderBy;
    if (q.limit) query.limit = q.limit;
    return query as QueryNode;
  });

/** Random choices for the sloppy printer. */
export interface Sloppiness {
  readonly choice: (n: number) => number;
}

function word(text: string, s: Sloppiness): string {
  switch (s.choice(3)) {
    case 0:
      return text.toUpperCase();
    case 1:
      return text.toLowerCase();
    default:
      return text[0]!.toUpperCase() + text.slice(1).toLowerCase();
  }
}

function literal(node: LiteralNode, s: Sloppiness): string {
  if (node.kind === "String") return `'${node.value.replaceAll("'", "''")}'`;
  if (node.kind === "Boolean") return word(String(node.value), s);
  if (s.choice(3) === 0 && !node.value.startsWith("-")) return `00${node.value}${node.value.includes(".") ? "0" : ""}`;
  return node.value;
}

/** Writes an expression with random keyword case and optional brackets around conditions. */
export function sloppyExpression(node: Expression, s: Sloppiness): string {
  const bracket = (text: string) => (s.choice(2) === 0 ? `(${text})` : s.choice(2) === 0 ? `((${text}))` : text);
  switch (node.kind) {
    case "Comparison":
      return bracket(`${node.field.name} ${word(node.operator, s)} ${literal(node.value, s)}`);
    case "IsNull":
      return bracket(`${node.field.name} ${word("IS", s)} ${word("null", s)}`);
    case "Not":
      if (node.operand.kind === "IsNull" && s.choice(2) === 0) {
        return `(${node.operand.field.name} ${word("IS", s)} ${word("NOT", s)} ${word("null", s)})`;
      }
      return `${word("NOT", s)} ${node.operand.kind === "And" || node.operand.kind === "Or" || node.operand.kind === "Not" ? `(${sloppyExpression(node.operand, s)})` : sloppyExpression(node.operand, s)}`;
    case "And":
    case "Or":
      return node.operands
        .map((o) => (o.kind === "And" || o.kind === "Or" ? `(${sloppyExpression(o, s)})` : sloppyExpression(o, s)))
        .join(` ${word(node.kind, s)} `);
  }
}

/** Encodes decoded text for a URL the sloppy way: `'` raw or `%27`, spaces `+`, `%20` or raw. */
export function sloppyEncode(text: string, s: Sloppiness): string {
  let out = "";
  for (const ch of text) {
    if (ch === " ") out += ["+", "%20", " "][s.choice(3)];
    else if (ch === "'") out += s.choice(2) === 0 ? "'" : "%27";
    else if (/[A-Za-z0-9()._,-]/.test(ch)) out += ch;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** A fast-check source of sloppy choices. */
export const sloppinessArb: fc.Arbitrary<Sloppiness> = fc.array(fc.nat(), { minLength: 64, maxLength: 64 }).map((seeds) => {
  let i = 0;
  return { choice: (n: number) => seeds[i++ % seeds.length]! % n };
});
