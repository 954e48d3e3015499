/**
 * What the converters share: their diagnostic codes, the reporter that places diagnostics, and
 * small readers and node makers.
 * @module
 */
import type { Expression, FieldNode, LiteralNode, Node, QueryNode } from "../syntax/ast.js";
import type { Diagnostic, DiagnosticDraft, Severity } from "../syntax/diagnostics.js";
import { finishDiagnostics } from "../syntax/location.js";
import { normalizeNumber, plainDecimal } from "../syntax/numbers.js";
import { parse } from "../syntax/parse.js";
import { sourceOf } from "../syntax/source.js";
import { isFieldName } from "../syntax/tokens.js";
import { format } from "../print/format.js";

/** The stable diagnostic codes of the converters (`toMongo`, `fromMongo`, react-querybuilder). */
export const ConvertCodes = {
  /** The input is not the shape expected: not a tree, not a query object, a rule without a field… (error). */
  InvalidInput: "convert-invalid-input",
  /** An operator the converter does not know or the other side cannot express (error). */
  UnsupportedOperator: "convert-unsupported-operator",
  /** A known construct with no equivalent on the other side: a regex that is not a mask, array equality… (error). */
  Unsupported: "convert-unsupported",
  /** A field name vmfilter cannot write (`first name`, `tags.0`, `$x`) (error). */
  InvalidField: "convert-invalid-field",
  /** A value that cannot be a literal: an object, NaN, a list where one value belongs… (error). */
  InvalidValue: "convert-invalid-value",
  /** Converted, but the meaning changed: a rounded number, `$exists`, a `%` that becomes a wildcard… (warning). */
  Lossy: "convert-lossy",
  /** Mongo's case-insensitive regex folds letters CP does not (non-ASCII ones) (info). */
  CaseFolding: "convert-case-folding",
  /** A negated condition on a field that may hold an array: exact for one value only (info). */
  ArrayField: "convert-array-field",
  /** react-querybuilder's contains/beginsWith/endsWith mean what the application makes them mean (info). */
  AppDefined: "convert-app-defined",
  /** The output uses an operator that is not one of react-querybuilder's defaults (`cp`) (info). */
  CustomOperator: "convert-custom-operator",
  /** Same meaning, other shape: `in` as an OR of EQ, a quoted number compared as text and number… (info). */
  Rewritten: "convert-rewritten",
  /** Something with no place in the output was left out: ORDERBY in a rule group, a muted rule… (info). */
  Dropped: "convert-dropped",
  /** The input nests deeper than the converters follow ({@link MAX_CONVERT_DEPTH}) (error). */
  TooDeep: "convert-too-deep",
  /** The converter failed in a way it did not foresee (a bug: please report it) (error). */
  InternalError: "convert-internal-error",
} as const;

/**
 * How deep the converters follow a tree or a query (1 000, as the compilers' `MAX_COMPILE_DEPTH`).
 * Every tree the parser accepts fits: `MAX_SAFE_DEPTH` (300) counts brackets and NOTs, and a
 * bracket may hold an OR and an AND level, so a parsed tree is up to about 600 levels deep.
 */
export const MAX_CONVERT_DEPTH = 1000;

/** A converter diagnostic code. */
export type ConvertCode = (typeof ConvertCodes)[keyof typeof ConvertCodes];

