/// <reference types="node" />
/**
 * The language server end to end: the built `vmfilter lsp` spawned as an editor spawns it, spoken
 * to over stdio (and IPC, a socket) with `vscode-languageserver-protocol` as the client. Exact
 * ranges are checked in lines and UTF-16 characters, on multi-line documents with non-ASCII text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionKind,
  CompletionItemKind,
  createClientPipeTransport,
  createClientSocketTransport,
  DiagnosticSeverity,
  generateRandomPipeName,
  InsertTextFormat,
  MessageType,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type SemanticTokens,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIfMissing, runCli, type CliRun } from "../helpers/cli.js";
import { LspClient } from "./client.js";

const clients: LspClient[] = [];
let dir = "";

beforeAll(() => {
  buildIfMissing();
  dir = mkdtempSync(join(tmpdir(), "vmfilter-lsp-"));
});
afterAll(() => {
  for (const client of clients) client.kill();
  rmSync(dir, { recursive: true, force: true });
});

function started(client: LspClient): LspClient {
  clients.push(client);
  return client;
}

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

/** The document after a workspace edit's edits to it (`changes` or versioned `documentChanges`). */
function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const document = TextDocument.create(uri, "vmfilter", 0, text);
  const edits = (edit?.changes?.[uri] ?? (edit?.documentChanges ?? []).flatMap((c) => ("edits" in c && c.textDocument.uri === uri ? c.edits : []))) as TextEdit[];
  expect(edits.length).toBeGreaterThan(0);
  return TextDocument.applyEdits(document, edits);
}

/** Decodes the relative semantic token encoding into absolute spans with type and modifier names. */
function decodeTokens(data: readonly number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }) {
  const out: { line: number; character: number; length: number; type: string; modifiers: string[] }[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, bits] = data.slice(i, i + 5) as [number, number, number, number, number];
    character = dl === 0 ? character + dc : dc;
    line += dl;
    out.push({ line, character, length, type: legend.tokenTypes[type]!, modifiers: legend.tokenModifiers.filter((_, b) => bits & (1 << b)) });
  }
  return out;
}

describe("vmfilter lsp on the command line", () => {
  it("--help shows the transports and exits 0; no transport, two, or a stray argument is a usage error (exit 2)", async () => {
    // each spawns node: run them at once
    const [help, helpAlias, overview, none, two, stray, port, ipc] = (await Promise.all(
      [["lsp", "--help"], ["help", "lsp"], ["--help"], ["lsp"], ["lsp", "--stdio", "--node-ipc"], ["lsp", "--stdio", "name EQ 'a'"], ["lsp", "--socket=http"], ["lsp", "--node-ipc"]].map((args) => runCli(args)),
    )) as [CliRun, CliRun, CliRun, CliRun, CliRun, CliRun, CliRun, CliRun];
    expect([help.code, help.stderr]).toEqual([0, ""]);
    expect(help.stdout.startsWith("vmfilter lsp --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n")).toBe(true);
    for (const option of ["--stdio", "--node-ipc", "--socket=<port>", "--pipe=<name>", "--clientProcessId=<pid>", "-h, --help"]) expect(help.stdout).toContain(option);
    expect(helpAlias.stdout).toBe(help.stdout);
    expect(overview.stdout).toMatch(/\n {2}lsp +run the language server for editors/);

    expect([none.code, none.stdout]).toEqual([2, ""]);
    expect(none.stderr).toBe('vmfilter lsp: Choose how to talk to the editor: --stdio (or --node-ipc, --socket=<port>, --pipe=<name>).\nRun "vmfilter lsp --help" for usage.\n');
    expect([two.code, two.stderr.split("\n")[0]]).toEqual([2, "vmfilter lsp: Choose one transport; got --stdio and --node-ipc."]);
    expect([stray.code, stray.stderr.split("\n")[0]]).toEqual([2, `vmfilter lsp: lsp takes no filter or other argument (got "name EQ 'a'"); the client sends the documents.`]);
    expect([port.code, port.stderr.split("\n")[0]]).toEqual([2, 'vmfilter lsp: --socket takes a port number (1-65535); got "http".']);
    // no IPC channel: not forked
    expect([ipc.code, ipc.stderr.split("\n")[0]]).toEqual([2, "vmfilter lsp: --node-ipc needs a Node IPC channel: the client must start the server with child_process.fork (or use --stdio)."]);
  });
});

