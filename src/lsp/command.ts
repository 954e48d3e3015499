/// <reference types="node" />
/**
 * `vmfilter lsp`: the command that runs the language server. Unlike the filter commands it is a
 * long-running process speaking the LSP over one transport, so it has its own arguments and help.
 * This module only reads the command line; the server (and `vscode-languageserver`) is loaded
 * when it starts, so the other commands do not pay for it.
 * @module
 */
import { UsageError } from "../cli/command.js";
import { optionLines, parseOwnArgs, type OwnOption } from "../cli/own-args.js";
import type { Io } from "../cli/run.js";

/** How the server talks to its client. */
export type Transport =
  | { readonly kind: "stdio" }
  | { readonly kind: "node-ipc" }
  | { readonly kind: "socket"; readonly port: number }
  | { readonly kind: "pipe"; readonly name: string };

const OPTIONS = {
  stdio: { type: "boolean", description: "speak the LSP on stdin and stdout (what editors use)" },
  "node-ipc": { type: "boolean", description: "speak it over Node's IPC channel (a client that forks the server: VS Code's TransportKind.ipc)" },
  socket: { type: "string", value: "port", description: "connect to the client's socket on 127.0.0.1:<port> (VS Code's TransportKind.socket)" },
  pipe: { type: "string", value: "name", description: "connect to the client's named pipe or Unix socket (VS Code's TransportKind.pipe)" },
  clientProcessId: { type: "string", value: "pid", description: "exit when this process (the editor) is gone; editors pass it themselves" },
  help: { type: "boolean", short: "h", description: "show this help" },
} as const satisfies Record<string, OwnOption>;

/** The `lsp` command, as the overview lists it. */
export const lspCommand = {
  name: "lsp",
  summary: "run the language server for editors (diagnostics, completion, hover, formatting, quick fixes, highlighting)",
  usage: "lsp --stdio | --node-ipc | --socket=<port> | --pipe=<name>",
} as const;

/** `vmfilter lsp --help`. */
export function lspHelp(): string {
  return (
    `vmfilter ${lspCommand.usage}\n\n${lspCommand.summary}\n\n` +
    `A document is one filter (it may span lines); files *.vmfilter, language id vmfilter. The schema\n` +
    `and rule levels come from the client's initializationOptions ({ "schema": "vm.host", "rules": { … } }),\n` +
    `else from vmfilter.config.json in the workspace root. Set-up for VS Code, Neovim and others: docs/editors.md.\n\n` +
    `Options (one transport is required):\n${optionLines(OPTIONS, 32, "=")}\n\n` +
    `Examples:\n` +
    `  vmfilter lsp --stdio                      # what an editor runs\n` +
    `  vmfilter lsp --node-ipc                   # forked by a VS Code extension\n` +
    `  vmfilter lsp --socket=7000                # connects to a client listening on port 7000\n`
  );
}

/** The transport the arguments choose; a missing, doubled or malformed one is a {@link UsageError}. */
export function parseLspArgs(args: readonly string[]): { help: true } | { help: false; transport: Transport } {
  const { values, positionals } = parseOwnArgs(args, OPTIONS);
  if (values.help === true) return { help: true };
  if (positionals.length > 0) throw new UsageError(`lsp takes no filter or other argument (got ${JSON.stringify(positionals[0])}); the client sends the documents.`);
  const chosen: Transport[] = [];
  if (values.stdio === true) chosen.push({ kind: "stdio" });
  if (values["node-ipc"] === true) chosen.push({ kind: "node-ipc" });
  if (typeof values.socket === "string") {
    const port = /^\d+$/.test(values.socket) ? Number(values.socket) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new UsageError(`--socket takes a port number (1-65535); got ${JSON.stringify(values.socket)}.`);
    chosen.push({ kind: "socket", port });
  }
  if (typeof values.pipe === "string") {
    if (values.pipe === "") throw new UsageError("--pipe takes the pipe's name.");
    chosen.push({ kind: "pipe", name: values.pipe });
  }
  if (typeof values.clientProcessId === "string" && !/^\d+$/.test(values.clientProcessId)) throw new UsageError(`--clientProcessId takes a process id; got ${JSON.stringify(values.clientProcessId)}.`);
  if (chosen.length === 0) throw new UsageError("Choose how to talk to the editor: --stdio (or --node-ipc, --socket=<port>, --pipe=<name>).");
  if (chosen.length > 1) throw new UsageError(`Choose one transport; got ${chosen.map((t) => `--${t.kind}`).join(" and ")}.`);
  return { help: false, transport: chosen[0]! };
}

/**
 * Runs `vmfilter lsp <args>`: the help (exit 0), or the server on the chosen transport. The
 * returned promise settles when the connection ends (the process may exit before: on the `exit`
 * notification the server exits 0 after `shutdown`, else 1). Throws {@link UsageError} for bad arguments.
 */
export async function runLanguageServer(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseLspArgs(args);
  if (parsed.help) {
    io.stdout.write(lspHelp());
    return 0;
  }
  if (parsed.transport.kind === "node-ipc" && typeof process.send !== "function") {
    throw new UsageError("--node-ipc needs a Node IPC channel: the client must start the server with child_process.fork (or use --stdio).");
  }
  const { connect } = await import("./connect.js");
  return connect(parsed.transport, io);
}
