/**
 * Saved-search migration: rename fields and values, follow schema deprecations, drop conditions,
 * and write the result as edits against the caller's own text, so everything the migration does
 * not touch keeps its spelling (`+`, `%20`, `%27`, keyword case, brackets, spacing).
 *
 * Decisions (documented in {@link MigrateOptions}):
 * - A field name in the options stands for that field **and every path under it**: renaming
 *   `cluster` → `cluster_ref` also turns `cluster.name` into `cluster_ref.name`. Names match whole
 *   dot-separated segments (`clusters` is not under `cluster`); the longest matching name wins.
 * - Order: conditions are dropped first (the predicate sees the condition as parsed), then the
 *   remaining field names are renamed (explicit renames, then schema deprecations, followed until
 *   a field that is not deprecated), then string values are renamed.
 * - Input with any parse error is not migrated: no edits, `output` is the input, `canonical` is
 *   undefined, and the parse diagnostics are returned.
 * @module
 */
import type { IToken } from "chevrotain";
import type { ComparisonNode, Expression, IsNullNode, QueryNode } from "../syntax/ast.js";
import { hasErrors, type Diagnostic, type DiagnosticDraft, type TextEdit } from "../syntax/diagnostics.js";
import { finishDiagnostics } from "../syntax/location.js";
import { parse, type ParseOptions } from "../syntax/parse.js";
import { sourceOf, spellingAt, type ParameterSource } from "../syntax/source.js";
import { isFieldName } from "../syntax/tokens.js";
import { findQuery, rawOffset, spell, splitSegments } from "../syntax/url.js";
import { format, quoteString } from "../print/format.js";
import { applyTextEdits } from "../validate/fixes.js";
import type { Schema } from "../schema/schema.js";

/** The diagnostic codes `migrate` adds to the parser's. */
export const MigrateCodes = {
  /** A deprecated field (per the schema) was replaced by the field the schema names (info). */
  DeprecatedFieldMigrated: "deprecated-field-migrated",
  /** A deprecated field whose schema entry names no usable replacement was left as is (warning). */
  DeprecatedFieldKept: "deprecated-field-kept",
  /** The migrated text did not parse back cleanly; nothing was changed (error). */
  MigrationFailed: "migration-failed",
} as const;

/** What a {@link DropPredicate} is told about a condition beside its node. */
export interface DropContext {
  /** The field name after renames and deprecations (the node keeps the name as written). */
  readonly field: string;
  /** True for `field IS NOT null` (the node is then the `IsNull` inside the negation). */
  readonly negated: boolean;
}

/** Decides whether a condition is dropped; it sees the node as parsed (original names, `loc`). */
export type DropPredicate = (condition: ComparisonNode | IsNullNode, context: DropContext) => boolean;

/** Options of {@link migrate} and {@link migrateAll}. */
export interface MigrateOptions {
  /**
   * Old field name → new field name, in WHERE conditions and ORDERBY keys. A name also renames
   * every path under it (`{ cluster: "cluster_ref" }` turns `cluster.name` into
   * `cluster_ref.name`); the longest matching name wins, so `{ cluster: "c", "cluster.name": "cn" }`
   * renames `cluster.name` to `cn` and `cluster.id` to `c.id`. New names must be valid field names.
   */
  readonly renameFields?: Readonly<Record<string, string>>;
  /**
   * Field → (old string value → new string value). Replaces string literals compared with that
   * field (any operator; exact, case-sensitive match on the decoded value), written quoted and
   * encoded the way the parameter is. The field is matched exactly (no paths under it), by its
   * name as written first, then by its migrated name.
   */
  readonly renameValues?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Conditions to remove: a predicate, or field names (a name also covers the paths under it,
   * matched against the name as written and the migrated name). Removing a condition removes its
   * joining AND/OR, a NOT or bracket group left empty, and the whole `where=` parameter (or the
   * whole bare expression) when nothing is left.
   */
  readonly dropConditions?: DropPredicate | readonly string[];
  /**
   * Fields the schema marks `deprecated: { replacement }` are replaced by the replacement (an
   * info diagnostic each); deprecated without a usable replacement: left as is, with a warning.
   * Also used by `format` for the canonical text (quoted numbers on numeric fields unquoted).
   */
  readonly schema?: Schema;
  /** Passed to `parse` for the input and for the check parse of the output. */
  readonly parseOptions?: ParseOptions;
}