describe("a session without settings (stdio)", () => {
  let client: LspClient;
  let init: InitializeResult;
  const uri = "file:///tmp/a.vmfilter";

  beforeAll(async () => {
    client = started(LspClient.stdio());
    init = await client.initialize({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } });
  });

  it("announces its capabilities and the semantic tokens legend", () => {
    const c = init.capabilities;
    expect(init.serverInfo?.name).toBe("vmfilter");
    expect(c.textDocumentSync).toEqual({ openClose: true, change: TextDocumentSyncKind.Incremental });
    expect(c.hoverProvider).toBe(true);
    expect(c.documentFormattingProvider).toBe(true);
    expect(c.codeActionProvider).toEqual({ codeActionKinds: ["quickfix", "source.fixAll"] });
    expect(c.completionProvider?.triggerCharacters).toEqual([" ", ".", "(", "'", "=", "&", ","]);
    expect(c.semanticTokensProvider).toEqual({
      legend: { tokenTypes: ["property", "operator", "keyword", "string", "number", "enumMember", "parameter", "invalid"], tokenModifiers: ["deprecated", "unknown"] },
      full: true,
      range: false,
    });
    expect(client.messages).toEqual([]);
  });

  it("publishes diagnostics on open: exact range, severity, code, source, rule and fix in data", async () => {
    await client.open(uri, "name eq web");
    const published = await client.diagnosticsFor(uri, 1);
    expect(published.diagnostics).toEqual<Diagnostic[]>([
      {
        range: range(0, 5, 0, 7),
        severity: DiagnosticSeverity.Hint,
        code: "keyword-case",
        source: "vmfilter",
        message: "Write 'EQ', as every server example does, not 'eq'.",
        data: { rule: "keyword-case", fix: "Write 'EQ'" },
      },
      {
        range: range(0, 8, 0, 11),
        severity: DiagnosticSeverity.Error,
        code: "unquoted-value",
        source: "vmfilter",
        message: "The value web is not quoted; text values go in single quotes: 'web'.",
        data: { fix: "Quote the value: 'web'" },
      },
    ]);
  });

  it("offers the quick fix of the diagnostic under the cursor and a fix-all; applying them gives the fixed text", async () => {
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: range(0, 9, 0, 9),
      context: { diagnostics: diagnostics.filter((d) => d.code === "unquoted-value") },
    })) as CodeAction[];
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([
      ["Quote the value: 'web'", CodeActionKind.QuickFix, true],
      ["Fix all safe problems (2)", CodeActionKind.SourceFixAll, undefined],
    ]);
    expect(actions[0]!.diagnostics?.map((d) => [d.code, d.range])).toEqual([["unquoted-value", range(0, 8, 0, 11)]]);
    // this client did not announce documentChanges: plain `changes`
    expect(Object.keys(actions[0]!.edit?.changes ?? {})).toEqual([uri]);
    expect(applyWorkspaceEdit("name eq web", uri, actions[0]!.edit)).toBe("name eq 'web'");
    expect(applyWorkspaceEdit("name eq web", uri, actions[1]!.edit)).toBe("name EQ 'web'");

    // `only` keeps the requested kinds; a diagnostic the client holds from an older text (another range) gets no fix
    const fixAll = (await client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: range(0, 0, 0, 0), context: { diagnostics: [], only: ["source"] } })) as CodeAction[];
    expect(fixAll.map((a) => a.kind)).toEqual([CodeActionKind.SourceFixAll]);
    const stale = { ...diagnostics[1]!, range: range(0, 7, 0, 10) };
    const none = (await client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: range(0, 9, 0, 9), context: { diagnostics: [stale], only: ["quickfix"] } })) as CodeAction[];
    expect(none).toEqual([]);
  });

  it("keeps up with rapid incremental changes: the last version's diagnostics match the last text", async () => {
    const doc = "file:///tmp/rapid.vmfilter";
    await client.open(doc, "id EQ 1");
    const edits = [
      { range: range(0, 7, 0, 7), text: " AND" }, // id EQ 1 AND        (missing condition)
      { range: range(0, 11, 0, 11), text: "\nstate EQ 'on'" }, // second line
      { range: range(1, 0, 1, 5), text: "nmae" }, // nmae EQ 'on'
      { range: range(0, 3, 0, 5), text: "eq" }, // keyword-case on line 0
    ];
    // sent back to back, without waiting for diagnostics in between
    await Promise.all(edits.map((e, i) => client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc, version: i + 2 }, contentChanges: [e] })));
    const last = await client.diagnosticsFor(doc, 5);
    expect(last.diagnostics.map((d) => [d.code, d.range])).toEqual([["keyword-case", range(0, 3, 0, 5)]]);
    // the server's copy of the text, seen through formatting: "id eq 1 AND\nnmae EQ 'on'"
    const format = (await client.connection.sendRequest("textDocument/formatting", { textDocument: { uri: doc }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(format).toEqual([{ range: range(0, 0, 1, 12), newText: "(id EQ 1) AND (nmae EQ 'on')" }]);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: doc } });
    const cleared = await client.until("cleared diagnostics", () => client.diagnostics.findLast((d) => d.uri === doc && d.version === undefined));
    expect(cleared.diagnostics).toEqual([]);
  });

  it("formats: one edit for the whole document keeping its final line break; none when canonical or broken", async () => {
    const doc = "file:///tmp/format.vmfilter";
    const text = "name CP '%web%' and\n  state EQ 'active'\n";
    await client.open(doc, text);
    const request = (options: object = {}) => client.connection.sendRequest("textDocument/formatting", { textDocument: { uri: doc }, options: { tabSize: 2, insertSpaces: true, ...options } }) as Promise<TextEdit[]>;
    const edits = await request();
    expect(edits).toEqual([{ range: range(0, 0, 2, 0), newText: "(name CP '%web%') AND (state EQ 'active')\n" }]);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: "(name CP '%web%') AND (state EQ 'active')\n" }] });
    expect(await request()).toEqual([]);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc, version: 3 }, contentChanges: [{ text: "(name CP '%web%'" }] });
    expect(await request()).toEqual([]);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc, version: 4 }, contentChanges: [{ text: "name EQ 'a'" }] });
    expect(await request({ insertFinalNewline: true })).toEqual([{ range: range(0, 0, 0, 11), newText: "(name EQ 'a')\n" }]);
  });

  it("without a schema, completes the fields the text uses, as plain text when the client has no snippets", async () => {
    const doc = "file:///tmp/complete-plain.vmfilter";
    const text = "name EQ 'a' AND state EQ ";
    await client.open(doc, text);
    const list = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: doc }, position: { line: 0, character: text.length } })) as CompletionList;
    // a quoted value first (without snippets, the cursor lands after it), then true and false
    expect(list.items.map((i) => i.label)).toEqual(["'…'", "true", "false"]);
    expect([list.items[0]!.textEdit, list.items[0]!.insertTextFormat]).toEqual([{ range: range(0, 25, 0, 25), newText: "''" }, InsertTextFormat.PlainText]);
    const fields = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: doc }, position: { line: 0, character: 16 } })) as CompletionList;
    expect(fields.items.filter((i) => i.kind === CompletionItemKind.Field).map((i) => [i.label, i.textEdit])).toEqual([["name", { range: range(0, 16, 0, 21), newText: "name" }]]);
  });

  it("answers requests on documents it does not have, and bad positions, without failing", async () => {
    const unknown = { textDocument: { uri: "file:///nowhere.vmfilter" } };
    expect(await client.connection.sendRequest("textDocument/hover", { ...unknown, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.connection.sendRequest("textDocument/completion", { ...unknown, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.connection.sendRequest("textDocument/semanticTokens/full", unknown)).toEqual({ data: [] });
    expect(await client.connection.sendRequest("textDocument/formatting", { ...unknown, options: { tabSize: 2, insertSpaces: true } })).toBeNull();
    expect(await client.connection.sendRequest("textDocument/codeAction", { ...unknown, range: range(0, 0, 0, 0), context: { diagnostics: [] } })).toBeNull();
    // positions past the end are clamped to it
    const hover = await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 99, character: 99 } });
    expect(hover === null || typeof hover === "object").toBe(true);
    await expect(client.connection.sendRequest("vmfilter/nonsense", {})).rejects.toThrow(/Unhandled method/);
    // a lone surrogate, a NUL and a huge document
    await client.open("file:///tmp/odd.vmfilter", "\ud800 x\u0000 EQ");
    expect((await client.diagnosticsFor("file:///tmp/odd.vmfilter", 1)).diagnostics.map((d) => d.code)).toContain("lone-surrogate");
    await client.open("file:///tmp/huge.vmfilter", "id EQ 1 AND ".repeat(20_000) + "id EQ 1");
    expect((await client.diagnosticsFor("file:///tmp/huge.vmfilter", 1)).diagnostics.map((d) => d.code)).toContain("input-too-long");
    expect(await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: "file:///tmp/huge.vmfilter" }, position: { line: 0, character: 5 } })).toEqual({ isIncomplete: false, items: [] });
  });

  it("exits 0 after shutdown and exit", async () => {
    expect(await client.stop()).toBe(0);
  });
});

