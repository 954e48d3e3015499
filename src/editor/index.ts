/**
 * The editor services: pure functions over a filter string and an offset, browser-safe, shared by
 * the language server, the ESLint plugin and the CodeMirror extension.
 * @module
 */
export { getDiagnostics } from "./diagnostics.js";
export { getCompletions } from "./complete.js";
export { getHover } from "./hover.js";
export { getCodeActions } from "./code-actions.js";
export { formatText } from "./format-text.js";
export { getSemanticTokens } from "./semantic-tokens.js";
export type {
  TextRange,
  EditorOptions,
  CompletionKind,
  CompletionItem,
  CompletionList,
  HoverInfo,
  CodeActionKind,
  CodeAction,
  SemanticTokenType,
  SemanticTokenModifier,
  SemanticToken,
  FormatTextOptions,
} from "./types.js";
