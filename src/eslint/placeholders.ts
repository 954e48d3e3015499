/**
 * Linting around `${}` in a `where` template. The template turns every interpolated value into a
 * literal (a quoted string, a number, a boolean, null), never into syntax, so each `${…}` is
 * checked as a value: it stands in the text as a placeholder string literal, and what is reported
 * is only what holds whatever the value turns out to be.
 * @module
 */
import type { ComparisonNode, IsNullNode, QueryNode } from "../syntax/ast.js";
import type { Diagnostic } from "../syntax/diagnostics.js";
import { visit } from "../tree/visit.js";
import type { FilterLiteral, HolePart } from "./literal.js";

/** The placeholder of hole `index`: a string literal, `'${0}'`, that the checks treat as any value. */
export function placeholderText(index: number): string {
  return `'\${${index}}'`;
}

/** Codes that judge a comparison's value (its type, its spelling, an enum member): unknown for a `${}`. */
const VALUE_CODES: ReadonlySet<string> = new Set(["type-mismatch", "unknown-enum-value", "quoted-number", "bare-number-on-string-field", "cp-without-wildcard"]);

/** Codes that compare the values of two conditions on one field: unknown when either is a `${}`. */
const FIELD_CODES: ReadonlySet<string> = new Set(["no-contradiction", "no-duplicate-condition"]);

/**
 * The holes that begin inside a quoted value (`'%${name}%'`): the template quotes a value itself,
 * so at run time the value's own quotes end the string there (or, for a number, the number is
 * compared as text).
 */
export function quotedHoles(literal: FilterLiteral): HolePart[] {
  const holes = literal.holes;
  const quoted: HolePart[] = [];
  let inQuotes = false;
  let next = 0;
  const text = literal.text;
  for (let i = 0; i < text.length && next < holes.length; i++) {
    const hole = holes[next]!;
    if (i === hole.start) {
      if (inQuotes) quoted.push(hole);
      next++;
      i = hole.end - 1; // a placeholder's own quotes are balanced
      continue;
    }
    if (text[i] === "'") inQuotes = !inQuotes;
  }
  return quoted;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Drops the diagnostics that depend on the value of a `${}`: a value check on a comparison whose
 * value is a hole, and a comparison of two conditions on a field that some hole's condition tests.
 * Everything else (syntax, unknown fields, operators that do not fit the field's type, keyword
 * case, mixed AND/OR) is the same for any value and is kept.
 */
export function dropValueDependent(diagnostics: readonly Diagnostic[], query: QueryNode, literal: FilterLiteral): Diagnostic[] {
  const holes = literal.holes;
  if (holes.length === 0) return [...diagnostics];
  const conditions: (ComparisonNode | IsNullNode)[] = [];
  visit(query, { Comparison: (node) => void conditions.push(node), IsNull: (node) => void conditions.push(node) });
  const holeValued = conditions.filter((c): c is ComparisonNode => c.kind === "Comparison" && c.value.loc !== undefined && holes.some((h) => overlaps(c.value.loc!, h)));
  const holeFields = new Set(holeValued.map((c) => c.field.name));
  return diagnostics.filter((d) => {
    if (FIELD_CODES.has(d.code)) {
      if (holes.some((h) => overlaps(d, h))) return false;
      // the conditions the report is about: those inside its range, or the one around it
      const about = conditions.filter((c) => c.loc !== undefined && ((d.start <= c.loc.start && c.loc.end <= d.end) || (c.loc.start <= d.start && d.end <= c.loc.end)));
      return about.length > 0 && !about.some((c) => holeFields.has(c.field.name));
    }
    if (VALUE_CODES.has(d.code)) {
      if (holes.some((h) => overlaps(d, h))) return false;
      return !holeValued.some((c) => c.loc !== undefined && c.loc.start <= d.start && d.end <= c.loc.end);
    }
    return true;
  });
}

/** A message with each placeholder written as the `${…}` it stands for. */
export function showHoles(message: string, literal: FilterLiteral): string {
  let out = message;
  for (const hole of literal.holes) {
    out = out.replaceAll(`the string ${hole.placeholder}`, `the value ${hole.label}`).replaceAll(hole.placeholder, hole.label);
  }
  return out;
}

/**
 * The canonical text cut at the placeholders into the new text of each quasi; undefined when the
 * placeholders are not found exactly once each, in order.
 */
export function splitAtHoles(canonical: string, literal: FilterLiteral): string[] | undefined {
  const pieces: string[] = [];
  let rest = canonical;
  for (const hole of literal.holes) {
    const split = rest.split(hole.placeholder);
    // not found, or found again after it (the text itself may spell a placeholder: `'\${0}'`)
    if (split.length !== 2) return undefined;
    pieces.push(split[0]!);
    rest = split[1]!;
  }
  pieces.push(rest);
  // a later placeholder in an earlier piece: out of order, or written in the text too
  if (pieces.some((piece) => literal.holes.some((h) => piece.includes(h.placeholder)))) return undefined;
  return pieces;
}
