/**
 * react-querybuilder rule groups ⇄ vmfilter WHERE trees (`toReactQueryBuilder`,
 * `fromReactQueryBuilder`). Plain JSON on both sides; the package itself is not needed at run time.
 *
 * Decisions:
 * - Operators: `EQ NE GT GE LT LE` are `= != > >= < <=`; `IS null` is `null`; `NOT (IS null)` is
 *   `notNull`. CP masks of the shapes `%x%`, `x%`, `%x` (x non-empty, without `%`) are `contains`,
 *   `beginsWith`, `endsWith` with the value x, and `NOT` over them `doesNotContain`,
 *   `doesNotBeginWith`, `doesNotEndWith`. Any other mask (no `%`, `%` inside, only `%`) keeps CP
 *   exactly as the custom operator `cp` with the mask as value; an info
 *   (`convert-custom-operator`, once) says the application must add `cp` to its operators.
 * - CP ignores the case of ASCII letters and reads `_` literally, while what contains/beginsWith/
 *   endsWith mean is up to the application (react-querybuilder's SQL export writes LIKE, where `_`
 *   is a wildcard and case follows the collation): an info (`convert-app-defined`) once per
 *   conversion, both ways.
 * - Reading `contains`-like values: CP has no escape for `%`, so a `%` in the value becomes a
 *   wildcard (`convert-lossy` warning). `in`/`notIn` become an OR of EQ / an AND of NE, `between`
 *   `GE AND LE`, `notBetween` `LT OR GT` (as SQL's NOT BETWEEN), with an info
 *   (`convert-rewritten`); their values are arrays or comma-separated text (`\,` for a comma,
 *   items trimmed), as react-querybuilder's `toArray` reads them.
 * - Other NOTs are groups with `not: true` (a NOT over a group sets the group's `not`), so
 *   `NOT (a EQ 1)` is `{ combinator: "and", not: true, rules: [a = 1] }`: `!=` would differ on
 *   arrays (LANGUAGE.md section 5). Reading back gives the same tree (for a tree with no
 *   diagnostic, or only the two infos above).
 * - Values: strings stay strings (a numeric-looking string stays a quoted number, which compares
 *   numerically with a number field); numbers become JavaScript numbers when exact, otherwise the
 *   exact decimal text as a string with a `convert-lossy` warning (it comes back quoted);
 *   booleans stay booleans. Reading, numbers become exact decimal text of the JavaScript number.
 * - Groups: the result is always a group (`{ combinator: "and", rules: [] }` for no WHERE). An
 *   empty group matches everything (as react-querybuilder exports it): at the top it means no
 *   WHERE, inside an AND it is left out (info), inside an OR it makes the OR match everything.
 *   Groups with independent combinators (`rules: [r1, "and", r2, "or", r3]`) bind AND tighter
 *   than OR, as react-querybuilder's own conversion does. Muted rules and groups are left out
 *   (react-querybuilder's exports skip them); `disabled` is ignored (its exports keep them).
 * - ORDERBY, LIMIT and other URL parameters have no place in a rule group: left out with an info.
 * - Not supported (error, the rule left out): `valueSource: "field"`, `match`, `lhs`, the `xor`
 *   combinator, unknown operators. Nothing throws; diagnostics on object input have offsets 0
 *   and the JSON path in the message (`rules[1].value`).
 * @module
 */
import type { Expression, LiteralNode, QueryNode } from "../syntax/ast.js";
import { CompareOperators } from "../syntax/ast.js";
import type { CompareOperator } from "../syntax/ast.js";
import type { Diagnostic } from "../syntax/diagnostics.js";
import { normalizeNumber } from "../syntax/numbers.js";
import { isFieldName } from "../syntax/tokens.js";
import {
  ConvertCodes,
  ConvertReporter,
  checkedFieldName,
  checkedLiteral,
  describe,
  describeValue,
  fieldNode,
  isObject,
  isPlainObject,
  junction,
  maskText,
  MAX_CONVERT_DEPTH,
  notNode,
  numberFromText,
  readInput,
  textFromNumber,
  type ConvertCode,
  type JsonPath,
} from "./shared.js";

