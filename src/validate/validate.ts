/**
 * `validate`: runs the rules (and the server limits) over a tree.
 * @module
 */
import type { ResolvedField, Schema } from "../schema/schema.js";
import type { ComparisonNode, IsNullNode, QueryNode } from "../syntax/ast.js";
import type { Diagnostic, DiagnosticDraft, Severity } from "../syntax/diagnostics.js";
import { finishDiagnostics } from "../syntax/location.js";
import { sourceOf, spellingAt } from "../syntax/source.js";
import { didYouMean, suggestionList } from "../syntax/suggest.js";
import { spell } from "../syntax/url.js";
import type { Rule, RuleConfig, RuleContext, RuleLevel } from "./rule.js";
import { rules as builtInRules } from "./rules/index.js";
import { indexTree, type TreeIndex } from "./tree-index.js";

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** Rule id → level (`"off"`, `"error"`, `"warning"`/`"warn"`, `"info"`, `"hint"`). */
  readonly rules?: RuleConfig;
  /** Largest LIMIT count the server accepts (`limit-too-large`). */
  readonly maxLimitCount?: number;
  /** Most conditions in one WHERE the server accepts (`too-many-conditions`). */
  readonly maxConditions?: number;
  /**
   * Deepest nesting of groups and NOTs the server accepts (`too-deep`). Named apart from the
   * parser's `maxDepth`, which stops parsing; this one reports a filter the parser read.
   */
  readonly maxNesting?: number;
}

/**
 * Codes the validator reports besides its rules: the server limits (they apply only when their
 * option is set), an unknown rule id in the configuration, and a rule that failed.
 */
export const LimitCodes = {
  LimitTooLarge: "limit-too-large",
  TooManyConditions: "too-many-conditions",
  TooDeep: "too-deep",
  UnknownRule: "unknown-rule",
  RuleFailed: "rule-failed",
} as const;

function levelOf(rule: Rule, config: RuleConfig | undefined): Severity | undefined {
  const level: RuleLevel | undefined = config && Object.prototype.hasOwnProperty.call(config, rule.id) ? config[rule.id] : undefined;
  if (level === undefined) return rule.severity;
  if (level === "off") return undefined;
  return level === "warn" ? "warning" : level;
}

function checkLimits(query: QueryNode, index: TreeIndex, options: ValidateOptions, drafts: DiagnosticDraft[]): void {
  const whereLoc = query.where?.loc ?? { start: 0, end: 0 };
  if (options.maxLimitCount !== undefined && query.limit && query.limit.count > options.maxLimitCount) {
    drafts.push({
      code: LimitCodes.LimitTooLarge,
      severity: "error",
      message: `The limit count ${query.limit.count} is above the ${options.maxLimitCount} rows this server returns at once.`,
      start: query.limit.loc?.start ?? 0,
      end: query.limit.loc?.end ?? 0,
    });
  }
  if (options.maxConditions !== undefined && index.conditions.length > options.maxConditions) {
    drafts.push({
      code: LimitCodes.TooManyConditions,
      severity: "error",
      message: `The filter has ${index.conditions.length} conditions; this server accepts at most ${options.maxConditions}.`,
      ...whereLoc,
    });
  }
  if (options.maxNesting !== undefined && index.depth > options.maxNesting) {
    drafts.push({
      code: LimitCodes.TooDeep,
      severity: "error",
      message: `The filter nests ${index.depth} level${index.depth === 1 ? "" : "s"} deep; this server accepts at most ${options.maxNesting}.`,
      ...whereLoc,
    });
  }
}

function checkConfig(config: RuleConfig | undefined, drafts: DiagnosticDraft[]): void {
  if (!config) return;
  const ids = builtInRules.map((r) => r.id);
  for (const id of Object.keys(config)) {
    if (ids.includes(id)) continue;
    drafts.push({
      code: LimitCodes.UnknownRule,
      severity: "warning",
      message: `There is no rule '${id}'; its setting is ignored.${didYouMean(suggestionList(id, ids))}`,
      start: 0,
      end: 0,
    });
  }
}

/** Runs every enabled rule over a query; the drafts of {@link validate}, before lines are attached. */
export function validateDrafts(query: QueryNode, schema: Schema | undefined, options: ValidateOptions = {}): DiagnosticDraft[] {
  const drafts: DiagnosticDraft[] = [];
  try {
    if (query === null || typeof query !== "object" || (query as { kind?: unknown }).kind !== "Query") throw new TypeError("it is not a Query node");
    runRules(query, schema, options, drafts);
  } catch (error) {
    // a tree that is not a tree (from untyped JavaScript, say): report it, never throw
    drafts.push({
      code: LimitCodes.RuleFailed,
      severity: "error",
      message: `This tree could not be validated (${error instanceof Error ? error.message : String(error)}).`,
      start: 0,
      end: 0,
    });
  }
  return drafts;
}

function runRules(query: QueryNode, schema: Schema | undefined, options: ValidateOptions, drafts: DiagnosticDraft[]): void {
  checkConfig(options.rules, drafts);
  const index = indexTree(query);
  const input = sourceOf(query)?.input;
  const known: { node: ComparisonNode | IsNullNode; field: ResolvedField }[] = [];
  if (schema) {
    for (const { node } of index.conditions) {
      const field = schema.field(node.field.name);
      if (field) known.push({ node, field });
    }
  }
  // one context for every rule; only the reporting rule and its severity change
  let rule: Rule = builtInRules[0]!;
  let severity: Severity = rule.severity;
  const context: RuleContext = {
    query,
    schema,
    index,
    known,
    input,
    spell: (text, at) => spell(text, spellingAt(query, at)),
    // a fix edits the text the tree was parsed from: a tree built in code (no locations) gets none
    report: (report) => {
      const { fix, ...rest } = report;
      drafts.push({ code: rule.id, rule: rule.id, severity, ...rest, ...(fix && query.loc !== undefined ? { fix } : {}) });
    },
  };
  for (const candidate of builtInRules) {
    if (candidate.needsSchema && schema === undefined) continue;
    const level = levelOf(candidate, options.rules);
    if (level === undefined) continue;
    rule = candidate;
    severity = level;
    try {
      rule.check(context);
    } catch (error) {
      // a rule meeting a tree it did not expect (hand-built, say) must not take validation down
      drafts.push({
        code: LimitCodes.RuleFailed,
        severity: "error",
        message: `The rule '${rule.id}' failed on this tree (${error instanceof Error ? error.message : String(error)}); please report it.`,
        start: 0,
        end: 0,
      });
    }
  }
  checkLimits(query, index, options, drafts);
}

/**
 * Checks a query against a schema (optional) and the lint rules; never throws. Works on partial
 * trees from broken input. Diagnostics carry their rule id; offsets point into the text the query
 * was parsed from (lines and columns too, when the query came from `parse`).
 */
export function validate(query: QueryNode, schema?: Schema, options: ValidateOptions = {}): Diagnostic[] {
  const drafts = validateDrafts(query, schema, options);
  const input = query !== null && typeof query === "object" ? sourceOf(query)?.input : undefined;
  return finishDiagnostics(input ?? "", drafts);
}

/** The built-in rules, for documentation and tooling. */
export { builtInRules as rules };
