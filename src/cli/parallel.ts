/// <reference types="node" />
/**
 * The work on one line of a bulk input (`--file`), and the pool of worker threads that does it on
 * several cores: batches of lines go to the workers (dist/cli/worker.js) and their outcomes come
 * back in order, so the output is the same as in one thread, line for line.
 *
 * `--jobs auto` (the default) uses the pool for files of {@link AUTO_MIN_BYTES} or more, with one
 * worker per core (at most {@link AUTO_MAX_JOBS}); smaller inputs and stdin run in this thread,
 * where starting workers (each loads the parser and warms up its own JIT) saves nothing.
 * @module
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../syntax/diagnostics.js";
import { UsageError, type Command, type FilterResult, type OptionValues, type Processor, type RunMode } from "./command.js";
import { jsonField, type Line, type LineSource } from "./input.js";

/** What to do with each line of a bulk run: everything a worker needs to do it on its own. */
export interface LineWork {
  /** The command's name; a worker prepares its own processor from it and the options. */
  readonly command: string;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  /** With `--field`: lines are JSONL and the filter is this member. */
  readonly field: string | undefined;
  /** See {@link RunMode.jsonMembers}. */
  readonly jsonMembers: boolean;
  /** Worker threads to use; 1 runs in this thread. */
  readonly jobs: number;
}

/** What became of one line: blank, or a result (`processed` is false when the line could not be read). */
export type LineOutcome =
  | { readonly blank: true; readonly input: string }
  | { readonly blank: false; readonly input: string; readonly result: FilterResult; readonly processed: boolean };

/** A batch of lines with the outcome of each. */
export interface ProcessedBatch {
  readonly batch: readonly Line[];
  readonly results: readonly LineOutcome[];
}

/**
 * `--jobs auto` uses workers for files at least this big (about 90 000 saved searches). Each
 * worker warms up its own JIT, more slowly while the others run: measured on 2 cores, 100 000
 * lines (9 MB) take as long with 2 workers as in one thread, 300 000 lines 1.24× less.
 */
export const AUTO_MIN_BYTES = 8 << 20;
/** `--jobs auto` uses at most this many workers. */
export const AUTO_MAX_JOBS = 4;

/** One line through the processor (a JSONL line's member with `--field`). */
export function lineOutcome(text: string, work: Pick<LineWork, "field" | "jsonMembers">, process: Processor): LineOutcome {
  if (text.trim() === "") return { blank: true, input: text };
  if (work.field === undefined) return { blank: false, input: text, result: process(text), processed: true };
  const read = jsonField(text, work.field, work.jsonMembers);
  if ("problem" in read) return { blank: false, input: text, result: { diagnostics: [lineProblem(read.problem, text)] }, processed: false };
  return { blank: false, input: read.filter, result: process(read.filter), processed: true };
}

function lineProblem(problem: string, text: string): Diagnostic {
  return { code: "cli-bad-line", severity: "error", message: `Cannot read a filter: ${problem}.`, start: 0, end: text.length, line: 1, column: 1, endLine: 1, endColumn: text.length + 1 };
}

/** The worker script next to the CLI in dist/ (from a chunk in dist/chunks/, or from dist/cli/), if there is one. */
function workerScript(): URL | undefined {
  for (const candidate of ["../cli/worker.js", "./worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === "file:" && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** The line work of a bulk invocation, with the number of workers `--jobs` asks for (or `auto` picks). */
export function lineWorkOf(command: Command, values: OptionValues, positionals: readonly string[], mode: RunMode, source: LineSource): LineWork {
  const jobs = values.jobs ?? "auto";
  let count: number;
  if (jobs === "auto") {
    const big = source.size !== undefined && source.size >= AUTO_MIN_BYTES;
    count = big && workerScript() !== undefined ? Math.min(availableParallelism(), AUTO_MAX_JOBS) : 1;
  } else {
    count = typeof jobs === "string" && /^[1-9][0-9]{0,2}$/.test(jobs) ? Number(jobs) : NaN;
    if (!(count >= 1 && count <= 256)) throw new UsageError(`--jobs must be auto or a number of workers from 1 to 256; got ${JSON.stringify(jobs)}.`);
    if (count > 1 && workerScript() === undefined) throw new UsageError("--jobs above 1 needs the built CLI (dist/cli/worker.js is missing).");
  }
  return { command: command.name, values, positionals, field: typeof values.field === "string" ? values.field : undefined, jsonMembers: mode.jsonMembers === true, jobs: count };
}

/** A batch sent to a worker, waiting for its outcomes. */
interface Pending {
  readonly resolve: (results: LineOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/** Worker threads that process batches of lines; outcomes are handed back in the order of the input. */
export class LinePool {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;
  private failure: unknown;

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.on("message", (message: { id: number; results: LineOutcome[] }) => {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        waiting?.resolve(message.results);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (this.pending.size > 0) this.fail(new Error(`a worker stopped (exit code ${code}) with lines still to process`));
      });
    }
  }

  /** Starts `work.jobs` workers, each preparing the command's processor from the same options. */
  static async start(work: LineWork): Promise<LinePool> {
    const script = workerScript();
    if (script === undefined) throw new UsageError("--jobs above 1 needs the built CLI (dist/cli/worker.js is missing).");
    const data: Omit<LineWork, "jobs"> = { command: work.command, values: work.values, positionals: work.positionals, field: work.field, jsonMembers: work.jsonMembers };
    return new LinePool(Array.from({ length: work.jobs }, () => new Worker(script, { workerData: data })));
  }

  /**
   * The batches' outcomes, in order. Up to two batches per worker are out at a time, so the
   * workers never wait while the caller writes, and memory holds a few batches, not the file.
   */
  async *outcomes(batches: AsyncIterable<readonly Line[]>): AsyncIterable<ProcessedBatch> {
    const iterator = batches[Symbol.asyncIterator]();
    const out: { batch: readonly Line[]; results: Promise<LineOutcome[]> }[] = [];
    const limit = this.workers.length * 2;
    let read = false;
    const refill = async () => {
      while (!read && out.length < limit) {
        const next = await iterator.next();
        if (next.done) read = true;
        else out.push({ batch: next.value, results: this.send(next.value.map((line) => line.text)) });
      }
    };
    await refill();
    while (out.length > 0) {
      const head = out.shift()!;
      yield { batch: head.batch, results: await head.results };
      await refill();
    }
  }

  private send(texts: string[]): Promise<LineOutcome[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker]!;
    this.nextWorker = (this.nextWorker + 1) % this.workers.length;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
