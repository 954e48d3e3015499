/**
 * Checking one filter literal: vmfilter's diagnostics and the canonical form, as reports placed
 * in the file, with their fixes as file edits. Knows nothing of ESLint's API (the rule turns these
 * reports into `context.report` calls).
 * @module
 */
import { formatText } from "../editor/format-text.js";
import type { Diagnostic, TextEdit } from "../syntax/diagnostics.js";
import { analyze } from "../validate/analyze.js";
import { isSafeFix } from "../validate/fixes.js";
import type { FilterEdit, FilterLiteral, SourceEdit, SourceRange } from "./literal.js";
import { isReported, type ResolvedOptions } from "./options.js";
import { dropValueDependent, quotedHoles, showHoles, splitAtHoles } from "./placeholders.js";

/** The messages of the rule, by id. */
export const MESSAGES = {
  diagnostic: "{{message}} ({{code}})",
  notCanonical: "This filter is not in canonical form; canonical: {{canonical}}",
  applyFix: "{{title}}",
  quotedValue:
    "{{expression}} is inside quotes, but the where template quotes each ${} value itself (a string's own quotes would end this one at run time); interpolate the whole value instead.",
  notAnExpression: "The where template takes a WHERE expression, not a query string or URL; it throws on this text at run time.",
  internalError: "vmfilter could not check this filter ({{message}}); please report it.",
} as const;

/** A message id of the rule. */
export type MessageId = keyof typeof MESSAGES;

/** An alternative fix offered to the user (an ESLint suggestion). */
export interface Suggestion {
  readonly messageId: "applyFix";
  readonly data: { readonly title: string };
  readonly edits: readonly SourceEdit[];
}

/** One problem to report, placed in the file. */
export interface LiteralReport {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string>>;
  readonly range: SourceRange;
  /** Applied by `eslint --fix`. */
  readonly fix?: readonly SourceEdit[];
  readonly suggestions?: readonly Suggestion[];
}

/**
 * How a literal's text is read: `"template"` for a tagged `where` template (a bare WHERE
 * expression whose `${}` are values), `"string"` for any other filter (a URL, a query string or a
 * bare expression, as `analyze` reads it).
 */
export type LiteralMode = "template" | "string";

/** Longest canonical text a message shows. */
const SHOWN_LENGTH = 80;

