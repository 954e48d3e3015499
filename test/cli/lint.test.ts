/// <reference types="node" />
/**
 * `vmfilter lint` end to end: the built binary (`dist/cli/main.js`) run as a child process, as a
 * user or CI would run it: exit codes, stdout and stderr, every input mode and output format,
 * --fix and --fix --write, and no colour off a terminal.
 *
 * `npm test` builds before vitest runs; alone, run `npm run build` first (a missing binary is built
 * here, a stale one is not detected).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, buildIfMissing, runCli, type CliOptions, type CliRun } from "../helpers/cli.js";

/** Runs `vmfilter <args>` with `input` on stdin (empty when not given), in `cwd`. */
async function vmfilter(args: readonly string[], options: CliOptions = {}): Promise<Pick<CliRun, "code" | "stdout" | "stderr">> {
  const { code, stdout, stderr } = await runCli(args, options);
  return { code, stdout, stderr };
}

const lint = (args: readonly string[], options?: Parameters<typeof vmfilter>[1]) => vmfilter(["lint", ...args], options);

let dir = "";

beforeAll(() => {
  buildIfMissing();
  dir = mkdtempSync(join(tmpdir(), "vmfilter-lint-"));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A file in the test's temporary folder. */
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The column a caret line points at: `    |      ^^` → 1-based column of the first `^`. */
function caretColumn(frameLine: string): number {
  const bar = frameLine.indexOf("| ");
  return frameLine.indexOf("^") - (bar + 2) + 1;
}

describe("lint: text output", () => {
  it("a clean filter: exit 0, nothing on stdout, 'no problems' on stderr", async () => {
    const run = await lint(["where=(name EQ 'web') AND (state EQ 'active')"]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "no problems\n" });
  });

  it("errors: exit 1, each diagnostic on stdout with its place, code frame and caret", async () => {
    const filter = "name EQ 'web' AND id EQ";
    const run = await lint([filter]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    const head = lines.findIndex((l) => l.startsWith("<argument>:1:24  error missing-value  "));
    expect(head, run.stdout).toBeGreaterThanOrEqual(0);
    expect(lines[head + 1]).toBe(`  1 | ${filter}`);
    expect(lines[head + 2]).toMatch(/^ {4}\| +\^$/);
    expect(caretColumn(lines[head + 2]!)).toBe(24);
  });

  it("warnings and hints alone exit 0, each with its fix title", async () => {
    const run = await lint(["name eq 'web'"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("<argument>:1:6  hint keyword-case  Write 'EQ', as every server example does, not 'eq'.");
    expect(run.stdout).toContain("  fix: Write 'EQ'");
    const caret = run.stdout.split("\n").find((l) => l.includes("^"))!;
    expect(caret).toMatch(/\^\^$/);
    expect(caretColumn(caret)).toBe(6);
    expect(run.stderr).toBe("");
  });

  it("--schema vm.host: an unknown field is an error with did-you-mean", async () => {
    const run = await lint(["--schema", "vm.host", "nmae EQ 'web'"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^<argument>:1:1 {2}error unknown-field {2}Unknown field 'nmae' in vm\.host\. Did you mean 'name'/m);
    expect(run.stdout).toContain("  fix: Replace with 'name'");
    // without a schema the field is not checked
    expect((await lint(["nmae EQ 'web'"])).code).toBe(0);
  });

  it("--schema with an unknown name is a usage error listing the built-in ones", async () => {
    const run = await lint(["--schema", "vm.hots", "id EQ 1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown schema "vm.hots". Built-in schemas: ');
    expect(run.stderr).toContain("vm.host");
  });

  it("--schema-file: a schema of your own, as JSON", async () => {
    const schema = file("entity.json", JSON.stringify({ name: "my.entity", fields: { hostname: "string", size: "integer" } }));
    const bad = await lint(["--schema-file", schema, "hostnme EQ 'a' AND size EQ 'x'"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("error unknown-field  Unknown field 'hostnme' in my.entity. Did you mean 'hostname'?");
    expect(bad.stdout).toMatch(/<argument>:1:28 {2}error type-mismatch {2}'size' holds whole numbers/);
    const good = await lint(["--schema-file", schema, "hostname EQ 'a' AND size GT 3"]);
    expect(good).toMatchObject({ code: 0, stdout: "", stderr: "no problems\n" });
    // a schema file that is not JSON, or both options at once: usage errors
    const broken = file("broken.json", "{ fields: ");
    expect((await lint(["--schema-file", broken, "id EQ 1"])).code).toBe(2);
    expect((await lint(["--schema-file", join(dir, "missing.json"), "id EQ 1"])).stderr).toContain("Cannot read the schema file");
    expect((await lint(["--schema-file", schema, "--schema", "vm.host", "id EQ 1"])).stderr).toContain("Give --schema or --schema-file, not both.");
  });
});

describe("lint: --rule", () => {
  it("keyword-case=off silences the rule; =error makes it fail the filter", async () => {
    expect(await lint(["--rule", "keyword-case=off", "name eq 'web'"])).toMatchObject({ code: 0, stdout: "", stderr: "no problems\n" });
    const error = await lint(["--rule", "keyword-case=error", "name eq 'web'"]);
    expect(error.code).toBe(1);
    expect(error.stdout).toContain("<argument>:1:6  error keyword-case  ");
  });

  it("is repeatable, takes comma-separated settings, 'warn' and any letter case; the last setting of a rule wins", async () => {
    const run = await lint(["--rule", "keyword-case=error", "--rule", "keyword-case=Off,no-mixed-and-or=warn", "a eq 1 OR b EQ 2 AND c EQ 3"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("keyword-case");
    expect(run.stdout).toContain("warning no-mixed-and-or");
  });

  it("an unknown rule id is reported by the analyzer (a warning with did-you-mean), not a usage error", async () => {
    const run = await lint(["--rule", "keywordcase=off", "id EQ 1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("warning unknown-rule  There is no rule 'keywordcase'; its setting is ignored. Did you mean 'keyword-case'?");
  });

  it.each([
    [["--rule", "keyword-case"], "--rule takes id=level (like keyword-case=off); got \"keyword-case\"."],
    [["--rule", "=off"], "--rule takes id=level"],
    [["--rule", "keyword-case="], "--rule takes id=level"],
    [["--rule", "keyword-case=loud"], '--rule keyword-case: the level must be one of off, error, warning, info, hint; got "loud".'],
  ])("a malformed setting %j is a usage error (exit 2)", async (args, message) => {
    const run = await lint([...args, "id EQ 1"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`vmfilter lint: ${message}`);
    expect(run.stderr).toContain('Run "vmfilter lint --help" for usage.');
  });
});

describe("lint: usage", () => {
  it("an unknown option is a usage error naming it (exit 2)", async () => {
    const run = await lint(["--frobnicate", "id EQ 1"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`vmfilter lint: Unknown option '--frobnicate'.\nRun "vmfilter lint --help" for usage.\n`);
  });

  it("--help: usage, every option and worked examples, exit 0", async () => {
    const run = await lint(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^vmfilter lint \[filter\]/);
    for (const option of ["--schema <name>", "--schema-file <path>", "--rule <id=level>", "--fix", "--write", "--file <path>", "--format <text|json|sarif>"]) expect(run.stdout).toContain(option);
    expect(run.stdout).toContain("Examples:\n  vmfilter lint ");
    expect(run.stdout).toContain("keyword-case"); // the rule list
  });

  it.each([
    [["--write", "--file", "x.txt"], "--write rewrites the file with the fixes applied: give --fix too."],
    [["--fix", "--write", "id EQ 1"], "--write rewrites a file in place: give --file <path> (not stdin)."],
    [["--fix", "--write", "--file", "-"], "--write rewrites a file in place: give --file <path> (not stdin)."],
    [["--fix", "--format", "sarif", "id EQ 1"], "--fix prints the fixed filters, which SARIF has no place for"],
    [["--format", "xml", "id EQ 1"], "--format must be one of text, json, sarif"],
  ])("%j is a usage error", async (args, message) => {
    const run = await lint(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe("lint: input", () => {
  it("reads the filter from stdin when there is no argument", async () => {
    const run = await lint([], { input: "name eq 'web'\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("<stdin>:1:6  hint keyword-case");
    expect((await lint([], { input: "id EQ\n" })).stdout).toContain("<stdin>:1:6  error missing-value");
  });

  it("a filter over several lines on stdin: places and frames are on the right line", async () => {
    const run = await lint([], { input: "a EQ 1\nAND b eq 2" });
    expect(run.stdout).toContain("<stdin>:2:7  hint keyword-case");
    expect(run.stdout).toContain("  2 | AND b eq 2\n    |       ^^\n");
  });

  it("--file: one filter per line, places file:LINE:COL, blank lines skipped, a summary on stderr", async () => {
    const path = file("saved.txt", "name eq 'a'\n\nid EQ 1\nname EQ\nwhere=id+eq+1&limit=5\n");
    const run = await lint(["--file", path]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")).toEqual([
      `${path}:1:6  hint keyword-case  Write 'EQ', as every server example does, not 'eq'.`,
      "  fix: Write 'EQ'",
      `${path}:4:8  error missing-value  Expected a value after 'EQ', found end of input.`,
      `${path}:5:10  hint keyword-case  Write 'EQ', as every server example does, not 'eq'.`,
      "  fix: Write 'EQ'",
      `${path}:5:21  warning limit-single-number  'limit=5' has one number; its meaning upstream is unknown. It is read as offset 0, count 5: write '0,5'.`,
      "  fix: Write '0,5'",
      "",
    ]);
    expect(run.stderr).toMatch(/^vmfilter lint: 5 lines: 3 ok \(2 with warnings\), 1 with errors, 1 blank \(/);
    // a clean file exits 0
    expect((await lint(["--file", file("clean.txt", "id EQ 1\nname CP '%a%'\n")])).code).toBe(0);
    // --file - reads the lines from stdin
    const stdin = await lint(["--file", "-"], { input: "id EQ 1\nid eq 2\n" });
    expect(stdin.stdout).toContain("<stdin>:2:4  hint keyword-case");
  });

  it("--file with a missing file is a usage error", async () => {
    const run = await lint(["--file", join(dir, "nope.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nope.txt");
  });
});

describe("lint: --format json", () => {
  it("one JSON object per filter: line, input, ok, diagnostics with code, severity, place and fix", async () => {
    const path = file("json.txt", "name eq 'a'\n\nid EQ 1\nname EQ\n");
    const run = await lint(["--file", path, "--format", "json"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    const results = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results.map((r) => [r.line, r.input, r.ok])).toEqual([
      [1, "name eq 'a'", true],
      [3, "id EQ 1", true],
      [4, "name EQ", false],
    ]);
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(["diagnostics", "input", "line", "ok"]);
      for (const d of result.diagnostics as Record<string, unknown>[]) {
        expect(d).toMatchObject({ code: expect.any(String), severity: expect.stringMatching(/^(error|warning|info|hint)$/), message: expect.any(String) });
        for (const key of ["start", "end", "line", "column", "endLine", "endColumn"]) expect(d[key], key).toEqual(expect.any(Number));
      }
    }
    expect(results[0]!.diagnostics).toEqual([
      expect.objectContaining({ code: "keyword-case", rule: "keyword-case", severity: "hint", line: 1, column: 6, endColumn: 8, fix: { title: "Write 'EQ'", edits: [{ start: 5, end: 7, newText: "EQ" }] } }),
    ]);
    expect(results[2]!.diagnostics).toEqual([expect.objectContaining({ code: "missing-value", severity: "error", column: 8 })]);
  });

  it("a single filter is one line of JSON too; nothing else on stdout", async () => {
    const run = await lint(["--format", "json", "id EQ 1"]);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ input: "id EQ 1", ok: true, diagnostics: [] });
    expect(run.stderr).toBe("");
  });
});

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0: the official schema (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json) ships
// in no small, maintained npm package, so what it requires of the objects vmfilter writes is
// checked here by hand: required members, types, enums, minimums, and no member the schema does
// not allow (its objects have additionalProperties: false).

type Json = Record<string, unknown>;

/** Checks one object: required members, and no member outside `allowed`. */
function members(object: unknown, where: string, required: readonly string[], allowed: readonly string[]): Json {
  expect(object !== null && typeof object === "object" && !Array.isArray(object), `${where} is an object`).toBe(true);
  const json = object as Json;
  for (const name of required) expect(json, `${where} has ${name}`).toHaveProperty([name]);
  for (const name of Object.keys(json)) expect(allowed, `${where}.${name} is a SARIF member`).toContain(name);
  return json;
}

/** RFC 3986 URI-reference: only unreserved, reserved and `%XX` (no space, `<`, `>`, `\`, `"`…). */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

function checkMessage(message: unknown, where: string): void {
  const json = members(message, where, [], ["text", "markdown", "id", "arguments", "properties"]);
  expect(typeof json.text === "string" || typeof json.id === "string", `${where} has text or id`).toBe(true);
}

/** Everything SARIF 2.1.0 requires of a log vmfilter writes; the results, for further checks. */
function checkSarif(log: unknown): Json[] {
  const root = members(log, "log", ["version", "runs"], ["$schema", "version", "runs", "inlineExternalProperties", "properties"]);
  expect(root.version).toBe("2.1.0");
  if (root.$schema !== undefined) expect(root.$schema).toMatch(/^https:\/\/\S+$/);
  expect(Array.isArray(root.runs)).toBe(true);
  expect(root.runs as unknown[]).toHaveLength(1);
  const run = members((root.runs as unknown[])[0], "run", ["tool"], ["tool", "results", "columnKind", "invocations", "artifacts", "originalUriBaseIds", "automationDetails", "properties"]);
  const tool = members(run.tool, "tool", ["driver"], ["driver", "extensions", "properties"]);
  const driver = members(tool.driver, "driver", ["name"], ["name", "version", "semanticVersion", "informationUri", "rules", "fullName", "organization", "properties"]);
  expect(driver.name).toBe("vmfilter");
  if (driver.informationUri !== undefined) expect(driver.informationUri).toMatch(/^https:\/\/\S+$/);
  if (run.columnKind !== undefined) expect(["utf16CodeUnits", "unicodeCodePoints"]).toContain(run.columnKind);
  const rules = (driver.rules ?? []) as unknown[];
  expect(Array.isArray(rules)).toBe(true);
  rules.forEach((rule, i) => {
    const json = members(rule, `rules[${i}]`, ["id"], ["id", "name", "shortDescription", "fullDescription", "helpUri", "help", "defaultConfiguration", "properties"]);
    expect(typeof json.id).toBe("string");
    if (json.shortDescription !== undefined) expect(typeof members(json.shortDescription, `rules[${i}].shortDescription`, ["text"], ["text", "markdown", "properties"]).text).toBe("string");
  });
  expect(new Set(rules.map((r) => (r as Json).id)).size, "rule ids are unique").toBe(rules.length);
  expect(Array.isArray(run.results)).toBe(true);
  const results = run.results as Json[];
  results.forEach((result, i) => {
    const where = `results[${i}]`;
    members(result, where, ["message", "ruleId", "level", "locations"], ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "locations", "fixes", "properties"]);
    expect(typeof result.ruleId).toBe("string");
    expect(rules.map((r) => (r as Json).id), `${where}.ruleId is among the driver's rules`).toContain(result.ruleId);
    expect(["error", "warning", "note", "none"]).toContain(result.level);
    checkMessage(result.message, `${where}.message`);
    expect(typeof (result.message as Json).text).toBe("string");
    const locations = result.locations as unknown[];
    expect(Array.isArray(locations) && locations.length > 0, `${where} has a location`).toBe(true);
    const location = members(locations[0], `${where}.locations[0]`, ["physicalLocation"], ["physicalLocation", "logicalLocations", "message", "id", "properties"]);
    const physical = members(location.physicalLocation, `${where}.physicalLocation`, ["artifactLocation", "region"], ["artifactLocation", "region", "contextRegion", "address", "properties"]);
    const artifact = members(physical.artifactLocation, `${where}.artifactLocation`, ["uri"], ["uri", "uriBaseId", "index", "description", "properties"]);
    expect(artifact.uri).toEqual(expect.any(String));
    expect(artifact.uri, `${where}.artifactLocation.uri is a URI reference`).toMatch(URI_REFERENCE);
    const region = members(physical.region, `${where}.region`, ["startLine", "startColumn"], ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "snippet", "message", "properties"]);
    for (const key of ["startLine", "startColumn", "endLine", "endColumn"]) {
      if (region[key] === undefined) continue;
      expect(Number.isInteger(region[key]), `${where}.region.${key} is an integer`).toBe(true);
      expect(region[key] as number, `${where}.region.${key} ≥ 1`).toBeGreaterThanOrEqual(1);
    }
    if (region.endLine !== undefined) expect(region.endLine as number).toBeGreaterThanOrEqual(region.startLine as number);
    if (region.endLine === region.startLine && region.endColumn !== undefined) expect(region.endColumn as number).toBeGreaterThanOrEqual(region.startColumn as number);
  });
  return results;
}

describe("lint: --format sarif", () => {
  it("a file: one SARIF 2.1.0 log with every diagnostic at its file line and column", async () => {
    const path = file("sarif.txt", "name eq 'a'\n\nid EQ 1\nname EQ\nwhere=id+eq+1&limit=5\n");
    const run = await lint(["--file", path, "--format", "sarif"]);
    expect(run.code).toBe(1);
    const results = checkSarif(JSON.parse(run.stdout));
    const at = (r: Json) => {
      const physical = ((r.locations as Json[])[0]!.physicalLocation as Json).region as Json;
      return [r.ruleId, r.level, physical.startLine, physical.startColumn];
    };
    expect(results.map(at)).toEqual([
      ["keyword-case", "note", 1, 6],
      ["missing-value", "error", 4, 8],
      ["keyword-case", "note", 5, 10],
      ["limit-single-number", "warning", 5, 21],
    ]);
    for (const r of results) expect(((r.locations as Json[])[0]!.physicalLocation as Json).artifactLocation).toEqual({ uri: path });
  });

  it("a path with spaces and '#' is percent-encoded into the URI", async () => {
    const path = file("my saved #1.txt", "id eq 1\n");
    const results = checkSarif(JSON.parse((await lint(["--file", path, "--format", "sarif"])).stdout));
    expect(results).toHaveLength(1);
    const uri = (((results[0]!.locations as Json[])[0]!.physicalLocation as Json).artifactLocation as Json).uri as string;
    expect(uri.endsWith("/my%20saved%20%231.txt")).toBe(true);
    expect(decodeURIComponent(uri)).toBe(path);
  });

  it("the argument and stdin have URIs too; --schema problems and a clean run are valid logs", async () => {
    const argument = checkSarif(JSON.parse((await lint(["--format", "sarif", "--schema", "vm.host", "nmae eq 'a'"])).stdout));
    expect(argument.map((r) => r.ruleId)).toEqual(["unknown-field", "keyword-case"]);
    expect(decodeURIComponent((((argument[0]!.locations as Json[])[0]!.physicalLocation as Json).artifactLocation as Json).uri as string)).toBe("<argument>");
    const stdin = await lint(["--format", "sarif"], { input: "id EQ\n" });
    expect(stdin.code).toBe(1);
    expect(checkSarif(JSON.parse(stdin.stdout)).map((r) => r.level)).toEqual(["error"]);
    const clean = await lint(["--format", "sarif", "id EQ 1"]);
    expect(clean.code).toBe(0);
    expect(checkSarif(JSON.parse(clean.stdout))).toEqual([]);
    expect(clean.stderr).toBe("");
  });
});

describe("lint --fix", () => {
  it("prints the fixed filter on stdout only; exit 0 when nothing is left", async () => {
    const run = await lint(["--fix", "name eq web or a EQ 1 and b EQ 2"]);
    expect(run).toEqual({ code: 0, stdout: "name EQ 'web' OR (a EQ 1 AND b EQ 2)\n", stderr: "" });
  });

  it("errors left: the fixed text still on stdout, the problems on stderr framed against it, exit 1", async () => {
    const run = await lint(["--fix", "name eq web and ("]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("name EQ 'web' AND ()\n");
    expect(run.stderr).toContain("<argument>:1:20  error missing-condition");
    expect(run.stderr).toContain("  1 | name EQ 'web' AND ()\n    |                    ^\n");
  });

  it("guesses are not applied: an unknown field stays, reported on stderr with its suggested fix; exit 1", async () => {
    const run = await lint(["--fix", "--schema", "vm.host", "name eq 'a' AND foo EQ 1 and name CP 'x'"]);
    expect(run.stdout).toBe("name EQ 'a' AND foo EQ 1 AND name CP 'x'\n");
    expect(run.stderr).toContain("error unknown-field  Unknown field 'foo' in vm.host.");
    expect(run.stderr).toContain("fix: Replace with ");
    expect(run.stderr).toContain("hint cp-without-wildcard");
    expect(run.code).toBe(1);
  });

  it("--unsafe-fixes applies them too: did-you-mean names, CP to EQ", async () => {
    const schema = file("enum.json", JSON.stringify({ name: { type: "string" }, state: { type: "enum", values: ["active", "stopped"] } }));
    const filter = "nmae cp 'web' AND state EQ 'activ'";
    const safe = await lint(["--fix", "--schema-file", schema, filter]);
    expect(safe.stdout).toBe("nmae CP 'web' AND state EQ 'activ'\n"); // only keyword-case applied
    expect(safe.code).toBe(1);
    const run = await lint(["--fix", "--unsafe-fixes", "--schema-file", schema, filter]);
    expect(run).toEqual({ code: 0, stdout: "name EQ 'web' AND state EQ 'active'\n", stderr: "" });
    expect((await lint(["--unsafe-fixes", "id EQ 1"])).stderr).toContain("--unsafe-fixes widens --fix: give --fix too.");
  });

  it("applies fixes in passes (a fix skipped for overlapping another comes in the next pass)", async () => {
    // unquoted-value and keyword-case on the same condition, no-mixed-and-or around it
    const run = await lint(["--fix", "a EQ x or b eq y and c eq z"]);
    expect(run.stdout).toBe("a EQ 'x' OR (b EQ 'y' AND c EQ 'z')\n");
    expect(run.code).toBe(0);
    // the result is clean: linting it again finds nothing
    expect(await lint([run.stdout.trimEnd()])).toMatchObject({ code: 0, stdout: "" });
  });

  it("--rule turns a fix off with its rule", async () => {
    expect((await lint(["--fix", "--rule", "keyword-case=off", "id eq 1"])).stdout).toBe("id eq 1\n");
  });

  it("--file: stdout has the input's lines, fixed, blank lines kept; problems on stderr with file:LINE:COL", async () => {
    const path = file("fix.txt", "name eq 'a'\n\nid EQ 1\nname EQ\nwhere=id+eq+1&limit=5\n");
    const run = await lint(["--fix", "--file", path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("name EQ 'a'\n\nid EQ 1\nname EQ\nwhere=id+EQ+1&limit=0,5\n");
    expect(run.stderr).toContain(`${path}:4:8  error missing-value`);
    expect(run.stderr).toMatch(/vmfilter lint: 5 lines: 3 ok \(0 with warnings\), 1 with errors, 1 blank/);
    expect(readFileSync(path, "utf8")).toBe("name eq 'a'\n\nid EQ 1\nname EQ\nwhere=id+eq+1&limit=5\n"); // untouched without --write
  });

  it("--format json: the fixed text as output, the diagnostics left located in it", async () => {
    const run = await lint(["--fix", "--format", "json", "name eq web and ("]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as Json;
    expect(result).toMatchObject({ input: "name eq web and (", ok: false, output: "name EQ 'web' AND ()" });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "missing-condition", start: 19, column: 20 })]);
  });
});

describe("lint --fix --write", () => {
  it("rewrites the file in place, line for line; exit 1 while errors remain", async () => {
    const path = file("write.txt", "name eq 'a'\n\nid EQ 1\nname EQ\nwhere=id+eq+1&limit=5\n");
    chmodSync(path, 0o640);
    const run = await lint(["--fix", "--write", "--file", path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(readFileSync(path, "utf8")).toBe("name EQ 'a'\n\nid EQ 1\nname EQ\nwhere=id+EQ+1&limit=0,5\n");
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(run.stderr).toContain(`${path}:4:8  error missing-value`);
    expect(run.stderr).toContain(`vmfilter lint: rewrote ${path} (2 lines changed)`);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // a second run finds nothing to fix and leaves the file alone
    const before = statSync(path);
    const again = await lint(["--fix", "--write", "--file", path]);
    expect(again.stderr).toContain(`vmfilter lint: ${path} unchanged`);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(path).ino).toBe(before.ino);
  });

  it("keeps CRLF line endings, a byte order mark, and a missing final newline", async () => {
    const path = file("crlf.txt", "\ufeffx eq 1\r\n\r\ny EQ 2\r\nz eq 3");
    const run = await lint(["--fix", "--write", "--file", path]);
    expect(run.code).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("\ufeffx EQ 1\r\n\r\ny EQ 2\r\nz EQ 3");
  });

  it("a clean file exits 0 and is not rewritten", async () => {
    const path = file("clean-write.txt", "id EQ 1\n");
    const ino = statSync(path).ino;
    const run = await lint(["--fix", "--write", "--file", path]);
    expect(run.code).toBe(0);
    expect(statSync(path).ino).toBe(ino);
    expect(readFileSync(path, "utf8")).toBe("id EQ 1\n");
  });

  it("with --field or a --format it is a usage error, and the file is left as it was", async () => {
    const path = file("write-usage.txt", "id eq 1\n");
    expect((await lint(["--fix", "--write", "--file", path, "--field", "where"])).code).toBe(2);
    expect((await lint(["--fix", "--write", "--file", path, "--format", "json"])).code).toBe(2);
    expect(readFileSync(path, "utf8")).toBe("id eq 1\n");
  });
});

describe("lint: colour", () => {
  const ANSI = /\u001b\[/;

  it("off a terminal: no ANSI escapes on stdout or stderr, with NO_COLOR or without", async () => {
    const envs: Record<string, string>[] = [{}, { NO_COLOR: "1" }, { FORCE_COLOR: "1" }];
    for (const env of envs) {
      const errors = await lint(["name eq 'a' AND"], { env });
      expect(errors.code).toBe(1);
      expect(errors.stdout).not.toMatch(ANSI);
      const fixed = await lint(["--fix", "name eq 'a' AND"], { env });
      expect(fixed.stderr).not.toMatch(ANSI);
      expect(fixed.stdout).not.toMatch(ANSI);
    }
  });

  // a real terminal through util-linux `script`, where it exists
  const script = spawnSync("script", ["--version"], { encoding: "utf8" });
  it.skipIf(script.status !== 0)("on a terminal: colours, unless NO_COLOR is set", () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint "name eq 'a' AND"`;
    const onTty = (noColor: string | undefined) => {
      const env: Record<string, string | undefined> = { ...process.env, TERM: "xterm", NO_COLOR: noColor };
      if (noColor === undefined) delete env.NO_COLOR;
      return spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env }).stdout;
    };
    const coloured = onTty(undefined);
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain("missing-condition");
    const plain = onTty("1");
    expect(plain).toContain("error missing-condition");
    expect(plain).not.toMatch(ANSI);
  });
});