describe("a session with a schema and rules from initializationOptions", () => {
  let client: LspClient;
  let init: InitializeResult;
  const uri = "file:///tmp/b.vmfilter";
  // line 1 holds a character outside the BMP (two UTF-16 units) and one outside ASCII before the field
  const text = "name EQ 'web' and\n  state EQ '😀é' AND nmae CP 'web'\n";

  beforeAll(async () => {
    client = started(LspClient.stdio());
    init = await client.initialize({ initializationOptions: { schema: "vm.host", rules: { "keyword-case": "off" } } });
    await client.open(uri, text);
  });

  it("checks fields against the schema, at UTF-16 positions on the second line", async () => {
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([
      ["unknown-field", DiagnosticSeverity.Error, range(1, 21, 1, 25)],
      ["cp-without-wildcard", DiagnosticSeverity.Hint, range(1, 26, 1, 28)],
    ]);
    expect(diagnostics[0]!.message).toBe("Unknown field 'nmae' in vm.host. Did you mean 'name' or 'node'?");
    expect(client.messages).toEqual([]);
  });

  it("offers the unsafe fix as a quick fix that is not preferred, with a versioned edit", async () => {
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const actions = (await client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: range(1, 22, 1, 22), context: { diagnostics } })) as CodeAction[];
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([["Replace with 'name'", "quickfix", false]]);
    expect(actions[0]!.edit?.documentChanges).toEqual([{ textDocument: { uri, version: 1 }, edits: [{ range: range(1, 21, 1, 25), newText: "name" }] }]);
    expect(applyWorkspaceEdit(text, uri, actions[0]!.edit)).toBe("name EQ 'web' and\n  state EQ '😀é' AND name CP 'web'\n");
  });

  it("colours the tokens: decoded spans with the unknown modifier, the emoji string 5 UTF-16 units long", async () => {
    const tokens = (await client.connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri } })) as SemanticTokens;
    const legend = init.capabilities.semanticTokensProvider!.legend;
    expect(decodeTokens(tokens.data, legend)).toEqual([
      { line: 0, character: 0, length: 4, type: "property", modifiers: [] },
      { line: 0, character: 5, length: 2, type: "operator", modifiers: [] },
      { line: 0, character: 8, length: 5, type: "string", modifiers: [] },
      { line: 0, character: 14, length: 3, type: "keyword", modifiers: [] },
      { line: 1, character: 2, length: 5, type: "property", modifiers: [] },
      { line: 1, character: 8, length: 2, type: "operator", modifiers: [] },
      { line: 1, character: 11, length: 5, type: "string", modifiers: [] },
      { line: 1, character: 17, length: 3, type: "keyword", modifiers: [] },
      { line: 1, character: 21, length: 4, type: "property", modifiers: ["unknown"] },
      { line: 1, character: 26, length: 2, type: "operator", modifiers: [] },
      { line: 1, character: 29, length: 5, type: "string", modifiers: [] },
    ]);
  });

  it("splits a string that spans lines into one token per line", async () => {
    const doc = "file:///tmp/multiline-string.vmfilter";
    await client.open(doc, "name EQ 'a\r\nbc' AND id EQ 1");
    const tokens = (await client.connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri: doc } })) as SemanticTokens;
    expect(decodeTokens(tokens.data, init.capabilities.semanticTokensProvider!.legend).map((t) => [t.line, t.character, t.length, t.type])).toEqual([
      [0, 0, 4, "property"],
      [0, 5, 2, "operator"],
      [0, 8, 2, "string"],
      [1, 0, 3, "string"],
      [1, 4, 3, "keyword"],
      [1, 8, 2, "property"],
      [1, 11, 2, "operator"],
      [1, 14, 1, "number"],
    ]);
  });

  it("hovers a field with the schema's word on it, and an unknown one with a did-you-mean", async () => {
    const known = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 4 } })) as Hover;
    expect(known.range).toEqual(range(1, 2, 1, 7));
    expect(known.contents).toEqual({ kind: "markdown", value: expect.stringMatching(/^`state`: string\n/) });
    const unknown = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 23 } })) as Hover;
    expect(unknown.range).toEqual(range(1, 21, 1, 25));
    expect(unknown.contents).toEqual({ kind: "markdown", value: "`nmae`: unknown field in vm.host. Did you mean 'name' or 'node'?" });
    expect(await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 0 } })).toBeNull(); // blank space
  });

  it("completes the operators that fit a field, and a quoted value as a snippet with the cursor inside", async () => {
    const doc = "file:///tmp/complete.vmfilter";
    await client.open(doc, "name EQ 'a' AND\nname ");
    const operators = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: doc }, position: { line: 1, character: 5 } })) as CompletionList;
    expect(operators.items.map((i) => i.label)).toEqual(["EQ", "NE", "GT", "GE", "LT", "LE", "CP", "IS null", "IS NOT null"]);
    const eq = operators.items[0]!;
    expect(eq).toMatchObject({ kind: CompletionItemKind.Operator, textEdit: { range: range(1, 5, 1, 5), newText: "EQ" }, detail: "equals", insertTextFormat: InsertTextFormat.PlainText });
    expect(eq.documentation).toEqual({ kind: "markdown", value: expect.stringContaining("`field EQ value`") });

    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc, version: 2 }, contentChanges: [{ range: range(1, 5, 1, 5), text: "EQ " }] });
    const values = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: doc }, position: { line: 1, character: 8 } })) as CompletionList;
    expect(values.items.map((i) => [i.label, i.textEdit, i.insertTextFormat])).toEqual([["'…'", { range: range(1, 8, 1, 8), newText: "'$0'" }, InsertTextFormat.Snippet]]);

    // fields replace the word under the cursor, across the non-ASCII line of the other document
    const fields = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 1, character: 23 } })) as CompletionList;
    expect(fields.items.slice(0, 2).map((i) => [i.label, i.kind, i.textEdit])).toEqual([
      ["id", CompletionItemKind.Field, { range: range(1, 21, 1, 25), newText: "id" }],
      ["name", CompletionItemKind.Field, { range: range(1, 21, 1, 25), newText: "name" }],
    ]);
  });

  it("exits 1 on exit without shutdown", async () => {
    await client.connection.sendNotification("exit");
    expect(await client.exited).toBe(1);
  });
});

