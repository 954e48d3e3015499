/**
 * SQL text of the mask and text-comparison options per dialect (src/run/sql/dialect.ts), for
 * the option combinations the snapshot test leaves out: case-sensitive PostgreSQL LIKE with and
 * without '_' as a wildcard, MySQL's case-insensitive mask with it, SQLite's GLOB escaping, text
 * ordering collations, and PostgreSQL JSON paths with quotes and backslashes. Written from the
 * mutants Stryker left alive in dialect.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { toSql, type ColumnMap, type MaskOptions, type SqlDialect } from "../../src/index.js";

const columns: ColumnMap = { id: "id", name: { column: "name", type: "string" }, "j.x": { json: "doc", path: ['a"b', "c\\d"], type: "string" } };

function where(dialect: SqlDialect, filter: string, options: MaskOptions = {}): [string | undefined, readonly unknown[]] {
  const out = toSql(filter, { dialect, columns, ...options });
  if (!out.ok) throw new Error(out.diagnostics.map((d) => d.message).join("\n"));
  return [out.where, out.params];
}

describe("masks", () => {
  it("PostgreSQL, case-sensitive: LIKE with '\\' as escape; '_' escaped unless it is a wildcard", () => {
    expect(where("postgres", "name CP 'a_b%'", { caseSensitive: true })).toEqual([`("name" LIKE $1 ESCAPE '\\')`, ["a\\_b%"]]);
    expect(where("postgres", "name CP 'a_b%'", { caseSensitive: true, underscoreWildcard: true })).toEqual([`("name" LIKE $1 ESCAPE '\\')`, ["a_b%"]]);
  });

  it("PostgreSQL, case-insensitive: ASCII letters folded on both sides, '_' as asked", () => {
    const folded = `(translate("name", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE $1 ESCAPE '\\')`;
    expect(where("postgres", "name CP 'A_b%'")).toEqual([folded, ["a\\_b%"]]);
    expect(where("postgres", "name CP 'A_b%'", { underscoreWildcard: true })).toEqual([folded, ["a_b%"]]);
  });

  it("MySQL, case-insensitive: '!' escapes a literal '_' unless it is a wildcard", () => {
    const [sql, params] = where("mysql", "name CP 'A_b%'");
    expect(sql).toMatch(/^\(REPLACE\(.*`name` COLLATE utf8mb4_bin, 'A', 'a'\).*, 'Z', 'z'\) LIKE \? ESCAPE '!'\)$/);
    expect(params).toEqual(["a!_b%"]);
    expect(where("mysql", "name CP 'A_b%'", { underscoreWildcard: true })[1]).toEqual(["a_b%"]);
  });

  it("SQLite, case-sensitive: GLOB with '*', '?' and '[' bracketed, '_' a '?' only as a wildcard", () => {
    expect(where("sqlite", "name CP 'a*?[_%'", { caseSensitive: true })).toEqual([`("name" GLOB ?)`, ["a[*][?][[]_*"]]);
    expect(where("sqlite", "name CP 'a*?[_%'", { caseSensitive: true, underscoreWildcard: true })).toEqual([`("name" GLOB ?)`, ["a[*][?][[]?*"]]);
  });
});

describe("text comparisons", () => {
  it("PostgreSQL orders text by code point (COLLATE \"C\"); equality needs no collation", () => {
    expect(where("postgres", "name EQ 'x'")).toEqual([`("name" = $1)`, ["x"]]);
    expect(where("postgres", "name NE 'x'")).toEqual([`("name" <> $1)`, ["x"]]);
    expect(where("postgres", "name GT 'x'")).toEqual([`("name" > $1 COLLATE "C")`, ["x"]]);
    expect(where("postgres", "name LE 'x'")).toEqual([`("name" <= $1 COLLATE "C")`, ["x"]]);
  });
});

describe("PostgreSQL JSON paths", () => {
  it("quote each name, escaping '\"' and '\\'", () => {
    expect(where("postgres", "j.x EQ 'v'")).toEqual([`("doc" #>> '{"a\\"b","c\\\\d"}' = $1)`, ["v"]]);
  });
});
