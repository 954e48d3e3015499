/// <reference types="node" />
/**
 * The driver every command shares: arguments, help, input (argument, stdin, or `--file` line by
 * line), output in text / JSON / SARIF, a progress line on a terminal, the summary and the exit
 * code (0 clean, 1 errors found, 2 usage error).
 * @module
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, ftruncateSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Writable, type Readable } from "node:stream";
import { hasErrors } from "../syntax/diagnostics.js";
import { choice, COMMON_OPTIONS, parseCommandArgs } from "./args.js";
import { UsageError, type Command, type FilterResult, type OptionValues, type Processor, type RunMode } from "./command.js";
import { lineSource, readAll, type Line, type LineSource } from "./input.js";
import { lineOutcome, lineWorkOf, LinePool, type LineOutcome, type LineWork, type ProcessedBatch } from "./parallel.js";
import { COLOURS, diagnosticText, PLAIN, resultJson, SarifWriter, type Origin, type Paint } from "./report.js";

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
  if (values.jobs !== undefined && values.file === undefined) throw new UsageError("--jobs sets the threads of a bulk run and needs --file.");
  const process = await command.prepare(values, positionals);
  const mode: RunMode = command.runMode?.(values) ?? { text: command.reportsDiagnostics ? "diagnostics" : "output" };
  if (mode.inPlace) {
    if (typeof values.file !== "string" || values.file === "-" || values.field !== undefined || format !== "text" || mode.text === "diagnostics" || positionals.length > 0) {
      throw new UsageError("Rewriting in place needs --file <path> (not stdin), no filter argument, no --field and the text format.");
    }
    return runInPlace(values.file, values, process, command, mode, io);
  }
  const writer = new ResultWriter(command, format, io, mode.text);
  if (!command.takesFilter) {
    writer.write({ file: "<argument>" }, "", process(""));
    return writer.finish();
  }
  if (typeof values.file === "string") {
    if (positionals.length > 0) throw new UsageError("Give a filter or --file, not both.");
    const source = lineSource(values.file, io.stdin);
    try {
      await runLines(source, lineWorkOf(command, values, positionals, mode, source), process, writer, io);
    } catch (error) {
      writer.flush(true); // what was done before the failure (a read error) is not lost
      throw error;
    }
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

/**
 * `RunMode.inPlace`: the lines of `path` through the command into a temporary file next to it,
 * renamed over it at the end when a line changed (the file keeps its mode, line ending, byte order
 * mark and final newline or none). On a failure the file is left as it was.
 */
async function runInPlace(path: string, values: OptionValues, process: Processor, command: Command, mode: RunMode, io: Io): Promise<number> {
  const source = lineSource(path, io.stdin); // a missing file is a usage error
  const target = realpathSync(path); // through a symlink: rewrite the file, keep the link
  const shape = fileShape(target);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const sink = new FileSink(temp, shape.eol, shape.bom);
  const writer = new ResultWriter(command, "text", { ...io, stdout: sink }, mode.text);
  try {
    await runLines(source, lineWorkOf(command, values, [], mode, source), process, writer, io);
    const code = writer.finish(true);
    sink.close(shape.finalNewline);
    if (writer.changed === 0) unlinkSync(temp);
    else {
      chmodSync(temp, statSync(target).mode & 0o7777);
      renameSync(temp, target);
    }
    io.stderr.write(`vmfilter ${command.name}: ${writer.changed === 0 ? `${path} unchanged` : `rewrote ${path} (${writer.changed} line${writer.changed === 1 ? "" : "s"} changed)`}\n`);
    return code;
  } catch (error) {
    writer.flush(true); // the messages so far
    sink.close(true, false);
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}

/** The line ending (of the first line), byte order mark and final newline of a file. */
function fileShape(path: string): { eol: string; bom: boolean; finalNewline: boolean } {
  const fd = openSync(path, "r");
  try {
    const size = statSync(path).size;
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    const read = readSync(fd, head, 0, head.length, 0);
    const nl = head.subarray(0, read).indexOf(10);
    const last = Buffer.alloc(1);
    const finalNewline = size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 10);
    return { eol: nl > 0 && head[nl - 1] === 13 ? "\r\n" : "\n", bom: read >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf, finalNewline };
  } finally {
    closeSync(fd);
  }
}

/**
 * A new file written synchronously as text comes (the driver already writes in ~64 KB blocks), so
 * memory stays constant; `\n` is written as `eol`. A write error is kept and thrown by `close`.
 */
class FileSink extends Writable {
  private readonly fd: number;
  private written = 0;
  private endsWithEol = false;
  private failure: unknown;
  private shut = false;

