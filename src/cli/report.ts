/// <reference types="node" />
/**
 * How diagnostics are written: plain text (with a code frame and caret, coloured on a terminal),
 * JSON, and SARIF 2.1.0 for CI systems.
 * @module
 */
import { codeFrame } from "../syntax/code-frame.js";
import type { Diagnostic } from "../syntax/diagnostics.js";

/** Where a filter came from: the argument, stdin, or a line of a file. */
export interface Origin {
  /** A file path, `<stdin>` or `<argument>`. */
  readonly file: string;
  /** The 1-based line in that file (bulk mode), else undefined. */
  readonly line?: number;
}

/** ANSI colours, or none. */
export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
/** Colours for a terminal. */
export const COLOURS: Paint = { red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
/** No colours (not a terminal, or NO_COLOR set). */
export const PLAIN: Paint = { red: (t) => t, yellow: (t) => t, cyan: (t) => t, dim: (t) => t, bold: (t) => t };

/** `file:line:column`: the line of a file plus the diagnostic's own line within the filter. */
export function place(origin: Origin, diagnostic: Diagnostic): string {
  const line = (origin.line ?? 1) + diagnostic.line - 1;
  return `${origin.file}:${line}:${diagnostic.column}`;
}

/** One diagnostic as text: `place  severity code  message`, then the code frame. */
export function diagnosticText(source: string, origin: Origin, diagnostic: Diagnostic, paint: Paint, frame = true): string {
  const severity = diagnostic.severity === "error" ? paint.red("error") : diagnostic.severity === "warning" ? paint.yellow("warning") : paint.cyan(diagnostic.severity);
  const head = `${paint.bold(place(origin, diagnostic))}  ${severity} ${paint.dim(diagnostic.code)}  ${diagnostic.message}`;
  const fix = diagnostic.fix ? `\n  ${paint.dim(`fix: ${diagnostic.fix.title}`)}` : "";
  if (!frame) return head + fix;
  const body = codeFrame(source, diagnostic)
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
  return `${head}\n${body}${fix}`;
}

/** The JSON form of one filter's result (`--format json`; one line per filter in bulk mode). */
export function resultJson(origin: Origin, input: string, ok: boolean, data: unknown, diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify({ ...(origin.line !== undefined ? { line: origin.line } : {}), input, ok, ...(data !== undefined ? { output: data } : {}), diagnostics });
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0

const SARIF_LEVEL: Record<Diagnostic["severity"], "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note", hint: "note" };

/** Collects diagnostics into one SARIF 2.1.0 log. */
export class SarifLog {
  private readonly results: unknown[] = [];
  private readonly rules = new Map<string, { id: string; shortDescription: { text: string } }>();

  constructor(private readonly version: string) {}

  add(origin: Origin, diagnostic: Diagnostic): void {
    if (!this.rules.has(diagnostic.code)) this.rules.set(diagnostic.code, { id: diagnostic.code, shortDescription: { text: diagnostic.code } });
    const startLine = (origin.line ?? 1) + diagnostic.line - 1;
    const endLine = (origin.line ?? 1) + diagnostic.endLine - 1;
    this.results.push({
      ruleId: diagnostic.code,
      level: SARIF_LEVEL[diagnostic.severity],
      message: { text: diagnostic.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: origin.file },
            // SARIF columns are 1-based and the end column is exclusive, as ours are
            region: { startLine, startColumn: diagnostic.column, endLine, endColumn: Math.max(diagnostic.endColumn, diagnostic.column) },
          },
        },
      ],
    });
  }

  toString(): string {
    return JSON.stringify(
      {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
          {
            tool: { driver: { name: "vmfilter", version: this.version, informationUri: "https://www.npmjs.com/package/vmfilter", rules: [...this.rules.values()] } },
            results: this.results,
          },
        ],
      },
      null,
      2,
    );
  }
}
