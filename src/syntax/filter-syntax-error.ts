/**
 * The thrown form of syntax diagnostics.
 * @module
 */
import { frameWithIndex } from "./code-frame.js";
import type { Diagnostic } from "./diagnostics.js";
import { LineIndex } from "./location.js";

/**
 * Thrown by {@link canonicalize} (and other throwing conveniences) when the input has errors.
 * Carries every diagnostic; `toString()` shows each error with a code frame and caret.
 */
export class FilterSyntaxError extends Error {
  /** Every diagnostic of the input (errors and the rest). */
  readonly diagnostics: readonly Diagnostic[];
  /** The input the diagnostics point into. */
  readonly source: string;

  constructor(source: string, diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const first = errors[0] ?? diagnostics[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
    super(first ? `${first.message}${more}` : "Invalid filter");
    this.name = "FilterSyntaxError";
    this.diagnostics = diagnostics;
    this.source = source;
  }

  /** The message followed by a code frame for each error. */
  override toString(): string {
    const index = new LineIndex(this.source);
    const frames = this.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => `${d.code} at ${d.line}:${d.column}: ${d.message}\n${frameWithIndex(d, index)}`);
    return [`${this.name}: ${this.message}`, ...frames].join("\n\n");
  }
}