describe("settings from vmfilter.config.json in the workspace folder", () => {
  it("reads the schema file the config names (relative to the folder) and its rules", async () => {
    const root = join(dir, "workspace");
    rmSync(root, { recursive: true, force: true });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(root, "schemas"), { recursive: true });
    writeFileSync(join(root, "schemas", "pet.json"), JSON.stringify({ name: "pet", fields: { name: "string", age: "integer" } }));
    writeFileSync(join(root, "vmfilter.config.json"), JSON.stringify({ schema: "./schemas/pet.json", rules: { "keyword-case": "error" } }));
    const client = started(LspClient.stdio());
    const folder = pathToFileURL(root).href;
    await client.initialize({ workspaceFolders: [{ uri: folder, name: "workspace" }], rootUri: folder });
    const uri = `${folder}/saved.vmfilter`;
    await client.open(uri, "age eq 3 AND colour EQ 'red'");
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range, d.message])).toEqual([
      ["keyword-case", DiagnosticSeverity.Error, range(0, 4, 0, 6), "Write 'EQ', as every server example does, not 'eq'."],
      ["unknown-field", DiagnosticSeverity.Error, range(0, 13, 0, 19), expect.stringMatching(/^Unknown field 'colour' in pet\./)],
    ]);
    expect(client.messages).toEqual([]);
    // the file is watched: the server asks the client to report changes of it
    await client.until("the watcher registration", () => (client.registrations.length > 0 ? client.registrations : undefined));
    expect(client.registrations).toEqual([
      { id: expect.any(String), method: "workspace/didChangeWatchedFiles", registerOptions: { watchers: [{ globPattern: "**/vmfilter.config.json" }] } },
    ]);
    // a changed config is read again and every open document re-checked
    writeFileSync(join(root, "vmfilter.config.json"), JSON.stringify({ schema: "vm.host" }));
    const before = client.diagnostics.length;
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: `${folder}/vmfilter.config.json`, type: 2 }] });
    const again = await client.until("diagnostics after the reload", () => client.diagnostics.slice(before).findLast((d) => d.uri === uri));
    expect(again.diagnostics.map((d) => [d.code, d.severity, d.range.start.character])).toEqual([
      ["unknown-field", DiagnosticSeverity.Error, 0], // vm.host has no age
      ["keyword-case", DiagnosticSeverity.Hint, 4], // the rule's default level again
      ["unknown-field", DiagnosticSeverity.Error, 13],
    ]);
    expect(await client.stop()).toBe(0);
  });

  it("initializationOptions win over the config file", async () => {
    const root = join(dir, "both");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "vmfilter.config.json"), JSON.stringify({ schema: "dci.server" }));
    const client = started(LspClient.stdio());
    await client.initialize({ rootUri: pathToFileURL(root).href, initializationOptions: { schema: "vm.host" } });
    await client.open("file:///tmp/c.vmfilter", "nmae EQ 'x'");
    const { diagnostics } = await client.diagnosticsFor("file:///tmp/c.vmfilter", 1);
    expect(diagnostics.map((d) => d.message)).toEqual(["Unknown field 'nmae' in vm.host. Did you mean 'name' or 'node'?"]);
    expect(await client.stop()).toBe(0);
  });
});

