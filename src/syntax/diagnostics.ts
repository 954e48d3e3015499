/**
 * Diagnostics: the single currency of problems in vmfilter.
 * @module
 */

/** How serious a diagnostic is. Only `"error"` makes a filter unusable. */
export type Severity = "error" | "warning" | "info" | "hint";

/** One text replacement against the caller's original input. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A mechanical repair for a diagnostic. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/**
 * The stable diagnostic codes of the syntax layer, each documented in `docs/diagnostics.md`.
 * Codes never change meaning; new ones may be added.
 */
export const SyntaxCodes = {
  /** The input is longer than `maxLength`. */
  InputTooLong: "input-too-long",
  /** Brackets and NOTs nest deeper than `maxDepth`. */
  NestingTooDeep: "nesting-too-deep",
  /** A UTF-16 surrogate without its partner. */
  LoneSurrogate: "lone-surrogate",
  /** A character that starts no token. */
  UnexpectedCharacter: "unexpected-character",
  /** A word with non-ASCII letters where a field name belongs. */
  InvalidFieldName: "invalid-field-name",
  /** A string literal without its closing quote. */
  UnterminatedString: "unterminated-string",
  /** The parser expected something else here. */
  UnexpectedToken: "unexpected-token",
  /** A `(` without its `)`. */
  MissingCloseBracket: "missing-close-bracket",
  /** A place where a condition must start (after AND, OR, NOT, `(`, or at the start) but none does. */
  MissingCondition: "missing-condition",
  /** A comparison operator with no value after it. */
  MissingValue: "missing-value",
  /** A field with no operator after it. */
  MissingOperator: "missing-operator",
  /** An operator spelled in another language (`=`, `!=`, `LIKE`…). */
  UnknownOperator: "unknown-operator",
  /** An unquoted word where a value belongs (`state EQ active`). */
  UnquotedValue: "unquoted-value",
  /** Number-like text the language does not allow (`1.`, `.5`, `1e5`). */
  InvalidNumber: "invalid-number",
  /** `EQ null` / `NE null` / `GT null`…: null is tested with `IS null`. */
  NullComparison: "null-comparison",
  /** A `%` not followed by two hex digits (kept literally). */
  InvalidPercentEscape: "invalid-percent-escape",
  /** A run of `%XX` escapes that is not valid UTF-8 (kept literally). */
  InvalidUtf8Escape: "invalid-utf8-escape",
  /** An escape that decodes to a control character inside a quoted value. */
  ControlCharacterEscape: "control-character-escape",
  /** A bare expression with errors that holds `%XX` escapes: probably a `where=` value pasted alone. */
  LooksUrlEncoded: "looks-url-encoded",
  /** A `#` fragment, dropped. */
  FragmentDropped: "fragment-dropped",
  /** `WHERE=`: a known parameter name not in lower case. */
  ParameterNameCase: "parameter-name-case",
  /** A known parameter given twice. */
  DuplicateParameter: "duplicate-parameter",
  /** An unknown parameter that looks like a typo of a known one. */
  MisspelledParameter: "misspelled-parameter",
  /** A URL-form query whose parameters are all unknown ones (`id=5`): nothing filters. */
  NoFilterParameters: "no-filter-parameters",
  /** A known parameter with no `=` or an empty value. */
  EmptyParameter: "empty-parameter",
  /** `limit=N`: one number, read as `0,N`. */
  LimitSingleNumber: "limit-single-number",
  /** A limit number that is negative, fractional or too large. */
  InvalidLimit: "invalid-limit",
  /** The parser failed in a way it did not foresee (a bug: please report it). */
  InternalError: "internal-error",
  /** ORDERBY with several keys (not known to be supported by servers). */
  MultipleSortKeys: "multiple-sort-keys",
} as const;

/** A syntax-layer diagnostic code. */
export type SyntaxCode = (typeof SyntaxCodes)[keyof typeof SyntaxCodes];

/**
 * A problem found in a filter, with its exact place.
 * `start`/`end` are UTF-16 offsets into the string the caller passed; `line`/`column` (1-based)
 * describe `start`, `endLine`/`endColumn` describe `end`.
 */
export interface Diagnostic {
  /** A stable code (see `docs/diagnostics.md`). */
  readonly code: string;
  readonly severity: Severity;
  /** Plain words: what was expected and what was found. */
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** A mechanical repair, when one is known. */
  readonly fix?: Fix;
  /** The lint rule that reported it, when it came from a rule. */
  readonly rule?: string;
}

/** A diagnostic before line and column are attached. */
export interface DiagnosticDraft {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fix?: Fix;
  readonly rule?: string;
}

/** True when any diagnostic in the list is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  for (const d of diagnostics) if (d.severity === "error") return true;
  return false;
}
