/**
 * How `toSql` types a column (its own `type`, else the schema's field type, else none) and what
 * each typing makes of a literal; how a JSON member without `path` is found; the statements
 * built from a query.
 */
import { describe, expect, it } from "vitest";
import { countStatement, defineSchema, selectStatement, toSql, type ColumnMap, type Expression } from "../../src/index.js";

const schema = defineSchema({
  s: "string",
  d: "datetime",
  e: { type: "enum", values: ["a", "b"] },
  i: "integer",
  r: { type: "reference" },
  n: "number",
  b: "boolean",
});
const columns: ColumnMap = { id: "id", s: "s", d: "d", e: "e", i: "i", r: "r", n: "n", b: "b", u: "u", "c.w": { json: "c" } };

function sqlite(filter: string | Expression) {
  const out = toSql(filter, { dialect: "sqlite", columns, schema });
  return { ok: out.ok, where: out.where, params: out.params, diagnostics: out.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}

const UNTYPED = (field: string) =>
  `sql-untyped-field: "${field}" has no type (no schema field, no type in its column): sqlite decides how the value compares. Give a schema or a column type for exact comparisons.`;

describe("column types from the schema", () => {
  it("string, datetime and enum fields are text: a number never equals one, a string compares as text", () => {
    expect(sqlite("(s EQ 5) OR (d GT '2020-01-01') OR (e EQ 'a')")).toEqual({
      ok: true,
      where: `((CASE WHEN "s" IS NULL THEN NULL ELSE FALSE END) OR ("d" > ?) OR ("e" = ?))`,
      params: ["2020-01-01", "a"],
      diagnostics: [`sql-constant-comparison: This condition is false for every row where "s" is not null (a number never equals a string value).`],
    });
  });

  it("integer and reference fields are integers, number fields exact numbers, boolean fields 1 and 0", () => {
    expect(sqlite("(i GT 1.5) AND (r EQ '3') AND (n LT 0.5) AND (b EQ true) AND (b NE false)")).toEqual({
      ok: true,
      where: `(("i" >= ?) AND ("r" = ?) AND ("n" < ?) AND ("b" = ?) AND ("b" <> ?))`,
      params: [2, 3, 0.5, 1, 0],
      diagnostics: [],
    });
  });

  it("CP with a boolean literal matches the text 'true' or 'false'", () => {
    expect(sqlite("(s CP true) OR (s CP FALSE)")).toMatchObject({ where: `(("s" LIKE ? ESCAPE '\\') OR ("s" LIKE ? ESCAPE '\\'))`, params: ["true", "false"] });
  });
});

describe("untyped columns (no schema field, no column type)", () => {
  it("bind a number as a number and number text as text, and say the engine decides", () => {
    expect(sqlite("u EQ 5")).toEqual({ ok: true, where: `("u" = ?)`, params: [5], diagnostics: [UNTYPED("u")] });
    expect(sqlite("u EQ '5'")).toEqual({ ok: true, where: `("u" = ?)`, params: ["5"], diagnostics: [UNTYPED("u")] });
  });

  it("a number no double equals makes EQ a constant, told as 'no numeric value'", () => {
    expect(sqlite("u EQ 0.10000000000000001")).toEqual({
      ok: true,
      where: `(CASE WHEN "u" IS NULL THEN NULL ELSE FALSE END)`,
      params: [],
      diagnostics: [
        UNTYPED("u"),
        `sql-constant-comparison: This condition is false for every row where "u" is not null (no numeric value is EQ 0.10000000000000001).`,
      ],
    });
  });

  it("a JSON entry without path reads the member named by the field's own dotted name", () => {
    expect(sqlite("c.w EQ 2")).toMatchObject({ where: `(json_extract("c", '$."c"."w"') = ?)`, params: [2] });
  });
});

describe("a tree built in code that throws while it is read", () => {
  it("is reported as run-invalid-input with what was thrown, even when it is not an Error", () => {
    const tree = {
      kind: "Comparison",
      field: { kind: "Field", path: ["s"], name: "s" },
      get operator(): never {
        throw "operator unreadable";
      },
      value: { kind: "Number", value: "1" },
    } as unknown as Expression;
    const out = sqlite(tree);
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toEqual(["run-invalid-input: operator unreadable"]);
  });
});

describe("selectStatement and countStatement", () => {
  it("a query without limit selects with no LIMIT; the count keeps only the WHERE", () => {
    const sql = toSql("where=s EQ 'x'&orderby=s", { dialect: "postgres", columns, schema });
    expect(selectStatement(sql, "hosts")).toEqual({ text: `SELECT * FROM "hosts" WHERE ("s" = $1) ORDER BY "s" COLLATE "C" ASC NULLS FIRST, "id" ASC NULLS FIRST`, params: ["x"] });
    expect(countStatement(sql, "hosts")).toEqual({ text: `SELECT count(*) AS size FROM "hosts" WHERE ("s" = $1)`, params: ["x"] });
  });

  it("a query with no sort at all (idField null, no orderby) selects with no ORDER BY", () => {
    const sql = toSql("s EQ 'x'", { dialect: "sqlite", columns, schema, idField: null });
    expect(selectStatement(sql, "hosts", { select: ["id", "s"] })).toEqual({ text: `SELECT "id", "s" FROM "hosts" WHERE ("s" = ?)`, params: ["x"] });
  });
});
