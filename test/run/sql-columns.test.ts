/**
 * The column map's checks (src/run/sql/columns.ts): each way an entry can be unusable gives
 * `sql-invalid-column` with a reason that names the entry; JSON paths and array members as dotted
 * strings or lists of names. Written from the mutants Stryker left alive in columns.ts
 * (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { toSql, type ColumnMap, type SqlDialect } from "../../src/index.js";

/** The reason of the one `sql-invalid-column` diagnostic, or the WHERE clause when there is none. */
function outcome(filter: string, columns: Record<string, unknown>, dialect: SqlDialect = "postgres"): string {
  const out = toSql(filter, { dialect, columns: { id: "id", ...columns } as ColumnMap });
  const invalid = out.diagnostics.filter((d) => d.code === "sql-invalid-column");
  if (invalid.length > 0) return invalid.map((d) => d.message).join("\n");
  return out.ok ? `WHERE ${out.where}` : `NOT OK ${out.diagnostics.map((d) => d.code).join(", ")}`;
}

describe("unusable column entries", () => {
  it("name the entry and what is wrong with it", () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ a: 5 }, "a EQ 1", `The field "a" has no usable column: the entry for "a" is not a column name or a column object.`],
      [{ a: ["x"] }, "a EQ 1", `The field "a" has no usable column: the entry for "a" is not a column name or a column object.`],
      [{ a: { column: "x", type: "float" } }, "a EQ 1", `The field "a" has no usable column: the type of "a" must be string, integer, number or boolean.`],
      [{ a: { column: "x", type: 3 } }, "a EQ 1", `The field "a" has no usable column: the type of "a" must be string, integer, number or boolean.`],
      [{ a: { column: "x", json: "y" } }, "a EQ 1", `The field "a" has no usable column: the entry for "a" needs exactly one of column, json or array.`],
      [{ a: { type: "string" } }, "a EQ 'x'", `The field "a" has no usable column: the entry for "a" needs exactly one of column, json or array.`],
      [{ a: { column: 5 } }, "a EQ 1", `The field "a" has no usable column: the column of "a" must be a string.`],
      [{ a: "t..x" }, "a EQ 1", `The field "a" has no usable column: "t..x" is not a column name.`],
      [{ a: "t\0x" }, "a EQ 1", `The field "a" has no usable column: "t\\0x" is not a column name.`],
      [{ a: { json: "doc", path: "p..q" } }, "a.b EQ 1", `The field "a.b" has no usable column: the path of "a" must be a dotted string or a list of names.`],
      [{ a: { json: "doc", path: ["p", 1] } }, "a.b EQ 1", `The field "a.b" has no usable column: the path of "a" must be a dotted string or a list of names.`],
      [{ a: { json: "doc", path: ["p", "q\0"] } }, "a.b EQ 1", `The field "a.b" has no usable column: the path of "a" must be a dotted string or a list of names.`],
      [{ a: { json: "doc", path: [] } }, "a.b EQ 1", `The field "a.b" has no usable column: the path of "a" must be a dotted string or a list of names.`],
      [{ a: { array: "arr", member: 7 } }, "a EQ 1", `The field "a" has no usable column: the member of "a" must be a dotted string or a list of names.`],
    ];
    for (const [columns, filter, message] of cases) expect(outcome(filter, columns), JSON.stringify(columns)).toBe(message);
  });

  it("a dialect without arrays, and MySQL's JSON member names it cannot escape, are refused by name", () => {
    expect(outcome("a EQ 1", { a: { array: "arr" } }, "mysql")).toBe(`The field "a" has no usable column: mysql has no array support in vmfilter.`);
    expect(outcome("a EQ 'x'", { a: { array: "arr" } }, "sqlite")).toMatch(/^WHERE /);
    const mysqlQuote = `The field "a.b" has no usable column: MySQL JSON member names with a backslash or a double quote are not supported (their escaping depends on sql_mode).`;
    expect(outcome("a.b EQ 1", { a: { json: "doc", path: 'x"y' } }, "mysql")).toBe(mysqlQuote);
    expect(outcome("a.b EQ 1", { a: { json: "doc", path: ["ok", "back\\slash"] } }, "mysql")).toBe(mysqlQuote);
    expect(outcome("a.b EQ 1", { a: { json: "doc", path: "ok" } }, "mysql")).toMatch(/^WHERE /);
  });
});

describe("JSON paths", () => {
  it("as a list of names or a dotted string, followed by the rest of the field's path", () => {
    expect(outcome("a.b EQ 1", { a: { json: "doc", path: "p.q", type: "integer" } })).toContain(`'{"p","q","b"}'`);
    expect(outcome("a.b EQ 1", { a: { json: "doc", path: ["p", "q"], type: "integer" } })).toContain(`'{"p","q","b"}'`);
    // without a path, the entry's own key is the path of a member it names whole
    expect(outcome("a.b EQ 1", { "a.b": { json: "doc", type: "integer" } })).toContain(`'{"a","b"}'`);
    expect(outcome("a.b EQ 1", { a: { json: "doc", type: "integer" } })).toContain(`'{"b"}'`);
  });
});
