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
 * Maps offsets in the assembled filter text back to the template as written, where each
 * interpolation shows as `${…}`.
 */
function remap(strings: TemplateStringsArray, literals: readonly string[]) {
  const display: string[] = [];
  const spans: { assembled: number; shown: number; length: number; literal: boolean; shownLength: number }[] = [];
  let assembled = 0;
  let shown = 0;
  strings.raw.forEach((raw, i) => {
    const text = strings[i] ?? raw;
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
      return offset === span.assembled ? span.shown : span.shown + span.shownLength;
    }
    return shown;
  };
  return { source: display.join(""), map };
}

/**
 * Builds a WHERE condition from a template; interpolated values are literals. Throws
 * {@link FilterSyntaxError} when the template's own text is not a valid filter (its diagnostics and
 * code frame point into the template, each value shown as `${…}`), and `FilterValueError` for values
 * with no literal (NaN, Infinity, lone surrogates).
 *
 * ```ts
 * where`(name EQ ${"O'Brien"}) AND (id GT ${10})`.toString()  // "(name EQ 'O''Brien') AND (id GT 10)"
 * ```
 */
export function where(strings: TemplateStringsArray, ...values: LiteralValue[]): Condition {
  const literals = values.map(quote);
  let text = strings[0] ?? "";
  for (let i = 0; i < literals.length; i++) text += literals[i]! + (strings[i + 1] ?? "");
  const { where: node, diagnostics } = parseWhere(text);
  const problems = diagnostics.filter((d) => d.severity === "error");
  if (problems.length > 0 || node === undefined) {
    const { source, map } = remap(strings, literals);
    const moved: Diagnostic[] = finishDiagnostics(
      source,
      // fixes edit the assembled text, not the template, so they are left out
      diagnostics.map(({ code, severity, message, start, end }) => ({ code, severity, message, start: map(start), end: map(end) })),
    );
    throw new FilterSyntaxError(source, moved.length > 0 ? moved : [{ code: "missing-condition", severity: "error", message: "The template holds no condition.", start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 }]);
  }
  return new Condition(node);
}