/** The result of {@link migrate}. */
export interface MigrateResult {
  /** The input with {@link edits} applied; the input itself when it was not migrated. */
  readonly output: string;
  /** `format` of the migrated tree; undefined when the input has errors (or migration failed). */
  readonly canonical: string | undefined;
  /** Replacements against the original input, sorted by position, never overlapping. */
  readonly edits: readonly TextEdit[];
  /** The parse diagnostics of the input, then what migration reports, sorted by position in the input. */
  readonly diagnostics: Diagnostic[];
  /** The migrated tree (parsed from `output`); the input's (possibly partial) tree when not migrated. */
  readonly query: QueryNode;
}

// ---------------------------------------------------------------------------------------------
// Options, compiled once

interface NameStep {
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

interface MigratedName {
  readonly name: string;
  /** Deprecations followed, in order. */
  readonly steps: readonly NameStep[];
  /** A deprecated field left as is (no usable replacement). */
  readonly kept?: { readonly field: string; readonly why: string };
}

interface Compiled {
  readonly renameFields: ReadonlyMap<string, string>;
  readonly renameValues: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly drop: DropPredicate | undefined;
  readonly schema: Schema | undefined;
  readonly parseOptions: ParseOptions | undefined;
}

function ownEntries<T>(record: Readonly<Record<string, T>> | undefined, what: string): [string, T][] {
  if (record === undefined) return [];
  if (record === null || typeof record !== "object") throw new TypeError(`migrate: ${what} must be an object`);
  return Object.keys(record).map((key) => [key, record[key]!]);
}

/** The longest name of `names` that is `name` or a dotted prefix of it, or undefined. */
function longestPrefix(name: string, has: (prefix: string) => boolean): string | undefined {
  let end = name.length;
  for (;;) {
    const prefix = name.slice(0, end);
    if (has(prefix)) return prefix;
    end = name.lastIndexOf(".", end - 1);
    if (end <= 0) return undefined;
  }
}

function compile(options: MigrateOptions): Compiled {
  if (options === null || typeof options !== "object") throw new TypeError("migrate: options must be an object");
  const renameFields = new Map<string, string>();
  for (const [from, to] of ownEntries(options.renameFields, "renameFields")) {
    if (typeof to !== "string" || !isFieldName(to)) throw new TypeError(`migrate: renameFields['${from}'] is not a field name: ${String(to)}`);
    renameFields.set(from, to);
  }
  const renameValues = new Map<string, Map<string, string>>();
  for (const [field, values] of ownEntries(options.renameValues, "renameValues")) {
    const map = new Map<string, string>();
    for (const [from, to] of ownEntries(values, `renameValues['${field}']`)) {
      if (typeof to !== "string") throw new TypeError(`migrate: renameValues['${field}']['${from}'] must be a string`);
      map.set(from, to);
    }
    renameValues.set(field, map);
  }
  let drop: DropPredicate | undefined;
  const dropOption = options.dropConditions;
  if (typeof dropOption === "function") drop = dropOption;
  else if (Array.isArray(dropOption)) {
    const names = new Set<string>();
    for (const name of dropOption as readonly unknown[]) {
      if (typeof name !== "string") throw new TypeError("migrate: dropConditions must list field names (strings)");
      names.add(name);
    }
    const covered = (name: string) => longestPrefix(name, (p) => names.has(p)) !== undefined;
    drop = (condition, context) => covered(condition.field.name) || covered(context.field);
  } else if (dropOption !== undefined) throw new TypeError("migrate: dropConditions must be a function or a list of field names");
  return { renameFields, renameValues, drop, schema: options.schema, parseOptions: options.parseOptions };
}

/** How many deprecations are followed from one name before stopping (guards against cycles). */
const MAX_DEPRECATION_STEPS = 16;

function migrateName(name: string, compiled: Compiled): MigratedName {
  let current = name;
  const renamed = longestPrefix(current, (p) => compiled.renameFields.has(p));
  if (renamed !== undefined) current = compiled.renameFields.get(renamed)! + current.slice(renamed.length);
  const schema = compiled.schema;
  if (schema === undefined) return { name: current, steps: [] };
  const steps: NameStep[] = [];
  const seen = new Set([current]);
  for (let i = 0; i < MAX_DEPRECATION_STEPS; i++) {
    const prefix = longestPrefix(current, (p) => schema.field(p)?.deprecated !== undefined);
    if (prefix === undefined) break;
    const deprecated = schema.field(prefix)!.deprecated!;
    const replacement = deprecated.replacement;
    const reason = deprecated.reason;
    if (replacement === undefined || !isFieldName(replacement)) {
      const why = replacement === undefined ? "the schema names no replacement" : `its replacement '${replacement}' is not a field name`;
      return { name: current, steps, kept: { field: prefix, why: reason === undefined ? why : `${reason}; ${why}` } };
    }
    const next = replacement + current.slice(prefix.length);
    if (seen.has(next)) break;
    seen.add(next);
    steps.push({ from: prefix, to: replacement, ...(reason !== undefined ? { reason } : {}) });
    current = next;
  }
  return { name: current, steps };
}

// ---------------------------------------------------------------------------------------------
// The WHERE text as written: a concrete tree over the parameter's tokens, with raw offsets

interface RawToken {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

interface ConditionText {
  readonly kind: "condition";
  readonly start: number;
  readonly end: number;
  /** Raw start of the field token: the key of the condition's AST node. */
  readonly field: number;
  readonly negated: boolean;
}

interface GroupText {
  readonly kind: "group";
  readonly start: number;
  readonly end: number;
  readonly inner: ChainText;
}

interface NotText {
  readonly kind: "not";
  readonly start: number;
  readonly end: number;
  readonly operand: PrimaryText;
}

type PrimaryText = ConditionText | GroupText | NotText;

/** `operands[0] ops[0] operands[1] …`; AND binds tighter than OR. */
interface ChainText {
  readonly operands: readonly PrimaryText[];
  readonly ops: readonly RawToken[];
}

class MigrationBug extends Error {}

/**
 * What the migration takes for granted about a filter that parsed without errors (its tokens follow
 * the grammar, every condition has its node). Never false unless the migration has a bug, which
 * `run` then reports as a failed migration instead of writing a wrong text.
 */
function invariant(condition: boolean, what: string): asserts condition {
  if (!condition) throw new MigrationBug(what);
}

/** Reads the tokens of a WHERE value that parsed without errors (the grammar of parser.ts). */
class WhereReader {
  private at = 0;

