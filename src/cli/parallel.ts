/// <reference types="node" />
/**
 * The work on one line of a bulk input (`--file`), and the pool of worker threads that shares it
 * with this thread on several cores: batches of lines go to the workers (dist/cli/worker.js) or are
 * processed here, and their outcomes come back in order, so the output is the same as in one
 * thread, line for line.
 *
 * `--jobs auto` (the default) uses the pool for files of {@link AUTO_MIN_BYTES} or more, with one
 * thread per core (at most {@link AUTO_MAX_JOBS}); smaller inputs and stdin run in this thread,
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
  /** Threads that process lines: this one and `jobs - 1` workers (1: no worker). */
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
 * `--jobs auto` starts workers for files at least this big (about 20 000 saved searches): each
 * worker loads the parser and warms up its own JIT (~0.3 s of CPU before it runs at full speed),
 * which a shorter run does not win back.
 */
export const AUTO_MIN_BYTES = 2 << 20;
/** `--jobs auto` uses at most this many threads (this one and the workers). */
export const AUTO_MAX_JOBS = 4;

/** One line through the processor (a JSONL line's member with `--field`). */
export function lineOutcome(text: string, work: Pick<LineWork, "field" | "jsonMembers">, process: Processor): LineOutcome {
  if (text.trim() === "") return { blank: true, input: text };
  if (work.field === undefined) return { blank: false, input: text, result: process(text), processed: true };
  const read = jsonField(text, work.field, work.jsonMembers);
  if ("problem" in read) return { blank: false, input: text, result: { diagnostics: [lineProblem(read.problem, text)] }, processed: false };
  return { blank: false, input: read.filter, result: process(read.filter), processed: true };
}

/**
 * A line's outcome as a worker sends it back: the output text alone for the common case (a line
 * read as it is, processed with an output, no data and no diagnostics), which the structured clone
 * copies far faster than an object; anything else whole.
 */
export type WireOutcome = string | LineOutcome;

/** The outcome of line `text` for sending back from a worker. */
export function toWire(text: string, outcome: LineOutcome): WireOutcome {
  if (outcome.blank || !outcome.processed || outcome.input !== text) return outcome;
  const { output, data, diagnostics } = outcome.result;
  return output !== undefined && data === undefined && diagnostics.length === 0 ? output : outcome;
}

