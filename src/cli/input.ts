/// <reference types="node" />
/**
 * Where filters come from: the argument, all of stdin, or a file (or stdin) read line by line as a
 * stream, so any file size runs in constant memory. JSONL lines give the filter in a member.
 * @module
 */
import { createReadStream, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { UsageError } from "./command.js";

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
  /** The line without its `\n` or `\r\n` (and without a UTF-8 byte order mark on line 1). */
  readonly text: string;
}

/** A bulk input: its lines a batch at a time, and how far through it the reading is (0–1, if known). */
export interface LineSource {
  readonly name: string;
  /** The file's size in bytes when known (not for stdin). */
  readonly size: number | undefined;
  /**
   * The lines in order, in batches (the lines of one chunk read from the stream, ~64 KB): the
   * reader waits while a batch is processed, so memory holds one chunk, not the file.
   */
  batches(): AsyncIterable<readonly Line[]>;
  progress(): number | undefined;
}

/** Lines of a file, or of stdin for `-`. A missing or unreadable file is a usage error. */
export function lineSource(path: string, stdin: Readable): LineSource {
  const fromStdin = path === "-";
  let size: number | undefined;
  if (!fromStdin) {
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) throw new UsageError(`--file ${path} is a directory.`);
      size = stat.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as { code?: string }).code;
      throw new UsageError(`Cannot read --file ${path}: ${code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error)}.`);
    }
  }
  let bytes = 0;
  return {
    name: fromStdin ? "<stdin>" : path,
    size,
    progress: () => (size ? Math.min(1, bytes / size) : undefined),
    async *batches() {
      const stream = fromStdin ? stdin : createReadStream(path, { highWaterMark: 1 << 16 });
      const decoder = new StringDecoder("utf8");
      let rest = "";
      let number = 0;
      let first = true; // a UTF-8 byte order mark may open the first chunk
      for await (const chunk of stream as AsyncIterable<Buffer | string>) {
        bytes += chunk.length;
        let text = rest + (typeof chunk === "string" ? chunk : decoder.write(chunk));
        if (first && text !== "") {
          first = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        const batch: Line[] = [];
        let start = 0;
        for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
          const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          batch.push({ number: ++number, text: text.slice(start, end) });
          start = nl + 1;
        }
        rest = start === 0 ? text : text.slice(start);
        if (batch.length > 0) yield batch;
      }
      rest += decoder.end();
      if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
      // a last line without a final newline
      if (rest !== "") yield [{ number: ++number, text: rest.endsWith("\r") ? rest.slice(0, -1) : rest }];
    },
  };
}

/** The filter of a JSONL line: the string in `field`, or why there is none. */
export function jsonField(line: string, field: string, jsonMembers = false): { filter: string } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: "the line is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, field)) return { problem: `the line has no member "${field}"` };
  const filter = (value as Record<string, unknown>)[field];
  if (typeof filter === "string") return { filter };
  if (jsonMembers && typeof filter === "object" && filter !== null) return { filter: JSON.stringify(filter) };
  return { problem: `the member "${field}" is not ${jsonMembers ? "a string, an object or an array" : "a string"}` };
}
