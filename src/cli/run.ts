/// <reference types="node" />
/**
 * The driver every command shares: arguments, help, input (argument, stdin, or `--file` line by
 * line), output in text / JSON / SARIF, a progress line on a terminal, the summary and the exit
 * code (0 clean, 1 errors found, 2 usage error).
 * @module
 */
import type { Readable, Writable } from "node:stream";
import { hasErrors, type Diagnostic } from "../syntax/diagnostics.js";
import { choice, COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { UsageError, type Command, type FilterResult, type Processor } from "./command.js";
import { jsonField, lineSource, readAll, type LineSource } from "./input.js";
import { COLOURS, diagnosticText, PLAIN, resultJson, SarifLog, type Origin, type Paint } from "./report.js";

/** The process the CLI talks to (replaced in tests by in-memory streams). */
export interface Io {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
}

/** Colours for a stream: only on a terminal, never with NO_COLOR (https://no-color.org). */
export function paintFor(stream: { isTTY?: boolean }, env: Io["env"]): Paint {
  return stream.isTTY && !(env.NO_COLOR !== undefined && env.NO_COLOR !== "") && env.TERM !== "dumb" ? COLOURS : PLAIN;
}

/** `vmfilter <command> --help`. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, ...(command.takesFilter ? COMMON_OPTIONS : { help: COMMON_OPTIONS.help! }) };
  const lines = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.value ? ` <${spec.value}>` : ""}`;
    return `  ${flag.padEnd(32)} ${spec.description}`;
  });
  const input = command.takesFilter ? "\nThe filter is the argument; without one it is read from stdin. --file reads one per line.\n" : "";
  return `vmfilter ${command.usage}\n\n${command.summary}\n${input}\nOptions:\n${lines.join("\n")}\n\nExamples:\n${command.examples.map((e) => `  ${e}`).join("\n")}\n`;
}

type OutputFormat = "text" | "json" | "sarif";

/** Runs one command; resolves to the exit code. */
export async function runCommand(command: Command, args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(command, args);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  const format: OutputFormat = command.takesFilter ? choice(values, "format", ["text", "json", "sarif"] as const, "text") : "text";
  if (values.field !== undefined && values.file === undefined) throw new UsageError("--field reads JSONL lines and needs --file.");
  const process = await command.prepare(values, positionals);
  const writer = new ResultWriter(command, format, io);
  if (!command.takesFilter) {
    writer.write({ file: "<argument>" }, "", process(""));
    return writer.finish();
  }
  if (typeof values.file === "string") {
    if (positionals.length > 0) throw new UsageError("Give a filter or --file, not both.");
    await runLines(lineSource(values.file, io.stdin), typeof values.field === "string" ? values.field : undefined, process, writer, io);
    return writer.finish(true);
  }
  if (positionals.length > 1) throw new UsageError(`One filter at a time (got ${positionals.length} arguments); quote the filter, or use --file for many.`);
  if (positionals.length === 1) {
    writer.write({ file: "<argument>" }, positionals[0]!, process(positionals[0]!));
    return writer.finish();
  }
  if (io.stdin.isTTY) throw new UsageError("No filter: give one as the argument, pipe it to stdin, or use --file.");
  const text = await readAll(io.stdin);
  writer.write({ file: "<stdin>" }, text, process(text));
  return writer.finish();
}

/** How often the progress line is redrawn, and after how long it appears. */
const PROGRESS_EVERY_MS = 100;
const PROGRESS_AFTER_MS = 1000;

async function runLines(source: LineSource, field: string | undefined, process: Processor, writer: ResultWriter, io: Io): Promise<void> {
  const started = Date.now();
  const showProgress = io.stderr.isTTY === true;
  let drawn = 0;
  for await (const line of source.lines()) {
    const origin = { file: source.name, line: line.number };
    if (line.text.trim() === "") {
      writer.blank(line.text);
      continue;
    }
    if (field === undefined) writer.write(origin, line.text, process(line.text));
    else {
      const read = jsonField(line.text, field);
      if ("problem" in read) writer.write(origin, line.text, { diagnostics: [lineProblem(read.problem, line.text)] }, false);
      else writer.write(origin, read.filter, process(read.filter));
    }
    if (showProgress && (line.number & 1023) === 0) {
      const now = Date.now();
      if (now - started >= PROGRESS_AFTER_MS && now - drawn >= PROGRESS_EVERY_MS) {
        drawn = now;
        const share = source.progress();
        io.stderr.write(`\r\u001b[2K${share === undefined ? "" : `${Math.floor(share * 100)}% `}${line.number} lines`);
      }
    }
  }
  if (drawn > 0) io.stderr.write("\r\u001b[2K");
  writer.elapsed = Date.now() - started;
}

function lineProblem(problem: string, text: string): Diagnostic {
  return { code: "cli-bad-line", severity: "error", message: `Cannot read a filter: ${problem}.`, start: 0, end: text.length, line: 1, column: 1, endLine: 1, endColumn: text.length + 1 };
}

/** Writes each filter's result as it comes, and the summary at the end. */
class ResultWriter {
  private readonly out: Paint;
  private readonly err: Paint;
  private readonly sarif: SarifLog | undefined;
  private total = 0;
  private failed = 0;
  private blanks = 0;
  private warned = 0;
  elapsed = 0;

  constructor(
    private readonly command: Command,
    private readonly format: OutputFormat,
    private readonly io: Io,
  ) {
    this.out = paintFor(io.stdout, io.env);
    this.err = paintFor(io.stderr, io.env);
    this.sarif = format === "sarif" ? new SarifLog(io.version) : undefined;
  }

  blank(text: string): void {
    this.blanks++;
    if (this.format === "text" && !this.command.reportsDiagnostics) this.io.stdout.write(`${text}\n`);
  }

  /** One filter's result. `processed` is false when the line could not even be read. */
  write(origin: Origin, input: string, result: FilterResult, processed = true): void {
    this.total++;
    const ok = processed && !hasErrors(result.diagnostics);
    if (!ok) this.failed++;
    else if (result.diagnostics.length > 0) this.warned++;
    if (this.format === "json") {
      this.io.stdout.write(`${resultJson(origin, input, ok, result.data ?? result.output, result.diagnostics)}\n`);
      return;
    }
    if (this.sarif) {
      for (const d of result.diagnostics) this.sarif.add(origin, d);
      return;
    }
    // text: data on stdout; a bad line is written back unchanged so no line is lost
    const frames = origin.line === undefined;
    if (this.command.reportsDiagnostics) {
      for (const d of result.diagnostics) this.io.stdout.write(`${diagnosticText(input, origin, d, this.out, frames)}\n`);
      if (result.output !== undefined) this.io.stdout.write(`${result.output}\n`);
      return;
    }
    if (ok && result.output !== undefined) this.io.stdout.write(`${result.output}\n`);
    else if (origin.line !== undefined) this.io.stdout.write(`${input}\n`);
    for (const d of result.diagnostics) if (d.severity === "error" || !ok) this.io.stderr.write(`${diagnosticText(input, origin, d, this.err, frames)}\n`);
  }

  /** Ends the run: SARIF log, bulk summary; the exit code. */
  finish(bulk = false): number {
    if (this.sarif) this.io.stdout.write(`${this.sarif.toString()}\n`);
    if (bulk) {
      const seconds = (this.elapsed / 1000).toFixed(2);
      const rate = this.elapsed > 0 ? `, ${Math.round((this.total + this.blanks) / (this.elapsed / 1000)).toLocaleString("en-US")} lines/s` : "";
      this.io.stderr.write(`vmfilter ${this.command.name}: ${this.total + this.blanks} lines: ${this.total - this.failed} ok (${this.warned} with warnings), ${this.failed} with errors, ${this.blanks} blank (${seconds} s${rate})\n`);
    } else if (this.format === "text" && this.command.reportsDiagnostics && this.failed === 0 && this.warned === 0 && this.total > 0) {
      this.io.stderr.write("no problems\n");
    }
    return this.failed > 0 ? 1 : 0;
  }
}
