/**
 * A reference evaluator of LANGUAGE.md section 5, written for tests: slow, direct and independent
 * of src/run (no shared code). Three-valued: true, false, null = unknown.
 *
 * It speaks two dialects, chosen by {@link EvaluateOptions}:
 * - the defaults are what the Mongo conversion promises (test/convert/mongo.test.ts): numbers as
 *   floats, a reference compared with a number only through a schema (`cluster EQ 3` is
 *   `cluster.id EQ 3` when the schema says `cluster` is a reference);
 * - {@link RUN_SEMANTICS} is what `compile` and `apply` do (test/run): exact decimals (bigints
 *   too; NaN and ±Infinity do not compare), number text in fields a schema declares numeric,
 *   any object with an own `id` compared by it, and the CP options.
 */
import type { CompareOperator, Expression, LiteralNode, Schema, SortKeyNode } from "../../src/index.js";

/** Three-valued truth: `null` is SQL's unknown. */
export type TV = boolean | null;

/** How the reference evaluator reads the language (defaults: the Mongo conversion's reading). */
export interface EvaluateOptions {
  readonly schema?: Schema | undefined;
  /**
   * A number (or quoted number) compared with an object that has an own `id` compares the id, with
   * or without a schema (compile). False: only fields the schema declares as references, read as
   * the path `field.id` (the Mongo conversion).
   */
  readonly idWithoutSchema?: boolean;
  /**
   * Numbers compare as exact decimals (a JS number as the decimal it prints as), bigints are
   * numbers, NaN and ±Infinity are a type mismatch (compile). False: float arithmetic.
   */
  readonly exactNumbers?: boolean;
  /**
   * Fields the schema declares integer, number or reference read number text (`"42"`, `"007"`) as
   * numbers, and a quoted number compared with such a field compares numerically only (compile).
   */
  readonly numericStrings?: boolean;
  /** CP matches letter case exactly. */
  readonly caseSensitive?: boolean;
  /** CP reads `_` as exactly one code point. */
  readonly underscoreWildcard?: boolean;
}

/** The reading of `compile` and `apply`. */
export const RUN_SEMANTICS = { idWithoutSchema: true, exactNumbers: true, numericStrings: true } as const satisfies EvaluateOptions;

export const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;
const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Reading records

/** Every value the path reaches: array elements fan out (nested arrays flattened); a missing member is `undefined`. */
function reach(value: unknown, segments: readonly string[], i: number, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const element of value) reach(element, segments, i, out);
    return;
  }
  if (i === segments.length) {
    out.push(value);
    return;
  }
  const key = segments[i]!;
  if (isObj(value) && own(value, key)) reach(value[key], segments, i + 1, out);
  else out.push(undefined);
}

/** Every value a dotted path (or a list of segments) reaches in a record. */
export function valuesAtPath(record: unknown, path: string | readonly string[]): unknown[] {
  const out: unknown[] = [];
  const segments = typeof path === "string" ? path.split(".") : path;
  // the top-level record is an object, never an array: start at its first member
  if (isObj(record) && own(record, segments[0]!)) reach(record[segments[0]!], segments, 1, out);
  else out.push(undefined);
  return out;
}

