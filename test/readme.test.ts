/** The README's tour, executed: what it promises is what the package does. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requireBuild, runProcess } from "./helpers/cli.js";
import { FilterSyntaxError, analyze, apply, compile, selectStatement, toSql, applyFixes, canonicalize, filterOf, format, parse, schemas, toApiError, toQueryString, where } from "../src/index.js";

describe("README tour", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("opens with command-line calls that print what it shows", { timeout: 60_000 }, async () => {
    requireBuild(); // npm ci builds dist/ (the prepare script); npm test builds it again
    // the README's first example block: `$ command` lines, each followed by its output
    const block = /```(\w*)\n([\s\S]*?)```/g;
    let first: RegExpExecArray | null;
    do first = block.exec(readme);
    while (first && first[1] === ""); // the GET line above it is the API, not an example
    expect(first?.[1]).toBe("console");
    const calls: { command: string; output: string[] }[] = [];
    for (const line of first![2]!.trimEnd().split("\n")) {
      if (line.startsWith("$ ")) calls.push({ command: line.slice(2), output: [] });
      else calls.at(-1)!.output.push(line);
    }
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[0]!.command).toBe(`npx vmfilter format "name cp '%web%' and state eq 'active'"`);
    for (const { command, output } of calls) {
      expect(command.startsWith("npx vmfilter ")).toBe(true);
      // exactly as a user types it, through a shell. If npx did not find the project's own bin it
      // would look the name up in the registry: offline and without --yes it fails instead.
      const r = await runProcess("sh", ["-c", command], { env: { npm_config_yes: "false", npm_config_offline: "true" } });
      expect({ command, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ command, code: 0, stdout: `${output.join("\n")}\n`, stderr: "" });
    }
  });

  it("prints what the README says", () => {
    const { query, diagnostics } = parse("limit=0,50&where=id%20eq%201&orderby=name");
    expect(format(query)).toBe("where=(id EQ 1)&orderby=name asc&limit=0,50");
    expect(toQueryString(query)).toBe("where=(id+EQ+1)&orderby=name+asc&limit=0,50");
    expect(diagnostics).toEqual([]);
    expect(readme).toContain('format(query);        // "where=(id EQ 1)&orderby=name asc&limit=0,50"');
    expect(readme).toContain('toQueryString(query); // "where=(id+EQ+1)&orderby=name+asc&limit=0,50"');
  });

  it("reports the README's two errors", () => {
    const diagnostics = parse("where=(id EQ ) AND (state EQ active)").diagnostics;
    expect(diagnostics.map((d) => [d.code, d.start, d.end, d.line, d.column])).toEqual([
      ["missing-value", 13, 14, 1, 14],
      ["unquoted-value", 29, 35, 1, 30],
    ]);
    expect(diagnostics[1]!.fix).toEqual({ title: "Quote the value: 'active'", edits: [{ start: 29, end: 35, newText: "'active'" }] });
  });

  it("shows the README's code frame", () => {
    let text = "";
    try {
      canonicalize("(a EQ 1");
    } catch (error) {
      expect(error).toBeInstanceOf(FilterSyntaxError);
      text = String(error);
    }
    for (const line of text.split("\n")) expect(readme).toContain(`// ${line}`.trimEnd());
  });

  it("validates, fixes and answers in the API's error shape as the README shows", () => {
    const input = "where=(nmae CP 'web') and (state EQ active)";
    const { diagnostics } = analyze(input, { schema: schemas.vm.host });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["unknown-field", "error"],
      ["cp-without-wildcard", "hint"],
      ["keyword-case", "hint"],
      ["unquoted-value", "error"],
    ]);
    expect(diagnostics[0]!.message).toBe("Unknown field 'nmae' in vm.host. Did you mean 'name' or 'node'?");
    expect(applyFixes(input, diagnostics)).toBe("where=(name EQ 'web') AND (state EQ 'active')");
    expect(readme).toContain(`// "where=(name EQ 'web') AND (state EQ 'active')"`);
    const body = toApiError(diagnostics);
    expect(body.error.code).toBe(4001);
    expect(body.error.msg.startsWith("Invalid filter: Unknown field 'nmae' in vm.host.")).toBe(true);
    expect(readme).toContain(`const input = "${input}";`);
  });

  it("builds as the README shows", () => {
    const f = filterOf(schemas.vm.host);
    const text = f.where(f.cp("name", "%web%").and(f.not(f.eq("state", "stopped")))).orderBy("cluster.name", "desc").limit(0, 50).toQueryString();
    expect(text).toBe("where=(name+CP+'%25web%25')+AND+NOT+(state+EQ+'stopped')&orderby=cluster.name+desc&limit=0,50");
    expect(readme).toContain(`// "${text}"`);
    expect(where`(name EQ ${"O'Brien"}) AND (id GT ${10})`.toString()).toBe("(name EQ 'O''Brien') AND (id GT 10)");
  });

  it("runs filters as the README shows", () => {
    const hosts = [
      { id: 1, name: "web-1", state: "active" },
      { id: 2, name: "web-2", state: "stopped" },
      { id: 3, name: "WEB-3", state: null },
    ];
    expect(hosts.filter(compile("name CP '%web%' AND NOT (state EQ 'stopped')")).map((h) => h.id)).toEqual([1]);
    const page = apply("where=name CP '%web%'&orderby=name desc&limit=0,2", hosts);
    expect([page.list.map((h) => h.name), page.size]).toEqual([["web-2", "web-1"], 3]);
    const sql = toSql("where=name CP '%web%'&limit=0,2", { dialect: "postgres", columns: { id: "id", name: { column: "name", type: "string" } } });
    const statement = selectStatement(sql, "host");
    expect(statement.params).toEqual(["%web%", 2, 0]);
    expect(readme).toContain(`// { text: \`${statement.text}\`,`);
    expect(readme).toContain("// { list: [web-2, web-1], size: 3 }");
  });
});
