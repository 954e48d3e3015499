/// <reference types="node" />
/**
 * The language server's pure parts, in-process: the formatting edit's line breaks, the semantic
 * token encoding, and the settings (initializationOptions, paths, the workspace root).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import { afterAll, describe, expect, it } from "vitest";
import { formatText } from "../../src/editor/format-text.js";
import { loadSettings, readSettings, workspaceRoot } from "../../src/lsp/config.js";
import { encodeSemanticTokens, kindRequested, SEMANTIC_TOKENS_LEGEND } from "../../src/lsp/convert.js";
import { formatDocument } from "../../src/lsp/format.js";
import { parseLspArgs } from "../../src/lsp/command.js";

const dir = mkdtempSync(join(tmpdir(), "vmfilter-lsp-parts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("formatDocument", () => {
  const f = (text: string, options = {}) => formatDocument(text, (t) => formatText(t), options);
  it("keeps the document's final line break, CRLF included, and only one", () => {
    expect(f("name EQ 'a'\r\n")).toBe("(name EQ 'a')\r\n");
    expect(f("name EQ 'a'\n\n\n")).toBe("(name EQ 'a')\n");
    expect(f("name EQ 'a'")).toBe("(name EQ 'a')");
    expect(f("name EQ 'a'", { insertFinalNewline: true })).toBe("(name EQ 'a')\n");
  });
  it("answers undefined for canonical, blank and broken text", () => {
    expect(f("(name EQ 'a')\n")).toBeUndefined();
    expect(f("  \n")).toBeUndefined();
    expect(f("(name EQ 'a'")).toBeUndefined();
  });
});

describe("encodeSemanticTokens", () => {
  it("encodes relative to the previous token, and splits a token over CRLF and CR line breaks", () => {
    const doc = TextDocument.create("file:///x", "vmfilter", 1, "a EQ 'x\r\ny\rz'");
    const data = encodeSemanticTokens(doc, [
      { start: 0, end: 1, type: "property", modifiers: ["deprecated", "unknown"] },
      { start: 2, end: 4, type: "operator", modifiers: [] },
      { start: 5, end: 13, type: "string", modifiers: [] },
    ]);
    const string = SEMANTIC_TOKENS_LEGEND.tokenTypes.indexOf("string");
    expect(data).toEqual([0, 0, 1, 0, 3, 0, 2, 2, 1, 0, 0, 3, 2, string, 0, 1, 0, 1, string, 0, 1, 0, 2, string, 0]);
  });
});

describe("kindRequested", () => {
  it("matches a kind and the kinds below it", () => {
    expect(kindRequested("source.fixAll", ["source"])).toBe(true);
    expect(kindRequested("quickfix", ["source"])).toBe(false);
    expect(kindRequested("quickfix", undefined)).toBe(true);
    expect(kindRequested("source.fixAllX", ["source.fixAll"])).toBe(false);
  });
});

describe("settings", () => {
  it("schemaFile is resolved against the workspace root; schema may be a path too", () => {
    writeFileSync(join(dir, "mine.json"), JSON.stringify({ colour: "string" }));
    const fromFile = loadSettings({ schemaFile: "mine.json" }, dir);
    expect(fromFile.problems).toEqual([]);
    expect(fromFile.settings.schema?.field("colour")?.type).toBe("string");
    expect(readSettings({ schema: "./mine.json" }, dir, "x").settings.schema?.field("colour")).toBeDefined();
  });
  it("reports schema and schemaFile together, a non-object, and a rules value that is no object", () => {
    expect(readSettings({ schema: "vm.host", schemaFile: "a.json" }, dir, "x")).toEqual({ settings: {}, source: "x", problems: ['Give "schema" or "schemaFile", not both.'] });
    expect(loadSettings("vm.host", dir).problems).toEqual(['The settings must be a JSON object; got "vm.host".']);
    expect(readSettings({ rules: ["keyword-case"] }, dir, "x").problems).toEqual(['"rules" must be an object of rule id → level (off, error, warning, info, hint); got ["keyword-case"].']);
    expect(readSettings({ rules: { "keyword-case": "WARN" } }, dir, "x").settings).toEqual({ rules: { "keyword-case": "warn" } });
  });
  it("empty initializationOptions fall back to the config file; no root, no file: defaults", () => {
    writeFileSync(join(dir, "vmfilter.config.json"), JSON.stringify({ schema: "vm.task" }));
    expect(loadSettings({}, dir).settings.schema?.name).toBe("vm.task");
    expect(loadSettings(null, undefined)).toEqual({ settings: {}, source: "defaults", problems: [] });
    expect(loadSettings(undefined, join(dir, "absent"))).toEqual({ settings: {}, source: "defaults", problems: [] });
  });
  it("the workspace root: first folder, else rootUri, else rootPath; not for other URI schemes", () => {
    const uri = pathToFileURL(dir).href;
    expect(workspaceRoot({ workspaceFolders: [{ uri }], rootUri: "file:///elsewhere" })).toBe(dir);
    expect(workspaceRoot({ rootUri: uri })).toBe(dir);
    expect(workspaceRoot({ rootUri: null, rootPath: dir })).toBe(dir);
    expect(workspaceRoot({ workspaceFolders: [{ uri: "vscode-vfs://github/x/y" }] })).toBeUndefined();
    expect(workspaceRoot({})).toBeUndefined();
  });
});

describe("parseLspArgs", () => {
  it("reads each transport, in both spellings of a value", () => {
    expect(parseLspArgs(["--stdio"])).toEqual({ help: false, transport: { kind: "stdio" } });
    expect(parseLspArgs(["--socket", "7000"])).toEqual({ help: false, transport: { kind: "socket", port: 7000 } });
    expect(parseLspArgs(["--pipe=/tmp/x.sock", "--clientProcessId=12"])).toEqual({ help: false, transport: { kind: "pipe", name: "/tmp/x.sock" } });
    expect(parseLspArgs(["--stdio", "--clientProcessId", "12"])).toEqual({ help: false, transport: { kind: "stdio" } });
    expect(parseLspArgs(["-h"])).toEqual({ help: true });
    expect(() => parseLspArgs(["--stdio", "--clientProcessId=me"])).toThrow('--clientProcessId takes a process id; got "me".');
    expect(() => parseLspArgs(["--socket=0"])).toThrow("--socket takes a port number (1-65535)");
  });
});