describe("bad settings: an error message, and the server works without them", () => {
  it("an unknown schema name, a bad rule level and an unknown key in initializationOptions", async () => {
    const client = started(LspClient.stdio());
    await client.initialize({ initializationOptions: { schema: "vm.hots", rules: { "keyword-case": "loud", "no-double-not": "off" }, schmea: 1 } });
    const message = await client.until("the error message", () => client.messages[0]);
    expect(message.type).toBe(MessageType.Error);
    expect(message.message).toBe(
      'vmfilter: initializationOptions: Unknown setting "schmea" (ignored); the settings are schema, schemaFile, rules. ' +
        'Unknown schema "vm.hots". Built-in schemas: vm.host, vm.cluster, vm.node, vm.task, vm.ip, vm.account, vm.disk, vm.ippool, vm.os, dci.server, dci.ip; a schema file is given by its path ("./my-schema.json"). ' +
        'The level of rule "keyword-case" must be one of off, error, warning, info, hint; got "loud" (the setting is ignored). Working without a schema.',
    );
    await client.open("file:///tmp/d.vmfilter", "nmae eq 'x'");
    const { diagnostics } = await client.diagnosticsFor("file:///tmp/d.vmfilter", 1);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([["keyword-case", DiagnosticSeverity.Hint]]); // no schema, default level
    expect(await client.stop()).toBe(0);
  });

  it("a config file that is not JSON, and a schema file that is missing", async () => {
    const { mkdirSync } = await import("node:fs");
    const broken = join(dir, "broken");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "vmfilter.config.json"), "{ schema: vm.host }");
    const missing = join(dir, "missing");
    mkdirSync(missing, { recursive: true });
    writeFileSync(join(missing, "vmfilter.config.json"), JSON.stringify({ schema: "./nope.json" }));
    for (const [root, expected] of [
      [broken, /^vmfilter: .*broken\/vmfilter\.config\.json: vmfilter\.config\.json is not valid JSON: .+ Working without a schema\.$/],
      [missing, /^vmfilter: .*missing\/vmfilter\.config\.json: Cannot read the schema file .*missing\/nope\.json: ENOENT.+ Working without a schema\.$/],
    ] as const) {
      const client = started(LspClient.stdio());
      await client.initialize({ rootUri: pathToFileURL(root).href });
      const message = await client.until("the error message", () => client.messages[0]);
      expect([message.type, message.message]).toEqual([MessageType.Error, expect.stringMatching(expected)]);
      await client.open("file:///tmp/e.vmfilter", "nmae EQ 'x'");
      expect((await client.diagnosticsFor("file:///tmp/e.vmfilter", 1)).diagnostics).toEqual([]);
      expect(await client.stop()).toBe(0);
    }
  });
});

