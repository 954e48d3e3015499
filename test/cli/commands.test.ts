/// <reference types="node" />
/**
 * `vmfilter explain`, `vmfilter sql` and `vmfilter convert` end to end: the built binary
 * (`dist/cli/main.js`) run as a child process: stdout, stderr and exit codes, text and
 * `--format json` output, usage errors, and round trips between the shapes convert reads and
 * writes.
 *
 * `npm test` builds before vitest runs; alone, run `npm run build` first (a missing binary is built
 * here, a stale one is not detected).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { toQueryString } from "../../src/print/encode.js";
import { toJSON } from "../../src/tree/json.js";
import { buildIfMissing, runCli, type CliRun } from "../helpers/cli.js";

/** Runs `vmfilter <args>` with `input` on stdin (empty when not given). */
const vmfilter = (args: readonly string[], input = ""): Promise<CliRun> => runCli(args, { input });

/** A run that must succeed quietly: its stdout without the final newline. */
async function ok(args: readonly string[], input?: string): Promise<string> {
  const r = await vmfilter(args, input);
  expect(r.stderr, `vmfilter ${args.join(" ")}`).toBe("");
  expect(r.code, `vmfilter ${args.join(" ")}`).toBe(0);
  expect(r.stdout.endsWith("\n")).toBe(true);
  return r.stdout.slice(0, -1);
}

/** `--format json` output of one filter. */
async function json(args: readonly string[], input?: string): Promise<{ input: string; ok: boolean; output?: any; diagnostics: any[] }> {
  const r = await vmfilter([...args, "--format", "json"], input);
  expect(r.stdout.endsWith("\n")).toBe(true);
  expect(r.stdout.slice(0, -1)).not.toContain("\n");
  return JSON.parse(r.stdout);
}

/** A usage error: exit 2, nothing on stdout, the message and the hint to --help on stderr. */
async function usage(args: readonly string[], message: string | RegExp): Promise<void> {
  const r = await vmfilter(args, "id EQ 1");
  expect(r.code, `vmfilter ${args.join(" ")}`).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(typeof message === "string" ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : message);
  expect(r.stderr).toContain(`Run "vmfilter ${args[0]} --help" for usage.`);
}

let dir = "";
let columns = "";

