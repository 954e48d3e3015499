/// <reference types="node" />
/**
 * A minimal LSP client for the end-to-end tests: spawns the built server (`node dist/cli/main.js
 * lsp …`), speaks JSON-RPC to it with `vscode-languageserver-protocol`, records what it publishes
 * (diagnostics, messages) and waits for it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type RegistrationParams,
  type ShowMessageParams,
} from "vscode-languageserver-protocol/node";
import { BIN, ROOT } from "../helpers/cli.js";

/** The capabilities a modern editor announces (snippets, versioned workspace edits, watched files). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { versionSupport: true },
    semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ["relative"] },
  },
  workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
};

export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly registrations: unknown[] = [];
  stderr = "";
  /** Resolves with the exit code (or the signal's name) when the server process ends. */
  readonly exited: Promise<number | string>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    connection.onNotification(PublishDiagnosticsNotification.method, (params: PublishDiagnosticsParams) => void this.diagnostics.push(params));
    connection.onNotification(ShowMessageNotification.method, (params: ShowMessageParams) => void this.messages.push(params));
    connection.onRequest(RegistrationRequest.method, (params: RegistrationParams) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onError(() => {}); // a server that goes away (the exit tests): not the client's error
    connection.listen();
  }

  /** Spawns `vmfilter lsp --stdio` (or other arguments, with their own way to connect). */
  static stdio(args: readonly string[] = ["--stdio"], cwd: string = ROOT): LspClient {
    const child = spawn(process.execPath, [BIN, "lsp", ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    return new LspClient(child, createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)));
  }

  /** Spawns `vmfilter lsp --node-ipc` with an IPC channel (as VS Code's TransportKind.ipc does). */
  static ipc(): LspClient {
    const child = spawn(process.execPath, [BIN, "lsp", "--node-ipc"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe", "ipc"] });
    return new LspClient(child, createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)));
  }

  /** Spawns a server that connects to `transport` (a client socket or pipe already listening). */
  static async connecting(args: readonly string[], connected: Promise<[MessageReader, MessageWriter]>): Promise<LspClient> {
    const child = spawn(process.execPath, [BIN, "lsp", ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    const [reader, writer] = await connected;
    return new LspClient(child, createProtocolConnection(reader, writer));
  }

  async initialize(params: Partial<InitializeParams> = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: FULL_CAPABILITIES, ...params });
    await this.connection.sendNotification("initialized", {});
    return result as InitializeResult;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "vmfilter", version, text } });
  }

  /** Waits until `check` finds something in what was recorded (polling every 10 ms, at most `ms`). */
  async until<T>(what: string, check: () => T | undefined, ms = 5000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The diagnostics published for `uri` at `version` (the last such notification). */
  diagnosticsFor(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics of ${uri}${version === undefined ? "" : ` v${version}`}`, () =>
      this.diagnostics.findLast((d) => d.uri === uri && (version === undefined || d.version === version)),
    );
  }

  /** `shutdown`, then `exit`; resolves with the process's exit code. */
  async stop(): Promise<number | string> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    return this.exited;
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
