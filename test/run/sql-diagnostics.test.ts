/**
 * `toSql`'s diagnostics and the statement helpers' errors: every problem is a diagnostic at the
 * right place, `ok` false means no SQL at all, and the helpers refuse a result that is not ok.
 */
import { describe, expect, it } from "vitest";
import {
  countStatement,
  defineSchema,
  FilterRunError,
  parse,
  parseWhere,
  RunCodes,
  selectStatement,
  toSql,
  type ColumnMap,
  type Expression,
  type QueryNode,
  type SqlQuery,
} from "../../src/index.js";

const columns: ColumnMap = {
  id: "id",
  name: { column: "name", type: "string" },
  n: { column: "n", type: "integer" },
  tags: { array: "tags", type: "string" },
  cluster: { json: "cluster" },
};

const codes = (sql: SqlQuery) => sql.diagnostics.map((d) => d.code);

/** ok false means nothing to run: every clause empty and no parameters. */
function expectNoSql(sql: SqlQuery): void {
  expect(sql.ok).toBe(false);
  expect({ where: sql.where, orderBy: sql.orderBy, limit: sql.limit, params: sql.params, whereParams: sql.whereParams }).toEqual({ where: "", orderBy: "", limit: "", params: [], whereParams: [] });
}

describe("sql-unmapped-field", () => {
  it.each([
    ["name EQ 'x' AND flavor EQ 1", "flavor"],
    ["flavor IS null", "flavor"],
    ["NOT (name CP 'x') OR (nope.deeper GT 3)", "nope.deeper"],
    ["where=name+EQ+'x'+AND+flavor+EQ+1", "flavor"],
    ["where=name%20EQ%20'x'%20AND%20(flavor%20EQ%201)", "flavor"],
    ["where=name EQ 'x'&orderby=flavor desc", "flavor"],
    ["orderby=name,flavor", "flavor"],
    ["name.first EQ 'x'", "name.first"], // a plain column has no members
  ])("%s: an error on exactly %j", (input, field) => {
    for (const dialect of ["postgres", "sqlite", "mysql"] as const) {
      const sql = toSql(input, { dialect, columns });
      expectNoSql(sql);
      const errors = sql.diagnostics.filter((d) => d.severity === "error");
      expect(errors.map((d) => d.code)).toEqual([RunCodes.UnmappedField]);
      const start = input.lastIndexOf(field);
      expect({ start: errors[0]!.start, end: errors[0]!.end, text: input.slice(errors[0]!.start, errors[0]!.end) }).toEqual({ start, end: start + field.length, text: field });
      expect(errors[0]!.message).toContain(`"${field}"`);
      expect([errors[0]!.line, errors[0]!.column]).toEqual([1, start + 1]);
    }
  });

  it("every unmapped field is reported, in text order, with lines and columns on multi-line input", () => {
    const input = "(a EQ 1)\n  AND (name EQ 'x')\n  AND (b.c CP '%')";
    const sql = toSql(input, { dialect: "postgres", columns });
    expect(sql.diagnostics.filter((d) => d.code === RunCodes.UnmappedField).map((d) => [input.slice(d.start, d.end), d.line, d.column])).toEqual([
      ["a", 1, 2],
      ["b.c", 3, 8],
    ]);
  });

  it("only own properties of the map count", () => {
    for (const field of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(codes(toSql(`${field} EQ 1`, { dialect: "sqlite", columns }))).toContain(RunCodes.UnmappedField);
    }
    const inherited = Object.create({ secret: "password_hash" }) as ColumnMap;
    expect(codes(toSql("secret EQ 'x'", { dialect: "sqlite", columns: inherited }))).toContain(RunCodes.UnmappedField);
  });

  it("a JSON entry serves the fields under it; a plain column does not", () => {
    expect(toSql("cluster.name EQ 'x'", { dialect: "sqlite", columns }).where).toBe(`(json_extract("cluster", '$."name"') = ?)`);
    expect(codes(toSql("name.x EQ 'x'", { dialect: "sqlite", columns }))).toContain(RunCodes.UnmappedField);
  });
});