/** One rule of a react-querybuilder query (`{ field: "name", operator: "contains", value: "web" }`). */
export interface ReactQueryBuilderRule {
  field: string;
  operator: string;
  value: string | number | boolean | null;
}

/** A react-querybuilder rule group (`RuleGroupType`): the shape of a whole query, too. */
export interface ReactQueryBuilderGroup {
  combinator: "and" | "or";
  not?: boolean;
  rules: (ReactQueryBuilderRule | ReactQueryBuilderGroup)[];
}

/** The result of {@link toReactQueryBuilder}. */
export interface ToReactQueryBuilderResult {
  /** The query as a rule group; partial when `diagnostics` has errors. */
  readonly group: ReactQueryBuilderGroup;
  readonly diagnostics: Diagnostic[];
}

/** The result of {@link fromReactQueryBuilder}. */
export interface FromReactQueryBuilderResult {
  /** The WHERE expression; undefined when the group matches everything or nothing usable was read. */
  readonly where: Expression | undefined;
  readonly diagnostics: Diagnostic[];
}

const OPERATOR_OF: Record<Exclude<CompareOperator, "CP">, string> = { EQ: "=", NE: "!=", GT: ">", GE: ">=", LT: "<", LE: "<=" };
const COMPARISON_OF: Record<string, CompareOperator> = { "=": "EQ", "!=": "NE", ">": "GT", ">=": "GE", "<": "LT", "<=": "LE" };

const APP_DEFINED =
  "CP matches a mask ignoring the case of ASCII letters, with '_' an ordinary character; what react-querybuilder's contains, beginsWith and endsWith mean is up to the application (its SQL export writes LIKE, where '_' is a wildcard and case follows the collation).";

type MaskShape = { readonly operator: "contains" | "beginsWith" | "endsWith"; readonly value: string };

/** `%x%` → contains x, `x%` → beginsWith x, `%x` → endsWith x (x non-empty, without `%`). */
function maskShape(mask: string): MaskShape | undefined {
  const parts = mask.split("%");
  if (parts.length === 3 && parts[0] === "" && parts[2] === "" && parts[1] !== "") return { operator: "contains", value: parts[1]! };
  if (parts.length === 2 && parts[1] === "" && parts[0] !== "") return { operator: "beginsWith", value: parts[0]! };
  if (parts.length === 2 && parts[0] === "" && parts[1] !== "") return { operator: "endsWith", value: parts[1]! };
  return undefined;
}

const NEGATED_SHAPE = { contains: "doesNotContain", beginsWith: "doesNotBeginWith", endsWith: "doesNotEndWith" } as const;

type Item = ReactQueryBuilderRule | ReactQueryBuilderGroup;

function isGroup(item: Item): item is ReactQueryBuilderGroup {
  return "rules" in item;
}

class RuleWriter {
  constructor(private readonly reporter: ConvertReporter) {}

