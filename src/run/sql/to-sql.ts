/**
 * `toSql`: a filter as SQL clauses for PostgreSQL, SQLite or MySQL, with every value a bound
 * parameter and every identifier from the caller's `columns` map. The SQL returns exactly the
 * rows `apply` keeps, in the same order (see docs/compile.md for the few documented limits).
 * @module
 */
import type { CompareOperator, ComparisonNode, Expression, FieldNode, Node, QueryNode, SortKeyNode } from "../../syntax/ast.js";
import { hasErrors, type Diagnostic, type DiagnosticDraft } from "../../syntax/diagnostics.js";
import { finishDiagnostics } from "../../syntax/location.js";
import { normalizeNumber } from "../../syntax/numbers.js";
import { parse } from "../../syntax/parse.js";
import { sourceOf } from "../../syntax/source.js";
import type { Schema } from "../../schema/schema.js";
import { MAX_COMPILE_DEPTH } from "../compile.js";
import { FilterRunError, RunCodes } from "../diagnostics.js";
import type { MaskOptions } from "../mask.js";
import { checkedField, checkedLiteral } from "../node-checks.js";
import { NUMBER_TEXT } from "../values.js";
import { resolveColumn, schemaColumnType, type ColumnMap, type ResolvedColumn } from "./columns.js";
import { dialects, SqlDialects, type ColumnType, type Dialect, type SqlDialect } from "./dialect.js";
import { planNumeric, SQL_OPERATORS } from "./numbers.js";

/** Options of {@link toSql}. */
export interface ToSqlOptions extends MaskOptions {
  /** The engine the SQL is for. */
  readonly dialect: SqlDialect;
  /** Field paths to columns or JSON members; a field missing here is an error, never raw text. */
  readonly columns: ColumnMap;
  /** The entity's schema: gives each field's value type (a column's own `type` wins). */
  readonly schema?: Schema;
  /**
   * The field sorted by when the query has no `orderby`, and appended as the last key to break
   * ties (SQL has no stable sort); default `id`. Must be in `columns`; `null` turns both off.
   */
  readonly idField?: string | null;
  /** PostgreSQL: the number of the first placeholder (`$1` by default), to follow parameters of your own. */
  readonly firstParameter?: number;
}