/** The outcome of line `text` from what a worker sent back. */
export function fromWire(text: string, wire: WireOutcome): LineOutcome {
  return typeof wire === "string" ? { blank: false, input: text, result: { output: wire, diagnostics: [] }, processed: true } : wire;
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

/** The line work of a bulk invocation, with the number of threads `--jobs` asks for (or `auto` picks). */
export function lineWorkOf(command: Command, values: OptionValues, positionals: readonly string[], mode: RunMode, source: LineSource): LineWork {
  const jobs = values.jobs ?? "auto";
  let count: number;
  if (jobs === "auto") {
    const big = source.size !== undefined && source.size >= AUTO_MIN_BYTES;
    count = big && workerScript() !== undefined ? Math.min(availableParallelism(), AUTO_MAX_JOBS) : 1;
  } else {
    count = typeof jobs === "string" && /^[1-9][0-9]{0,2}$/.test(jobs) ? Number(jobs) : NaN;
    if (!(count >= 1 && count <= 256)) throw new UsageError(`--jobs must be auto or a number of threads from 1 to 256; got ${JSON.stringify(jobs)}.`);
    if (count > 1 && workerScript() === undefined) throw new UsageError("--jobs above 1 needs the built CLI (dist/cli/worker.js is missing).");
  }
  return { command: command.name, values, positionals, field: typeof values.field === "string" ? values.field : undefined, jsonMembers: mode.jsonMembers === true, jobs: count };
}

/** A batch sent to a worker, waiting for its outcomes. */
interface Pending {
  readonly worker: number;
  readonly resolve: (results: WireOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/** A batch and its outcomes: computed here, or still with a worker until `done` settles. */
interface InFlight {
  readonly batch: readonly Line[];
  results: LineOutcome[] | undefined;
  done: Promise<void> | undefined;
}

/** Batches a worker may have queued at once: one being processed and one waiting, so it never idles. */
const QUEUED_PER_WORKER = 2;

/**
 * Worker threads that process batches of lines alongside this thread; outcomes are handed back in
 * the order of the input. This thread takes a batch itself whenever every worker has
 * {@link QUEUED_PER_WORKER} queued, so `jobs` threads work in all (this one and `jobs - 1` workers)
 * and the lines start flowing before the workers have loaded.
 */
export class LinePool {
  private readonly pending = new Map<number, Pending>();
  private readonly queued: number[];
  private nextId = 0;
  private failure: unknown;

  private constructor(
    private readonly workers: readonly Worker[],
    private readonly work: LineWork,
    private readonly process: Processor,
  ) {
    this.queued = workers.map(() => 0);
    for (const worker of workers) {
      worker.on("message", (message: { id: number; results: WireOutcome[] }) => {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (waiting) {
          this.queued[waiting.worker]!--;
          waiting.resolve(message.results);
        }
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (this.pending.size > 0) this.fail(new Error(`a worker stopped (exit code ${code}) with lines still to process`));
      });
    }
  }

  /** Starts `work.jobs - 1` workers, each preparing the command's processor from the same options; `process` is this thread's. */
  static async start(work: LineWork, process: Processor): Promise<LinePool> {
    const script = workerScript();
    if (script === undefined) throw new UsageError("--jobs above 1 needs the built CLI (dist/cli/worker.js is missing).");
    const data: Omit<LineWork, "jobs"> = { command: work.command, values: work.values, positionals: work.positionals, field: work.field, jsonMembers: work.jsonMembers };
    return new LinePool(
      Array.from({ length: work.jobs - 1 }, () => new Worker(script, { workerData: data })),
      work,
      process,
    );
  }

  /**
   * The batches' outcomes, in order. Batches go to the workers while they have room in their
   * queues; while the oldest batch is still with a worker, this thread takes the next batch itself
   * rather than wait (so it works from the first batch on, while the workers load). Memory holds
   * a few batches per thread, not the file.
   */
  async *outcomes(batches: AsyncIterable<readonly Line[]>): AsyncIterable<ProcessedBatch> {
    const iterator = batches[Symbol.asyncIterator]();
    const out: InFlight[] = [];
    // room for this thread to run ahead by a few batches while a worker still loads or warms up
    const limit = (this.workers.length + 2) * QUEUED_PER_WORKER;
    let read = false;
    const next = async (): Promise<readonly Line[] | undefined> => {
      if (read) return undefined;
      const step = await iterator.next();
      if (step.done) read = true;
      return step.done ? undefined : step.value;
    };
    for (;;) {
      for (let worker = this.freeWorker(); worker >= 0 && out.length < limit; worker = this.freeWorker()) {
        const batch = await next();
        if (batch === undefined) break;
        out.push(this.send(worker, batch));
      }
      const head = out[0];
      if (head === undefined) return;
      if (head.results === undefined && out.length < limit) {
        const batch = await next();
        if (batch !== undefined) {
          out.push({ batch, results: batch.map((line) => lineOutcome(line.text, this.work, this.process)), done: undefined });
          continue;
        }
      }
      if (head.results === undefined) await head.done;
      out.shift();
      yield { batch: head.batch, results: head.results! };
    }
  }

  /** The worker with the fewest batches queued, or -1 when all are full. */
  private freeWorker(): number {
    let best = -1;
    for (let i = 0; i < this.queued.length; i++) if (this.queued[i]! < QUEUED_PER_WORKER && (best < 0 || this.queued[i]! < this.queued[best]!)) best = i;
    return best;
  }

  /** Sends a batch to a worker; its results are filled in when they come back. */
  private send(worker: number, batch: readonly Line[]): InFlight {
    const entry: InFlight = { batch, results: undefined, done: undefined };
    if (this.failure !== undefined) entry.done = Promise.reject(this.failure);
    else {
      const id = this.nextId++;
      this.queued[worker]!++;
      entry.done = new Promise<WireOutcome[]>((resolve, reject) => {
        this.pending.set(id, { worker, resolve, reject });
        this.workers[worker]!.postMessage({ id, texts: batch.map((line) => line.text) });
      }).then((results) => {
        entry.results = results.map((wire, i) => fromWire(batch[i]!.text, wire));
      });
    }
    // a failure is thrown where the batch is awaited; this keeps it from counting as unhandled before
    entry.done.catch(() => undefined);
    return entry;
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
