/**
 * `analyze`: parse and validate in one call.
 * @module
 */
import type { Schema } from "../schema/schema.js";
import type { Diagnostic } from "../syntax/diagnostics.js";
import { finishDiagnostics } from "../syntax/location.js";
import { parse, type ParseOptions, type ParseResult } from "../syntax/parse.js";
import { rules } from "./rules/index.js";
import { validateDrafts, type ValidateOptions } from "./validate.js";

/** Options of {@link analyze}: parse options, validate options and the schema. */
export interface AnalyzeOptions extends ParseOptions, ValidateOptions {
  readonly schema?: Schema;
}

const takenOver = new Set(rules.flatMap((rule) => (rule.parserCode ? [rule.parserCode] : [])));

/**
 * Parses and validates a filter: every diagnostic, sorted by position. Never throws on any string.
 * A parser warning that a rule also reports comes out once, from the rule (so turning the rule off
 * silences it).
 */
export function analyze(input: string, options: AnalyzeOptions = {}): ParseResult {
  const { query, diagnostics } = parse(input, options);
  const parserDrafts = diagnostics.filter((d: Diagnostic) => !takenOver.has(d.code));
  const ruleDrafts = validateDrafts(query, options.schema, options);
  return { query, diagnostics: finishDiagnostics(input, [...parserDrafts, ...ruleDrafts]) };
}