/** A filter compiled to SQL. Nothing in it comes from the filter's text but through `params`. */
export interface SqlQuery {
  /** False when any diagnostic is an error; the SQL strings are then empty. */
  readonly ok: boolean;
  readonly dialect: SqlDialect;
  /** The WHERE condition (without `WHERE`), or `""` when the filter has none. */
  readonly where: string;
  /** The ORDER BY keys (without `ORDER BY`), or `""`. */
  readonly orderBy: string;
  /** The whole `LIMIT … OFFSET …` clause, or `""`. */
  readonly limit: string;
  /** Every bound value in placeholder order: the condition's, then the limit's. */
  readonly params: readonly unknown[];
  /** The condition's values only (for `SELECT count(*)`). */
  readonly whereParams: readonly unknown[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Compiles a filter to SQL clauses. The input is filter text (URL form or a bare expression), a
 * parsed Query, or an expression node. Never throws for a filter: problems (an unmapped field,
 * syntax errors, arrays in MySQL) are diagnostics and `ok` is false.
 *
 * @example
 * const sql = toSql("where=name CP '%web%'&orderby=name&limit=0,20", {
 *   dialect: "postgres",
 *   columns: { id: "id", name: "name" },
 * });
 * // sql.where   → translate("name", 'ABC…Z', 'abc…z') LIKE $1 ESCAPE '\'
 * // sql.orderBy → "name" COLLATE "C" ASC NULLS FIRST, "id" ASC NULLS FIRST
 * // sql.limit   → LIMIT $2 OFFSET $3;   sql.params → ["%web%", 20, 0]
 */
export function toSql(input: string | QueryNode | Expression, options: ToSqlOptions): SqlQuery {
  const dialectName = options?.dialect;
  if (!SqlDialects.includes(dialectName)) throw new TypeError(`toSql: dialect must be one of ${SqlDialects.join(", ")}; got ${JSON.stringify(dialectName)}`);
  if (typeof options.columns !== "object" || options.columns === null) throw new TypeError("toSql: columns must be an object mapping field paths to columns");
  return new SqlCompiler(dialects[dialectName], options).run(input);
}

/** The truth constant that keeps NULL unknown: `CASE WHEN x IS NULL THEN NULL ELSE c END`. */
const nullAware = (d: Dialect, x: string, value: boolean) => `(CASE WHEN ${x} IS NULL THEN NULL ELSE ${value ? d.true : d.false} END)`;

class SqlCompiler {
  private readonly params: unknown[] = [];
  private readonly drafts: DiagnosticDraft[] = [];
  private readonly schema: Schema | undefined;
  private readonly first: number;
  private failed = false;
  private readonly untyped = new Set<string>();

  constructor(
    private readonly d: Dialect,
    private readonly options: ToSqlOptions,
  ) {
    this.schema = options.schema;
    this.first = Number.isInteger(options.firstParameter) && options.firstParameter! > 0 ? options.firstParameter! : 1;
  }

  run(input: string | QueryNode | Expression): SqlQuery {
    let source: string | undefined;
    let node: QueryNode | Expression;
    let parsed: readonly Diagnostic[] = [];
    if (typeof input === "string") {
      const result = parse(input);
      source = input;
      node = result.query;
      parsed = result.diagnostics.filter((d) => d.severity === "error");
      if (hasErrors(parsed)) return this.finish("", "", "", 0, source, parsed);
    } else if (typeof input === "object" && input !== null && typeof (input as { kind?: unknown }).kind === "string") {
      node = input;
      source = node.kind === "Query" ? sourceOf(node)?.input : undefined;
    } else {
      this.report(undefined, RunCodes.InvalidInput, "error", `Expected filter text, a Query or an expression node, got ${input === null ? "null" : typeof input}.`);
      return this.finish("", "", "", 0, undefined, []);
    }
    const query = node.kind === "Query" ? node : undefined;
    const expression = query ? query.where : (node as Expression);
    let where = "";
    try {
      where = expression ? this.expression(expression, 1) : "";
    } catch (error) {
      // too deep keeps its own code (docs/compile.md, run-too-deep), as compile's FilterRunError does
      this.report(expression, error instanceof FilterRunError ? error.code : RunCodes.InvalidInput, "error", error instanceof Error ? error.message : String(error));
    }
    const whereCount = this.params.length;
    const orderBy = this.orderBy(query?.orderBy?.keys);
    let limit = "";
    if (query?.limit) limit = `LIMIT ${this.bind(query.limit.count)} OFFSET ${this.bind(query.limit.offset)}`;
    return this.finish(where, orderBy, limit, whereCount, source, parsed);
  }

  private finish(where: string, orderBy: string, limit: string, whereCount: number, source: string | undefined, parsed: readonly Diagnostic[]): SqlQuery {
    const own = finishDiagnostics(source ?? "", this.drafts);
    const diagnostics = [...parsed, ...own].sort((a, b) => a.start - b.start || a.end - b.end);
    const ok = !this.failed && !hasErrors(diagnostics);
    const params = ok ? this.params.slice() : [];
    return {
      ok,
      dialect: this.d.name,
      where: ok ? where : "",
      orderBy: ok ? orderBy : "",
      limit: ok ? limit : "",
      params,
      whereParams: params.slice(0, whereCount),
      diagnostics,
    };
  }

  private report(node: Node | undefined, code: string, severity: "error" | "warning" | "info", message: string): void {
    if (severity === "error") this.failed = true;
    const loc = node?.loc;
    this.drafts.push({ code, severity, message, start: loc?.start ?? 0, end: loc?.end ?? 0 });
  }

  /** A bound value's placeholder. */
  private bind(value: unknown): string {
    this.params.push(value);
    return this.d.placeholder(this.first + this.params.length - 1);
  }

  // ---------------------------------------------------------------------------------------------
  // WHERE

  private expression(node: Expression, depth: number): string {
    if (depth > MAX_COMPILE_DEPTH) throw new FilterRunError(RunCodes.TooDeep, `The filter nests deeper than ${MAX_COMPILE_DEPTH} levels.`);
    switch (node.kind) {
      case "And":
      case "Or":
        if (!Array.isArray(node.operands) || node.operands.length === 0) throw new Error("An AND or OR node needs operands.");
        return `(${node.operands.map((o) => this.expression(o, depth + 1)).join(node.kind === "And" ? " AND " : " OR ")})`;
      case "Not":
        return `(NOT ${this.expression(node.operand, depth + 1)})`;
      case "IsNull": {
        const column = this.column(node.field);
        if (!column) return this.d.false;
        if (column.kind === "scalar") return `(${column.sql} IS NULL)`;
        const arrays = this.d.arrays!;
        return `(${column.sql} IS NULL OR EXISTS (SELECT 1 FROM ${arrays.elements(column.sql)} WHERE ${arrays.element(column.member, column.type)} IS NULL))`;
      }
      case "Comparison":
        return this.comparison(node);
      default:
        throw new Error(`Not an expression node: kind ${JSON.stringify((node as { kind?: unknown }).kind)}.`);
    }
  }

  private column(field: FieldNode): ResolvedColumn | undefined {
    checkedField(field);
    const resolved = resolveColumn(this.options.columns, field.path, this.d, schemaColumnType(this.schema, field.name));
    if ("problem" in resolved) {
      if (resolved.problem === "unmapped") this.report(field, RunCodes.UnmappedField, "error", `The field "${field.name}" has no column: add it to the columns map.`);
      else this.report(field, RunCodes.InvalidColumn, "error", `The field "${field.name}" has no usable column: ${resolved.reason}.`);
      return undefined;
    }
    return resolved;
  }

  private comparison(node: ComparisonNode): string {
    const column = this.column(node.field);
    if (!column) return this.d.false;
    if (column.type === undefined && !this.untyped.has(node.field.name)) {
      this.untyped.add(node.field.name);
      this.report(node.field, RunCodes.UntypedField, "info", `"${node.field.name}" has no type (no schema field, no type in its column): ${this.d.name} decides how the value compares. Give a schema or a column type for exact comparisons.`);
    }
    if (column.kind === "scalar") return this.test(column.sql, column.type, column.json, node);
    // any element: true when one is, unknown when none is but one is unknown, else false
    const arrays = this.d.arrays!;
    const condition = this.test(arrays.element(column.member, column.type), column.type, true, node);
    const any = `(SELECT CASE WHEN ${arrays.any("c")} THEN ${this.d.true} WHEN count(*) > count(c) THEN NULL ELSE ${this.d.false} END FROM (SELECT ${condition} AS c FROM ${arrays.elements(column.sql)}) AS vf_elements)`;
    return `(CASE WHEN ${column.sql} IS NULL THEN NULL ELSE ${any} END)`;
  }

  /** `x OP literal` for one value `x` of a column of the given type (read from JSON or not). */
  private test(x: string, type: ColumnType | undefined, json: boolean, node: ComparisonNode): string {
    const literal = checkedLiteral(node.value);
    const operator = node.operator;
    if (operator === "CP") {
      if (type !== undefined && type !== "string") return this.constant(x, false, node, `CP compares text, and "${node.field.name}" is ${type}`);
      const mask = literal.kind === "Boolean" ? String(literal.value) : literal.value;
      return `(${this.d.cp(x, mask, this.options, (v) => this.bind(v))})`;
    }
    if (!(operator in SQL_OPERATORS)) throw new Error(`Unknown operator ${JSON.stringify(operator)}.`);
    const numericText = literal.kind === "Number" || (literal.kind === "String" && NUMBER_TEXT.test(literal.value));
    const numericColumn = type === "integer" || type === "number";
    if (literal.kind === "Boolean") {
      if (type !== undefined && type !== "boolean") return this.mismatch(x, operator, node, type);
      return `(${x} ${SQL_OPERATORS[operator]} ${this.d.booleanParameter(this.bind(this.d.boolean(literal.value)))})`;
    }
    if (numericText && (numericColumn || (type === undefined && literal.kind === "Number"))) return this.numeric(x, type, json, operator, normalizeNumber(literal.value), node);
    // (an untyped column got here only with text: a Number literal went to numeric above)
    if (type !== undefined && (literal.kind === "Number" || numericColumn || type === "boolean")) return this.mismatch(x, operator, node, type);
    // text
    return `(${this.d.textComparison(x, SQL_OPERATORS[operator], () => this.bind(literal.value))})`;
  }

  private numeric(x: string, type: ColumnType | undefined, json: boolean, operator: Exclude<CompareOperator, "CP">, decimal: string, node: ComparisonNode): string {
    const plan = planNumeric(this.d.name, type, json ? "json" : "column", operator, decimal);
    if (plan.kind === "constant") return this.constant(x, plan.value, node, `no ${type ?? "numeric"} value is ${operator} ${decimal}`);
    let value: unknown = plan.value;
    if (this.d.bindsNumbers) {
      const asNumber = Number(plan.value);
      value = plan.integer && !Number.isSafeInteger(asNumber) ? BigInt(plan.value) : asNumber;
    }
    const placeholder = this.bind(value);
    const typed = plan.double ? this.d.doubleParameter(placeholder) : plan.integer ? this.d.integerParameter(placeholder) : this.d.decimalParameter(placeholder);
    return `(${x} ${plan.operator} ${typed})`;
  }

  private mismatch(x: string, operator: CompareOperator, node: ComparisonNode, type: string): string {
    return this.constant(x, operator === "NE", node, `a ${node.value.kind.toLowerCase()} never equals a ${type} value`);
  }

  private constant(x: string, value: boolean, node: ComparisonNode, why: string): string {
    this.report(node, RunCodes.ConstantComparison, "info", `This condition is ${value ? "true" : "false"} for every row where "${node.field.name}" is not null (${why}).`);
    return nullAware(this.d, x, value);
  }

  // ---------------------------------------------------------------------------------------------
  // ORDER BY

  private orderBy(keys: readonly SortKeyNode[] | undefined): string {
    const idField = this.options.idField === undefined ? "id" : this.options.idField;
    const idKey: SortKeyNode | undefined = idField === null ? undefined : { kind: "SortKey", field: { kind: "Field", path: idField.split("."), name: idField }, direction: "asc" };
    const all = [...(keys ?? [])];
    if (idKey && !all.some((k) => k.field.name === idKey.field.name)) {
      const mapped = "kind" in resolveColumn(this.options.columns, idKey.field.path, this.d, undefined);
      if (mapped) all.push(idKey);
      else if (!keys || keys.length === 0) this.report(undefined, RunCodes.NoDefaultOrder, "warning", `No orderby and no "${idField}" column: rows come in the engine's order. Map "${idField}" in columns to sort by it.`);
    }
    return all.map((key) => this.sortKey(key)).filter((s) => s !== "").join(", ");
  }

  private sortKey(key: SortKeyNode): string {
    const column = this.column(key.field);
    if (!column) return "";
    if (column.kind === "array") {
      this.report(key, RunCodes.Unsupported, "error", `"${key.field.name}" holds a list; SQL cannot sort by it.`);
      return "";
    }
    const sql = column.type === "string" ? this.d.textKey(column.sql) : column.sql;
    return `${sql} ${key.direction === "desc" ? "DESC" : "ASC"}${this.d.nulls(key.direction)}`;
  }
}