  constructor(private readonly tokens: readonly RawToken[]) {}

  static read(parameter: ParameterSource): ChainText {
    const tokens = parameter.tokens.map((t: IToken) => ({
      type: t.tokenType.name,
      start: rawOffset(parameter.decoded, t.startOffset),
      end: rawOffset(parameter.decoded, t.startOffset + t.image.length),
    }));
    const reader = new WhereReader(tokens);
    const chain = reader.chain();
    invariant(reader.at === tokens.length, "WHERE tokens left over");
    return chain;
  }

  private next(): RawToken {
    const token = this.tokens[this.at++];
    invariant(token !== undefined, "WHERE ended early");
    return token;
  }

  private peek(): string | undefined {
    return this.tokens[this.at]?.type;
  }

  chain(): ChainText {
    const operands = [this.primary()];
    const ops: RawToken[] = [];
    while (this.peek() === "AND" || this.peek() === "OR") {
      ops.push(this.next());
      operands.push(this.primary());
    }
    return { operands, ops };
  }

  private primary(): PrimaryText {
    const first = this.next();
    if (first.type === "NOT") {
      const operand = this.primary();
      return { kind: "not", start: first.start, end: operand.end, operand };
    }
    if (first.type === "LParen") {
      const inner = this.chain();
      const close = this.next();
      invariant(close.type === "RParen", "')' expected");
      return { kind: "group", start: first.start, end: close.end, inner };
    }
    const operator = this.next();
    let last: RawToken;
    let negated = false;
    if (operator.type === "IS") {
      if (this.peek() === "NOT") {
        this.next();
        negated = true;
      }
      last = this.next();
      invariant(last.type === "NULL", "null expected");
    } else last = this.next();
    return { kind: "condition", start: first.start, end: last.end, field: first.start, negated };
  }
}

// ---------------------------------------------------------------------------------------------
// migrate

type Condition = ComparisonNode | IsNullNode;

function collectConditions(node: Expression, out: Map<number, Condition>): void {
  switch (node.kind) {
    case "Comparison":
    case "IsNull":
      out.set(node.loc!.start, node);
      return;
    case "Not":
      collectConditions(node.operand, out);
      return;
    case "And":
    case "Or":
      for (const operand of node.operands) collectConditions(operand, out);
  }
}

class Migration {
  readonly edits: TextEdit[] = [];
  readonly drafts: DiagnosticDraft[] = [];
  private readonly names = new Map<string, MigratedName>();
  private readonly removed = new Map<PrimaryText, boolean>();

