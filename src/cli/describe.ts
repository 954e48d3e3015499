/**
 * A filter in plain English words (`vmfilter explain`): what it selects, how it sorts and which
 * rows it returns, e.g.
 * `where=(name CP '%web%') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50` →
 * "name matches '%web%' and state is not 'stopped'; sorted by cluster name, descending; rows 1–50".
 *
 * The wording, piece by piece:
 * - Operators: `EQ` "is", `NE` "is not", `GT` "is greater than", `GE` "is at least", `LT` "is less
 *   than", `LE` "is at most", `CP` "matches" (a mask with `%`), or without `%` "equals, ignoring
 *   ASCII case," (a whole-value match). Values are written as in the filter: strings quoted
 *   (`'it''s'`), numbers and `true`/`false` bare.
 * - `IS null` is "is empty (null or missing)", `IS NOT null` (`NOT (f IS null)`) "is set".
 * - A NOT over one comparison is folded into the operator where English has a word for it: "is
 *   not", "is not greater than", "is not at least", "is not less than", "is not at most", "does not
 *   match", "does not equal, ignoring ASCII case,". Any other NOT (over a group, over `NE`, over
 *   another NOT) is "not (…)".
 * - AND and OR are "and" and "or"; English has no precedence between them, so a group of one
 *   inside a group of the other is always in parentheses: "a and (b or c)", "(a and b) or c".
 * - Fields: a dotted path reads as words (`cluster.name` → "cluster name") when each segment is
 *   an ordinary lower-case name (letters, digits, `_`, starting with a letter) and no segment is a
 *   word of these sentences ("and", "or", "not", "is", …); any other name (`Name`, `_x`, `not`)
 *   is kept as written, so that it cannot be misread.
 * - ORDERBY: "sorted by X, then Y, descending" (ascending is not said); LIMIT `offset,count`:
 *   "rows offset+1–offset+count" ("row 11" for one row, "no rows" for a count of 0); other URL
 *   parameters: "with the other parameters a=1, b". The parts are joined with "; ".
 * - No WHERE: "all records".
 *
 * With a schema (optional), the words follow what the fields are: a quoted number compared with
 * a numeric field reads as the number (`cpu_number EQ '2'` → "cpu_number is 2"), a reference
 * compared with a number reads as its id (`cluster EQ 3` → "cluster id is 3"), and a field that
 * holds several values reads "any of tags is 'x'" (a NOT over it is then never folded: "not (any
 * of tags is 'x')" is not "any of tags is not 'x'").
 * @module
 */
import type { ComparisonNode, Expression, FieldNode, IsNullNode, LimitNode, LiteralNode, OrderByNode, ParameterNode, QueryNode } from "../syntax/ast.js";
import { quoteString } from "../print/format.js";

/** What {@link describe} needs of a schema: a field's type, and whether it holds several values. */
export interface DescribeSchema {
  field(path: string): { readonly type: string; readonly many?: boolean } | undefined;
}

/** Options of {@link describe}. */
export interface DescribeOptions {
  /** The entity's schema (`vm.host`, your own): numeric fields, references and arrays read as such. */
  readonly schema?: DescribeSchema;
}

const NUMERIC_TYPES = new Set(["integer", "number", "reference"]);
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/** Words of these sentences: a field segment spelled like one is kept as written. */
const SENTENCE_WORDS = new Set([
  "and", "or", "not", "is", "are", "at", "least", "most", "than", "greater", "less", "matches", "match", "does", "equal", "equals",
  "ignoring", "ascii", "case", "empty", "null", "missing", "set", "sorted", "by", "then", "descending", "ascending", "asc", "desc",
  "row", "rows", "no", "all", "records", "with", "the", "other", "parameters", "any", "of", "true", "false",
]);
const ORDINARY_SEGMENT = /^[a-z][a-z0-9_]*$/;

/** `cluster.name` → "cluster name"; an unusual name as written. */
function fieldWords(field: FieldNode): string {
  const path = field.path.length > 0 ? field.path : field.name.split(".");
  return path.every((s) => ORDINARY_SEGMENT.test(s) && !SENTENCE_WORDS.has(s)) ? path.join(" ") : field.name;
}

const OPERATOR_WORDS: Record<Exclude<ComparisonNode["operator"], "CP">, string> = {
  EQ: "is",
  NE: "is not",
  GT: "is greater than",
  GE: "is at least",
  LT: "is less than",
  LE: "is at most",
};

/** NOT folded into the operator (NE has no natural negation: "not (a is not 1)"). */
const NEGATED_WORDS: Partial<Record<ComparisonNode["operator"], string>> = {
  EQ: "is not",
  GT: "is not greater than",
  GE: "is not at least",
  LT: "is not less than",
  LE: "is not at most",
};