  item(node: unknown, depth: number): Item | undefined {
    if (depth > MAX_CONVERT_DEPTH) {
      this.reporter.atNode(node, ConvertCodes.TooDeep, "error", `The tree nests deeper than ${MAX_CONVERT_DEPTH} levels.`);
      return undefined;
    }
    const kind = isObject(node) ? (node as { kind?: unknown }).kind : undefined;
    switch (kind) {
      case "And":
      case "Or": {
        const operands = (node as { operands?: unknown }).operands;
        if (!Array.isArray(operands) || operands.length === 0) {
          this.reporter.atNode(node, ConvertCodes.InvalidInput, "error", `An ${String(kind).toUpperCase()} node needs a list of operands.`);
          return undefined;
        }
        const rules = operands.map((o) => this.item(o, depth + 1)).filter((r): r is Item => r !== undefined);
        if (rules.length <= 1) return rules[0];
        return { combinator: kind === "And" ? "and" : "or", rules };
      }
      case "Not": {
        const operand: unknown = (node as { operand?: unknown }).operand;
        const operandKind = isObject(operand) ? (operand as { kind?: unknown }).kind : undefined;
        if (operandKind === "IsNull") {
          const field = this.field(operand as object);
          return field === undefined ? undefined : { field, operator: "notNull", value: null };
        }
        if (operandKind === "Comparison" && (operand as { operator?: unknown }).operator === "CP") {
          const rule = this.comparison(operand as object);
          if (rule === undefined) return undefined;
          if (rule.operator === "contains" || rule.operator === "beginsWith" || rule.operator === "endsWith") return { ...rule, operator: NEGATED_SHAPE[rule.operator] };
          return { combinator: "and", not: true, rules: [rule] };
        }
        const inner = this.item(operand, depth + 1);
        if (inner === undefined) return undefined;
        if (isGroup(inner) && inner.not !== true) return { combinator: inner.combinator, not: true, rules: inner.rules };
        return { combinator: "and", not: true, rules: [inner] };
      }
      case "IsNull": {
        const field = this.field(node as object);
        return field === undefined ? undefined : { field, operator: "null", value: null };
      }
      case "Comparison":
        return this.comparison(node as object);
      default:
        this.reporter.atNode(node, ConvertCodes.InvalidInput, "error", "Expected a WHERE expression node (And, Or, Not, Comparison, IsNull).");
        return undefined;
    }
  }

  private field(node: object): string | undefined {
    const name = checkedFieldName((node as { field?: unknown }).field);
    if (name === undefined) this.reporter.atNode(node, ConvertCodes.InvalidField, "error", "The condition has no valid field (dot-separated names of letters, digits and _).");
    return name;
  }

  private comparison(node: object): ReactQueryBuilderRule | undefined {
    const field = this.field(node);
    const literal = checkedLiteral((node as { value?: unknown }).value);
    const operator = (node as { operator?: unknown }).operator;
    if (literal === undefined) this.reporter.atNode(node, ConvertCodes.InvalidValue, "error", "The comparison has no valid literal value.");
    if (!(CompareOperators as readonly unknown[]).includes(operator)) {
      this.reporter.atNode(node, ConvertCodes.UnsupportedOperator, "error", `Unknown comparison operator ${JSON.stringify(operator)}.`);
      return undefined;
    }
    if (field === undefined || literal === undefined) return undefined;
    if (operator !== "CP") return { field, operator: OPERATOR_OF[operator as Exclude<CompareOperator, "CP">], value: this.value(node, literal) };
    const mask = maskText(literal);
    if (literal.kind !== "String") {
      this.reporter.atNode(node, ConvertCodes.Rewritten, "info", `${describe(node)}: CP matches text, so the ${literal.kind === "Number" ? "number" : "boolean"} is written as the mask '${mask}'.`);
    }
    const shape = maskShape(mask);
    if (shape === undefined) {
      if (this.reporter.once("custom-cp")) {
        this.reporter.atNode(
          node,
          ConvertCodes.CustomOperator,
          "info",
          `${describe(node)}: this mask is not a contains, beginsWith or endsWith shape, so it is kept as the custom operator 'cp' (value: the mask, '%' any run of characters); add 'cp' to the query builder's operators and to its export.`,
        );
      }
      return { field, operator: "cp", value: mask };
    }
    if (this.reporter.once("app-defined")) this.reporter.atNode(node, ConvertCodes.AppDefined, "info", `${describe(node)}: ${APP_DEFINED}`);
    return { field, operator: shape.operator, value: shape.value };
  }