describe("sql-invalid-column", () => {
  const bad: [string, unknown][] = [
    ["empty name", ""],
    ["empty part", "h..name"],
    ["trailing dot", "name."],
    ["NUL in a name", "na\0me"],
    ["a number", 42],
    ["null", null],
    ["an array", ["name"]],
    ["no shape", {}],
    ["two shapes", { column: "a", json: "b" }],
    ["column not a string", { column: 5 }],
    ["unknown type", { column: "a", type: "date" }],
    ["type not a string", { column: "a", type: 1 }],
    ["empty JSON column", { json: "" }],
    ["empty JSON path", { json: "doc", path: "" }],
    ["empty JSON path list", { json: "doc", path: [] }],
    ["empty JSON path segment", { json: "doc", path: "a..b" }],
    ["JSON path of numbers", { json: "doc", path: [1, 2] }],
    ["NUL in a JSON path", { json: "doc", path: ["a\0"] }],
    ["empty array column", { array: "" }],
    ["empty array member", { array: "tags", member: "" }],
  ];

  it.each(bad)("%s", (_label, spec) => {
    const input = "(name EQ 'x') AND (bad EQ 'y')";
    for (const dialect of ["postgres", "sqlite", "mysql"] as const) {
      const sql = toSql(input, { dialect, columns: { ...columns, bad: spec as never } });
      expectNoSql(sql);
      const error = sql.diagnostics.find((d) => d.severity === "error")!;
      expect(error.code).toBe(RunCodes.InvalidColumn);
      expect(input.slice(error.start, error.end)).toBe("bad");
      expect(error.message).not.toContain("\0");
    }
  });

  it("an array column in MySQL is an invalid column there, fine elsewhere", () => {
    expect(codes(toSql("tags EQ 'a'", { dialect: "mysql", columns }))).toEqual([RunCodes.InvalidColumn]);
    expect(toSql("tags EQ 'a'", { dialect: "sqlite", columns }).ok).toBe(true);
    expect(toSql("tags EQ 'a'", { dialect: "postgres", columns }).ok).toBe(true);
  });

  it("API misuse throws TypeError: unknown dialect, no columns map", () => {
    expect(() => toSql("a EQ 1", { dialect: "oracle" as never, columns })).toThrow(TypeError);
    expect(() => toSql("a EQ 1", { dialect: "sqlite", columns: null as never })).toThrow(TypeError);
    expect(() => toSql("a EQ 1", undefined as never)).toThrow(TypeError);
  });
});

