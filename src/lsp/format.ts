/**
 * Formatting a whole document: the filter's canonical text, with the document's final line break
 * kept (a filter file usually ends with one; the canonical form has none).
 * @module
 */
import type { FormattingOptions } from "vscode-languageserver";

/** Space, tab, line feed or carriage return: what the end of a document may hold after the filter. */
const isTrailingSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** Where the run of spaces, tabs and line breaks that ends the text starts (the length when there is none). */
function trailingSpaceStart(text: string): number {
  let start = text.length;
  while (start > 0 && isTrailingSpace(text.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * The first line break (`\r\n`, `\r` or `\n`) in the spaces and line breaks that end the text, or
 * undefined. A loop, not a RegExp: `/(\r\n|\r|\n)[ \t\r\n]*$/` and `/[ \t\r\n]+$/` are quadratic on
 * long runs of those characters that do not reach the end (test/security/redos.test.ts).
 */
function finalBreak(text: string): string | undefined {
  for (let i = trailingSpaceStart(text); i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) return text.charCodeAt(i + 1) === 10 ? "\r\n" : "\r";
    if (code === 10) return "\n";
  }
  return undefined;
}

/**
 * The formatted document, or undefined when there is nothing to change: a blank document, `format`
 * (formatText with the settings) answering undefined (a syntax error), or the same text. The
 * document's final line break is kept (one, with the document's line ending); with
 * `insertFinalNewline` a document without one gets `\n`.
 */
export function formatDocument(text: string, format: (text: string) => string | undefined, options: Partial<FormattingOptions> = {}): string | undefined {
  const formatted = format(text);
  if (formatted === undefined) return undefined;
  const body = formatted.slice(0, trailingSpaceStart(formatted));
  if (body === "") return undefined;
  const lineBreak = finalBreak(text) ?? (options.insertFinalNewline === true ? "\n" : "");
  const result = body + lineBreak;
  return result === text ? undefined : result;
}
