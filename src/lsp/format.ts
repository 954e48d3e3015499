/**
 * Formatting a whole document: the filter's canonical text, with the document's final line break
 * kept (a filter file usually ends with one; the canonical form has none).
 * @module
 */
import type { FormattingOptions } from "vscode-languageserver";

const FINAL_BREAK = /(\r\n|\r|\n)[ \t\r\n]*$/;

/**
 * The formatted document, or undefined when there is nothing to change: a blank document, `format`
 * (formatText with the settings) answering undefined (a syntax error), or the same text. The
 * document's final line break is kept (one, with the document's line ending); with
 * `insertFinalNewline` a document without one gets `\n`.
 */
export function formatDocument(text: string, format: (text: string) => string | undefined, options: Partial<FormattingOptions> = {}): string | undefined {
  const formatted = format(text);
  if (formatted === undefined) return undefined;
  const body = formatted.replace(/[ \t\r\n]+$/, "");
  if (body === "") return undefined;
  const lineBreak = FINAL_BREAK.exec(text)?.[1] ?? (options.insertFinalNewline === true ? "\n" : "");
  const result = body + lineBreak;
  return result === text ? undefined : result;
}
