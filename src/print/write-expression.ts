/**
 * The one walk that prints a WHERE expression, in either spelling: decoded (`format`) or
 * URL-encoded (`toQueryString`). Every fixed text (operators, keywords, brackets, quotes and the
 * spaces between them) is spelled once per spelling; only what the tree holds (field names,
 * numbers, string contents) is encoded, piece by piece. (Encoding the pieces gives the same text
 * as encoding the whole: the fixed texts are ASCII, so no boundary splits a surrogate pair.)
 *
 * The walk is iterative (a work list, no recursion), so trees of any depth print: the parser
 * stops at 300 levels, but trees built in code or read from JSON may nest deeper.
 * @module
 */
import { CompareOperators, type ComparisonNode, type Expression, type IsNullNode, type LiteralNode } from "../syntax/ast.js";
import { normalizeNumber } from "../syntax/numbers.js";

/** A schema as the printer asks it: only `field(path).type`. */
export interface PrintSchema {
  field(path: string): { readonly type: string } | undefined;
}

/** How the walk spells the canonical text. @internal */
export interface Spelling {
  /** How a space is written. */
  readonly space: string;
  /**
   * `" EQ "` …: each operator with the spaces around it; `" EQ '"` … the same with the opening
   * quote of a string value. (Tables without a prototype: an operator of a tree built in code is
   * looked up as it is, and one that is not an operator prints as written.)
   */
  readonly operators: Readonly<Partial<Record<string, string>>>;
  readonly quoted: Readonly<Partial<Record<string, string>>>;
  /** `" IS null)"`: the end of an IS null condition. */
  readonly isNull: string;
  /** `" AND "`, `" OR "`: between the operands of a chain. */
  readonly and: string;
  readonly or: string;
  /** `"NOT "` before a condition, `"NOT ("` before a group. */
  readonly not: string;
  readonly notGroup: string;
  /** How text from the tree (field names, numbers, string contents) is encoded; none when decoded. */
  readonly encode: ((decoded: string) => string) | undefined;
}

/** The spelling with each space written `space`, and tree text through `encode`. @internal */
export function spelling(space: string, encode: ((decoded: string) => string) | undefined): Spelling {
  const spaced = (word: string) => space + word + space;
  const operators: Record<string, string> = Object.create(null);
  const quoted: Record<string, string> = Object.create(null);
  for (const operator of CompareOperators) {
    operators[operator] = spaced(operator);
    quoted[operator] = spaced(operator) + "'";
  }
  return {
    space,
    operators,
    quoted,
    isNull: `${space}IS${space}null)`,
    and: spaced("AND"),
    or: spaced("OR"),
    not: `NOT${space}`,
    notGroup: `NOT${space}(`,
    encode,
  };
}

/** Decoded canonical text: `(name CP '%web%') AND NOT (state EQ 'stopped')`. @internal */
export const DECODED: Spelling = spelling(" ", undefined);

const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * The canonical text of a WHERE expression in a spelling: every condition bracketed, chains of
 * one operator flat, a group under the other operator or under NOT bracketed, `IS NOT null` as
 * `NOT (… IS null)` (LANGUAGE.md section 4). With a schema, quoted numbers compared with a
 * numeric field print unquoted.
 * @internal
 */
export function writeExpression(root: Expression, s: Spelling, schema: PrintSchema | undefined): string {
  let out = "";
  // What is left to write, last first: nodes, and the fixed texts between and after them.
  const work: (Expression | string)[] = [root];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === "string") {
      out += item;
      continue;
    }
    switch (item.kind) {
      case "Comparison":
      case "IsNull":
        out = condition(out, item, s, schema);
        break;
      case "Not": {
        const operand = item.operand;
        if (operand.kind === "Comparison" || operand.kind === "IsNull") out = condition(out + s.not, operand, s, schema);
        else {
          out += s.notGroup;
          work.push(")", operand);
        }
        break;
      }
      case "And":
      case "Or": {
        const kind = item.kind;
        const operands = item.operands;
        const separator = kind === "And" ? s.and : s.or;
        for (let i = operands.length - 1; i >= 0; i--) {
          const operand = operands[i]!;
          if ((operand.kind === "And" || operand.kind === "Or") && operand.kind !== kind) work.push(")", operand, "(");
          else work.push(operand);
          if (i > 0) work.push(separator);
        }
        break;
      }
    }
  }
  return out;
}

/**
 * Appends `(field OP value)` or `(field IS null)` to `out`. Strings are quoted with `''` for a
 * quote; with a schema, a quoted number compared with a numeric field prints unquoted, in normal
 * form. Each piece is appended to the text so far (one cons string each, nothing copied), not
 * joined first: short joins copy, and mixing one- and two-byte strings makes V8 join them in C++.
 */
function condition(out: string, node: ComparisonNode | IsNullNode, s: Spelling, schema: PrintSchema | undefined): string {
  const encode = s.encode;
  const name = node.field.name;
  out += "(";
  out += encode === undefined ? name : encode(name);
  if (node.kind === "IsNull") return out + s.isNull;
  const literal = node.value;
  if (literal.kind === "String") {
    const value = literal.value;
    if (!(schema && NUMBER_TEXT.test(value) && NUMERIC_TYPES.has(schema.field(name)?.type ?? ""))) {
      const doubled = value.indexOf("'") < 0 ? value : value.replaceAll("'", "''");
      out += s.quoted[node.operator] ?? operator(node, s) + "'";
      out += encode === undefined ? doubled : encode(doubled);
      return out + "')";
    }
  }
  out += s.operators[node.operator] ?? operator(node, s);
  out += value(literal, s);
  return out + ")";
}

/** An unquoted value: a number, a boolean, or (with a schema) a quoted number in normal form. */
function value(literal: LiteralNode, s: Spelling): string {
  switch (literal.kind) {
    case "String":
      return normalizeNumber(literal.value);
    case "Number":
      return s.encode === undefined ? literal.value : s.encode(literal.value);
    case "Boolean":
      return literal.value ? "true" : "false";
  }
}

/** Not an operator (a tree built in code): as written, with spaces around it. */
function operator(node: ComparisonNode, s: Spelling): string {
  const text = String(node.operator);
  return s.space + (s.encode === undefined ? text : s.encode(text)) + s.space;
}