  constructor(
    path: string,
    private readonly eol: string,
    bom: boolean,
  ) {
    super({ decodeStrings: false, highWaterMark: 1 << 20 });
    this.fd = openSync(path, "wx", 0o600);
    if (bom) this.put("\ufeff");
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (this.failure === undefined) {
      try {
        this.put(this.eol === "\n" ? text : text.replaceAll("\n", this.eol));
      } catch (error) {
        this.failure = error;
      }
    }
    callback();
  }

  private put(text: string): void {
    if (text === "") return;
    const bytes = Buffer.from(text, "utf8");
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    this.written += bytes.length;
    this.endsWithEol = text.endsWith(this.eol);
  }

  /** Closes the file, first dropping the last line ending when the original had no final newline. */
  close(finalNewline: boolean, check = true): void {
    if (this.shut) return;
    this.shut = true;
    try {
      if (check && this.failure !== undefined) throw this.failure;
      if (check && !finalNewline && this.endsWithEol) ftruncateSync(this.fd, this.written - Buffer.byteLength(this.eol));
    } finally {
      closeSync(this.fd);
    }
  }
}

/** How often the progress line is redrawn, and after how long it appears. */
const PROGRESS_EVERY_MS = 100;
const PROGRESS_AFTER_MS = 1000;

async function runLines(source: LineSource, lineWork: LineWork, process: Processor, writer: ResultWriter, io: Io): Promise<void> {
  const started = Date.now();
  // on a terminal, while the output goes to a file or a pipe (output on the terminal shows progress itself)
  const showProgress = io.stderr.isTTY === true && io.stdout.isTTY !== true;
  let drawn = 0;
  let lines = 0;
  const pool = lineWork.jobs > 1 ? await LinePool.start(lineWork, process) : undefined;
  try {
    const outcomes = pool ? pool.outcomes(source.batches()) : sequentialOutcomes(source.batches(), lineWork, process);
    for await (const { batch, results } of outcomes) {
      for (let i = 0; i < batch.length; i++) writeOutcome(writer, { file: source.name, line: batch[i]!.number }, results[i]!);
      lines += batch.length;
      if (showProgress) {
        const now = Date.now();
        if (now - started >= PROGRESS_AFTER_MS && now - drawn >= PROGRESS_EVERY_MS) {
          drawn = now;
          const share = source.progress();
          writer.progress(`${share === undefined ? "" : `${Math.floor(share * 100)}% `}${lines.toLocaleString("en-US")} lines`);
        }
      }
      // the stream asked to wait (a slow pipe or socket): read no more until it drains
      const drained = writer.flush(false);
      if (drained) await drained;
    }
  } finally {
    await pool?.close();
    writer.elapsed = Date.now() - started;
  }
}

/** The lines of each batch through the processor, in this thread. */
async function* sequentialOutcomes(batches: AsyncIterable<readonly Line[]>, work: LineWork, process: Processor): AsyncIterable<ProcessedBatch> {
  for await (const batch of batches) yield { batch, results: batch.map((line) => lineOutcome(line.text, work, process)) };
}

/** Writes one line's outcome. */
function writeOutcome(writer: ResultWriter, origin: Origin, outcome: LineOutcome): void {
  if (outcome.blank) writer.blank(outcome.input);
  else writer.write(origin, outcome.input, outcome.result, outcome.processed);
}

/**
 * Text for one stream, written in batches: one `write` per ~64 KB rather than one per line (a
 * write per line was a quarter of a bulk run's time). On a terminal every text is written at once,
 * so output and messages appear in order as they happen.
 */
class Buffered {
  private buffer = "";
  private readonly limit: number;

  constructor(private readonly stream: Writable & { isTTY?: boolean }) {
    this.limit = stream.isTTY ? 0 : 1 << 16;
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > this.limit) this.flush(false);
  }

  /** Writes what is buffered (only a full buffer unless `all`); a promise when the stream asked to wait for 'drain'. */
  flush(all: boolean): Promise<void> | undefined {
    if (this.buffer !== "" && (all || this.buffer.length > this.limit)) {
      const text = this.buffer;
      this.buffer = "";
      if (!this.stream.write(text)) this.waiting = true;
    }
    return this.waiting ? this.drained() : undefined;
  }

  private waiting = false;

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiting = false;
        this.stream.off("drain", done);
        this.stream.off("close", done);
        this.stream.off("error", done);
        resolve();
      };
      this.stream.on("drain", done);
      this.stream.on("close", done);
      this.stream.on("error", done);
    });
  }
}

