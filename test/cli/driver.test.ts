/// <reference types="node" />
/**
 * The command-line driver, through the real binary (`node dist/cli/main.js`, spawned): the help and
 * version conventions, usage errors and exit codes, every input mode (argument, stdin, `--file`,
 * `--file -`, JSONL with `--field`), the three output formats, bad lines kept in place and
 * reported with `file:line:col`, the summary, colours. The parts that need a terminal (colours,
 * the progress line) run the driver in-process with fake streams.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError, type Command } from "../../src/cli/command.js";
import { formatCommand } from "../../src/cli/commands/format.js";
import { commands } from "../../src/cli/commands/index.js";
import { COLOURS, PLAIN } from "../../src/cli/report.js";
import { paintFor, runCommand, type Io } from "../../src/cli/run.js";
import { ANSI, BIN, linesOf, requireBuild, runCli } from "../helpers/cli.js";

/** Any existing file, for options checked before it is read. */
const PACKAGE_JSON = fileURLToPath(new URL("../../package.json", import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

let dir = "";
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), "vmfilter-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test spawns node (~0.3-0.5 s of start-up), so they run concurrently.
describe.concurrent("conventions: help, version, usage errors", () => {
  it("`vmfilter` alone prints the overview on stderr and exits 2", async ({ expect }) => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: vmfilter <command> [filter] [options]");
    for (const c of commands) expect(r.stderr).toContain(`  ${c.name} `);
  });

  it("--help, -h and help print the overview on stdout and exit 0", async ({ expect }) => {
    for (const flag of ["--help", "-h", "help"]) {
      const r = await runCli([flag]);
      expect(r.code, flag).toBe(0);
      expect(r.stderr, flag).toBe("");
      expect(r.stdout, flag).toContain("Usage: vmfilter <command> [filter] [options]");
      expect(r.stdout, flag).toContain("Examples:\n  vmfilter format ");
    }
  });

  it("--version and -v print package.json's version", async ({ expect }) => {
    for (const flag of ["--version", "-v"]) {
      const r = await runCli([flag]);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `${VERSION}\n`, ""]);
    }
  });

  it.for(["format", "schema"])("%s --help shows usage, options and working examples", async (name, { expect }) => {
    const r = await runCli([name, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.startsWith(`vmfilter ${name} `)).toBe(true);
    expect(r.stdout).toContain("Options:\n");
    expect(r.stdout).toMatch(/-h, --help +show this help/);
    const examples = r.stdout.slice(r.stdout.indexOf("Examples:\n"));
    expect(examples.split("\n").filter((l) => l.startsWith(`  vmfilter ${name}`)).length).toBeGreaterThanOrEqual(3);
    // `help <command>` is the same
    expect((await runCli(["help", name])).stdout).toBe(r.stdout);
  });

  it("format --help lists the shared input and output options", async ({ expect }) => {
    const r = await runCli(["format", "--help"]);
    for (const option of ["--url", "--spaces <plus|percent>", "--file <path>", "--field <name>", "--format <text|json|sarif>"]) expect(r.stdout).toContain(option);
  });

  it("an unknown command exits 2 and names the commands", async ({ expect }) => {
    const r = await runCli(["nope", "id eq 1"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('Unknown command "nope". Commands: format,');
    expect(r.stderr).toContain('Run "vmfilter --help" for usage.');
  });

  it("an unknown option exits 2 with a message naming it", async ({ expect }) => {
    const r = await runCli(["format", "--bogus", "id eq 1"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`vmfilter format: Unknown option '--bogus'.\nRun "vmfilter format --help" for usage.\n`);
    const top = await runCli(["--bogus"]);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain("Unknown option '--bogus'.");
    const short = await runCli(["format", "-x", "id eq 1"]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("Unknown option '-x'.");
  });

  it.for([
    [["format", "--format", "xml", "id eq 1"], '--format must be one of text, json, sarif; got "xml".'],
    [["format", "--url", "--spaces", "tabs", "id eq 1"], '--spaces must be one of plus, percent; got "tabs".'],
    [["format", "--field", "where", "id eq 1"], "--field reads JSONL lines and needs --file."],
    [["format", "--file"], "--file"],
    [["format", "id", "eq", "1"], "One filter at a time (got 3 arguments)"],
    [["format", "--file", "/nonexistent/vmfilter.txt"], "Cannot read --file /nonexistent/vmfilter.txt: no such file."],
    [["format", "--jobs", "2", "id eq 1"], "--jobs sets the threads of a bulk run and needs --file."],
    [["format", "--file", PACKAGE_JSON, "--jobs", "0"], '--jobs must be auto or a number of threads from 1 to 256; got "0".'],
    [["format", "--file", PACKAGE_JSON, "--jobs", "two"], '--jobs must be auto or a number of threads from 1 to 256; got "two".'],
  ] as const)("usage error %j exits 2: %s", async ([args, message], { expect }) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Run "vmfilter format --help" for usage.');
  });

  it("a filter and --file together is a usage error", async ({ expect }) => {
    const r = await runCli(["format", "--file", file("both.txt", "id eq 1\n"), "id eq 2"]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain("Give a filter or --file, not both.");
  });
});

describe.concurrent("format: one filter", () => {
  it("from the argument: the canonical form on stdout, nothing on stderr, exit 0", async ({ expect }) => {
    const r = await runCli(["format", "name cp '%web%' and state eq 'active'"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "(name CP '%web%') AND (state EQ 'active')\n", ""]);
    const query = await runCli(["format", "limit=0,50&where=id%20eq%201&orderby=name"]);
    expect(query.stdout).toBe("where=(id EQ 1)&orderby=name asc&limit=0,50\n");
  });

  it("from stdin when there is no argument (a final newline is not part of the filter)", async ({ expect }) => {
    const r = await runCli(["format"], { input: "id eq 1\n" });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "(id EQ 1)\n", ""]);
  });

  it("a broken filter: nothing on stdout, the diagnostics with a code frame on stderr, exit 1", async ({ expect }) => {
    const r = await runCli(["format", "id eq"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("<argument>:1:6  error missing-value  Expected a value after 'eq', found end of input.\n  1 | id eq\n    |      ^\n");
    const stdin = await runCli(["format"], { input: "(a EQ 1\n" });
    expect(stdin.code).toBe(1);
    expect(stdin.stderr).toContain("<stdin>:1:8  error missing-close-bracket");
  });

  it("warnings go to stderr, the output to stdout, exit 0", async ({ expect }) => {
    const r = await runCli(["format", "where=name cp '%web%'"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("where=(name CP '%web%')\n");
    expect(r.stderr).toContain("<argument>:1:16  warning invalid-percent-escape");
  });

  it("--url encodes with + for spaces, --spaces percent with %20", async ({ expect }) => {
    const filter = "name cp '%web%' and state eq 'active'";
    expect((await runCli(["format", "--url", filter])).stdout).toBe("where=(name+CP+'%25web%25')+AND+(state+EQ+'active')\n");
    expect((await runCli(["format", "--url", "--spaces", "percent", filter])).stdout).toBe("where=(name%20CP%20'%25web%25')%20AND%20(state%20EQ%20'active')\n");
  });

  it("--format json: one JSON line with the input, ok, output and diagnostics", async ({ expect }) => {
    const good = await runCli(["format", "--format", "json", "id eq 1"]);
    expect(good.code).toBe(0);
    expect(linesOf(good.stdout).map((l) => JSON.parse(l))).toEqual([{ input: "id eq 1", ok: true, output: "(id EQ 1)", diagnostics: [] }]);
    const bad = await runCli(["format", "--format", "json", "id eq"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("");
    const [result] = linesOf(bad.stdout).map((l) => JSON.parse(l) as { ok: boolean; output?: string; diagnostics: { code: string; column: number }[] });
    expect(result!.ok).toBe(false);
    expect(result!.output).toBeUndefined();
    expect(result!.diagnostics.map((d) => [d.code, d.column])).toEqual([["missing-value", 6]]);
  });
});

// One file for the bulk tests: good, blank, bad, whitespace-only and CRLF lines, no final newline.
const BULK = ["id eq 1", "", "name cp web", "state eq 'active' and (a EQ", "   ", "where=name+CP+'%25web%25'&limit=0,50\r", "(b EQ 2)"];
const BULK_TEXT = BULK.join("\n"); // no newline after the last line
const BULK_OUT = ["(id EQ 1)", "", "name cp web", "state eq 'active' and (a EQ", "   ", "where=(name CP '%web%')&limit=0,50", "(b EQ 2)"];

describe.concurrent("format --file: one filter per line", () => {
  it("keeps every line in place: canonical, bad lines unchanged, blank lines blank; file:line:col on stderr; a summary; exit 1", async ({ expect }) => {
    const path = file("bulk.txt", BULK_TEXT);
    const r = await runCli(["format", "--file", path]);
    expect(r.code).toBe(1);
    expect(linesOf(r.stdout)).toEqual(BULK_OUT);
    const err = linesOf(r.stderr);
    expect(err).toContain(`${path}:3:9  error unquoted-value  The value web is not quoted; text values go in single quotes: 'web'.`);
    expect(err.filter((l) => l.startsWith(`${path}:4:`)).length).toBeGreaterThan(0);
    expect(err.some((l) => /^\s+\d+ \|/.test(l))).toBe(false); // no code frames in bulk: the place says it
    expect(err.at(-1)).toMatch(new RegExp(`^vmfilter format: 7 lines: 3 ok \\(0 with warnings\\), 2 with errors, 2 blank \\(\\d+\\.\\d\\d s(, [\\d,]+ lines/s)?\\)$`));
  });

  it("--file - reads the lines from stdin and names them <stdin>", async ({ expect }) => {
    const r = await runCli(["format", "--file", "-"], { input: BULK_TEXT });
    expect(r.code).toBe(1);
    expect(linesOf(r.stdout)).toEqual(BULK_OUT);
    expect(r.stderr).toContain("<stdin>:3:9  error unquoted-value");
    expect(r.stderr).toContain("vmfilter format: 7 lines: 3 ok (0 with warnings), 2 with errors, 2 blank");
  });

  it("a file of good lines exits 0 with the summary; CRLF line ends and a byte order mark are read, not kept", async ({ expect }) => {
    const path = file("good.txt", "\uFEFFid eq 1\r\nname cp '%web%'\r\n\r\nstate EQ 'active'\r\n");
    const r = await runCli(["format", "--file", path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("(id EQ 1)\n(name CP '%web%')\n\n(state EQ 'active')\n");
    expect(r.stderr).toMatch(/^vmfilter format: 4 lines: 3 ok \(0 with warnings\), 0 with errors, 1 blank \(.*\)\n$/);
  });

  it("--url applies to every line", async ({ expect }) => {
    const r = await runCli(["format", "--url", "--spaces", "percent", "--file", "-"], { input: "id eq 1\nname cp '%web%'\n" });
    expect(r.stdout).toBe("where=(id%20EQ%201)\nwhere=(name%20CP%20'%25web%25')\n");
  });

  it("--format json: one parsable line per filter with its line number; blank lines are skipped", async ({ expect }) => {
    const path = file("bulk-json.txt", BULK_TEXT);
    const r = await runCli(["format", "--format", "json", "--file", path]);
    expect(r.code).toBe(1);
    const rows = linesOf(r.stdout).map((l) => JSON.parse(l) as { line: number; input: string; ok: boolean; output?: string; diagnostics: { code: string }[] });
    expect(rows.map((row) => [row.line, row.ok])).toEqual([
      [1, true],
      [3, false],
      [4, false],
      [6, true],
      [7, true],
    ]);
    expect(rows[0]).toEqual({ line: 1, input: "id eq 1", ok: true, output: "(id EQ 1)", diagnostics: [] });
    expect(rows[1]!.diagnostics.map((d) => d.code)).toEqual(["unquoted-value"]);
    expect(rows[3]!.input).toBe("where=name+CP+'%25web%25'&limit=0,50");
    // stderr holds only the summary: the diagnostics are data in the JSON
    expect(linesOf(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("vmfilter format: 7 lines: 3 ok (0 with warnings), 2 with errors, 2 blank");
  });

  it("--format sarif: one valid SARIF 2.1.0 log; regions give the line of the file", async ({ expect }) => {
    const path = file("bulk-sarif.txt", BULK_TEXT);
    const r = await runCli(["format", "--format", "sarif", "--file", path]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      $schema: string;
      runs: { columnKind: string; tool: { driver: { name: string; version: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif-2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: "vmfilter", version: VERSION });
    expect(run.columnKind).toBe("utf16CodeUnits"); // columns are offsets in JavaScript strings
    const first = run.results[0]!;
    expect(first).toMatchObject({ ruleId: "unquoted-value", level: "error" });
    expect(first.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: path }, region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 12 } });
    expect(new Set(run.results.map((x) => x.locations[0]!.physicalLocation.region.startLine))).toEqual(new Set([3, 4]));
    expect(new Set(run.tool.driver.rules.map((rule) => rule.id))).toEqual(new Set(run.results.map((x) => x.ruleId)));
    expect(r.stderr).toContain("vmfilter format: 7 lines: 3 ok");
  });

  it("--format sarif with nothing to report is a valid log with no results, exit 0", async ({ expect }) => {
    const r = await runCli(["format", "--format", "sarif", "--file", "-"], { input: "id eq 1\n" });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect([log.version, log.runs[0]!.results]).toEqual(["2.1.0", []]);
  });

  it("--format sarif for one argument: line 1 of <argument>", async ({ expect }) => {
    const r = await runCli(["format", "--format", "sarif", "id eq"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    // a URI reference: `<argument>` percent-encoded
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: "%3Cargument%3E" }, region: { startLine: 1, startColumn: 6 } });
  });
});

describe.concurrent("format --file --field: JSONL", () => {
  const JSONL = [
    JSON.stringify({ id: 1, where: "id eq 1" }),
    "not json",
    JSON.stringify({ id: 3, other: "id eq 3" }),
    JSON.stringify({ id: 4, where: 4 }),
    "",
    JSON.stringify({ id: 6, where: "(a EQ" }),
    JSON.stringify({ id: 7, where: "name CP '%web%'", extra: [1, 2] }),
  ];

  it("reads the filter from the member; unreadable lines fail with their line number, the others are fine", async ({ expect }) => {
    const path = file("searches.jsonl", `${JSONL.join("\n")}\n`);
    const r = await runCli(["format", "--file", path, "--field", "where"]);
    expect(r.code).toBe(1);
    // one stdout line per input line: the result, or what could not be used, unchanged
    expect(linesOf(r.stdout)).toEqual(["(id EQ 1)", "not json", JSONL[2], JSONL[3], "", "(a EQ", "(name CP '%web%')"]);
    const err = linesOf(r.stderr);
    expect(err).toContain(`${path}:2:1  error cli-bad-line  Cannot read a filter: the line is not JSON.`);
    expect(err).toContain(`${path}:3:1  error cli-bad-line  Cannot read a filter: the line has no member "where".`);
    expect(err).toContain(`${path}:4:1  error cli-bad-line  Cannot read a filter: the member "where" is not a string.`);
    expect(err.some((l) => l.startsWith(`${path}:6:6  error missing-value`))).toBe(true);
    expect(err.some((l) => /:(1|7):\d+ /.test(l))).toBe(false);
    expect(err.at(-1)).toContain("vmfilter format: 7 lines: 2 ok (0 with warnings), 4 with errors, 1 blank");
  });

  it("--format json gives the line numbers of the JSONL file", async ({ expect }) => {
    const r = await runCli(["format", "--file", "-", "--field", "where", "--format", "json"], { input: `${JSONL.join("\n")}\n` });
    const rows = linesOf(r.stdout).map((l) => JSON.parse(l) as { line: number; ok: boolean; input: string; diagnostics: { code: string }[] });
    expect(rows.map((row) => [row.line, row.ok, row.diagnostics[0]?.code ?? null])).toEqual([
      [1, true, null],
      [2, false, "cli-bad-line"],
      [3, false, "cli-bad-line"],
      [4, false, "cli-bad-line"],
      [6, false, "missing-value"],
      [7, true, null],
    ]);
    expect(rows[0]!.input).toBe("id eq 1"); // the filter, not the JSON line
  });
});

describe.concurrent("streams and colours", () => {
  it("no ANSI escapes when stdout and stderr are not terminals, with or without NO_COLOR", async ({ expect }) => {
    const runs = [
      await runCli(["format", "id eq"]),
      await runCli(["format", "--file", "-"], { input: "name cp web\nid eq 1\n" }),
      await runCli(["format", "id eq"], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }),
    ];
    {
      for (const r of runs) {
        expect(r.code).toBe(1);
        expect(r.stderr).not.toMatch(ANSI);
        expect(r.stdout).not.toMatch(ANSI);
      }
    }
  });

  it("a reader that goes away (| head -1) ends the run quietly, without an EPIPE stack trace", async ({ expect }) => {
    const { spawn } = await import("node:child_process");
    const path = file("epipe.txt", "id eq 1\n".repeat(50_000));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "format", "--file", path], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).not.toContain("EPIPE");
    expect(result.stderr).not.toContain("    at ");
    expect(result.code).toBe(0);
  });
});

describe.concurrent("schema", () => {
  it("lists the built-in schemas", async ({ expect }) => {
    const r = await runCli(["schema"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/^\s+vm\.host\s+\d+ fields\s+A virtual machine/m);
    expect(r.stdout).toContain("dci.server");
  });

  it("prints a schema's fields; --json as data", async ({ expect }) => {
    const r = await runCli(["schema", "vm.host"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/^field\s+type\s+flags\s+description$/m);
    expect(r.stdout).toMatch(/^name\s+string\s+sortable\s+/m);
    const json = await runCli(["schema", "vm.host", "--json"]);
    const data = JSON.parse(json.stdout) as { name: string; fields: { path: string }[] };
    expect(data.name).toBe("vm.host");
    expect(data.fields.map((f) => f.path)).toContain("cluster.name");
  });

  it("an unknown schema is a usage error naming the built-in ones", async ({ expect }) => {
    const r = await runCli(["schema", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('vmfilter schema: Unknown schema "nope". Built-in schemas: vm.host,');
  });

  it("schema takes no --file or --format (strict options)", async ({ expect }) => {
    const r = await runCli(["schema", "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--format'");
  });
});

// ---------------------------------------------------------------------------------------------
// In-process: what needs a terminal.

type FakeStream = PassThrough & { isTTY?: boolean; text(): string };

function fakeStream(isTTY: boolean): FakeStream {
  const stream = new PassThrough() as FakeStream;
  if (isTTY) stream.isTTY = true;
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  stream.text = () => Buffer.concat(chunks).toString("utf8");
  return stream;
}

function fakeIo(options: { stdinText?: string; tty: boolean; stdoutTty?: boolean; env?: Record<string, string> }): Io & { stdout: FakeStream; stderr: FakeStream } {
  const stdin = new PassThrough();
  stdin.end(options.stdinText ?? "");
  return { stdin, stdout: fakeStream(options.stdoutTty ?? options.tty), stderr: fakeStream(options.tty), env: options.env ?? {}, version: VERSION };
}

describe("every command's help (in-process)", () => {
  it.each(commands.map((c) => [c.name, c]))("%s --help exits 0 with its usage, options and the shared ones", async (_name, command) => {
    const io = fakeIo({ tty: false });
    expect(await runCommand(command, ["--help"], io)).toBe(0);
    const help = io.stdout.text();
    expect(help.startsWith(`vmfilter ${command.usage}\n\n${command.summary}\n`)).toBe(true);
    expect(help).toContain("\nOptions:\n");
    for (const name of Object.keys(command.options)) expect(help).toContain(`--${name}`);
    if (command.takesFilter) for (const name of ["file", "field", "format"]) expect(help).toContain(`--${name} <`);
    expect(help).toContain("\nExamples:\n");
  });
});

describe("colours (paintFor and the driver with fake terminals)", () => {
  it("colours only a terminal, never with NO_COLOR or TERM=dumb", () => {
    expect(paintFor({ isTTY: true }, {})).toBe(COLOURS);
    expect(paintFor({ isTTY: true }, { NO_COLOR: "1" })).toBe(PLAIN);
    expect(paintFor({ isTTY: true }, { NO_COLOR: "0" })).toBe(PLAIN); // any non-empty value (no-color.org)
    expect(paintFor({ isTTY: true }, { NO_COLOR: "" })).toBe(COLOURS);
    expect(paintFor({ isTTY: true }, { TERM: "dumb" })).toBe(PLAIN);
    expect(paintFor({ isTTY: false }, {})).toBe(PLAIN);
    expect(paintFor({}, {})).toBe(PLAIN);
    expect(COLOURS.red("x")).toBe("\u001b[31mx\u001b[39m");
  });

  it("a diagnostic on a terminal is coloured; with NO_COLOR it is not", async () => {
    const tty = fakeIo({ tty: true });
    expect(await runCommand(formatCommand, ["id eq"], tty)).toBe(1);
    expect(tty.stderr.text()).toContain("\u001b[31merror\u001b[39m");
    const noColor = fakeIo({ tty: true, env: { NO_COLOR: "1" } });
    expect(await runCommand(formatCommand, ["id eq"], noColor)).toBe(1);
    expect(noColor.stderr.text()).not.toMatch(ANSI);
    expect(noColor.stderr.text()).toContain("<argument>:1:6  error missing-value");
  });

  it("no filter, no --file and stdin a terminal is a usage error", async () => {
    const io = fakeIo({ tty: false });
    (io.stdin as PassThrough & { isTTY?: boolean }).isTTY = true;
    await expect(runCommand(formatCommand, [], io)).rejects.toThrow(UsageError);
  });
});

describe("the progress line (stderr a terminal, stdout not, a job longer than a second)", () => {
  // A command that takes 2 ms per filter, so 600 lines take 1.2 s.
  const slow: Command = {
    name: "slow",
    summary: "test",
    usage: "slow",
    examples: [],
    options: {},
    takesFilter: true,
    reportsDiagnostics: false,
    prepare: () => (text) => {
      const end = performance.now() + 2;
      while (performance.now() < end);
      return text === "bad"
        ? { diagnostics: [{ code: "bad", severity: "error", message: "Bad.", start: 0, end: 3, line: 1, column: 1, endLine: 1, endColumn: 4 }] }
        : { output: text.toUpperCase(), diagnostics: [] };
    },
  };

  async function slowRun(tty: boolean, stdoutTty = false) {
    // stderr a terminal or not, stdout not (redirected); plain text, to compare: the progress line is no colour
    const io = fakeIo({ tty, stdoutTty, env: { NO_COLOR: "1" } });
    const stdin = new PassThrough();
    // two chunks: 600 slow lines, then (read after the first batch) a bad line
    stdin.write("ok\n".repeat(600));
    setTimeout(() => stdin.end("bad\nok\n"), 20);
    const code = await runCommand(slow, ["--file", "-"], { ...io, stdin });
    return { code, out: io.stdout.text(), err: io.stderr.text() };
  }

  it("is drawn, then cleared before a message and before the summary", { timeout: 20_000 }, async () => {
    const { code, out, err } = await slowRun(true);
    expect(code).toBe(1);
    expect(linesOf(out)).toHaveLength(602);
    expect(err).toMatch(/\r\u001b\[2K600 lines/);
    // the bad line's message starts on a cleared line, not after the progress text
    expect(err).toContain("\r\u001b[2K<stdin>:601:1  error bad  Bad.\n");
    expect(err.endsWith("\n")).toBe(true);
    expect(err.slice(err.lastIndexOf("\n", err.length - 2) + 1)).toMatch(/^(\r\u001b\[2K)?vmfilter slow: 602 lines: 601 ok \(0 with warnings\), 1 with errors, 0 blank/);
  });

  it("is not drawn when stderr is not a terminal, nor when the output goes to the terminal too", { timeout: 20_000 }, async () => {
    for (const [stderrTty, stdoutTty] of [
      [false, false],
      [true, true],
    ]) {
      const { err } = await slowRun(stderrTty!, stdoutTty);
      expect(err).not.toContain("\r");
      expect(err).not.toMatch(ANSI);
      expect(linesOf(err)).toEqual([expect.stringContaining("<stdin>:601:1  error bad  Bad."), expect.stringMatching(/^vmfilter slow: 602 lines: 601 ok/)]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// docs/cli.md: every console example runs and prints what the page shows.

describe("docs/cli.md examples", () => {
  const page = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
  const blocks = [...page.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]!);
  /** The timing in the summary line, and the package version in SARIF, differ from run to run or release. */
  const normal = (text: string) => text.replace(/\(\d+\.\d\d s(, [\d,]+ lines\/s)?\)/g, "(…)").replace(/("version": ")\d+\.\d+\.\d+[^"]*(",\n\s+"informationUri")/g, "$1…$2");

  it("has examples", () => {
    expect(blocks.length).toBeGreaterThan(8);
  });

  it("runs each `$` line through sh and shows its stdout and stderr", { timeout: 120_000 }, async () => {
    const { mkdirSync, symlinkSync } = await import("node:fs");
    const { runProcess } = await import("../helpers/cli.js");
    const work = join(dir, "docs");
    const bin = join(dir, "docs-bin");
    const outputs = join(dir, "docs-out");
    for (const d of [work, bin, outputs]) mkdirSync(d, { recursive: true });
    symlinkSync(BIN, join(bin, "vmfilter")); // `vmfilter` as an installed bin: dist/cli/main.js
    const PATH = `${bin}:${process.env.PATH ?? ""}`;
    // All blocks in one folder, in order: a later block uses the files an earlier one made.
    let n = 0;
    for (const block of blocks) {
      const calls: { command: string; shown: string[]; out: string }[] = [];
      for (const line of block.trimEnd().split("\n")) {
        if (line.startsWith("$ ")) calls.push({ command: line.slice(2), shown: [], out: join(outputs, String(n++)) });
        else calls.at(-1)!.shown.push(line);
      }
      // each command in a group whose stdout and stderr go to one file (in the order written:
      // the driver writes stdout, then stderr, when neither is a terminal); `$?` carries over
      const script = calls.map((c) => `{ ${c.command}\n} > '${c.out}' 2>&1`).join("\n");
      const r = await runProcess("sh", ["-c", script], { cwd: work, env: { PATH } });
      expect(r.stderr, block).toBe("");
      for (const call of calls) {
        const shown = call.shown.length === 0 ? "" : `${call.shown.join("\n")}\n`;
        expect(normal(readFileSync(call.out, "utf8")), `$ ${call.command}`).toBe(normal(shown));
      }
    }
  });
});
