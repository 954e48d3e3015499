/**
 * `getDiagnostics`: every problem of a filter as an editor shows it.
 * @module
 */
import type { Diagnostic } from "../syntax/diagnostics.js";
import { analyze } from "../validate/analyze.js";
import type { EditorOptions } from "./types.js";

/**
 * Every diagnostic of `text` (syntax, lint rules, and the schema's field checks when `schema` is
 * given), sorted by position, each with its exact range and, where one is known, its fix. Never
 * throws; the same answer as `analyze(text, options).diagnostics`.
 */
export function getDiagnostics(text: string, options: EditorOptions = {}): Diagnostic[] {
  return analyze(text, options).diagnostics;
}
