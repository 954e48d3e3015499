/**
 * The language server: the editor services behind an LSP connection. A document is one filter
 * (the whole text, which may span lines, is passed to the services). Documents are kept in sync
 * incrementally by `TextDocuments`; diagnostics are published on open and on every change (the
 * services take well under a millisecond, so there is no debounce), and cleared on close.
 * @module
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type CodeAction as LspCodeAction,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getCodeActions } from "../editor/code-actions.js";
import { getCompletions } from "../editor/complete.js";
import { getDiagnostics } from "../editor/diagnostics.js";
import { formatText } from "../editor/format-text.js";
import { getHover } from "../editor/hover.js";
import { getSemanticTokens } from "../editor/semantic-tokens.js";
import type { EditorOptions } from "../editor/types.js";
import { CONFIG_FILE, loadSettings, readConfigFile, workspaceRoot, type LoadedSettings } from "./config.js";
import { encodeSemanticTokens, kindRequested, matchDiagnostics, SEMANTIC_TOKENS_LEGEND, toCodeAction, toCompletionList, toDiagnostic, toHover, toSpan, toTextEdits } from "./convert.js";
import { formatDocument } from "./format.js";

/** Characters after which the client asks for completions unprompted (words trigger it anyway). */
export const COMPLETION_TRIGGERS: readonly string[] = [" ", ".", "(", "'", "=", "&", ","];

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Announced in `serverInfo`. */
  readonly version?: string;
}

/** What the transport needs to know about a running server. */
export interface RunningServer {
  /** Whether the client sent `shutdown` (a connection that closes after it is a clean exit). */
  readonly shutdownRequested: () => boolean;
}

/**
 * Wires the editor services to `connection` and starts listening on it. The settings (schema,
 * rules) come from the client's `initializationOptions`, else from `vmfilter.config.json` in the
 * workspace root, re-read when the client reports that file changed. A bad setting is shown with
 * `window/showMessage` and the server works without it. No request or notification can crash the
 * server: a failure is logged and answered with an empty result.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): RunningServer {
  const documents = new TextDocuments(TextDocument);
  let loaded: LoadedSettings = { settings: {}, source: "defaults", problems: [] };
  let root: string | undefined;
  let fromClient = false;
  let capabilities: ClientCapabilities = {};
  let shutdown = false;

  const editorOptions = (): EditorOptions => loaded.settings;

  /** Runs a handler; an exception is logged and turned into `fallback`, never thrown to the connection. */
  function guard<T>(what: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      connection.console.error(`vmfilter: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  function reportProblems(): void {
    if (loaded.problems.length === 0) return;
    const message = `vmfilter: ${loaded.source}: ${loaded.problems.join(" ")}${loaded.settings.schema ? "" : " Working without a schema."}`;
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
    connection.console.error(message);
  }

  function validate(document: TextDocument): void {
    guard("diagnostics", undefined, () => {
      const text = document.getText();
      const diagnostics = getDiagnostics(text, editorOptions()).map((d) => toDiagnostic(document, d));
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    });
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities ?? {};
    root = guard("finding the workspace root", undefined, () => workspaceRoot(params));
    loaded = guard("reading the settings", loaded, () => loadSettings(params.initializationOptions, root));
    fromClient = loaded.source === "initializationOptions";
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS], resolveProvider: false },
        hoverProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
      },
      serverInfo: { name: "vmfilter", ...(options.version !== undefined ? { version: options.version } : {}) },
    };
  });

  connection.onInitialized(() => {
    reportProblems();
    // the configuration file is watched only when it is the settings' source (the client gave none)
    if (!fromClient && root !== undefined && capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE}` }] }).catch(() => {
        // a client that refuses: the settings stay as read at start
      });
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    guard("reloading the settings", undefined, () => {
      if (fromClient || root === undefined) return;
      if (!params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`))) return;
      loaded = readConfigFile(root);
      reportProblems();
      for (const document of documents.all()) validate(document);
    });
  });

  documents.onDidChangeContent((event) => validate(event.document));
  documents.onDidClose((event) => {
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCompletion((params) =>
    guard("completion", null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
      return toCompletionList(document, getCompletions(document.getText(), document.offsetAt(params.position), editorOptions()), snippets);
    }),
  );

  connection.onHover((params) =>
    guard("hover", null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const hover = getHover(document.getText(), document.offsetAt(params.position), editorOptions());
      return hover ? toHover(document, hover) : null;
    }),
  );

  connection.onDocumentFormatting((params) =>
    guard("formatting", null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const text = document.getText();
      const formatted = formatDocument(text, (t) => formatText(t, loaded.settings.schema ? { schema: loaded.settings.schema } : {}), params.options);
      if (formatted === undefined) return [];
      return toTextEdits(document, [{ start: 0, end: text.length, newText: formatted }]);
    }),
  );

  connection.onCodeAction((params) =>
    guard("code actions", null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const text = document.getText();
      // the fixes come from the diagnostics of the current text; the client's say which ones it means
      const current = getDiagnostics(text, editorOptions());
      const meant = new Set(matchDiagnostics(document, current, params.context.diagnostics ?? []));
      const documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
      const only = params.context.only;
      const actions: LspCodeAction[] = [];
      for (const action of getCodeActions(text, toSpan(document, params.range), current)) {
        if (!kindRequested(action.kind, only)) continue;
        if (action.kind === "quickfix" && !action.diagnostics.every((d) => meant.has(d))) continue;
        actions.push(toCodeAction(document, action, documentChanges));
      }
      return actions;
    }),
  );

  connection.languages.semanticTokens.on((params) =>
    guard("semantic tokens", { data: [] }, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return { data: [] };
      return { data: encodeSemanticTokens(document, getSemanticTokens(document.getText(), editorOptions())) };
    }),
  );

  connection.onShutdown(() => {
    shutdown = true;
  });

  documents.listen(connection);
  connection.listen();
  return { shutdownRequested: () => shutdown };
}
