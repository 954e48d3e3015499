/// <reference types="node" />
/**
 * What every command of the `vmfilter` command line is: its options and help, and how it turns
 * one filter into output and diagnostics. The driver (`run.ts`) does the rest for all of them:
 * reading the argument, stdin or a file line by line, and writing results in the chosen format.
 * @module
 */
import type { Diagnostic } from "../syntax/diagnostics.js";

/** A wrong command line: the message is shown with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One option of a command, as `node:util`'s parseArgs takes it, with its help line. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's name in help (`--schema <name>`). */
  readonly value?: string;
  readonly description: string;
}

/** The result of one filter through a command. */
export interface FilterResult {
  /** What goes to stdout (a line of text, or a JSON-able value in `--format json`). */
  readonly output?: string;
  /** The output as data, for `--format json` (defaults to `output`). */
  readonly data?: unknown;
  /** Problems found; errors make the line count as failed. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * How the driver writes one invocation, when a command's options change it (see {@link Command.runMode}).
 */
export interface RunMode {
  /**
   * Text format only. `"diagnostics"`: diagnostics are the data, on stdout with code frames (lint).
   * `"output"`: the output of a filter without errors on stdout, its errors on stderr; in bulk mode
   * a failed line is written back unchanged (format). `"repair"`: the output on stdout even when
   * errors remain, and every diagnostic on stderr, located in (and framed against) the output,
   * not the input (lint --fix). With `"output"` and `"repair"` blank lines are written back, so
   * bulk stdout has the input's lines.
   */
  readonly text: "diagnostics" | "output" | "repair";
  /**
   * Rewrite the `--file` in place: what would go to stdout goes to a temporary file next to it
   * (same line ending, byte order mark, final newline or none, and mode), renamed over it at the
   * end, or dropped when no line changed (lint --fix --write). Needs `--file <path>` (not stdin), no `--field`, the text format, and a
   * `text` mode other than `"diagnostics"`.
   */
  readonly inPlace?: boolean;
  /**
   * With `--field`: a member that is a JSON object or array is handed to the processor as its JSON
   * text, for commands that read JSON documents (convert --from json|rqb|mongo). Without it a
   * member must be a string.
   */
  readonly jsonMembers?: boolean;
}

/** Turns one filter text into a result. */
export type Processor = (text: string) => FilterResult;

/** The parsed options of an invocation. */
export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>;

/** A command of the CLI. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line after `vmfilter`, e.g. `format [filter] [--url]`. */
  readonly usage: string;
  /** Worked examples shown by `--help`. */
  readonly examples: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** False for commands that take no filter (`schema`). */
  readonly takesFilter: boolean;
  /** Whether diagnostics are this command's data (lint: stdout) or messages about it (stderr). */
  readonly reportsDiagnostics: boolean;
  /**
   * Optional: how this invocation is written, when its options change that (called after
   * `prepare`). Without it: `{ text: reportsDiagnostics ? "diagnostics" : "output" }`.
   */
  runMode?(values: OptionValues): RunMode;
  /** Reads the options once (loads files, checks values; throws UsageError) and returns the per-filter work. */
  prepare(values: OptionValues, positionals: readonly string[]): Processor | Promise<Processor>;
}
