/**
 * What a comparison does with one present (not null) value, decided once per comparison: a
 * {@link ValueTest} is plain data of one shape, and {@link passes} runs it with a `switch`. A
 * module function taking data (rather than a closure per comparison) is what lets V8 inline the
 * test into the field readers of conditions.ts: every reader closure is made by the same function
 * literal, so a call to a per-comparison closure there would be a megamorphic call.
 * Meaning is LANGUAGE.md section 5.
 * @module
 */
import type { CompareOperator, LiteralNode } from "../syntax/ast.js";
import { normalizeNumber } from "../syntax/numbers.js";
import { FilterRunError, RunCodes } from "./diagnostics.js";
import { maskOf, matches, type Mask, type MaskOptions } from "./mask.js";
import { compareCodePoints, compareDecimals, decimalOf, decimalOfNumber, NUMBER_TEXT } from "./values.js";

/**
 * The kinds of test, fastest first. Text / Flag: EQ or NE with a string literal that is not
 * number text, or with a boolean, against any value (only the same string or boolean is equal;
 * anything else is unordered: false for EQ, true for NE). Mask: CP. Float: a number literal that
 * is the decimal of a float, so a number value compares as a float (anything else goes the Order
 * way). Order: everything else, through an order function. (`const enum`s, here and below, so the
 * bundler writes the numbers into the code: a module-level constant would be a variable read.)
 */
const enum Kind {
  Text,
  Flag,
  Mask,
  Float,
  Order,
}

/**
 * Where a value lies against the literal, as one bit; an operator accepts a set of them.
 * Unordered: they do not compare (a type mismatch, NaN, ±Infinity): only NE accepts it.
 */
const enum Place {
  Less = 1,
  Equal = 2,
  Greater = 4,
  Unordered = 8,
}
const ACCEPTS: Readonly<Record<string, number>> = {
  EQ: Place.Equal,
  NE: Place.Less | Place.Greater | Place.Unordered,
  GT: Place.Greater,
  GE: Place.Greater | Place.Equal,
  LT: Place.Less,
  LE: Place.Less | Place.Equal,
};

/** The test of one comparison against one present value (see {@link passes}). @internal */
export interface ValueTest {
  /** One of the kinds above. */
  readonly kind: number;
  /** A reference object (own `id`) compares its `id`: numeric literals, not CP. */
  readonly byId: boolean;
  /** Text, Flag: the literal's value. */
  readonly same: string | boolean;
  /** Mask: the compiled mask. */
  readonly mask: Mask;
  /** Float, Order: the orders the operator accepts (Less | Equal …). */
  readonly accepts: number;
  /** Float: the literal as a float. */
  readonly float: number;
  /** Order, and Float on a value that is not a number: the sign of the value against the literal. */
  readonly order: Order;
}

/** The sign of `value` against the literal, or undefined when they do not compare. */
type Order = (value: unknown) => number | undefined;

const noMask: Mask = maskOf("");
const noOrder: Order = () => undefined;

function test(kind: number, byId: boolean, parts: { same?: string | boolean; mask?: Mask; accepts?: number; float?: number; order?: Order }): ValueTest {
  // every member always present, in one order: one object shape for every test
  return { kind, byId, same: parts.same ?? "", mask: parts.mask ?? noMask, accepts: parts.accepts ?? 0, float: parts.float ?? 0, order: parts.order ?? noOrder };
}

/** The test an IS null condition carries (it tests no value). @internal */
export const NO_TEST: ValueTest = test(Kind.Order, false, {});

/**
 * Whether a present value passes the test: CP masks match strings only; the six comparisons
 * compare numbers exactly, strings by code point, booleans `false < true`; a type mismatch is
 * false, and true for NE. (References are resolved before: see `ValueTest.byId`.) Small on
 * purpose: V8 inlines it into every field reader of conditions.ts.
 * @internal
 */
export function passes(t: ValueTest, value: unknown): boolean {
  switch (t.kind) {
    case Kind.Text:
      // typeof first: V8 then compares two strings (by pointer first), not any two values
      return (t.accepts & (typeof value === "string" && value === t.same ? Place.Equal : Place.Unordered)) !== 0;
    case Kind.Flag:
      return (t.accepts & (value === t.same ? Place.Equal : Place.Unordered)) !== 0;
    case Kind.Mask:
      return typeof value === "string" && matches(t.mask, value);
    case Kind.Float:
      // a value that is not a number compares the exact way
      return (t.accepts & (typeof value === "number" ? floatOrder(value, t.float) : orderBit(t.order(value)))) !== 0;
    default:
      return (t.accepts & orderBit(t.order(value))) !== 0;
  }
}

/** Where a number lies against a finite float; NaN and ±Infinity do not compare. */
function floatOrder(value: number, float: number): number {
  if (value < float) return value === -Infinity ? Place.Unordered : Place.Less;
  if (value > float) return value === Infinity ? Place.Unordered : Place.Greater;
  return value === float ? Place.Equal : Place.Unordered;
}

function orderBit(sign: number | undefined): number {
  return sign === undefined ? Place.Unordered : sign < 0 ? Place.Less : sign > 0 ? Place.Greater : Place.Equal;
}

/**
 * The test of a comparison's operator and literal. `numericField`: the schema declares the field
 * numeric, so number text in records compares as a number.
 * @internal
 */
export function valueTest(operator: CompareOperator, literal: LiteralNode, numericField: boolean, options: MaskOptions): ValueTest {
  if (operator === "CP") {
    return test(Kind.Mask, false, { mask: maskOf(literal.kind === "Boolean" ? String(literal.value) : literal.value, options) });
  }
  const accepts = hasOwn.call(ACCEPTS, operator) ? ACCEPTS[operator]! : undefined;
  if (accepts === undefined) throw new FilterRunError(RunCodes.InvalidInput, `Unknown operator ${JSON.stringify(operator)}.`);
  const byId = isNumeric(literal);
  if ((operator === "EQ" || operator === "NE") && literal.kind === "Boolean") return test(Kind.Flag, false, { accepts, same: literal.value });
  if ((operator === "EQ" || operator === "NE") && literal.kind === "String" && !numericField && !byId) {
    return test(Kind.Text, false, { accepts, same: internalized(literal.value) });
  }
  const order = orderAgainst(literal, numericField);
  if (literal.kind === "Number") {
    const decimal = normalizeNumber(literal.value);
    const float = Number(decimal);
    if (decimalOfNumber(float) === decimal) return test(Kind.Float, byId, { accepts, float, order });
  }
  return test(Kind.Order, byId, { accepts, order });
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The same text as V8's internalized (unique) copy, as property names are: a record's string
 * that is the same internalized text is then equal by pointer, and two different internalized
 * strings are unequal without comparing their characters. Only a speed-up; any engine gives the
 * same text back.
 */
function internalized(text: string): string {
  // (a computed key is always an own property, `__proto__` included: one key, the text)
  return Object.keys({ [text]: 0 })[0]!;
}

/** A number literal, or a string literal holding number text. */
function isNumeric(literal: LiteralNode): boolean {
  return literal.kind === "Number" || (literal.kind === "String" && NUMBER_TEXT.test(literal.value));
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