class Describer {
  constructor(private readonly schema: DescribeSchema | undefined) {}

  private schemaField(field: FieldNode) {
    return this.schema?.field(field.name);
  }

  /** Whether the field holds several values (only a schema tells). */
  private many(field: FieldNode): boolean {
    return this.schemaField(field)?.many === true;
  }

  /** The literal as written; a quoted number on a numeric field as the number. */
  private value(node: ComparisonNode): string {
    const value: LiteralNode = node.value;
    switch (value.kind) {
      case "String": {
        const type = this.schemaField(node.field)?.type;
        if (type !== undefined && NUMERIC_TYPES.has(type) && NUMBER_TEXT.test(value.value)) return value.value;
        return quoteString(value.value);
      }
      case "Number":
        return value.value;
      case "Boolean":
        return value.value ? "true" : "false";
    }
  }

  /** The subject: the field in words, its `id` for a reference compared with a number, "any of" for arrays. */
  private subject(field: FieldNode, value?: LiteralNode): string {
    const resolved = this.schemaField(field);
    let words = fieldWords(field);
    if (resolved?.type === "reference" && value !== undefined && (value.kind === "Number" || (value.kind === "String" && NUMBER_TEXT.test(value.value)))) words += " id";
    return resolved?.many === true ? `any of ${words}` : words;
  }

  private comparison(node: ComparisonNode, negated: boolean): string {
    const subject = this.subject(node.field, node.value);
    const value = this.value(node);
    if (node.operator === "CP") {
      const mask = node.value.kind === "String" ? node.value.value : value;
      if (mask.includes("%")) return `${subject} ${negated ? "does not match" : "matches"} ${value}`;
      return `${subject} ${negated ? "does not equal" : "equals"}, ignoring ASCII case, ${value}`;
    }
    return `${subject} ${negated ? NEGATED_WORDS[node.operator]! : OPERATOR_WORDS[node.operator]} ${value}`;
  }

  private isNull(node: IsNullNode, negated: boolean): string {
    return `${this.subject(node.field)} ${negated ? "is set" : "is empty (null or missing)"}`;
  }

  expression(node: Expression): string {
    switch (node.kind) {
      case "Comparison":
        return this.comparison(node, false);
      case "IsNull":
        return this.isNull(node, false);
      case "Not": {
        const operand = node.operand;
        // folded only where English has the word, and never for a field of several values
        // (NOT "any is" is "none is", not "any is not")
        if (operand.kind === "Comparison" && operand.operator !== "NE" && !this.many(operand.field)) return this.comparison(operand, true);
        if (operand.kind === "IsNull" && !this.many(operand.field)) return this.isNull(operand, true);
        return `not (${this.expression(operand)})`;
      }
      case "And":
      case "Or": {
        const word = node.kind === "And" ? " and " : " or ";
        return node.operands.map((o) => (o.kind === "And" || o.kind === "Or") && o.kind !== node.kind ? `(${this.expression(o)})` : this.expression(o)).join(word);
      }
    }
  }

  orderBy(node: OrderByNode): string {
    return `sorted by ${node.keys.map((k) => `${fieldWords(k.field)}${k.direction === "desc" ? ", descending" : ""}`).join(", then ")}`;
  }

  limit(node: LimitNode): string {
    if (node.count === 0) return "no rows";
    const first = BigInt(node.offset) + 1n;
    if (node.count === 1) return `row ${first}`;
    return `rows ${first}–${first + BigInt(node.count) - 1n}`;
  }

  parameters(parameters: readonly ParameterNode[]): string {
    const list = parameters.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)).join(", ");
    return `with the other parameter${parameters.length === 1 ? "" : "s"} ${list}`;
  }
}

/**
 * A filter in plain English words (the module documentation lists the wording). Takes a parsed
 * Query (or a WHERE expression alone); pure: the same tree always gives the same words.
 *
 * ```ts
 * describe(parse("where=(name CP '%web%') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50").query)
 * // "name matches '%web%' and state is not 'stopped'; sorted by cluster name, descending; rows 1–50"
 * describe(parse("").query) // "all records"
 * ```
 */
export function describe(query: QueryNode | Expression, options: DescribeOptions = {}): string {
  const describer = new Describer(options.schema);
  if (query.kind !== "Query") return describer.expression(query);
  const parts = [query.where ? describer.expression(query.where) : "all records"];
  if (query.orderBy) parts.push(describer.orderBy(query.orderBy));
  if (query.limit) parts.push(describer.limit(query.limit));
  if (query.parameters.length > 0) parts.push(describer.parameters(query.parameters));
  return parts.join("; ");
}
