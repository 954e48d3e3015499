#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `vmfilter` command line: `vmfilter <command> [filter] [options]`.
 * @module
 */
import { createRequire } from "node:module";
import { UsageError } from "./command.js";
import { commands } from "./commands/index.js";
import { runCommand, type Io } from "./run.js";

const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

/** The list of commands (`vmfilter --help`). */
function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return (
    `vmfilter ${version}: the VMmanager 6 / DCImanager 6 filter language (where=, orderby=, limit=)\n\n` +
    `Usage: vmfilter <command> [filter] [options]\n\nCommands:\n` +
    commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n") +
    `\n\nvmfilter <command> --help shows a command's options and examples.\n` +
    `Examples:\n  vmfilter format "where=name cp '%web%' and state eq 'active'"\n  vmfilter lint --schema vm.host "name EQ 'web'"\n  vmfilter format --file saved-searches.txt > canonical.txt\n`
  );
}

/** Runs the CLI; resolves to the exit code. */
export async function main(args: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    (first === undefined ? io.stderr : io.stdout).write(overview());
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  try {
    if (!command) throw new UsageError(`Unknown command "${first}". Commands: ${commands.map((c) => c.name).join(", ")}.`);
    return await runCommand(command, rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`vmfilter${command ? ` ${command.name}` : ""}: ${error.message}\nRun "vmfilter ${command ? `${command.name} ` : ""}--help" for usage.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`vmfilter${command ? ` ${command.name}` : ""}: ${message}\n`);
    return 2;
  }
}

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, version }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vmfilter: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
