#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `vmfilter` command line: `vmfilter <command> [filter] [options]`.
 * @module
 */
import { createRequire } from "node:module";
import { UsageError } from "./command.js";
import { lspCommand, lspHelp, runLanguageServer } from "../lsp/command.js";
import { runServe, serveCommand, serveHelp } from "../serve/command.js";
import type { Io } from "./run.js";

const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

/**
 * The filter commands and their driver, with the whole core they import: loaded when a command or
 * the help needs them, so `vmfilter --version` (and `vmfilter lsp`, which loads its own part of the
 * core) does not pay for them. In the bundle (scripts/build.mjs) each `import()` is a chunk.
 */
async function loadCommands(): Promise<typeof import("./commands/index.js") & typeof import("./run.js")> {
  const [commands, run] = await Promise.all([import("./commands/index.js"), import("./run.js")]);
  return { ...commands, ...run };
}

/** The list of commands (`vmfilter --help`). */
async function overview(): Promise<string> {
  const { commandList } = await loadCommands();
  const width = Math.max(...commandList.map((c) => c.name.length));
  return (
    `vmfilter ${version}: the VMmanager 6 / DCImanager 6 filter language (where=, orderby=, limit=)\n\n` +
    `Usage: vmfilter <command> [filter] [options]\n\nCommands:\n` +
    commandList.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n") +
    `\n\nvmfilter <command> --help shows a command's options and examples; vmfilter --version the version.\n\n` +
    `Examples:\n  vmfilter format "name cp '%web%' and state eq 'active'"\n  vmfilter lint --schema vm.host "name EQ 'web'"\n  vmfilter format --file saved-searches.txt > canonical.txt\n  vmfilter serve --data hosts.json --schema vm.host\n`
  );
}

/** Runs the CLI; resolves to the exit code. */
export async function main(args: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = args;
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  if (first === lspCommand.name) return runLanguageServerCommand(rest, io);
  if (first === serveCommand.name) return reportErrors(serveCommand.name, io, () => runServe(rest, io));
  const { commandHelp, commandList, commands, runCommand } = await loadCommands();
  if (first === "help" && rest.length > 0) {
    // `vmfilter help format` is `vmfilter format --help`
    const command = commands.find((c) => c.name === rest[0]);
    if (command) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    if (rest[0] === lspCommand.name) {
      io.stdout.write(lspHelp());
      return 0;
    }
    if (rest[0] === serveCommand.name) {
      io.stdout.write(serveHelp());
      return 0;
    }
  }
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    (first === undefined ? io.stderr : io.stdout).write(await overview());
    return first === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === first);
  return reportErrors(command?.name, io, () => {
    if (!command && first.startsWith("-")) throw new UsageError(`Unknown option '${first}'. Options before a command: --help, --version.`);
    if (!command) throw new UsageError(`Unknown command "${first}". Commands: ${commandList.map((c) => c.name).join(", ")}.`);
    return runCommand(command, rest, io);
  });
}

/** `vmfilter lsp`: no filter command but a long-running process with its own arguments. */
function runLanguageServerCommand(args: readonly string[], io: Io): Promise<number> {
  return reportErrors(lspCommand.name, io, () => runLanguageServer(args, io));
}

/** Runs a command; a usage, system or internal error becomes its message and exit code. */
async function reportErrors(name: string | undefined, io: Io, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`vmfilter${name ? ` ${name}` : ""}: ${error.message}\nRun "vmfilter ${name ? `${name} ` : ""}--help" for usage.\n`);
      return 2;
    }
    // a system error (a file that cannot be read: EACCES, EISDIR…) is the caller's to fix, exit 2;
    // anything else is a bug: the stack, and exit 70 (EX_SOFTWARE)
    const system = error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && (error as NodeJS.ErrnoException).syscall !== undefined;
    if (system || !(error instanceof Error)) {
      io.stderr.write(`vmfilter${name ? ` ${name}` : ""}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    io.stderr.write(`vmfilter${name ? ` ${name}` : ""}: internal error: ${error.stack ?? error.message}\n`);
    return 70;
  }
}

// A reader that goes away (`vmfilter format --file big.txt | head`) ends the run quietly, as
// for other command-line tools, instead of an unhandled EPIPE error with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
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