describe("messages a client should never send", () => {
  it("malformed JSON, null and wrong-typed params: errors or empty answers, and the server keeps serving", async () => {
    const client = started(LspClient.stdio());
    await client.initialize();
    const raw = (message: string) => client.child.stdin!.write(`Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
    raw("{not json}");
    raw(JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri: 5, text: null } } }));
    raw(JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didChange", params: null }));
    const uri = "file:///tmp/garbage.vmfilter";
    await client.open(uri, "a eq 1");
    const answers = await Promise.all([
      client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: null, context: null }),
      client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: -4, character: "x" } }),
      client.connection.sendRequest("textDocument/formatting", { textDocument: { uri } }),
      client.connection.sendRequest("textDocument/hover", { textDocument: {}, position: null }),
    ]);
    expect(answers[0]).toBeNull(); // logged, answered empty
    expect(answers[2]).toEqual([{ range: range(0, 0, 0, 6), newText: "(a EQ 1)" }]);
    expect(answers[3]).toBeNull();
    // still serving
    expect((await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).toEqual(["keyword-case"]);
    const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 0 } })) as Hover;
    expect(hover.range).toEqual(range(0, 0, 0, 1));
    expect(await client.stop()).toBe(0);
  });
});

describe("other transports", () => {
  it("--node-ipc: a forked server", async () => {
    const client = started(LspClient.ipc());
    const init = await client.initialize();
    expect(init.serverInfo?.name).toBe("vmfilter");
    await client.open("file:///tmp/ipc.vmfilter", "name eq 'a'");
    expect((await client.diagnosticsFor("file:///tmp/ipc.vmfilter", 1)).diagnostics.map((d) => d.code)).toEqual(["keyword-case"]);
    expect(await client.stop()).toBe(0);
  });

  it("--socket=<port>: connects to the client's socket", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const transport = await createClientSocketTransport(port);
    const client = started(await LspClient.connecting([`--socket=${port}`], transport.onConnected()));
    expect((await client.initialize()).serverInfo?.name).toBe("vmfilter");
    expect(await client.stop()).toBe(0);
  });

  it("--pipe=<name>: connects to the client's pipe", async () => {
    const name = generateRandomPipeName();
    const transport = await createClientPipeTransport(name);
    const client = started(await LspClient.connecting([`--pipe=${name}`], transport.onConnected()));
    expect((await client.initialize()).serverInfo?.name).toBe("vmfilter");
    expect(await client.stop()).toBe(0);
  });
});