describe("info and warnings: ok stays true", () => {
  it("sql-untyped-field: once per field, on the first comparison", () => {
    const input = "(x EQ 1) AND (x GT 2) AND (y CP 'a%') AND (x IS null)";
    const sql = toSql(input, { dialect: "postgres", columns: { id: "id", x: "x", y: "y" } });
    expect(sql.ok).toBe(true);
    const infos = sql.diagnostics.filter((d) => d.code === RunCodes.UntypedField);
    expect(infos.map((d) => [d.severity, input.slice(d.start, d.end)])).toEqual([
      ["info", "x"],
      ["info", "y"],
    ]);
  });

  it("sql-untyped-field: not with a column type or a schema type", () => {
    const schema = defineSchema({ x: "integer" });
    expect(codes(toSql("x EQ 1", { dialect: "sqlite", columns: { id: "id", x: "x" }, schema }))).toEqual([]);
    expect(codes(toSql("x EQ 1", { dialect: "sqlite", columns: { id: "id", x: { column: "x", type: "integer" } } }))).toEqual([]);
  });

  it.each([
    ["n EQ 1.5", "(CASE WHEN \"n\" IS NULL THEN NULL ELSE FALSE END)"],
    ["n NE 1.5", "(CASE WHEN \"n\" IS NULL THEN NULL ELSE TRUE END)"],
    ["n GT 9223372036854775807.5", "(CASE WHEN \"n\" IS NULL THEN NULL ELSE FALSE END)"],
    ["n LT 99999999999999999999", "(CASE WHEN \"n\" IS NULL THEN NULL ELSE TRUE END)"],
    ["n EQ 'abc'", "(CASE WHEN \"n\" IS NULL THEN NULL ELSE FALSE END)"],
    ["n CP '1%'", "(CASE WHEN \"n\" IS NULL THEN NULL ELSE FALSE END)"],
    ["name EQ 5", "(CASE WHEN \"name\" IS NULL THEN NULL ELSE FALSE END)"],
    ["name NE true", "(CASE WHEN \"name\" IS NULL THEN NULL ELSE TRUE END)"],
  ])("sql-constant-comparison: %s", (input, where) => {
    const sql = toSql(input, { dialect: "sqlite", columns });
    expect(sql.ok).toBe(true);
    expect(sql.where).toBe(where);
    expect(sql.params).toEqual([]);
    expect(sql.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([[RunCodes.ConstantComparison, "info", 0, input.length]]);
  });

  it("a rewritten comparison that still compares is not a constant", () => {
    const sql = toSql("n GT 1.5", { dialect: "sqlite", columns });
    expect([sql.where, sql.params, sql.diagnostics]).toEqual(['("n" >= ?)', [2], []]);
  });

  it("sql-no-default-order: no orderby and no id column", () => {
    const noId: ColumnMap = { name: { column: "name", type: "string" } };
    const sql = toSql("name EQ 'x'", { dialect: "postgres", columns: noId });
    expect(sql.ok).toBe(true);
    expect(sql.orderBy).toBe("");
    expect(sql.diagnostics.map((d) => [d.code, d.severity])).toEqual([[RunCodes.NoDefaultOrder, "warning"]]);
    // an orderby of its own: nothing to warn about, and no tie-breaker to add
    const sorted = toSql("where=name EQ 'x'&orderby=name", { dialect: "postgres", columns: noId });
    expect([sorted.orderBy, codes(sorted)]).toEqual(['"name" COLLATE "C" ASC NULLS FIRST', []]);
    // idField null: no default order, no tie-breaker, no warning
    const off = toSql("where=name EQ 'x'&orderby=name", { dialect: "postgres", columns, idField: null });
    expect([off.orderBy, codes(off)]).toEqual(['"name" COLLATE "C" ASC NULLS FIRST', []]);
    expect(codes(toSql("name EQ 'x'", { dialect: "postgres", columns, idField: null }))).toEqual([]);
    // another id field
    const uuid = toSql("where=name EQ 'x'&orderby=name desc", { dialect: "sqlite", columns: { ...noId, uuid: "h.uuid" }, idField: "uuid" });
    expect(uuid.orderBy).toBe('"name" DESC, "h"."uuid" ASC');
    const missing = toSql("name EQ 'x'", { dialect: "sqlite", columns: noId, idField: "uuid" });
    expect(missing.diagnostics[0]!.message).toContain('"uuid"');
  });

  it("sql-unsupported: sorting by an array field is an error on the sort key", () => {
    const input = "where=name EQ 'x'&orderby=name,tags desc";
    for (const dialect of ["postgres", "sqlite"] as const) {
      const sql = toSql(input, { dialect, columns });
      expectNoSql(sql);
      const error = sql.diagnostics.find((d) => d.severity === "error")!;
      expect(error.code).toBe(RunCodes.Unsupported);
      expect(input.slice(error.start, error.end)).toBe("tags desc");
    }
  });
});

describe("input that is not a filter, or not valid", () => {
  it.each([42, null, undefined, true, {}, { kind: 3 }, []])("%j is run-invalid-input", (input) => {
    const sql = toSql(input as never, { dialect: "sqlite", columns });
    expectNoSql(sql);
    expect(codes(sql)).toEqual([RunCodes.InvalidInput]);
  });

  it.each([
    ["a node of unknown kind", { kind: "Bogus" }],
    ["an AND without operands", { kind: "And", operands: [] }],
    ["a comparison without a literal", { kind: "Comparison", field: { kind: "Field", path: ["name"], name: "name" }, operator: "EQ" }],
    ["a number literal that is not number text", { kind: "Comparison", field: { kind: "Field", path: ["n"], name: "n" }, operator: "EQ", value: { kind: "Number", value: "1e5" } }],
    ["an unknown operator", { kind: "Comparison", field: { kind: "Field", path: ["n"], name: "n" }, operator: "LIKE", value: { kind: "Number", value: "1" } }],
    ["a field without a path", { kind: "IsNull", field: { kind: "Field", name: "n" } }],
  ])("a malformed tree (%s) is run-invalid-input, not an exception", (_label, node) => {
    const sql = toSql(node as unknown as Expression, { dialect: "postgres", columns });
    expectNoSql(sql);
    expect(codes(sql)).toContain(RunCodes.InvalidInput);
  });

  it("a tree deeper than the compilers follow is an error, not a stack overflow", () => {
    let node: Expression = { kind: "IsNull", field: { kind: "Field", path: ["name"], name: "name" } };
    for (let i = 0; i < 5_000; i++) node = { kind: "Not", operand: node };
    const sql = toSql(node, { dialect: "sqlite", columns });
    expectNoSql(sql);
    expect(sql.diagnostics[0]!.message).toMatch(/deeper than/);
    // the code docs/compile.md gives it, as compile's FilterRunError has
    expect(sql.diagnostics[0]!.code).toBe("run-too-deep");
  });

  it.each(["name EQ", "name EQ 'x", "(name EQ 'x'", "name EQ null", "where=name EQ 'x'&where=n EQ 1", "name EQ active", "naïve EQ 1"])("syntax errors (%j): ok false with the parser's own diagnostics", (input) => {
    const parsed = parse(input).diagnostics.filter((d) => d.severity === "error");
    expect(parsed.length).toBeGreaterThan(0);
    for (const dialect of ["postgres", "sqlite", "mysql"] as const) {
      const sql = toSql(input, { dialect, columns });
      expectNoSql(sql);
      expect(sql.diagnostics).toEqual(parsed);
    }
  });

  it("a parsed Query and an expression node work like the text (with the Query's own offsets)", () => {
    const text = "where=name EQ 'x' AND flavor EQ 1&orderby=n desc&limit=5,10";
    const query: QueryNode = parse(text).query;
    expect(toSql(query, { dialect: "sqlite", columns })).toEqual(toSql(text, { dialect: "sqlite", columns }));
    const where = parseWhere("name CP 'a%' AND n GT 1").where!;
    const sql = toSql(where, { dialect: "postgres", columns });
    expect([sql.where, sql.orderBy, sql.limit, sql.params]).toEqual([
      `((translate("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE $1 ESCAPE '\\') AND ("n" > $2::bigint))`,
      '"id" ASC NULLS FIRST',
      "",
      ["a%", "1"],
    ]);
  });
});

describe("parameters", () => {
  const input = "where=(name EQ 'a') OR (n GT 2) OR (name CP 'b%')&orderby=name&limit=30,10";

  it("PostgreSQL numbers placeholders from firstParameter, the limit's last", () => {
    const sql = toSql(input, { dialect: "postgres", columns, firstParameter: 3 });
    expect(sql.where).toBe(`(("name" = $3) OR ("n" > $4::bigint) OR (translate("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE $5 ESCAPE '\\'))`);
    expect(sql.limit).toBe("LIMIT $6 OFFSET $7");
    expect(sql.params).toEqual(["a", "2", "b%", 10, 30]);
    expect(sql.whereParams).toEqual(["a", "2", "b%"]);
  });

  it.each([undefined, 1, 0, -2, 1.5, Number.NaN, "3"])("firstParameter %j starts at $1", (first) => {
    const sql = toSql(input, { dialect: "postgres", columns, firstParameter: first as never });
    expect(sql.where.startsWith(`(("name" = $1)`)).toBe(true);
    expect(sql.limit).toBe("LIMIT $4 OFFSET $5");
  });

  it("SQLite and MySQL use ? in the same order", () => {
    for (const dialect of ["sqlite", "mysql"] as const) {
      const sql = toSql(input, { dialect, columns, firstParameter: 7 });
      expect(sql.where).not.toMatch(/\$\d/);
      expect(sql.limit).toBe("LIMIT ? OFFSET ?");
      const placeholders = `${sql.where} ${sql.orderBy} ${sql.limit}`.match(/\?/g)!.length;
      expect(placeholders).toBe(sql.params.length);
      expect(sql.params.slice(-2)).toEqual([10, 30]);
    }
  });

  it("countStatement takes the condition's parameters only", () => {
    const sql = toSql(input, { dialect: "postgres", columns });
    const count = countStatement(sql, "h");
    expect(count.text).toBe(`SELECT count(*) AS size FROM "h" WHERE ${sql.where}`);
    expect(count.params).toEqual(sql.whereParams);
    const select = selectStatement(sql, "public.h", { select: ["id", "name"] });
    expect(select.text).toBe(`SELECT "id", "name" FROM "public"."h" WHERE ${sql.where} ORDER BY ${sql.orderBy} ${sql.limit}`);
    expect(select.params).toEqual(sql.params);
  });

  it("no where: the statements have no WHERE and no parameters", () => {
    const sql = toSql("orderby=n desc", { dialect: "sqlite", columns });
    expect(selectStatement(sql, "h")).toEqual({ text: `SELECT * FROM "h" ORDER BY "n" DESC, "id" ASC`, params: [] });
    expect(countStatement(sql, "h")).toEqual({ text: `SELECT count(*) AS size FROM "h"`, params: [] });
  });
});

describe("statement helpers refuse what did not compile", () => {
  const failed = toSql("flavor EQ 1", { dialect: "postgres", columns });

  it.each([
    ["selectStatement", () => selectStatement(failed, "h")],
    ["countStatement", () => countStatement(failed, "h")],
    ["selectStatement of a syntax error", () => selectStatement(toSql("name EQ", { dialect: "sqlite", columns }), "h")],
    ["selectStatement of nothing", () => selectStatement(undefined as never, "h")],
    ["a forged ok result with an empty table name", () => selectStatement(toSql("name EQ 'x'", { dialect: "sqlite", columns }), "")],
    ["a table name with a NUL", () => countStatement(toSql("name EQ 'x'", { dialect: "sqlite", columns }), "h\0")],
    ["a selected column with an empty part", () => selectStatement(toSql("name EQ 'x'", { dialect: "sqlite", columns }), "h", { select: ["id", "h..name"] })],
  ])("%s throws FilterRunError (run-invalid-input)", (_label, make) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterRunError);
    expect((error as FilterRunError).code).toBe(RunCodes.InvalidInput);
  });
});