  private value(node: object, literal: LiteralNode): string | number | boolean {
    if (literal.kind !== "Number") return literal.value;
    const { value, exact } = numberFromText(literal.value);
    if (exact) return value;
    this.reporter.atNode(node, ConvertCodes.Lossy, "warning", `${describe(node)}: ${literal.value} is not exactly a JavaScript number, so it is written as the text '${literal.value}' (read back, it is a quoted number).`);
    return literal.value;
  }
}

/**
 * Converts a filter (text, a parsed Query, or a WHERE expression) to a react-querybuilder rule
 * group (the module documentation lists the choices). Never throws; what cannot be said exactly is
 * reported.
 *
 * ```ts
 * toReactQueryBuilder("(name CP '%web%') AND NOT (state IS null)").group
 * // { combinator: "and", rules: [
 * //   { field: "name", operator: "contains", value: "web" },
 * //   { field: "state", operator: "notNull", value: null } ] }
 * ```
 */
export function toReactQueryBuilder(input: string | QueryNode | Expression): ToReactQueryBuilderResult {
  const reporter = new ConvertReporter();
  try {
    const { where, query } = readInput(input, reporter);
    const item = where === undefined ? undefined : new RuleWriter(reporter).item(where, 0);
    const group: ReactQueryBuilderGroup = item === undefined ? { combinator: "and", rules: [] } : isGroup(item) ? item : { combinator: "and", rules: [item] };
    if (query !== undefined) {
      if (query.orderBy !== undefined) reporter.atNode(query.orderBy, ConvertCodes.Dropped, "info", "ORDERBY has no place in a rule group and is left out.");
      if (query.limit !== undefined) reporter.atNode(query.limit, ConvertCodes.Dropped, "info", "LIMIT has no place in a rule group and is left out.");
      for (const parameter of Array.isArray(query.parameters) ? query.parameters : []) {
        reporter.atNode(parameter, ConvertCodes.Dropped, "info", `The URL parameter '${String(parameter?.name)}' has no place in a rule group and is left out.`);
      }
    }
    return { group, diagnostics: reporter.finish() };
  } catch (error) {
    reporter.internal(error);
    return { group: { combinator: "and", rules: [] }, diagnostics: reporter.finish() };
  }
}

// ---------------------------------------------------------------------------------------------
// fromReactQueryBuilder

/** Matches every row (an empty group). */
const ALL = Symbol("all");
/** Not there at all (muted). */
const SKIP = Symbol("skip");
type Read = Expression | typeof ALL | typeof SKIP | undefined;

const OPERATORS = ["=", "!=", "<", "<=", ">", ">=", "contains", "beginsWith", "endsWith", "doesNotContain", "doesNotBeginWith", "doesNotEndWith", "null", "notNull", "in", "notIn", "between", "notBetween", "cp"] as const;
const MASK_PLACE: Record<string, "contains" | "begins" | "ends"> = {
  contains: "contains",
  doesNotContain: "contains",
  beginsWith: "begins",
  doesNotBeginWith: "begins",
  endsWith: "ends",
  doesNotEndWith: "ends",
};
const OPERATOR_BY_LOWER = new Map<string, (typeof OPERATORS)[number]>(OPERATORS.map((o) => [o.toLowerCase(), o]));

/** Comma-separated text as react-querybuilder's `toArray` reads it: `\,` is a comma, items trimmed. */
function splitList(text: string): string[] {
  if (text.trim() === "") return [];
  const items: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && text[i + 1] === ",") {
      current += ",";
      i++;
    } else if (ch === ",") {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  items.push(current.trim());
  return items;
}

class RuleReader {
  constructor(private readonly reporter: ConvertReporter) {}

  private error(path: JsonPath, code: ConvertCode, message: string): undefined {
    this.reporter.atPath(path, code, "error", message);
    return undefined;
  }