  constructor(
    private readonly query: QueryNode,
    private readonly compiled: Compiled,
    private readonly conditions: ReadonlyMap<number, Condition>,
  ) {}

  name(name: string): MigratedName {
    let migrated = this.names.get(name);
    if (migrated === undefined) {
      migrated = migrateName(name, this.compiled);
      this.names.set(name, migrated);
    }
    return migrated;
  }

  private condition(text: ConditionText): Condition {
    const node = this.conditions.get(text.field);
    invariant(node !== undefined, "condition without node");
    return node;
  }

  /** Whether a primary goes away: a dropped condition, or a NOT / group with nothing left. */
  isRemoved(primary: PrimaryText): boolean {
    let removed = this.removed.get(primary);
    if (removed === undefined) {
      if (primary.kind === "condition") {
        const drop = this.compiled.drop;
        const node = this.condition(primary);
        removed = drop !== undefined && Boolean(drop(node, { field: this.name(node.field.name).name, negated: primary.negated }));
      } else if (primary.kind === "not") removed = this.isRemoved(primary.operand);
      else removed = primary.inner.operands.every((operand) => this.isRemoved(operand));
      this.removed.set(primary, removed);
    }
    return removed;
  }

  private delete(start: number, end: number): void {
    if (end > start) this.edits.push({ start, end, newText: "" });
  }

  /** Edits for a chain of which at least one operand stays. */
  chain(chain: ChainText): void {
    const { operands, ops } = chain;
    const kept: number[] = [];
    for (let i = 0; i < operands.length; i++) if (!this.isRemoved(operands[i]!)) kept.push(i);
    const first = kept[0]!;
    const last = kept[kept.length - 1]!;
    const n = operands.length;
    // leading and trailing operands go with the operator after / before them
    if (first > 0) this.delete(operands[0]!.start, operands[first]!.start);
    if (last < n - 1) this.delete(operands[last]!.end, operands[n - 1]!.end);
    for (let j = 1; j < kept.length; j++) {
      const a = kept[j - 1]!;
      const b = kept[j]!;
      if (b === a + 1) continue;
      // Between two kept operands one operator stays: AND when they are in one AND group (all
      // operators between are AND), else the last OR between them. Deleting from operator start
      // to operator start, and operator end to operator end, keeps every token boundary the same
      // kind as before (a keyword next to what was next to a keyword).
      let k = b - 1;
      for (let i = b - 1; i >= a; i--) {
        if (ops[i]!.type === "OR") {
          k = i;
          break;
        }
      }
      this.delete(ops[a]!.start, ops[k]!.start);
      this.delete(ops[k]!.end, ops[b - 1]!.end);
    }
    for (const i of kept) this.primary(operands[i]!);
  }

  /** Edits inside a primary that stays, and renames of its conditions. */
  private primary(primary: PrimaryText): void {
    if (primary.kind === "not") this.primary(primary.operand);
    else if (primary.kind === "group") this.chain(primary.inner);
    else {
      const node = this.condition(primary);
      this.renameField(node.field);
      if (node.kind === "Comparison" && node.value.kind === "String") this.renameValue(node);
    }
  }

  renameField(field: { readonly name: string; readonly loc?: { readonly start: number; readonly end: number } }): void {
    const loc = field.loc!;
    const migrated = this.name(field.name);
    for (const step of migrated.steps) {
      this.drafts.push({
        code: MigrateCodes.DeprecatedFieldMigrated,
        severity: "info",
        message: `'${step.from}' is deprecated${step.reason ? ` (${step.reason})` : ""}; migrated to '${step.to}'.`,
        start: loc.start,
        end: loc.end,
      });
    }
    if (migrated.kept !== undefined) {
      this.drafts.push({
        code: MigrateCodes.DeprecatedFieldKept,
        severity: "warning",
        message: `'${migrated.kept.field}' is deprecated, but ${migrated.kept.why}; it was left as is.`,
        start: loc.start,
        end: loc.end,
      });
    }
    if (migrated.name !== field.name) this.edits.push({ start: loc.start, end: loc.end, newText: spell(migrated.name, spellingAt(this.query, loc.start)) });
  }

