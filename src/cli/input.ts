/// <reference types="node" />
/**
 * Where filters come from: the argument, all of stdin, or a file (or stdin) read line by line as a
 * stream, so any file size runs in constant memory. JSONL lines give the filter in a member.
 * @module
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/** All of a stream as text (stdin for a single filter); a final newline is dropped. */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** One line of a bulk input. */
export interface Line {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

/** A bulk input: its lines one at a time, and how far through it the reading is (0–1, if known). */
export interface LineSource {
  readonly name: string;
  lines(): AsyncIterable<Line>;
  progress(): number | undefined;
}

/** Lines of a file, or of stdin for `-`. */
export function lineSource(path: string, stdin: Readable): LineSource {
  const fromStdin = path === "-";
  const size = fromStdin ? undefined : statSync(path).size;
  const stream = fromStdin ? stdin : createReadStream(path);
  let bytes = 0;
  if (!fromStdin) stream.on("data", (chunk: Buffer | string) => (bytes += chunk.length));
  return {
    name: fromStdin ? "<stdin>" : path,
    progress: () => (size ? Math.min(1, bytes / size) : undefined),
    async *lines() {
      const reader = createInterface({ input: stream, crlfDelay: Infinity });
      let number = 0;
      for await (const text of reader) yield { number: ++number, text };
    },
  };
}

/** The filter of a JSONL line: the string in `field`, or why there is none. */
export function jsonField(line: string, field: string): { filter: string } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: "the line is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, field)) return { problem: `the line has no member "${field}"` };
  const filter = (value as Record<string, unknown>)[field];
  return typeof filter === "string" ? { filter } : { problem: `the member "${field}" is not a string` };
}