/** A path into an object input: keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** `$and[0]["cluster.name"].$gt`; the empty path is "the input". @internal */
export function formatJsonPath(path: JsonPath): string {
  if (path.length === 0) return "the input";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Collects diagnostics: at tree nodes (their offsets, when the source text is known) or at JSON paths (offset 0). @internal */
export class ConvertReporter {
  private drafts: DiagnosticDraft[] = [];
  private parsed: readonly Diagnostic[] = [];
  private source: string | undefined;
  private onceKeys = new Set<string>();

  /** The text the tree was parsed from, and the parser's diagnostics. */
  setSource(source: string | undefined, parsed: readonly Diagnostic[] = []): void {
    this.source = source;
    this.parsed = parsed;
  }

  /** True the first time a key is seen (for notes given once per conversion). */
  once(key: string): boolean {
    if (this.onceKeys.has(key)) return false;
    this.onceKeys.add(key);
    return true;
  }

  /** A diagnostic about a tree node: at its `loc` when the source is known, else at 0. */
  atNode(node: unknown, code: ConvertCode, severity: Severity, message: string): void {
    let start = 0;
    let end = 0;
    const loc = isObject(node) ? (node as { loc?: unknown }).loc : undefined;
    if (this.source !== undefined && isObject(loc)) {
      const s = (loc as { start?: unknown }).start;
      const e = (loc as { end?: unknown }).end;
      if (typeof s === "number" && typeof e === "number" && Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= this.source.length) {
        start = s;
        end = e;
      }
    }
    this.drafts.push({ code, severity, message, start, end });
  }

  /** A diagnostic about a place in an object input, named by its JSON path. */
  atPath(path: JsonPath, code: ConvertCode, severity: Severity, message: string): void {
    this.drafts.push({ code, severity, message: `At ${formatJsonPath(path)}: ${message}`, start: 0, end: 0 });
  }

  /** Runs `fn`, keeping what it reports aside; `commit` adds it, otherwise it is forgotten. */
  capture<T>(fn: () => T): { value: T; commit: () => void } {
    const drafts = this.drafts;
    const onceKeys = this.onceKeys;
    this.drafts = [];
    this.onceKeys = new Set(onceKeys);
    try {
      const value = fn();
      const captured = this.drafts;
      const capturedOnce = this.onceKeys;
      return {
        value,
        commit: () => {
          drafts.push(...captured);
          for (const key of capturedOnce) onceKeys.add(key);
        },
      };
    } finally {
      this.drafts = drafts;
      this.onceKeys = onceKeys;
    }
  }

  /** Reports an exception as an internal error (converters never throw). */
  internal(error: unknown): void {
    this.drafts.push({
      code: ConvertCodes.InternalError,
      severity: "error",
      message: `The conversion failed (${error instanceof Error ? error.message : String(error)}); please report it.`,
      start: 0,
      end: 0,
    });
  }

  /** Every diagnostic, the parser's first, sorted by position. */
  finish(): Diagnostic[] {
    const own = finishDiagnostics(this.source ?? "", this.drafts);
    const all = [...this.parsed, ...own];
    return all.map((d, i) => ({ d, i })).sort((a, b) => a.d.start - b.d.start || a.d.end - b.d.end || a.i - b.i).map(({ d }) => d);
  }
}

/** True for any non-null object (arrays included). @internal */
export function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** True for a plain object (`{}`, JSON, `Object.create(null)`, another realm's object), not an array, RegExp, Date or class instance. @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value) || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Own-property test (never the prototype chain). @internal */
export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Sets an own, enumerable property (so that a key named `__proto__` is a key, never the prototype). @internal */
export function put<T extends object>(object: T, key: string, value: unknown): T {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Number text as the grammar writes it (`-12.5`). @internal */
export const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/** The nearest JavaScript number of exact decimal text, and whether it is exactly that text. @internal */
export function numberFromText(text: string): { value: number; exact: boolean } {
  const value = Number(text);
  return { value, exact: Number.isFinite(value) && plainDecimal(String(value)) === normalizeNumber(text) };
}

/** The exact decimal text of a finite JavaScript number (`1e21` → `1000000000000000000000`, `-0` → `0`). @internal */
export function textFromNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return plainDecimal(String(value));
}

/** A field node for a dotted name (assumed valid). @internal */
export function fieldNode(name: string): FieldNode {
  return { kind: "Field", path: name.split("."), name };
}

/** `NOT operand`. @internal */
export function notNode(operand: Expression): Expression {
  return { kind: "Not", operand };
}

/** An AND or OR of the operands, flattened; one operand is itself; none is undefined. @internal */
export function junction(kind: "And" | "Or", operands: readonly Expression[]): Expression | undefined {
  const flat = operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
  if (flat.length === 0) return undefined;
  if (flat.length === 1) return flat[0];
  return { kind, operands: flat };
}

/** The dotted field name of a field node, or undefined when it is not one vmfilter can write. @internal */
export function checkedFieldName(field: unknown): string | undefined {
  if (!isObject(field) || (field as { kind?: unknown }).kind !== "Field") return undefined;
  const path = (field as { path?: unknown }).path;
  const name = (field as { name?: unknown }).name;
  const joined = Array.isArray(path) && path.every((s) => typeof s === "string") ? path.join(".") : undefined;
  const candidate = joined ?? (typeof name === "string" ? name : undefined);
  if (candidate === undefined || !isFieldName(candidate)) return undefined;
  if (typeof name === "string" && name !== candidate) return undefined;
  return candidate;
}

/** A literal node checked and normalised, or undefined when it is not one. @internal */
export function checkedLiteral(value: unknown): LiteralNode | undefined {
  if (!isObject(value)) return undefined;
  const kind = (value as { kind?: unknown }).kind;
  const v = (value as { value?: unknown }).value;
  if (kind === "String" && typeof v === "string") return { kind: "String", value: v };
  if (kind === "Number" && typeof v === "string" && NUMBER_TEXT.test(v)) return { kind: "Number", value: normalizeNumber(v) };
  if (kind === "Boolean" && typeof v === "boolean") return { kind: "Boolean", value: v };
  return undefined;
}

/** A short text naming a node in messages: its canonical text when it prints. @internal */
export function describe(node: unknown): string {
  try {
    return format(node as Node);
  } catch {
    return "this condition";
  }
}

/** The text of a CP literal: the mask. @internal */
export function maskText(literal: LiteralNode): string {
  return literal.kind === "Boolean" ? String(literal.value) : literal.value;
}

/** True when the text holds a letter outside ASCII that has another case (`é`, `Ж`, `𐐀`). @internal */
export function hasNonAsciiCasedLetter(text: string): boolean {
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) continue;
    if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) return true;
  }
  return false;
}

/** The where-expression of a converter input (text, Query or Expression), reporting bad input. @internal */
export function readInput(input: unknown, reporter: ConvertReporter): { where?: Expression; query?: QueryNode } {
  if (typeof input === "string") {
    const { query, diagnostics } = parse(input);
    reporter.setSource(input, diagnostics);
    return query.where === undefined ? { query } : { where: query.where, query };
  }
  if (isObject(input)) {
    const kind = (input as { kind?: unknown }).kind;
    if (kind === "Query") {
      const query = input as QueryNode;
      reporter.setSource(sourceOf(query)?.input);
      return query.where === undefined ? { query } : { where: query.where, query };
    }
    if (kind === "And" || kind === "Or" || kind === "Not" || kind === "Comparison" || kind === "IsNull") return { where: input as Expression };
  }
  reporter.atNode(undefined, ConvertCodes.InvalidInput, "error", "Expected filter text, a Query or a WHERE expression tree.");
  return {};
}

/** A short description of a JSON value for messages. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (value instanceof RegExp) return `the regular expression ${String(value)}`;
  if (value instanceof Date) return "a date";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return typeof value;
}