function shorten(text: string): string {
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** Codes not reported in a template: advice about query strings, which a template is not. */
const NOT_IN_TEMPLATES: ReadonlySet<string> = new Set(["looks-url-encoded"]);

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The one edit turning `before` into `after`: their common prefix and suffix kept (never splitting
 * a surrogate pair). Undefined when they are equal.
 * @internal exported for its tests
 */
export function minimalEdit(before: string, after: string, offset: number): FilterEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const most = Math.min(before.length, after.length);
  while (prefix < most && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < most - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(before.charCodeAt(before.length - suffix))) suffix--;
  return { start: offset + prefix, end: offset + before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

/** The text with whitespace outside quoted values made uniform: one space between words, none inside brackets. */
function layoutFree(text: string): string {
  let out = "";
  let inQuotes = false;
  let space = false;
  for (const ch of text) {
    if (!inQuotes && /\s/.test(ch)) {
      space = true;
      continue;
    }
    if (space && out !== "" && !out.endsWith("(") && ch !== ")") out += " ";
    space = false;
    if (ch === "'") inQuotes = !inQuotes;
    out += ch;
  }
  return out;
}

/** The canonical form's text as shown in a message: the template's `${…}` shown as written. */
function shownCanonical(pieces: readonly string[], literal: FilterLiteral): string {
  const holes = literal.holes;
  return shorten(pieces.map((piece, i) => piece + (holes[i]?.label ?? "")).join(""));
}

/** The report of a text not in canonical form, with the edits that write it; undefined when it is canonical. */
function canonicalReport(literal: FilterLiteral, options: ResolvedOptions): LiteralReport | undefined {
  const canonical = formatText(literal.text, options.schema ? { schema: options.schema } : {});
  if (canonical === undefined || canonical === literal.text) return undefined;
  // a filter laid out on several lines by hand is judged on its words, not its layout
  if (literal.text.includes("\n") && layoutFree(canonical) === layoutFree(literal.text)) return undefined;
  const pieces = splitAtHoles(canonical, literal);
  if (pieces === undefined) return undefined; // the placeholders did not survive formatting: nothing sure to say
  const texts = literal.parts.filter((p) => p.kind === "text");
  const edits: FilterEdit[] = [];
  texts.forEach((part, i) => {
    const edit = minimalEdit(part.decoded.cooked, pieces[i]!, part.start);
    if (edit) edits.push(edit);
  });
  // canonical !== text, and both are the pieces (or the parts' texts) joined with the same
  // placeholders: some piece differs, so there is at least one edit
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  const fix = literal.sourceEdits(edits);
  return { messageId: "notCanonical", data: { canonical: shownCanonical(pieces, literal) }, range: literal.sourceRange(start, end), ...(fix ? { fix } : {}) };
}

/** A vmfilter diagnostic as a report: its range in the file, its fix as a fix (safe) or a suggestion (a guess). */
function diagnosticReport(diagnostic: Diagnostic, literal: FilterLiteral): LiteralReport {
  const range = literal.sourceRange(diagnostic.start, diagnostic.end);
  const data = { message: showHoles(diagnostic.message, literal), code: diagnostic.code };
  const edits: readonly TextEdit[] = diagnostic.fix?.edits ?? [];
  const sourceEdits = edits.length > 0 ? literal.sourceEdits(edits) : undefined;
  if (sourceEdits === undefined) return { messageId: "diagnostic", data, range };
  if (isSafeFix(diagnostic)) return { messageId: "diagnostic", data, range, fix: sourceEdits };
  return { messageId: "diagnostic", data, range, suggestions: [{ messageId: "applyFix", data: { title: diagnostic.fix!.title }, edits: sourceEdits }] };
}

/** The diagnostics of a template's text, less those that depend on a `${}`'s value. */
function templateDiagnostics(literal: FilterLiteral, options: ResolvedOptions): Diagnostic[] | LiteralReport[] {
  const quoted = quotedHoles(literal);
  if (quoted.length > 0) {
    return quoted.map((hole): LiteralReport => ({ messageId: "quotedValue", data: { expression: hole.label }, range: [hole.sourceStart, hole.sourceEnd] }));
  }
  if (literal.text.trim() === "") {
    return [{ messageId: "diagnostic", data: { message: "The template holds no condition.", code: "missing-condition" }, range: literal.range }];
  }
  const { query, diagnostics } = analyze(literal.text, analyzeOptions(options));
  if (query.form === "url") return [{ messageId: "notAnExpression", data: {}, range: literal.contentRange }];
  return dropValueDependent(
    diagnostics.filter((d) => !NOT_IN_TEMPLATES.has(d.code)),
    query,
    literal,
  );
}

function analyzeOptions(options: ResolvedOptions) {
  return { ...(options.schema ? { schema: options.schema } : {}), ...(options.rules ? { rules: options.rules } : {}) };
}

function isReport(value: Diagnostic | LiteralReport): value is LiteralReport {
  return "messageId" in value;
}

/**
 * Everything to report about one filter literal: each vmfilter diagnostic at least as severe as
 * `minSeverity`, then (when `canonical` is on and the text parses) that it is not in canonical
 * form. Never throws on any text (an unexpected failure is itself reported, as `internalError`).
 */
export function checkLiteral(literal: FilterLiteral, mode: LiteralMode, options: ResolvedOptions): LiteralReport[] {
  try {
    const found = mode === "template" ? templateDiagnostics(literal, options) : analyze(literal.text, analyzeOptions(options)).diagnostics;
    const own = found.filter(isReport);
    if (own.length > 0) return own;
    const diagnostics = (found as Diagnostic[]).filter((d) => isReported(d.severity, options.minSeverity));
    const reports = diagnostics.map((d) => diagnosticReport(d, literal));
    if (options.canonical) {
      const canonical = canonicalReport(literal, options);
      if (canonical) reports.push(canonical);
    }
    return reports;
  } catch (error) {
    return [{ messageId: "internalError", data: { message: error instanceof Error ? error.message : String(error) }, range: literal.range }];
  }
}
