/**
 * The shape of a validation rule, and the context it checks a tree in.
 * @module
 */
import type { ResolvedField, Schema } from "../schema/schema.js";
import type { ComparisonNode, IsNullNode, QueryNode } from "../syntax/ast.js";
import type { Severity, TextEdit } from "../syntax/diagnostics.js";
import type { TreeIndex } from "./tree-index.js";

/** How a rule is configured: a severity, or `"off"` (`"warn"` is accepted for `"warning"`). */
export type RuleLevel = Severity | "off" | "warn";

/** Rule id → level, as in ESLint: `{ "no-mixed-and-or": "error", "keyword-case": "off" }`. */
export type RuleConfig = Readonly<Record<string, RuleLevel>>;

/** What a rule reports; the rule id, code and severity are added by the validator. */
export interface RuleReport {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fix?: { readonly title: string; readonly edits: readonly TextEdit[] };
}

/** What a rule sees. */
export interface RuleContext {
  readonly query: QueryNode;
  /** The schema, for rules that need one (they are not run without). */
  readonly schema: Schema | undefined;
  /** The nodes of the tree, collected once for every rule. */
  readonly index: TreeIndex;
  /** The conditions whose field the schema declares, with that field (resolved once for every rule). */
  readonly known: readonly { readonly node: ComparisonNode | IsNullNode; readonly field: ResolvedField }[];
  /** The text the query was parsed from, when it was parsed (fixes that copy text need it). */
  readonly input: string | undefined;
  /** Writes decoded filter text the way the parameter holding raw offset `at` is encoded. */
  spell(text: string, at: number): string;
  report(report: RuleReport): void;
}

/** A validation rule: one check, with an id that is also its diagnostics' code. */
export interface Rule {
  /** Stable id, also the diagnostic code (see docs/validation.md). */
  readonly id: string;
  /** Severity when not configured. */
  readonly severity: Severity;
  /** One line: what it reports. */
  readonly description: string;
  /** Runs only when a schema is given. */
  readonly needsSchema?: boolean;
  /** A parser diagnostic code this rule takes over (one diagnostic, carrying the rule id). */
  readonly parserCode?: string;
  check(context: RuleContext): void;
}
