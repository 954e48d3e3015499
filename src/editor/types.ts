/**
 * The shapes the editor services answer with. Every offset is a UTF-16 index into the text the
 * caller passed (the same offsets as {@link Diagnostic}), so a web editor, a language server and
 * an ESLint rule can map them to their own positions.
 * @module
 */
import type { Schema } from "../schema/schema.js";
import type { Diagnostic, TextEdit } from "../syntax/diagnostics.js";
import type { ParseOptions } from "../syntax/parse.js";
import type { ValidateOptions } from "../validate/validate.js";

/** A span of the text: `start` inclusive, `end` exclusive, UTF-16 offsets. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Options shared by the editor services. */
export interface EditorOptions extends ParseOptions, ValidateOptions {
  /** The entity the filter is for: fields, types, enum values and descriptions come from it. */
  readonly schema?: Schema;
}

/** What a completion item completes, for its icon. */
export type CompletionKind =
  /** A field name or dotted path (`name`, `cluster.name`). */
  | "field"
  /** A comparison operator (`EQ`, `CP`) or `IS`. */
  | "operator"
  /** `AND`, `OR`, `NOT`, `null`, `NOT null`. */
  | "keyword"
  /** A value: an enum member, `true`/`false`, an opening quote. */
  | "value"
  /** A parameter name of the query string: `where=`, `orderby=`, `limit=`. */
  | "parameter"
  /** `asc` or `desc` in an orderby. */
  | "direction"
  /** Punctuation that closes or joins: `)`, `,`, `&`. */
  | "punctuation";

/** One completion proposal. */
export interface CompletionItem {
  /** What the list shows (`cluster.name`, `EQ`, `'active'`). */
  readonly label: string;
  readonly kind: CompletionKind;
  /** The text that replaces {@link range}, spelled the way the filter around it is written (encoded or not). */
  readonly insertText: string;
  /** The text the item replaces: the word being typed at the cursor, or an empty range at it. */
  readonly range: TextRange;
  /** One line beside the label: the field's type, the operator's meaning. */
  readonly detail?: string;
  /** Longer help in Markdown: the field's description, the operator's semantics. */
  readonly documentation?: string;
  /** Orders the list (compared as strings); items without it follow the list order. */
  readonly sortText?: string;
  /**
   * Where the cursor belongs after the insertion, as an offset into {@link insertText} (between the
   * quotes of `''`, between the `%` of a `'%%'` mask); absent: after the inserted text. An editor
   * with snippets turns it into a tab stop.
   */
  readonly cursorOffset?: number;
  /** The item is a field the schema marks deprecated (editors strike it through). */
  readonly deprecated?: boolean;
}

/** The answer of `getCompletions`. */
export interface CompletionList {
  /** The text the items replace (every item has the same range). */
  readonly range: TextRange;
  readonly items: readonly CompletionItem[];
}

/** The answer of `getHover`. */
export interface HoverInfo {
  /** The token or node hovered. */
  readonly range: TextRange;
  /** Markdown: a field's type and description, an operator's meaning, a literal's decoded value. */
  readonly contents: string;
}

/** What a code action does, in the terms of the LSP (`quickfix`, `source.fixAll`). */
export type CodeActionKind = "quickfix" | "source.fixAll";

/** A change the editor can offer: one diagnostic's fix, or all safe fixes at once. */
export interface CodeAction {
  readonly title: string;
  readonly kind: CodeActionKind;
  /** Edits against the text the diagnostics were computed on. */
  readonly edits: readonly TextEdit[];
  /** The diagnostics this action resolves. */
  readonly diagnostics: readonly Diagnostic[];
  /** The one an editor applies for "auto fix" (a fix that cannot change the meaning). */
  readonly isPreferred?: boolean;
}

/** The highlighting class of a token, named after the LSP's standard semantic token types. */
export type SemanticTokenType =
  /** A field name (LSP `property`). */
  | "property"
  /** A comparison operator or `IS` (LSP `operator`). */
  | "operator"
  /** `AND`, `OR`, `NOT`, `asc`, `desc` (LSP `keyword`). */
  | "keyword"
  /** A quoted string (LSP `string`). */
  | "string"
  /** A number (LSP `number`). */
  | "number"
  /** `true`, `false`, `null`, `NOT null` (LSP `enumMember`... spelled as values). */
  | "enumMember"
  /** A parameter name: `where`, `orderby`, `limit`, and unknown ones (LSP `parameter`). */
  | "parameter"
  /** Anything the lexer could not read (LSP has no such type; editors show it as plain text). */
  | "invalid";

/** A modifier of a semantic token. */
export type SemanticTokenModifier =
  /** A field the schema marks deprecated. */
  | "deprecated"
  /** A field the schema does not have. */
  | "unknown";

/** One highlighted span. Tokens never overlap and come in text order. */
export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  readonly type: SemanticTokenType;
  readonly modifiers: readonly SemanticTokenModifier[];
}

/** Options of `formatText`. */
export interface FormatTextOptions {
  /**
   * `"keep"` (default): a filter written URL-encoded comes back URL-encoded (`toQueryString`), one
   * written decoded comes back decoded (`format`). `"decoded"` / `"encoded"` force one spelling.
   */
  readonly encoding?: "keep" | "decoded" | "encoded";
  /** A schema: quoted numbers compared with numeric fields print bare, as in `format`. */
  readonly schema?: Schema;
}
