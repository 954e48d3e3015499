/// <reference types="node" />
/**
 * The language server's pure parts, in-process: the formatting edit's line breaks, the semantic
 * token encoding, and the settings (initializationOptions, paths, the workspace root).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import { afterAll, describe, expect, it } from "vitest";
import { formatText } from "../../src/editor/format-text.js";
import { loadSettings, readConfigFile, readSettings, workspaceRoot } from "../../src/lsp/config.js";
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
  it("keeps a lone CR as the final line break; trailing spaces without a break are dropped", () => {
    expect(f("name EQ 'a'\r")).toBe("(name EQ 'a')\r");
    expect(f("name EQ 'a' \r \n")).toBe("(name EQ 'a')\r");
    expect(f("name EQ 'a' \t")).toBe("(name EQ 'a')");
    expect(f("name EQ 'a' \t", { insertFinalNewline: true })).toBe("(name EQ 'a')\n");
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
  it("reports a schema that is no name, an unknown name, and schema files that cannot be read or are no schema", () => {
    writeFileSync(join(dir, "broken.json"), "{");
    writeFileSync(join(dir, "list.json"), "[]");
    const problems = (value: unknown) => readSettings(value, dir, "x").problems;
    expect(problems({ schema: "" })).toEqual(['"schema" must be a built-in schema name (vm.host, vm.cluster, vm.node, …) or a path to a schema file; got "".']);
    expect(problems({ schema: 5 })).toEqual(['"schema" must be a built-in schema name (vm.host, vm.cluster, vm.node, …) or a path to a schema file; got 5.']);
    expect(problems({ schema: "vm.hots" })).toEqual([
      'Unknown schema "vm.hots". Built-in schemas: vm.host, vm.cluster, vm.node, vm.task, vm.ip, vm.account, vm.disk, vm.ippool, vm.os, dci.server, dci.ip; a schema file is given by its path ("./my-schema.json").',
    ]);
    // a name ending in .json is a path even without a slash
    const broken = readSettings({ schema: "broken.json" }, dir, "x");
    expect(broken.settings).toEqual({});
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatch(/ in JSON at position 1/);
    expect(broken.problems[0]!.startsWith(`Cannot read the schema file ${join(dir, "broken.json")}: `)).toBe(true);
    expect(problems({ schemaFile: "list.json" })).toEqual([`The schema file ${join(dir, "list.json")} must hold a JSON object.`]);
    expect(problems({ schemaFile: "" })).toEqual(['"schemaFile" must be a path; got "".']);
    expect(problems({ schemaFile: 3 })).toEqual(['"schemaFile" must be a path; got 3.']);
  });
  it("reports unknown settings and bad rule levels, keeping the good levels (any case)", () => {
    expect(readSettings({ rules: { a: 2, b: "loud", c: "Hint" }, colour: 1 }, dir, "x")).toEqual({
      settings: { rules: { c: "hint" } },
      source: "x",
      problems: [
        'Unknown setting "colour" (ignored); the settings are schema, schemaFile, rules.',
        'The level of rule "a" must be one of off, error, warning, info, hint; got 2 (the setting is ignored).',
        'The level of rule "b" must be one of off, error, warning, info, hint; got "loud" (the setting is ignored).',
      ],
    });
    expect(readSettings(undefined, dir, "x").problems).toEqual(["The settings must be a JSON object; got undefined."]);
  });
  it("initializationOptions without a workspace root resolve paths against the working directory", () => {
    expect(loadSettings({ schemaFile: "vmfilter-absent-schema.json" }, undefined)).toEqual({
      settings: {},
      source: "initializationOptions",
      problems: [expect.stringContaining(`Cannot read the schema file ${join(process.cwd(), "vmfilter-absent-schema.json")}: ENOENT`)],
    });
  });
  it("a configuration file that cannot be read, or is not JSON, is reported with its path; a BOM is allowed", () => {
    const unreadable = mkdtempSync(join(dir, "dir-"));
    mkdirSync(join(unreadable, "vmfilter.config.json"));
    const path = join(unreadable, "vmfilter.config.json");
    expect(readConfigFile(unreadable)).toEqual({ settings: {}, source: path, problems: [expect.stringContaining(`Cannot read ${path}: EISDIR`)] });
    const notJson = mkdtempSync(join(dir, "json-"));
    writeFileSync(join(notJson, "vmfilter.config.json"), "{ schema: 1 }");
    expect(readConfigFile(notJson)).toEqual({ settings: {}, source: join(notJson, "vmfilter.config.json"), problems: [expect.stringMatching(/^vmfilter\.config\.json is not valid JSON: /)] });
    const bom = mkdtempSync(join(dir, "bom-"));
    writeFileSync(join(bom, "vmfilter.config.json"), '\uFEFF{ "schema": "vm.node" }');
    expect(readConfigFile(bom).settings.schema?.name).toBe("vm.node");
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