beforeAll(() => {
  buildIfMissing();
  dir = mkdtempSync(join(tmpdir(), "vmfilter-commands-"));
  columns = file("columns.json", JSON.stringify({ id: "id", name: "name", state: "state", "cluster.name": "cluster_name", cpu_number: { column: "cpu", type: "integer" } }));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;

/** A new file in the test's temporary folder (a unique name: tests run concurrently). */
function file(name: string, content: string): string {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, content);
  return path;
}

const EXAMPLE = "where=(name CP '%25web%25') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50";
const EXAMPLE_WORDS = "name matches '%web%' and state is not 'stopped'; sorted by cluster name, descending; rows 1–50";

// ---------------------------------------------------------------------------------------------

describe.concurrent("vmfilter explain", () => {
  it("prints the tree as an outline, then the plain words", async () => {
    expect(await ok(["explain", EXAMPLE])).toBe(
      [
        "Query (URL form)",
        "  where",
        "    And",
        "      Comparison  name CP '%web%'",
        "      Not",
        "        Comparison  state EQ 'stopped'",
        "  orderby",
        "    SortKey  cluster.name desc",
        "  limit  offset 0, count 50",
        `In words: ${EXAMPLE_WORDS}`,
      ].join("\n"),
    );
  });

  it("shows IS null, OR, booleans, numbers and other parameters in the tree", async () => {
    expect(await ok(["explain", "where=a IS null OR NOT b EQ true AND c LT -1.5&fields=name"])).toBe(
      [
        "Query (URL form)",
        "  where",
        "    Or",
        "      IsNull  a",
        "      And",
        "        Not",
        "          Comparison  b EQ true",
        "        Comparison  c LT -1.5",
        "  Parameter  fields=name",
        "In words: a is empty (null or missing) or (b is not true and c is less than -1.5); with the other parameter fields=name",
      ].join("\n"),
    );
  });

  it("explains the empty filter as all records", async () => {
    expect(await ok(["explain", ""])).toBe("Query (bare expression)\n  (empty: no where, orderby or limit)\nIn words: all records");
  });

  it("--words prints only the sentence; the filter may come from stdin", async () => {
    expect(await ok(["explain", "--words"], `${EXAMPLE}\n`)).toBe(EXAMPLE_WORDS);
  });

  it("--words --file: one sentence a line", async () => {
    const path = file("saved.txt", "id EQ 1\n\nname CP '%a%' OR name CP '%b%'\n");
    const r = await vmfilter(["explain", "--words", "--file", path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("id is 1\n\nname matches '%a%' or name matches '%b%'\n");
    expect(r.stderr).toMatch(/^vmfilter explain: 3 lines: 2 ok/);
  });

  it("--schema marks the fields' types in the tree and reads references and lists in the words", async () => {
    const out = await ok(["explain", "--schema", "vm.host", "cluster EQ 3 AND tags CP '%prod%' AND nmae EQ 'x'"]);
    expect(out).toContain("Comparison  cluster [reference] EQ 3");
    expect(out).toContain("Comparison  tags [string[]] CP '%prod%'");
    expect(out).toContain("Comparison  nmae [not in vm.host] EQ 'x'");
    expect(out).toContain("In words: cluster id is 3 and any of tags matches '%prod%' and nmae is 'x'");
  });

  it("--format json: the tree JSON (as toJSON writes it) and the words", async () => {
    const result = await json(["explain", EXAMPLE]);
    expect(result.ok).toBe(true);
    expect(result.output.words).toBe(EXAMPLE_WORDS);
    expect(result.output.tree).toEqual(JSON.parse(JSON.stringify(toJSON(parse(EXAMPLE).query))));
    expect(result.output.tree.vmfilter).toBe(1);
  });

  it("a syntax error: exit 1, nothing on stdout, the diagnostic on stderr", async () => {
    const r = await vmfilter(["explain", "id eq"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error missing-value");
  });

  it("warnings are shown, the explanation still printed", async () => {
    const r = await vmfilter(["explain", "--words", "where=name CP '%web%'"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("name matches '%web%'\n");
    expect(r.stderr).toContain("warning invalid-percent-escape");
  });

  it("an unknown schema is a usage error", async () => {
    await usage(["explain", "--schema", "vm.nope"], 'Unknown schema "vm.nope"');
  });
});

// ---------------------------------------------------------------------------------------------

describe.concurrent("vmfilter sql", () => {
  const FILTER = "where=(name CP '%25web%25') AND (cpu_number GE 2)&orderby=cluster.name desc&limit=10,20";

  it("postgres: the clauses and the params as JSON", async () => {
    const out = await ok(["sql", "--dialect", "postgres", "--columns", columns, FILTER]);
    const lines = out.split("\n");
    expect(lines).toEqual([
      `WHERE ((translate("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE $1 ESCAPE '\\') AND ("cpu" >= $2::bigint))`,
      `ORDER BY "cluster_name" DESC NULLS LAST, "id" ASC NULLS FIRST`,
      "LIMIT $3 OFFSET $4",
      expect.stringMatching(/^-- params: /),
    ]);
    expect(JSON.parse(lines[3]!.slice("-- params: ".length))).toEqual(["%web%", "2", 20, 10]);
  });

  it("sqlite with --table: the SELECT and the count, each with its params", async () => {
    const out = await ok(["sql", "--dialect", "sqlite", "--columns", columns, "--table", "hosts", "where=name EQ 'web'&orderby=name desc&limit=0,20"]);
    expect(out.split("\n")).toEqual([
      `SELECT * FROM "hosts" WHERE ("name" = ?) ORDER BY "name" DESC, "id" ASC LIMIT ? OFFSET ?;`,
      `-- params: ["web",20,0]`,
      `SELECT count(*) AS size FROM "hosts" WHERE ("name" = ?);`,
      `-- params: ["web"]`,
    ]);
  });

  it("mysql, columns given inline", async () => {
    const out = await ok(["sql", "--dialect", "mysql", "--columns", '{"id":"id","state":"state"}', "state EQ 'active'"]);
    // MySQL's = ignores case and trailing spaces: the exact comparison binds the value twice
    expect(out).toBe('WHERE (`state` = ? AND CAST(`state` AS BINARY) = CAST(? AS BINARY))\nORDER BY `id` ASC\n-- params: ["active","active"]');
  });

  it("--format json: where, orderBy, limit, params, select and count", async () => {
    const result = await json(["sql", "--dialect", "sqlite", "--columns", columns, "--table", "hosts", "where=name EQ 'web'&limit=0,5"]);
    expect(result.ok).toBe(true);
    expect(result.output).toEqual({
      dialect: "sqlite",
      where: `("name" = ?)`,
      orderBy: `"id" ASC`,
      limit: "LIMIT ? OFFSET ?",
      params: ["web", 5, 0],
      whereParams: ["web"],
      select: { text: `SELECT * FROM "hosts" WHERE ("name" = ?) ORDER BY "id" ASC LIMIT ? OFFSET ?`, params: ["web", 5, 0] },
      count: { text: `SELECT count(*) AS size FROM "hosts" WHERE ("name" = ?)`, params: ["web"] },
    });
    const clauses = await json(["sql", "--dialect", "sqlite", "--columns", columns, "id EQ 1"]);
    expect(clauses.output.select).toBeNull();
    expect(clauses.output.count).toBeNull();
  });

  it("writes integers beyond 2^53 exactly (as digits in text, as a string in JSON)", async () => {
    const cols = '{"id":{"column":"id","type":"integer"}}';
    expect(await ok(["sql", "--dialect", "sqlite", "--columns", cols, "id EQ 12345678901234567"])).toBe('WHERE ("id" = ?)\nORDER BY "id" ASC\n-- params: [12345678901234567]');
    expect((await json(["sql", "--dialect", "sqlite", "--columns", cols, "id EQ 12345678901234567"])).output.params).toEqual(["12345678901234567"]);
  });

  it("--schema gives the fields' types", async () => {
    const cols = '{"id":"id","cpu_number":"cpu_number"}';
    const typed = (await json(["sql", "--dialect", "sqlite", "--columns", cols, "--schema", "vm.host", "cpu_number EQ '2'"])).output;
    expect(typed.params).toEqual([2]);
    const untyped = await json(["sql", "--dialect", "sqlite", "--columns", cols, "cpu_number EQ '2'"]);
    expect(untyped.output.params).toEqual(["2"]);
    expect(untyped.diagnostics.map((d) => d.code)).toContain("sql-untyped-field");
  });

  it("--id-field none: no default order", async () => {
    expect(await ok(["sql", "--dialect", "sqlite", "--columns", columns, "--id-field", "none", "id EQ 1"])).toBe('WHERE ("id" = ?)\n-- params: [1]');
  });

  it("an unmapped field: exit 1, nothing on stdout, the diagnostic on stderr", async () => {
    const r = await vmfilter(["sql", "--dialect", "postgres", "--columns", columns, "nope EQ 1"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('error sql-unmapped-field  The field "nope" has no column');
    const result = await json(["sql", "--dialect", "postgres", "--columns", columns, "nope EQ 1"]);
    expect(result.ok).toBe(false);
    expect(result.output).toBeUndefined();
  });

  it("a syntax error: exit 1", async () => {
    const r = await vmfilter(["sql", "--dialect", "postgres", "--columns", columns, "id EQ"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error missing-value");
  });

  it("--file: one statement group per line, a failed line counted", async () => {
    const path = file("filters.txt", "id EQ 1\nnope EQ 2\n");
    const r = await vmfilter(["sql", "--dialect", "sqlite", "--columns", columns, "--id-field", "none", "--file", path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('WHERE ("id" = ?)\n-- params: [1]\nnope EQ 2\n');
    expect(r.stderr).toContain(`${path}:2:1  error sql-unmapped-field`);
  });

  it("usage errors: exit 2 with a clear message", async () => {
    await Promise.all([
      usage(["sql", "--columns", columns], "--dialect is required: one of postgres, sqlite, mysql."),
      usage(["sql", "--dialect", "oracle", "--columns", columns], '--dialect must be one of postgres, sqlite, mysql; got "oracle".'),
      usage(["sql", "--dialect", "postgres"], "--columns is required"),
      usage(["sql", "--dialect", "postgres", "--columns", join(dir, "missing.json")], `Cannot read the columns file ${join(dir, "missing.json")}: no such file.`),
      usage(["sql", "--dialect", "postgres", "--columns", file("bad.json", "{nope")], "is not JSON"),
      usage(["sql", "--dialect", "postgres", "--columns", file("list.json", "[1, 2]")], "must hold a JSON object"),
      usage(["sql", "--dialect", "postgres", "--columns", "[1]"], "--columns must hold a JSON object"),
      usage(["sql", "--dialect", "postgres", "--columns", columns, "--table", ""], '--table "" is not a table name.'),
      usage(["sql", "--dialect", "postgres", "--columns", columns, "--id-field", "a b"], "--id-field must be a field name"),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe.concurrent("vmfilter convert", () => {
  /** Filters whose every part the target keeps (rqb: WHERE only), and the shapes that keep their tree exactly. */
  const FULL = [
    "where=(name CP '%25web%25') AND NOT (state EQ 'stopped')&orderby=cluster.name desc&limit=0,50",
    "where=(cpu_number GE 2) OR ((name EQ 'it''s') AND (tags IS null))&limit=20,10",
    "orderby=name",
  ];
  const WHERE_ONLY = [
    "(name CP '%web%') AND NOT (state EQ 'stopped')",
    "(cpu_number GE 2) OR ((name EQ 'a b+c') AND NOT (tags IS null))",
    "(name CP 'x%') AND (name CP '%y') AND (name CP 'exact')",
    "(name EQ 'Привет') OR (comment CP '%50%') OR (disabled EQ true) OR (ram_mib LT -2.5)",
    "NOT ((a EQ 1) OR (b LT -2.5)) AND (c EQ true)", // Mongo pushes the NOT down: see below
  ];

  /** The canonical URL form, as `vmfilter format --url` prints it. */
  const canonical = (filter: string) => toQueryString(parse(filter).query);

  /** `filters` through `convert --to shape`, then back `--from shape --to url`, in bulk (--file): the lines out. */
  async function roundTrip(shape: string, filters: readonly string[]): Promise<string[]> {
    const there = await vmfilter(["convert", "--to", shape, "--file", file(`to-${shape}.txt`, `${filters.join("\n")}\n`)]);
    expect(there.code, there.stderr).toBe(0);
    const back = await vmfilter(["convert", "--from", shape, "--to", "url", "--file", file(`from-${shape}.txt`, there.stdout)]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toMatch(new RegExp(`^vmfilter convert: ${filters.length} lines: ${filters.length} ok`));
    return back.stdout.slice(0, -1).split("\n");
  }

  it("--to url is the canonical URL-encoded form", async () => {
    expect(await ok(["convert", "--to", "url", "where=name cp '%25web%25'  and state eq 'active'"])).toBe("where=(name+CP+'%25web%25')+AND+(state+EQ+'active')");
    const all = [...FULL, ...WHERE_ONLY];
    const r = await vmfilter(["convert", "--to", "url", "--file", file("filters.txt", `${all.join("\n")}\n`)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${all.map(canonical).join("\n")}\n`);
  });

  it("url → json → url gives the same filter", async () => {
    const filters = [...FULL, ...WHERE_ONLY];
    expect(await roundTrip("json", filters)).toEqual(filters.map(canonical));
    const tree = await ok(["convert", "--to", "json", FULL[0]!]);
    expect(JSON.parse(tree)).toEqual(JSON.parse(JSON.stringify(toJSON(parse(FULL[0]!).query))));
  });

  it("url → mongo → url gives the same filter (orderby and limit too)", async () => {
    const filters = [...FULL, ...WHERE_ONLY.slice(0, -1)];
    expect(await roundTrip("mongo", filters)).toEqual(filters.map(canonical));
  });

  it("url → mongo → url: a NOT over a group comes back pushed down (same meaning, as toMongo documents)", async () => {
    expect(await roundTrip("mongo", [WHERE_ONLY.at(-1)!])).toEqual([canonical("NOT (a EQ 1) AND NOT (b LT -2.5) AND (c EQ true)")]);
  });

  it("url → rqb → url gives the same WHERE", async () => {
    expect(await roundTrip("rqb", WHERE_ONLY)).toEqual(WHERE_ONLY.map(canonical));
  });

  it("--to mongo writes the parts of a find: filter, and sort / skip / limit from orderby and limit only", async () => {
    expect(JSON.parse(await ok(["convert", "--to", "mongo", FULL[0]!]))).toEqual({
      filter: { name: { $regex: "^.*web.*$", $options: "is" }, $nor: [{ state: "stopped" }, { state: null }] },
      sort: { "cluster.name": -1 },
      skip: 0,
      limit: 50,
    });
    // a URL-form filter without orderby gets no sort: the API's default order is not added
    expect(JSON.parse(await ok(["convert", "--to", "mongo", "where=id EQ 1"]))).toEqual({ filter: { id: 1 } });
  });

  it("--from mongo reads a bare query, and the find shape with sort, skip and limit", async () => {
    expect(await ok(["convert", "--from", "mongo", "--to", "url", '{"name":"web","cpu_number":{"$gte":2}}'])).toBe("where=(name+EQ+'web')+AND+(cpu_number+GE+2)");
    expect(await ok(["convert", "--from", "mongo", "--to", "url", '{"filter":{"cpu_number":{"$gte":2}},"sort":{"name":-1,"id":"asc"},"skip":10,"limit":5}'])).toBe(
      "where=(cpu_number+GE+2)&orderby=name+desc,id+asc&limit=10,5",
    );
    // a field named filter holding a condition is a query, not the find shape
    expect(await ok(["convert", "--from", "mongo", "--to", "url", '{"filter":{"$gt":3}}'])).toBe("where=(filter+GT+3)");
    expect(await ok(["convert", "--from", "mongo", "--to", "url", "{}"])).toBe("");
  });

  it("--from mongo: a skip without a limit, or a bad sort, is an error", async () => {
    const skip = await vmfilter(["convert", "--from", "mongo", "--to", "url", '{"filter":{},"skip":5}']);
    expect(skip.code).toBe(1);
    expect(skip.stderr).toContain("skip: vmfilter's limit needs a count");
    const sort = await vmfilter(["convert", "--from", "mongo", "--to", "url", '{"filter":{},"sort":{"name":2}}']);
    expect(sort.code).toBe(1);
    expect(sort.stderr).toContain("the direction must be 1 or -1");
  });

  it("--to rqb writes a rule group; orderby and limit are left out (an info, not shown)", async () => {
    const group = JSON.parse(await ok(["convert", "--to", "rqb", "where=(name CP '%25web%25') AND NOT (state IS null)&limit=0,5"]));
    expect(group).toEqual({ combinator: "and", rules: [{ field: "name", operator: "contains", value: "web" }, { field: "state", operator: "notNull", value: null }] });
    const result = await json(["convert", "--to", "rqb", "where=name EQ 'a'&limit=0,5"]);
    expect(result.diagnostics.map((d) => d.code)).toContain("convert-dropped");
  });

  it("--to sql writes what vmfilter sql writes, from any input", async () => {
    const filter = "where=(name CP '%25web%25') AND (cpu_number GE 2)&orderby=name&limit=0,20";
    const sql = await ok(["sql", "--dialect", "postgres", "--columns", columns, "--table", "hosts", filter]);
    expect(await ok(["convert", "--to", "sql", "--dialect", "postgres", "--columns", columns, "--table", "hosts", filter])).toBe(sql);
    const mongo = await ok(["convert", "--to", "mongo", filter]);
    expect(await ok(["convert", "--from", "mongo", "--to", "sql", "--dialect", "postgres", "--columns", columns, "--table", "hosts"], mongo)).toBe(sql);
    const result = await json(["convert", "--to", "sql", "--dialect", "sqlite", "--columns", columns, "id EQ 1"]);
    expect(result.output).toMatchObject({ dialect: "sqlite", where: '("id" = ?)', params: [1], select: null });
  });

  it("--to sql: an unmapped field is exit 1", async () => {
    const r = await vmfilter(["convert", "--from", "rqb", "--to", "sql", "--dialect", "sqlite", "--columns", columns], '{"combinator":"and","rules":[{"field":"nope","operator":"=","value":1}]}');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("sql-unmapped-field");
  });

  it("converter errors fail the filter (exit 1); lossy warnings show on stderr and the output is written", async () => {
    const regex = await vmfilter(["convert", "--from", "mongo", "--to", "url", '{"name":{"$regex":"^web"}}']);
    expect(regex.code).toBe(1);
    expect(regex.stdout).toBe("");
    expect(regex.stderr).toContain("error convert-unsupported");
    const lossy = await vmfilter(["convert", "--from", "rqb", "--to", "url", '{"combinator":"and","rules":[{"field":"name","operator":"contains","value":"50%"}]}']);
    expect(lossy.code).toBe(0);
    expect(lossy.stdout).toBe("where=(name+CP+'%2550%25%25')\n");
    expect(lossy.stderr).toContain("warning convert-lossy");
    const zero = await vmfilter(["convert", "--to", "mongo", "limit=0,0"]);
    expect(zero.code).toBe(0);
    expect(zero.stderr).toContain("warning convert-lossy");
  });

  it("bad JSON input, or a tree that is not a filter: exit 1", async () => {
    for (const from of ["json", "rqb", "mongo"]) {
      const r = await vmfilter(["convert", "--from", from, "--to", "url", "{nope"]);
      expect(r.code, from).toBe(1);
      expect(r.stderr, from).toContain("error json-syntax-error");
    }
    const field = await vmfilter(["convert", "--from", "json", "--to", "url", '{"vmfilter":1,"node":{"kind":"Field","path":["a"],"name":"a"}}']);
    expect(field.code).toBe(1);
    expect(field.stderr).toContain("convert takes a Query or a WHERE expression");
  });

  it("--from json takes a WHERE expression node too", async () => {
    const tree = JSON.stringify(toJSON(parse("a EQ 1 OR b EQ 2").query.where!));
    expect(await ok(["convert", "--from", "json", "--to", "url", tree])).toBe("where=(a+EQ+1)+OR+(b+EQ+2)");
  });

  it("--file: one JSON document per line, blank lines kept, a bad line counted", async () => {
    const path = file(
      "rules.jsonl",
      ['{"combinator":"and","rules":[{"field":"name","operator":"=","value":"a"}]}', "", '{"combinator":"or","rules":[{"field":"id","operator":">","value":3}]}', "bad"].join("\n") + "\n",
    );
    const r = await vmfilter(["convert", "--from", "rqb", "--to", "url", "--file", path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("where=(name+EQ+'a')\n\nwhere=(id+GT+3)\nbad\n");
    expect(r.stderr).toContain(`${path}:4:1  error json-syntax-error`);
    expect(r.stderr).toMatch(/vmfilter convert: 4 lines: 2 ok \(0 with warnings\), 1 with errors, 1 blank/);
  });

  it("--field: a JSONL member holding the document as an object (or as a JSON string) converts; text input still needs a string", async () => {
    const path = file(
      "searches.jsonl",
      ['{"id":7,"query":{"name":"web"}}', '{"id":8,"query":"{\\"cpu_number\\":{\\"$gte\\":2}}"}', '{"id":9,"query":3}', '{"id":10}'].join("\n") + "\n",
    );
    const r = await vmfilter(["convert", "--from", "mongo", "--to", "url", "--file", path, "--field", "query"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`where=(name+EQ+'web')\nwhere=(cpu_number+GE+2)\n{"id":9,"query":3}\n{"id":10}\n`);
    expect(r.stderr).toContain('the member "query" is not a string, an object or an array');
    expect(r.stderr).toContain('the line has no member "query"');
    const text = await vmfilter(["convert", "--to", "mongo", "--file", file("objects.jsonl", '{"where":{"a":1}}\n'), "--field", "where"]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('the member "where" is not a string');
  });

  it("--pretty indents JSON output", async () => {
    const out = await ok(["convert", "--to", "mongo", "--pretty", "id EQ 1"]);
    expect(out).toBe('{\n  "filter": {\n    "id": 1\n  }\n}');
  });

  it("--format json: the converted value as data, for every target", async () => {
    expect((await json(["convert", "--to", "url", "id EQ 1"])).output).toBe("where=(id+EQ+1)");
    expect((await json(["convert", "--to", "json", "id EQ 1"])).output).toEqual(JSON.parse(JSON.stringify(toJSON(parse("id EQ 1").query))));
    expect((await json(["convert", "--to", "mongo", "id EQ 1"])).output).toEqual({ filter: { id: 1 } });
    expect((await json(["convert", "--to", "rqb", "id EQ 1"])).output).toEqual({ combinator: "and", rules: [{ field: "id", operator: "=", value: 1 }] });
    const failed = await json(["convert", "--from", "mongo", "--to", "url", '{"name":{"$regex":"^web"}}']);
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics[0].code).toBe("convert-unsupported");
  });

  it("--schema goes to the converters that take one", async () => {
    // toMongo: a reference compared with a number compares its id
    expect(JSON.parse(await ok(["convert", "--to", "mongo", "--schema", "vm.host", "cluster EQ 3"]))).toEqual({ filter: { "cluster.id": 3 } });
    // the URL form: a quoted number on a numeric field is written as the number
    expect(await ok(["convert", "--to", "url", "--schema", "vm.host", "cpu_number EQ '2'"])).toBe("where=(cpu_number+EQ+2)");
    expect(await ok(["convert", "--to", "url", "cpu_number EQ '2'"])).toBe("where=(cpu_number+EQ+'2')");
  });

  it("usage errors: exit 2 with a clear message", async () => {
    await Promise.all([
      usage(["convert", "--to", "url", "--from", "xml"], '--from must be one of url, json, rqb, mongo; got "xml".'),
      usage(["convert", "--to", "url", "--from", "sql"], "sql is an output only (--to sql)"),
      usage(["convert"], "--to is required: one of url, json, rqb, mongo, sql."),
      usage(["convert", "--to", "yaml"], '--to must be one of url, json, rqb, mongo, sql; got "yaml".'),
      usage(["convert", "--to", "sql", "--columns", columns], "--dialect is required: one of postgres, sqlite, mysql."),
      usage(["convert", "--to", "sql", "--dialect", "sqlite"], "--columns is required"),
      usage(["convert", "--to", "url", "--dialect", "sqlite"], "--dialect, --columns, --table and --id-field are for --to sql only."),
    ]);
  });
});

describe.concurrent("help", () => {
  it.each(["explain", "sql", "convert"])("%s --help: usage, options and examples", async (name) => {
    const out = await ok([name, "--help"]);
    expect(out.startsWith(`vmfilter ${name} `)).toBe(true);
    const examples = out.slice(out.indexOf("Examples:\n"));
    expect(examples.split("\n").filter((l) => l.startsWith(`  vmfilter ${name}`)).length).toBeGreaterThanOrEqual(3);
  });
});
