/**
 * fast-check generators of records for the run layer (compile, apply): nulls, missing fields,
 * Unicode (astral, U+E000–U+FFFF, case pairs in and out of ASCII), `%`, `_`, quotes, big integers
 * and bigints, negative and decimal numbers, NaN and ±Infinity, arrays (nested too), nested
 * objects, references (objects with an `id`), objects without a prototype and own keys named
 * `__proto__` / `constructor`. And filters over the same field names, with literals that hit.
 */
import fc from "fast-check";
import type { Expression, FieldNode, LiteralNode } from "../../src/index.js";
import { defineSchema } from "../../src/index.js";
import { expressionOver, hostileString, literalArb, numberText } from "./arbitraries.js";

/** Sets an own data property (so `__proto__` is a member, not the prototype). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** An object from entries through own data properties; `bare` gives it no prototype. */
export function objectOf(entries: readonly (readonly [string, unknown])[], bare = false): Record<string, unknown> {
  const out: Record<string, unknown> = bare ? Object.create(null) : {};
  for (const [k, v] of entries) setOwn(out, k, v);
  return out;
}

export const DATA_STRINGS = [
  "web", "WEB-1", "Web_01", "webserver", "a%b", "a_b", "axb", "A_B", "ab", "it's", "''", "", " ", "é", "É", "Жж", "😀", "a😀b",
  "\u{10000}", "\u{10348}", "\uFFFF", "\uE000", "\uD7FF", "x\ny", "5", "05", "007", "5.0", "-0", "10", "-3", "2.5", "-2.5",
  "9007199254740993", "1e3", "0x10", " 5", "true", "false", "TRUE", "K", "k", "\u212A", "ſ", "s", "null", "%", "_", "%%", "b", "B", "c",
];

export const DATA_NUMBERS = [
  0, -0, 1, 3, 5, 10, -3, 2.5, -2.5, 0.1, 0.1 + 0.2, 0.3, 1e21, 1e-7, 123.456, 9007199254740992, 9007199254740994, 1.2345678901234568e29,
  Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity,
];

export const DATA_BIGINTS = [0n, 5n, -3n, 9007199254740993n, 10n ** 30n, -(10n ** 30n), 123456789012345678901234567890n];

/** A scalar record value (null included). */
export const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...DATA_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
  { weight: 1, arbitrary: hostileString },
  { weight: 4, arbitrary: fc.constantFrom(...DATA_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -20, max: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(...DATA_BIGINTS) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constant(null) },
);

/** Member names of nested objects: paths of {@link VOCABULARY} reach through them. */
const MEMBER_KEYS = ["id", "name", "ip", "x", "y", "a", "b", "constructor", "__proto__"];

/** A record value: a scalar, an array (nested arrays too) or an object (references have an `id`). */
export const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    { weight: 6, arbitrary: scalarArb },
    { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(fc.tuple(fc.constantFrom(...MEMBER_KEYS), tie("value")), { maxLength: 3 }), fc.boolean(), fc.boolean())
        .map(([entries, bare, reference]) => objectOf(reference ? [["id", entries[0]?.[1] ?? 3], ...entries.slice(1)] : entries, bare)),
    },
  ),
})).value;

/** The field names filters and records share. */
export const VOCABULARY = [
  "a", "b", "n", "i", "big", "flag", "tags", "ids", "ip4.ip", "cluster", "cluster.id", "cluster.name", "o.x", "o.y", "deep.a.b",
  "nope", "constructor", "__proto__", "toString", "id", "o.constructor", "cluster.toString", "ip4.__proto__",
];
const TOP_KEYS = [...new Set(VOCABULARY.map((n) => n.split(".")[0]!))];

/** A record over {@link VOCABULARY}: any member may be missing, null, of any type. */
export const recordArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...TOP_KEYS), valueArb), { maxLength: 8 }), fc.boolean())
  .map(([entries, bare]) => objectOf(entries, bare && entries.length % 3 === 0));

/** A schema over the vocabulary: numeric fields (number text reads as numbers), a reference, arrays, text. */
export const runSchema = defineSchema({
  b: "string",
  n: "number",
  i: "integer",
  big: "integer",
  flag: "boolean",
  tags: { type: "array", of: "string" },
  ids: { type: "array", of: "integer" },
  ip4: { type: "array", of: { ip: "string" } },
  cluster: { type: "reference", fields: { name: "string" } },
  o: { type: "object", fields: { x: "integer", y: "string" } },
  id: "integer",
});

const vocabularyField: fc.Arbitrary<FieldNode> = fc.constantFrom(...VOCABULARY).map((name) => ({ kind: "Field", path: name.split("."), name }));

