/// <reference types="node" />
/**
 * The language server's process: a `vscode-languageserver` connection on the chosen transport,
 * with the server started on it.
 * @module
 */
import { format } from "node:util";
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from "vscode-languageserver/node";
import type { Io } from "../cli/run.js";
import type { Transport } from "./command.js";
import { startServer } from "./server.js";

/**
 * With stdio, stdout belongs to the protocol: anything a dependency would print with `console`
 * goes to the client's log instead (as `vscode-languageserver` does when it picks the transport itself).
 */
function redirectConsole(connection: Connection): void {
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

/**
 * Connects on `transport` and runs the server until the connection ends, then ends the process:
 * exit 0 after a `shutdown` request, else 1 (with stdio, `vscode-languageserver` itself does so
 * when stdin closes or the client sends `exit`). The promise never settles before that.
 */
export function connect(transport: Transport, io: Io): Promise<number> {
  let connection: Connection;
  let reader: MessageReader | undefined;
  switch (transport.kind) {
    case "stdio":
      connection = createConnection(io.stdin, io.stdout);
      redirectConsole(connection);
      break;
    case "node-ipc":
      connection = createConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
      break;
    case "socket":
    case "pipe": {
      let writer: MessageWriter;
      [reader, writer] = transport.kind === "socket" ? createServerSocketTransport(transport.port) : createServerPipeTransport(transport.name);
      connection = createConnection(reader, writer);
      break;
    }
  }
  const server = startServer(connection, { version: io.version });
  return new Promise<number>(() => {
    // the process may hold timers (the client-process watch): end it with the connection
    const closed = () => process.exit(server.shutdownRequested() ? 0 : 1);
    if (reader) {
      reader.onError((error) => io.stderr.write(`vmfilter lsp: ${error instanceof Error ? error.message : String(error)}\n`));
      reader.onClose(closed);
    }
    if (transport.kind === "node-ipc") process.once("disconnect", closed);
  });
}