  group(group: unknown, path: JsonPath, depth: number): Read {
    if (depth > MAX_CONVERT_DEPTH) return this.error(path, ConvertCodes.TooDeep, `The rule groups nest deeper than ${MAX_CONVERT_DEPTH} levels.`);
    if (!isPlainObject(group) || !Array.isArray(group.rules)) return this.error(path, ConvertCodes.InvalidInput, `Expected a rule group ({ combinator, rules: [...] }), found ${describeValue(group)}.`);
    if (group.muted === true) {
      this.reporter.atPath(path, ConvertCodes.Dropped, "info", "The group is muted and left out, as react-querybuilder's exports leave it out.");
      return SKIP;
    }
    const rules: unknown[] = group.rules;
    const independent = rules.some((r) => typeof r === "string");
    let expression: Read;
    if (independent) expression = this.independent(rules, path, depth);
    else {
      const reads = rules.map((r, i) => this.item(r, [...path, "rules", i], depth));
      const combinator = group.combinator;
      const kept = reads.filter((r) => r !== SKIP);
      if (kept.length > 1 || combinator !== undefined) {
        const lower = typeof combinator === "string" ? combinator.toLowerCase() : undefined;
        if (lower !== "and" && lower !== "or") {
          if (lower === "xor") return this.error([...path, "combinator"], ConvertCodes.Unsupported, "The combinator 'xor' has no vmfilter equivalent.");
          if (kept.length > 1) return this.error([...path, "combinator"], ConvertCodes.InvalidInput, `Expected the combinator "and" or "or", found ${describeValue(combinator)}.`);
        }
        expression = lower === "or" ? this.or(kept) : this.and(kept);
      } else expression = this.and(kept);
    }
    if (group.not !== undefined && typeof group.not !== "boolean") return this.error([...path, "not"], ConvertCodes.InvalidInput, "Expected not: true or false.");
    if (group.not !== true || expression === undefined || expression === SKIP) return expression;
    if (expression === ALL) return this.error(path, ConvertCodes.Unsupported, "A negated group that matches every row matches none, which a vmfilter expression cannot say.");
    return notNode(expression);
  }

  /** `[r1, "and", r2, "or", r3]`: AND binds tighter than OR. */
  private independent(rules: unknown[], path: JsonPath, depth: number): Read {
    const segments: Read[][] = [[]];
    for (let i = 0; i < rules.length; i++) {
      const at = [...path, "rules", i];
      const r = rules[i];
      if (i % 2 === 1) {
        const lower = typeof r === "string" ? r.toLowerCase() : undefined;
        if (lower === "or") segments.push([]);
        else if (lower !== "and") return this.error(at, lower === "xor" ? ConvertCodes.Unsupported : ConvertCodes.InvalidInput, `Expected the combinator "and" or "or" between rules, found ${describeValue(r)}.`);
      } else {
        if (typeof r === "string") return this.error(at, ConvertCodes.InvalidInput, "Expected a rule or group, found a combinator.");
        segments[segments.length - 1]!.push(this.item(r, at, depth));
      }
    }
    if (rules.length % 2 === 0) return this.error([...path, "rules"], ConvertCodes.InvalidInput, "Rules and combinators must alternate, starting and ending with a rule.");
    return this.or(segments.map((s) => this.and(s)));
  }

  private item(item: unknown, path: JsonPath, depth: number): Read {
    if (isPlainObject(item) && Array.isArray(item.rules)) {
      const read = this.group(item, path, depth + 1);
      if (read === ALL) this.reporter.atPath(path, ConvertCodes.Dropped, "info", "The group is empty: it matches every row (as react-querybuilder exports it).");
      return read;
    }
    return this.rule(item, path);
  }

  private and(items: readonly Read[]): Read {
    const present = items.filter((x) => x !== SKIP);
    const kept = present.filter((x): x is Expression => x !== undefined && x !== ALL);
    if (kept.length === 0) return present.some((x) => x === undefined) ? undefined : ALL;
    return junction("And", kept);
  }

  private or(items: readonly Read[]): Read {
    const present = items.filter((x) => x !== SKIP);
    if (present.includes(ALL)) return ALL;
    const kept = present.filter((x): x is Expression => x !== undefined);
    if (kept.length === 0) return present.length === 0 ? ALL : undefined;
    return junction("Or", kept);
  }

