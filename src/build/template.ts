/**
 * The `where` tagged template: `where\`(name EQ ${name}) AND (id GT ${minId})\``. Interpolated
 * values always become literals (quoted and escaped strings, exact numbers, booleans, null), never
 * syntax; the template's own syntax is checked when it is called.
 * @module
 */
import type { Diagnostic } from "../syntax/diagnostics.js";
import { FilterSyntaxError } from "../syntax/filter-syntax-error.js";
import { finishDiagnostics } from "../syntax/location.js";
import { parseWhere } from "../syntax/parse.js";
import { Condition } from "./builder.js";
import { quote, type LiteralValue } from "./quote.js";

/**
 * The text pieces of a template: each as JavaScript cooks it, or as written when it holds an escape
 * JavaScript cannot cook (`'C:\users'`: `\u` starts no valid escape), which a tagged template
 * allows and which would otherwise be lost.
 */
function pieces(strings: TemplateStringsArray): string[] {
  return strings.raw.map((raw, i) => strings[i] ?? raw);
}

/**
 * Maps offsets in the assembled filter text back to the template as written, where each
 * interpolation shows as `${…}`.
 */
function remap(texts: readonly string[], literals: readonly string[]) {
  const display: string[] = [];
  const spans: { assembled: number; shown: number; length: number; literal: boolean; shownLength: number }[] = [];
  let assembled = 0;
  let shown = 0;
  texts.forEach((text, i) => {
    spans.push({ assembled, shown, length: text.length, literal: false, shownLength: text.length });
    display.push(text);
    assembled += text.length;
    shown += text.length;
    if (i < literals.length) {
      const placeholder = "${…}";
      spans.push({ assembled, shown, length: literals[i]!.length, literal: true, shownLength: placeholder.length });
      display.push(placeholder);
      assembled += literals[i]!.length;
      shown += placeholder.length;
    }
  });
  const map = (offset: number): number => {
    for (const span of spans) {
      if (offset < span.assembled || offset > span.assembled + span.length) continue;
      if (!span.literal) return span.shown + (offset - span.assembled);
      // inside a value or at its end (its start is the end of the text before it, mapped above)
      return span.shown + span.shownLength;
    }
    return shown;
  };
  return { source: display.join(""), map };
}

/**
 * Builds a WHERE condition from a template; interpolated values are literals. Throws
 * {@link FilterSyntaxError} when the template's own text is not a valid filter (its diagnostics and
 * code frame point into the template, each value shown as `${…}`), and `FilterValueError` for values
 * with no literal (NaN, Infinity, lone surrogates). A text piece holding an escape JavaScript cannot
 * cook (`'C:\users'`: `\u` with no hex digits) is taken as written.
 *
 * ```ts
 * where`(name EQ ${"O'Brien"}) AND (id GT ${10})`.toString()  // "(name EQ 'O''Brien') AND (id GT 10)"
 * ```
 */
export function where(strings: TemplateStringsArray, ...values: LiteralValue[]): Condition {
  const literals = values.map(quote);
  const texts = pieces(strings);
  // each value between the text before it and the text after it
  const text = texts.map((piece, i) => piece + (literals[i] ?? "")).join("");
  const { where: node, diagnostics } = parseWhere(text);
  const problems = diagnostics.filter((d) => d.severity === "error");
  if (problems.length > 0 || node === undefined) {
    const { source, map } = remap(texts, literals);
    const moved: Diagnostic[] = finishDiagnostics(
      source,
      // fixes edit the assembled text, not the template, so they are left out
      diagnostics.map(({ code, severity, message, start, end }) => ({ code, severity, message, start: map(start), end: map(end) })),
    );
    throw new FilterSyntaxError(source, moved.length > 0 ? moved : [{ code: "missing-condition", severity: "error", message: "The template holds no condition.", start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 }]);
  }
  return new Condition(node);
}