  private renameValue(node: ComparisonNode): void {
    const values = this.compiled.renameValues;
    if (values.size === 0) return;
    const map = values.get(node.field.name) ?? values.get(this.name(node.field.name).name);
    const value = node.value.value as string;
    if (map === undefined || !map.has(value)) return;
    const replacement = map.get(value)!;
    if (replacement === value) return;
    const loc = node.value.loc!;
    this.edits.push({ start: loc.start, end: loc.end, newText: spell(quoteString(replacement), spellingAt(this.query, loc.start)) });
  }

  /** Removes the whole WHERE: the `where=` segment in URL form, everything in a bare expression. */
  removeWhere(input: string, where: ParameterSource): void {
    if (this.query.form === "expression") {
      this.delete(0, input.length);
      return;
    }
    const bounds = findQuery(input);
    invariant(bounds !== null, "no query found");
    const segment = splitSegments(input, bounds).find((s) => s.valueStart === where.decoded.base);
    invariant(segment !== undefined, "where segment not found");
    let start = segment.start;
    let end = segment.end;
    if (end < bounds.end && input.charCodeAt(end) === 38 /* & */) end++;
    else if (start > bounds.start && input.charCodeAt(start - 1) === 38) start--;
    const rest = input.slice(bounds.start, start) + input.slice(end, bounds.end);
    if (/^&*$/.test(rest)) {
      // nothing left in the query: drop its `?` too when the text before it still reads as a URL
      start = bounds.start;
      end = bounds.end;
      if (start > 0 && input.charCodeAt(start - 1) === 63 /* ? */) {
        const withoutMark = input.slice(0, start - 1) + input.slice(end);
        if (withoutMark === "" || findQuery(withoutMark) !== null) start--;
      }
    }
    this.delete(start, end);
  }
}

function notMigrated(input: string, query: QueryNode, diagnostics: Diagnostic[]): MigrateResult {
  return { output: input, canonical: undefined, edits: [], diagnostics, query };
}

function run(input: string, compiled: Compiled): MigrateResult {
  const parsed = parse(input, compiled.parseOptions);
  if (hasErrors(parsed.diagnostics)) return notMigrated(input, parsed.query, parsed.diagnostics);
  const query = parsed.query;
  const formatOptions = compiled.schema ? { schema: compiled.schema } : undefined;
  const whereSource = sourceOf(query)?.parameters.find((p) => p.parameter === "where");
  const conditions = new Map<number, Condition>();
  if (query.where) collectConditions(query.where, conditions);
  const migration = new Migration(query, compiled, conditions);
  try {
    if (query.where && whereSource) {
      const chain = WhereReader.read(whereSource);
      if (chain.operands.every((operand) => migration.isRemoved(operand))) migration.removeWhere(input, whereSource);
      else migration.chain(chain);
    }
    for (const key of query.orderBy?.keys ?? []) migration.renameField(key.field);
  } catch (error) {
    if (!(error instanceof MigrationBug)) throw error;
    return failed(input, query, parsed.diagnostics, `the filter could not be read for migration (${error.message}); please report it`);
  }
  // every edit replaces at least one character, so two with the same start overlap whatever their order
  const edits = migration.edits.sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i]!.start < edits[i - 1]!.end) return failed(input, query, parsed.diagnostics, "two edits overlap; please report it");
  }
  const diagnostics = migration.drafts.length === 0 ? parsed.diagnostics : finishDiagnostics(input, [...parsed.diagnostics, ...migration.drafts]);
  if (edits.length === 0) return { output: input, canonical: format(query, formatOptions), edits, diagnostics, query };
  const output = applyTextEdits(input, edits);
  const check = parse(output, compiled.parseOptions);
  const firstError = check.diagnostics.find((d) => d.severity === "error");
  if (firstError !== undefined) return failed(input, query, parsed.diagnostics, `the migrated text does not parse: ${firstError.message}`);
  return { output, canonical: format(check.query, formatOptions), edits, diagnostics, query: check.query };
}

