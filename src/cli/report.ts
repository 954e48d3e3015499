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
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifRule = { id: string; shortDescription: { text: string } };

/**
 * A file path as the URI reference SARIF requires: each segment percent-encoded (a space, `#`,
 * `?`, `%`; `<stdin>` is `%3Cstdin%3E`), so that it reads back as the same path.
 */
export function sarifUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

/** One diagnostic as a SARIF result; its lines are lines of the file (origin line + line in the filter). */
function sarifResult(origin: Origin, diagnostic: Diagnostic): unknown {
  const startLine = (origin.line ?? 1) + diagnostic.line - 1;
  const endLine = (origin.line ?? 1) + diagnostic.endLine - 1;
  return {
    ruleId: diagnostic.code,
    level: SARIF_LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: sarifUri(origin.file) },
          // SARIF columns are 1-based and the end column is exclusive, as ours are
          region: { startLine, startColumn: diagnostic.column, endLine, endColumn: Math.max(diagnostic.endColumn, diagnostic.column) },
        },
      },
    ],
  };
}

function sarifTool(version: string, rules: Iterable<SarifRule>): unknown {
  return { driver: { name: "vmfilter", version, informationUri: "https://www.npmjs.com/package/vmfilter", rules: [...rules] } };
}

function addRule(rules: Map<string, SarifRule>, code: string): void {
  if (!rules.has(code)) rules.set(code, { id: code, shortDescription: { text: code } });
}

/**
 * Writes one SARIF 2.1.0 log as the diagnostics come, so a file with a million bad lines needs no
 * more memory than one: each result is written at once (one per line), and the run's `tool` (with
 * the rules met) after the results, at the end (JSON members have no order). Columns count UTF-16
 * code units, as JavaScript strings do, and the run says so (`columnKind`).
 */
export class SarifWriter {
  private readonly rules = new Map<string, SarifRule>();
  private count = 0;

  constructor(
    private readonly version: string,
    private readonly write: (text: string) => void,
  ) {}

  add(origin: Origin, diagnostic: Diagnostic): void {
    addRule(this.rules, diagnostic.code);
    this.write(`${this.count++ === 0 ? this.head() : ",\n"}        ${JSON.stringify(sarifResult(origin, diagnostic))}`);
  }

  /** Writes the end of the log. */
  end(): void {
    const tool = JSON.stringify(sarifTool(this.version, this.rules.values()), null, 2).replace(/\n/g, "\n      ");
    this.write(`${this.count === 0 ? this.head() : "\n"}      ],\n      "columnKind": "utf16CodeUnits",\n      "tool": ${tool}\n    }\n  ]\n}\n`);
  }

  private head(): string {
    return `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [\n`;
  }
}