export const LITERAL_STRINGS = [
  "web", "WEB-1", "a_b", "A_B", "a%b", "it's", "", "é", "É", "😀", "\u{10000}", "\uFFFF", "\uE000", "5", "05", "007", "-0", "5.0", "2.50", "10",
  "-3", "2.5", "9007199254740993", "true", "K", "k", "null", "b", "B", "x\ny",
  // masks
  "%web%", "web%", "%1", "%", "%%", "_", "__", "___", "%_%", "a%b", "%é%", "%É%", "k%", "%S", "%😀%", "_😀_", "%\n%", "%.*%", "%5%", "%0%", "w%b%1", "%'%",
];
export const LITERAL_NUMBERS = [
  "0", "1", "3", "5", "10", "-3", "2.5", "-2.5", "0.1", "0.3", "0.30000000000000004", "1000000000000000000000", "0.0000001", "123.456",
  "9007199254740992", "9007199254740993", "123456789012345678901234567890", "123456789012345680000000000000", "0.1000000000000000000001",
];

/** Literals likely to meet the record values. */
export const poolLiteralArb: fc.Arbitrary<LiteralNode> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LITERAL_STRINGS).map((value) => ({ kind: "String", value }) as const) },
  { weight: 3, arbitrary: fc.constantFrom(...LITERAL_NUMBERS).map((value) => ({ kind: "Number", value }) as const) },
  { weight: 1, arbitrary: numberText.map((value) => ({ kind: "Number", value }) as const) },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: "Boolean", value }) as const) },
  { weight: 1, arbitrary: literalArb },
);

/** Filters over {@link VOCABULARY} (the generators of arbitraries.ts with this vocabulary's fields and literals). */
export const vocabularyFilterArb: fc.Arbitrary<Expression> = expressionOver(vocabularyField, poolLiteralArb);

// ---------------------------------------------------------------------------------------------
// Records made for a given filter: its own paths, holding values made from its own literals

/** Every field path and literal of a tree. */
export function partsOf(node: Expression): { paths: string[][]; literals: LiteralNode[] } {
  const paths: string[][] = [];
  const literals: LiteralNode[] = [];
  const walk = (n: Expression): void => {
    switch (n.kind) {
      case "And":
      case "Or":
        n.operands.forEach(walk);
        return;
      case "Not":
        walk(n.operand);
        return;
      case "IsNull":
        paths.push([...n.field.path]);
        return;
      case "Comparison":
        paths.push([...n.field.path]);
        literals.push(n.value);
    }
  };
  walk(node);
  return { paths, literals };
}

const flipAsciiCase = (s: string) => s.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

/** Values near a literal: itself as each type, other case, without its `%`, with `_` filled, neighbours. */
export function valuesNear(literal: LiteralNode): unknown[] {
  if (literal.kind === "Boolean") return [literal.value, String(literal.value), !literal.value];
  const text = literal.value;
  const out: unknown[] = [text, flipAsciiCase(text), text.replaceAll("%", ""), text.replaceAll("%", "x%y"), text.replaceAll("_", "é").replaceAll("%", ""), `${text}a`];
  if (/^-?\d+(?:\.\d+)?$/.test(text)) {
    const n = Number(text);
    out.push(n, n + 1, n - 1, n * 2, `0${text.replace("-", "")}`);
    if (/^-?\d+$/.test(text)) out.push(BigInt(text), BigInt(text) + 1n, BigInt(text) - 1n, { id: BigInt(text) });
    out.push({ id: n }, { id: text });
  }
  return out;
}

/** Places `value` at `path` in `root`, creating objects (or arrays of objects, `arrayAt`) on the way. */
function place(root: Record<string, unknown>, path: readonly string[], value: unknown, arrayAt: number): void {
  let at: Record<string, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const existing = Object.prototype.hasOwnProperty.call(at, key) ? at[key] : undefined;
    let next: unknown = Array.isArray(existing) ? existing[existing.length - 1] : existing;
    if (typeof next !== "object" || next === null || Array.isArray(next)) {
      next = {};
      if (Array.isArray(existing)) existing.push(next);
      else setOwn(at, key, i === arrayAt ? [{ [MEMBER_KEYS[i % MEMBER_KEYS.length]!]: null }, next] : next);
    }
    at = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  setOwn(at, last, value);
}

/** Records holding the filter's own paths, with values near its literals, nulls, arrays and the rest. */
export function recordsFor(node: Expression): fc.Arbitrary<Record<string, unknown>[]> {
  const { paths, literals } = partsOf(node);
  const near = literals.flatMap(valuesNear);
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: near.length > 0 ? fc.constantFrom(...near) : scalarArb },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: valueArb },
    { weight: 1, arbitrary: fc.array(near.length > 0 ? fc.constantFrom(...near, null) : scalarArb, { maxLength: 3 }) },
  );
  const placement = fc.tuple(fc.nat(paths.length - 1), value, fc.integer({ min: -1, max: 2 }));
  return fc.array(
    fc.array(placement, { maxLength: paths.length + 2 }).map((placements) => {
      const record = objectOf([]);
      for (const [p, v, arrayAt] of placements) place(record, paths[p]!, v, arrayAt);
      return record;
    }),
    { minLength: 1, maxLength: 4 },
  );
}