  private rule(rule: unknown, path: JsonPath): Read {
    if (!isPlainObject(rule)) return this.error(path, ConvertCodes.InvalidInput, `Expected a rule ({ field, operator, value }), found ${describeValue(rule)}.`);
    if (rule.muted === true) {
      this.reporter.atPath(path, ConvertCodes.Dropped, "info", "The rule is muted and left out, as react-querybuilder's exports leave it out.");
      return SKIP;
    }
    if (rule.valueSource === "field") return this.error([...path, "valueSource"], ConvertCodes.Unsupported, "Comparing a field with another field has no vmfilter equivalent.");
    if (rule.match !== undefined) return this.error([...path, "match"], ConvertCodes.Unsupported, "Array match modes (match) have no vmfilter equivalent.");
    if (rule.lhs !== undefined) return this.error([...path, "lhs"], ConvertCodes.Unsupported, "Expressions on the left-hand side (lhs) have no vmfilter equivalent.");
    const name = rule.field;
    if (typeof name !== "string") return this.error([...path, "field"], ConvertCodes.InvalidInput, `Expected the field name as text, found ${describeValue(name)}.`);
    if (!isFieldName(name)) return this.error([...path, "field"], ConvertCodes.InvalidField, `'${name}' is not a vmfilter field name (dot-separated names of letters, digits and _, not starting with a digit).`);
    const field = fieldNode(name);
    const rawOperator = rule.operator;
    const operator = typeof rawOperator === "string" ? OPERATOR_BY_LOWER.get(rawOperator.toLowerCase()) : undefined;
    const valuePath = [...path, "value"];
    const value = rule.value;
    if (operator === undefined) return this.error([...path, "operator"], ConvertCodes.UnsupportedOperator, `The operator ${describeValue(rawOperator)} has no vmfilter equivalent.`);
    switch (operator) {
      case "=":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const literal = this.literal(value, valuePath);
        return literal && { kind: "Comparison", field, operator: COMPARISON_OF[operator]!, value: literal };
      }
      case "null":
        return { kind: "IsNull", field };
      case "notNull":
        return notNode({ kind: "IsNull", field });
      case "cp": {
        const mask = this.text(value, valuePath);
        return mask === undefined ? undefined : { kind: "Comparison", field, operator: "CP", value: { kind: "String", value: mask } };
      }
      case "contains":
      case "beginsWith":
      case "endsWith":
      case "doesNotContain":
      case "doesNotBeginWith":
      case "doesNotEndWith": {
        const text = this.text(value, valuePath);
        if (text === undefined) return undefined;
        if (text.includes("%")) {
          this.reporter.atPath(valuePath, ConvertCodes.Lossy, "warning", `CP has no escape for '%', so the '%' in ${JSON.stringify(text)} is read as a wildcard (any run of characters).`);
        }
        if (this.reporter.once("app-defined")) this.reporter.atPath([...path, "operator"], ConvertCodes.AppDefined, "info", APP_DEFINED);
        const place = MASK_PLACE[operator]!;
        const mask = place === "contains" ? `%${text}%` : place === "begins" ? `${text}%` : `%${text}`;
        const cp: Expression = { kind: "Comparison", field, operator: "CP", value: { kind: "String", value: mask } };
        return operator.startsWith("doesNot") ? notNode(cp) : cp;
      }
      case "in":
      case "notIn": {
        const literals = this.list(value, valuePath);
        if (literals === undefined) return undefined;
        if (literals.length === 0) return this.error(valuePath, ConvertCodes.InvalidValue, `'${operator}' needs at least one value.`);
        if (literals.length > 1) this.reporter.atPath([...path, "operator"], ConvertCodes.Rewritten, "info", operator === "in" ? "'in' is read as an OR of EQ." : "'notIn' is read as an AND of NE.");
        return junction(
          operator === "in" ? "Or" : "And",
          literals.map((l) => ({ kind: "Comparison", field, operator: operator === "in" ? "EQ" : "NE", value: l })),
        );
      }
      case "between":
      case "notBetween": {
        const literals = this.list(value, valuePath);
        if (literals === undefined) return undefined;
        if (literals.length !== 2) return this.error(valuePath, ConvertCodes.InvalidValue, `'${operator}' needs exactly two values, found ${literals.length}.`);
        const [low, high] = literals as [LiteralNode, LiteralNode];
        this.reporter.atPath([...path, "operator"], ConvertCodes.Rewritten, "info", operator === "between" ? "'between' is read as GE AND LE." : "'notBetween' is read as LT OR GT.");
        return operator === "between"
          ? { kind: "And", operands: [{ kind: "Comparison", field, operator: "GE", value: low }, { kind: "Comparison", field, operator: "LE", value: high }] }
          : { kind: "Or", operands: [{ kind: "Comparison", field, operator: "LT", value: low }, { kind: "Comparison", field, operator: "GT", value: high }] };
      }
    }
  }

  private literal(value: unknown, path: JsonPath): LiteralNode | undefined {
    if (typeof value === "string") return { kind: "String", value };
    if (typeof value === "boolean") return { kind: "Boolean", value };
    if (typeof value === "bigint") return { kind: "Number", value: normalizeNumber(value.toString()) };
    if (typeof value === "number") {
      const text = textFromNumber(value);
      if (text !== undefined) return { kind: "Number", value: text };
    }
    if (value === null || value === undefined) return this.error(path, ConvertCodes.InvalidValue, "The rule has no value (use the operator 'null' to test for null).");
    return this.error(path, ConvertCodes.InvalidValue, `${describeValue(value)} cannot be a vmfilter value (text, a finite number or true/false).`);
  }

  /** The text of a contains-like or cp value (numbers written as exact decimal text). */
  private text(value: unknown, path: JsonPath): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "bigint") {
      const literal = this.literal(value, path);
      return literal === undefined ? undefined : String(literal.value);
    }
    return this.error(path, ConvertCodes.InvalidValue, `Expected text, found ${describeValue(value)}.`);
  }

  private list(value: unknown, path: JsonPath): LiteralNode[] | undefined {
    let items: unknown[];
    if (Array.isArray(value)) items = value;
    else if (typeof value === "string") items = splitList(value);
    else if (typeof value === "number" || typeof value === "bigint") items = [value];
    else return this.error(path, ConvertCodes.InvalidValue, `Expected a list (an array or comma-separated text), found ${describeValue(value)}.`);
    const literals: LiteralNode[] = [];
    let failed = false;
    items.forEach((item, i) => {
      const literal = this.literal(item, Array.isArray(value) ? [...path, i] : path);
      if (literal === undefined) failed = true;
      else literals.push(literal);
    });
    return failed ? undefined : literals;
  }
}

/**
 * Reads a react-querybuilder rule group (`RuleGroupType` or `RuleGroupTypeIC`, as JSON) as a WHERE
 * expression (the module documentation lists the choices). Never throws; what cannot be read
 * exactly is reported, and what cannot be read at all is left out with an error.
 *
 * ```ts
 * fromReactQueryBuilder({ combinator: "or", rules: [
 *   { field: "state", operator: "=", value: "active" },
 *   { field: "name", operator: "beginsWith", value: "web" } ] }).where
 * // (state EQ 'active') OR (name CP 'web%')
 * ```
 */
export function fromReactQueryBuilder(group: unknown): FromReactQueryBuilderResult {
  const reporter = new ConvertReporter();
  try {
    const read = new RuleReader(reporter).group(group, [], 0);
    return { where: read === ALL || read === SKIP ? undefined : read, diagnostics: reporter.finish() };
  } catch (error) {
    reporter.internal(error);
    return { where: undefined, diagnostics: reporter.finish() };
  }
}
