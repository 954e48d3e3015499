/**
 * What toSql accepts and how it answers misuse (src/run/sql/to-sql.ts): options that are not
 * usable throw TypeError (documented API misuse), input that is not a filter gives a diagnostic,
 * a filter with syntax errors gives only those errors, and a parsed Query keeps its source for
 * line numbers. Written from the mutants Stryker left alive in to-sql.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { parse, toSql, type ColumnMap, type ToSqlOptions } from "../../src/index.js";

const columns: ColumnMap = { id: "id", n: { column: "n", type: "integer" }, name: { column: "name", type: "string" } };
const shape = (out: ReturnType<typeof toSql>) => out.diagnostics.map((d) => [d.code, d.severity, d.start, d.end, d.line, d.message]);

describe("toSql's options", () => {
  it("an unknown dialect or a columns map that is not an object throws TypeError with what was wrong", () => {
    expect(() => toSql("n EQ 1", { dialect: "oracle", columns } as unknown as ToSqlOptions)).toThrow(new TypeError('toSql: dialect must be one of postgres, sqlite, mysql; got "oracle"'));
    expect(() => toSql("n EQ 1", undefined as unknown as ToSqlOptions)).toThrow(new TypeError("toSql: dialect must be one of postgres, sqlite, mysql; got undefined"));
    for (const bad of [null, "id", 5]) {
      expect(() => toSql("n EQ 1", { dialect: "sqlite", columns: bad } as unknown as ToSqlOptions)).toThrow(new TypeError("toSql: columns must be an object mapping field paths to columns"));
    }
  });
});

describe("toSql's input", () => {
  it("something that is not a filter is one error naming its type", () => {
    for (const [input, kind] of [[42, "number"], [null, "null"], [undefined, "undefined"], [true, "boolean"], [{ kind: 5 }, "object"]] as const) {
      const out = toSql(input as never, { dialect: "sqlite", columns });
      expect(out.ok).toBe(false);
      expect(shape(out), String(kind)).toEqual([["run-invalid-input", "error", 0, 0, 1, `Expected filter text, a Query or an expression node, got ${kind}.`]]);
    }
  });

  it("text with syntax errors gives its errors only (no warnings, no SQL)", () => {
    const out = toSql("limit=5&where=n EQ", { dialect: "sqlite", columns });
    expect(out.ok).toBe(false);
    expect([out.where, out.orderBy, out.limit]).toEqual(["", "", ""]);
    expect(shape(out)).toEqual([["missing-value", "error", 18, 18, 1, "Expected a value after 'EQ', found end of input."]]);
  });

  it("a parsed Query is placed in its own text: lines and columns come from the source", () => {
    const out = toSql(parse("id EQ 1 AND\nn CP 'x'").query, { dialect: "sqlite", columns: { id: { column: "id", type: "integer" }, n: columns.n! } });
    expect(shape(out)).toEqual([["sql-constant-comparison", "info", 12, 20, 2, 'This condition is false for every row where "n" is not null (CP compares text, and "n" is integer).']]);
    // an expression node has no text: places only
    const bare = toSql(parse("n CP 'x'").query.where!, { dialect: "sqlite", columns });
    expect(bare.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([["sql-constant-comparison", 0, 8]]);
  });

  it("a comparison no row can satisfy is planned as a constant and said so", () => {
    const out = toSql("n EQ 1.5", { dialect: "sqlite", columns });
    expect(out.where).toBe(`(CASE WHEN "n" IS NULL THEN NULL ELSE FALSE END)`);
    expect(shape(out)).toEqual([["sql-constant-comparison", "info", 0, 8, 1, 'This condition is false for every row where "n" is not null (no integer value is EQ 1.5).']]);
    expect(toSql("n NE 1.5", { dialect: "sqlite", columns }).diagnostics[0]!.message).toBe('This condition is true for every row where "n" is not null (no integer value is NE 1.5).');
  });
});