/** The value at a path through own properties of objects only (no array fan-out), as sorting reads it. */
export function plainValueAt(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const key of path) {
    if (!isObj(value) || !own(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Values

export const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** CP as a regular expression (a second, independent reference for short masks): `%` is `.*`, `_` literal or one code point, ASCII-only case folding on both sides. */
export function maskRegex(mask: string, options: { caseSensitive?: boolean; underscoreWildcard?: boolean } = {}): RegExp {
  const m = options.caseSensitive ? mask : foldAscii(mask);
  let source = "";
  for (const ch of m) {
    if (ch === "%") source += ".*";
    else if (ch === "_" && options.underscoreWildcard) source += ".";
    else source += /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
  }
  return new RegExp(`^${source}$`, "su");
}

/**
 * Does `text` match the CP mask: a dynamic program over code points (no backtracking), `%` any
 * run, `_` literal or (with `underscoreWildcard`) exactly one code point, ASCII-only case folding.
 */
export function maskMatches(mask: string, text: string, options: { caseSensitive?: boolean; underscoreWildcard?: boolean } = {}): boolean {
  const m = [...(options.caseSensitive ? mask : foldAscii(mask))];
  const t = [...(options.caseSensitive ? text : foldAscii(text))];
  // row[j]: the mask so far matches the first j code points of the text
  let row = t.map(() => false);
  row.push(false);
  row[0] = true;
  for (const token of m) {
    const next = row.map(() => false);
    if (token === "%") {
      let any = false;
      for (let j = 0; j <= t.length; j++) next[j] = any = any || row[j]!;
    } else {
      for (let j = 1; j <= t.length; j++) next[j] = row[j - 1]! && ((token === "_" && options.underscoreWildcard === true) || t[j - 1] === token);
    }
    row = next;
  }
  return row[t.length]!;
}

/** Strings by code point (through `[...s]`, not UTF-16 units). */
export function codePointCompare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** An exact decimal: `mantissa × 10^-scale`. */
interface Decimal {
  readonly mantissa: bigint;
  readonly scale: number;
}

/** Decimal text, `String(number)` text (`1e+21`, `1.5e-7`) or a bigint as an exact decimal. */
export function exactDecimal(value: string | number | bigint): Decimal {
  if (typeof value === "bigint") return { mantissa: value, scale: 0 };
  const text = typeof value === "number" ? String(value) : value;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const mantissa = BigInt(`${sign}${whole}${fraction}`);
  return { mantissa, scale: fraction.length - Number(exponent) };
}

/** Sign of `a - b` for exact decimals. */
export function compareExact(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.mantissa * 10n ** BigInt(scale - a.scale);
  const y = b.mantissa * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact number a value stands for (compile's reading), or undefined when it is not one. */
function numberOf(value: unknown, strings: boolean): Decimal | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? exactDecimal(value) : undefined;
  if (typeof value === "bigint") return exactDecimal(value);
  if (strings && typeof value === "string" && NUMBER_TEXT.test(value)) return exactDecimal(value);
  return undefined;
}

const isNumericLiteral = (literal: LiteralNode) => literal.kind === "Number" || (literal.kind === "String" && NUMBER_TEXT.test(literal.value));

function numericField(options: EvaluateOptions, name: string): boolean {
  return options.numericStrings === true && NUMERIC_TYPES.has(options.schema?.field(name)?.type ?? "");
}

// ---------------------------------------------------------------------------------------------
// Comparisons

/** One present value against the literal: a type mismatch is false (NE: true). */
function compareOne(value: unknown, operator: CompareOperator, literal: LiteralNode, options: EvaluateOptions, numeric: boolean): boolean {
  if (operator === "CP") {
    const mask = literal.kind === "Boolean" ? String(literal.value) : literal.value;
    return typeof value === "string" && maskMatches(mask, value, options);
  }
  const order = options.exactNumbers ? exactOrder(value, literal, numeric) : floatOrder(value, literal);
  if (order === undefined) return operator === "NE";
  switch (operator) {
    case "EQ":
      return order === 0;
    case "NE":
      return order !== 0;
    case "GT":
      return order > 0;
    case "GE":
      return order >= 0;
    case "LT":
      return order < 0;
    case "LE":
      return order <= 0;
  }
}

/** The Mongo conversion's reading: float arithmetic. */
function floatOrder(value: unknown, literal: LiteralNode): number | undefined {
  if (literal.kind === "Number") return typeof value === "number" ? Math.sign(value - Number(literal.value)) : undefined;
  if (literal.kind === "String") {
    if (typeof value === "string") return Math.sign(codePointCompare(value, literal.value));
    if (typeof value === "number" && NUMBER_TEXT.test(literal.value)) return Math.sign(value - Number(literal.value));
    return undefined;
  }
  return typeof value === "boolean" ? (value === literal.value ? 0 : value ? 1 : -1) : undefined;
}

/** compile's reading: exact decimals; number text in numeric schema fields. */
function exactOrder(value: unknown, literal: LiteralNode, numeric: boolean): number | undefined {
  if (literal.kind === "Boolean") return typeof value === "boolean" ? (value === literal.value ? 0 : value ? 1 : -1) : undefined;
  if (literal.kind === "Number") {
    const n = numberOf(value, numeric);
    return n === undefined ? undefined : compareExact(n, exactDecimal(literal.value));
  }
  if (NUMBER_TEXT.test(literal.value)) {
    // a quoted number: numerically against numbers (and, in a numeric field, against number text only)
    if (numeric) {
      const n = numberOf(value, true);
      return n === undefined ? undefined : compareExact(n, exactDecimal(literal.value));
    }
    if (typeof value === "string") return Math.sign(codePointCompare(value, literal.value));
    const n = numberOf(value, false);
    return n === undefined ? undefined : compareExact(n, exactDecimal(literal.value));
  }
  return typeof value === "string" ? Math.sign(codePointCompare(value, literal.value)) : undefined;
}

/** Evaluates a filter on one record: true, false or null (unknown). */
export function evaluate(node: Expression, record: unknown, options: EvaluateOptions = {}): TV {
  switch (node.kind) {
    case "And": {
      const results = node.operands.map((o) => evaluate(o, record, options));
      return results.includes(false) ? false : results.includes(null) ? null : true;
    }
    case "Or": {
      const results = node.operands.map((o) => evaluate(o, record, options));
      return results.includes(true) ? true : results.includes(null) ? null : false;
    }
    case "Not": {
      const result = evaluate(node.operand, record, options);
      return result === null ? null : !result;
    }
    case "IsNull":
      return valuesAtPath(record, node.field.path).some((v) => v === null || v === undefined);
    case "Comparison": {
      const { field, operator, value: literal } = node;
      const byId = operator !== "CP" && isNumericLiteral(literal);
      let reached: unknown[];
      if (options.idWithoutSchema) {
        reached = valuesAtPath(record, field.path).map((v) => (byId && isObj(v) && own(v, "id") ? v.id : v));
      } else {
        const reference = byId && options.schema?.field(field.name)?.kind === "reference";
        reached = valuesAtPath(record, reference ? [...field.path, "id"] : field.path);
      }
      const numeric = numericField(options, field.name);
      if (reached.some((v) => v !== null && v !== undefined && compareOne(v, operator, literal, options, numeric))) return true;
      return reached.some((v) => v === null || v === undefined) ? null : false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sorting (apply)

/** A sort value: rank 0 null, 1 boolean, 2 number, 3 string. */
type SortValue = { rank: 0 } | { rank: 1; flag: boolean } | { rank: 2; number: Decimal } | { rank: 3; text: string };

/** What one record sorts by for one key (compile's reading: references by id, nulls for the rest). */
export function sortValueOf(record: unknown, path: readonly string[], numericStrings: boolean): SortValue {
  let value = plainValueAt(record, path);
  if (isObj(value) && own(value, "id")) value = value.id;
  if (typeof value === "boolean") return { rank: 1, flag: value };
  if (typeof value === "string") {
    const n = numericStrings ? numberOf(value, true) : undefined;
    return n ? { rank: 2, number: n } : { rank: 3, text: value };
  }
  const n = numberOf(value, false);
  return n ? { rank: 2, number: n } : { rank: 0 };
}

function compareSortValues(a: SortValue, b: SortValue): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.rank === 1 && b.rank === 1) return Number(a.flag) - Number(b.flag);
  if (a.rank === 2 && b.rank === 2) return compareExact(a.number, b.number);
  if (a.rank === 3 && b.rank === 3) return codePointCompare(a.text, b.text);
  return 0;
}

/** A stable reference sort: nulls first ascending and last descending; ties keep input order. */
export function referenceSort<T>(records: readonly T[], keys: readonly SortKeyNode[], schema?: Schema): T[] {
  const numeric = keys.map((k) => NUMERIC_TYPES.has(schema?.field(k.field.name)?.type ?? ""));
  const rows = records.map((record, index) => ({ record, index, values: keys.map((k, i) => sortValueOf(record, k.field.path, numeric[i]!)) }));
  // insertion sort: obviously stable, independent of Array.prototype.sort
  const out: typeof rows = [];
  for (const row of rows) {
    let at = out.length;
    while (at > 0 && compareRows(out[at - 1]!, row) > 0) at--;
    out.splice(at, 0, row);
  }
  return out.map((r) => r.record);

  function compareRows(a: (typeof rows)[number], b: (typeof rows)[number]): number {
    for (let k = 0; k < keys.length; k++) {
      const order = compareSortValues(a.values[k]!, b.values[k]!);
      if (order !== 0) return keys[k]!.direction === "desc" ? -order : order;
    }
    return 0;
  }
}
