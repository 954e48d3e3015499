/// <reference types="node" />
/**
 * A worker thread of a parallel bulk run (see parallel.ts): prepares the command's processor from
 * the options it was started with, then answers each batch of line texts with their outcomes.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { commands } from "./commands/index.js";
import { lineOutcome, toWire, type LineWork } from "./parallel.js";

const work = workerData as Omit<LineWork, "jobs">;
const command = commands.find((c) => c.name === work.command);
if (command === undefined || parentPort === null) throw new Error(`vmfilter worker: no command ${JSON.stringify(work.command)} or not in a worker thread`);
const port = parentPort;
const process = await command.prepare(work.values, work.positionals);
port.on("message", ({ id, texts }: { id: number; texts: string[] }) => {
  port.postMessage({ id, results: texts.map((text) => toWire(text, lineOutcome(text, work, process))) });
});