/** Writes each filter's result as it comes, and the summary at the end. */
class ResultWriter {
  private readonly out: Paint;
  private readonly err: Paint;
  private readonly stdout: Buffered;
  private readonly stderr: Buffered;
  private readonly sarif: SarifWriter | undefined;
  private total = 0;
  private failed = 0;
  private blanks = 0;
  private warned = 0;
  /** A progress line is on the terminal (stderr) and must be cleared before anything else goes there. */
  private progressShown = false;
  elapsed = 0;
  /** Filters whose text on stdout differs from their input (text format, `"output"` and `"repair"` modes). */
  changed = 0;

  constructor(
    private readonly command: Command,
    private readonly format: OutputFormat,
    io: Io,
    private readonly text: RunMode["text"] = command.reportsDiagnostics ? "diagnostics" : "output",
  ) {
    this.out = paintFor(io.stdout, io.env);
    this.err = paintFor(io.stderr, io.env);
    this.stdout = new Buffered(io.stdout);
    this.stderr = new Buffered(io.stderr);
    this.sarif = format === "sarif" ? new SarifWriter(io.version, (text) => this.stdout.write(text)) : undefined;
  }

  blank(text: string): void {
    this.blanks++;
    if (this.format === "text" && this.text !== "diagnostics") this.stdout.write(`${text}\n`);
  }

  /** One filter's result. `processed` is false when the line could not even be read. */
  write(origin: Origin, input: string, result: FilterResult, processed = true): void {
    this.total++;
    const ok = processed && !hasErrors(result.diagnostics);
    if (!ok) this.failed++;
    else if (result.diagnostics.length > 0) this.warned++;
    if (this.format === "json") {
      this.stdout.write(`${resultJson(origin, input, ok, result.data ?? result.output, result.diagnostics)}\n`);
      return;
    }
    if (this.sarif) {
      for (const d of result.diagnostics) this.sarif.add(origin, d);
      return;
    }
    // text: data on stdout; a bad line is written back unchanged so no line is lost
    const frames = origin.line === undefined;
    if (this.text === "diagnostics") {
      for (const d of result.diagnostics) this.stdout.write(`${diagnosticText(input, origin, d, this.out, frames)}\n`);
      if (result.output !== undefined) this.stdout.write(`${result.output}\n`);
      return;
    }
    if (this.text === "repair") {
      // the output even with errors left; the diagnostics point into it
      const output = result.output ?? input;
      if (output !== input) this.changed++;
      this.stdout.write(`${output}\n`);
      for (const d of result.diagnostics) this.message(`${diagnosticText(output, origin, d, this.err, frames)}\n`);
      return;
    }
    if (ok && result.output !== undefined) {
      if (result.output !== input) this.changed++;
      this.stdout.write(`${result.output}\n`);
    } else if (origin.line !== undefined) this.stdout.write(`${input}\n`);
    // messages on stderr: errors and warnings (all of a failed line's diagnostics, for context)
    for (const d of result.diagnostics) if (!ok || d.severity === "error" || d.severity === "warning") this.message(`${diagnosticText(input, origin, d, this.err, frames)}\n`);
  }

  /** A line for stderr (after the progress line is cleared). */
  private message(text: string): void {
    if (this.progressShown) {
      this.progressShown = false;
      text = `\r\u001b[2K${text}`;
    }
    this.stderr.write(text);
  }

  /** Redraws the progress line (only called when stderr is a terminal). */
  progress(text: string): void {
    this.progressShown = true;
    this.stderr.write(`\r\u001b[2K${text}`);
  }

  /** Writes out what is buffered (all of it with `all`); a promise when a stream asks to wait. */
  flush(all: boolean): Promise<void> | undefined {
    const out = this.stdout.flush(all);
    const err = this.stderr.flush(all);
    return out && err ? Promise.all([out, err]).then(() => undefined) : (out ?? err);
  }

  /** Ends the run: SARIF log, bulk summary; the exit code. */
  finish(bulk = false): number {
    this.sarif?.end();
    if (this.progressShown) {
      this.progressShown = false;
      this.stderr.write("\r\u001b[2K");
    }
    if (bulk) {
      const seconds = (this.elapsed / 1000).toFixed(2);
      const rate = this.elapsed > 0 ? `, ${Math.round((this.total + this.blanks) / (this.elapsed / 1000)).toLocaleString("en-US")} lines/s` : "";
      this.stderr.write(`vmfilter ${this.command.name}: ${this.total + this.blanks} lines: ${this.total - this.failed} ok (${this.warned} with warnings), ${this.failed} with errors, ${this.blanks} blank (${seconds} s${rate})\n`);
    } else if (this.format === "text" && this.text === "diagnostics" && this.failed === 0 && this.warned === 0 && this.total > 0) {
      this.stderr.write("no problems\n");
    }
    this.flush(true);
    return this.failed > 0 ? 1 : 0;
  }
}