function failed(input: string, query: QueryNode, parseDiagnostics: readonly Diagnostic[], why: string): MigrateResult {
  const draft: DiagnosticDraft = {
    code: MigrateCodes.MigrationFailed,
    severity: "error",
    message: `Not migrated: ${why}.`,
    start: 0,
    end: input.length,
  };
  return notMigrated(input, query, finishDiagnostics(input, [...parseDiagnostics, draft]));
}

/**
 * Migrates one saved filter (URL, query string or bare expression): renames fields and values,
 * replaces fields the schema deprecates, drops conditions. The changes are `edits` against
 * `input`, so untouched text keeps its spelling; `output` is `input` with them applied, and
 * `canonical` the canonical text of the result. Input with a parse error is returned unchanged
 * with its diagnostics (and `canonical` undefined). Throws TypeError on invalid options (a new
 * name that is no field name) or a non-string input.
 *
 * ```ts
 * migrate("where=(cluster+EQ+3)+AND+(state+EQ+'on')", { renameFields: { cluster: "cluster_ref" }, renameValues: { state: { on: "active" } } }).output
 * // "where=(cluster_ref+EQ+3)+AND+(state+EQ+'active')"
 * ```
 */
export function migrate(input: string, options: MigrateOptions = {}): MigrateResult {
  if (typeof input !== "string") throw new TypeError(`migrate() takes a string, got ${typeof input}`);
  return run(input, compile(options));
}

// ---------------------------------------------------------------------------------------------
// migrateAll

/** One migrated item of {@link migrateAll}. */
export interface MigrationItem {
  /** Position in the input sequence, from 0. */
  readonly index: number;
  readonly input: string;
  readonly output: string;
  readonly canonical: string | undefined;
  readonly edits: readonly TextEdit[];
  /** `output !== input`. */
  readonly changed: boolean;
  readonly diagnostics: Diagnostic[];
}

/** Counts of a {@link migrateAll} run. */
export interface MigrationSummary {
  /** Items read. */
  readonly total: number;
  /** Items migrated (no error), changed or not: `total - failed`. */
  readonly converted: number;
  /** Converted items whose output differs from their input. */
  readonly changed: number;
  /** Items not migrated: a parse error in the input, or a migration that failed its check. */
  readonly failed: number;
}

/** The stream {@link migrateAll} returns: iterate it once, then ask for its {@link MigrationSummary}. */
export interface MigrationStream extends AsyncIterable<MigrationItem> {
  /** The counts so far: final once iteration has finished (partial while it runs). */
  summary(): MigrationSummary;
}

/**
 * Migrates a stream of saved filters one at a time (constant memory: one item is held at once),
 * with the same options for all (compiled and checked once, so invalid options throw here).
 * The returned stream can be iterated once; `summary()` gives the counts.
 *
 * ```ts
 * const stream = migrateAll(rows(), { renameFields: { cluster: "cluster_ref" } });
 * for await (const item of stream) if (item.changed) await save(item.index, item.output);
 * stream.summary(); // { total, converted, changed, failed }
 * ```
 */
export function migrateAll(items: Iterable<string> | AsyncIterable<string>, options: MigrateOptions = {}): MigrationStream {
  const compiled = compile(options);
  let total = 0;
  let changed = 0;
  let failed = 0;
  let started = false;
  async function* generate(): AsyncGenerator<MigrationItem, void, undefined> {
    let index = 0;
    for await (const input of items) {
      if (typeof input !== "string") throw new TypeError(`migrateAll: item ${index} is not a string (${typeof input})`);
      const result = run(input, compiled);
      const ok = !hasErrors(result.diagnostics);
      const isChanged = result.output !== input;
      total++;
      if (!ok) failed++;
      else if (isChanged) changed++;
      yield {
        index: index++,
        input,
        output: result.output,
        canonical: result.canonical,
        edits: result.edits,
        changed: isChanged,
        diagnostics: result.diagnostics,
      };
    }
  }
  return {
    [Symbol.asyncIterator]() {
      if (started) throw new TypeError("migrateAll: a migration stream can be iterated only once");
      started = true;
      return generate();
    },
    summary: () => ({ total, converted: total - failed, changed, failed }),
  };
}
