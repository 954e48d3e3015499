/**
 * Numeric literals the column cannot hold exactly (src/run/sql/numbers.ts): `toSql` rewrites the
 * comparison to an equivalent one on a value the column can hold, or to a constant. MySQL and
 * the engines are not run here (test/run/sql-differential.test.ts runs them); these pin the text.
 */
import { describe, expect, it } from "vitest";
import { toSql, type ColumnMap, type SqlDialect } from "../../src/index.js";

const columns: ColumnMap = {
  id: "id",
  n: { column: "n", type: "integer" },
  score: { column: "score", type: "number" },
  "c.w": { json: "c", path: "w", type: "number" },
};

/** The WHERE clause and its params of one comparison. */
function where(dialect: SqlDialect, filter: string): { where: string | undefined; params: readonly unknown[] } {
  const out = toSql(filter, { dialect, columns });
  if (!out.ok) throw new Error(out.diagnostics.map((d) => d.code).join(", "));
  return { where: out.where, params: out.params };
}

const ALWAYS = (column: string) => `(CASE WHEN ${column} IS NULL THEN NULL ELSE TRUE END)`;
const NEVER = (column: string) => `(CASE WHEN ${column} IS NULL THEN NULL ELSE FALSE END)`;

describe("MySQL DECIMAL(65,30) number columns", () => {
  const my = (filter: string) => where("mysql", filter);
  const score = "`score`";
  const cast = (op: string) => `(${score} ${op} CAST(? AS DECIMAL(65,30)))`;

  it("binds a literal of 35 integer digits as it is", () => {
    const digits35 = "9".repeat(35);
    expect(my(`score EQ ${digits35}`)).toEqual({ where: cast("="), params: [digits35] });
    expect(my(`score LT -${digits35}`)).toEqual({ where: cast("<"), params: [`-${digits35}`] });
  });

  it("decides a literal beyond 35 integer digits at once, by its sign", () => {
    const big = "1" + "0".repeat(35);
    expect(my(`score GT ${big}`).where).toBe(NEVER(score));
    expect(my(`score GE ${big}`).where).toBe(NEVER(score));
    expect(my(`score LT ${big}`).where).toBe(ALWAYS(score));
    expect(my(`score LE ${big}.5`).where).toBe(ALWAYS(score));
    expect(my(`score GT -${big}`).where).toBe(ALWAYS(score));
    expect(my(`score LT -${big}`).where).toBe(NEVER(score));
    expect(my(`score EQ ${big}`)).toEqual({ where: NEVER(score), params: [] });
    expect(my(`score NE -${big}`)).toEqual({ where: ALWAYS(score), params: [] });
  });

  it("compares a literal with more than 30 decimals as its ceiling (GT, GE) or floor (LT, LE) at 30 decimals", () => {
    const tiny = `0.${"0".repeat(29)}15`; // 1.5e-30
    expect(my(`score GT ${tiny}`)).toEqual({ where: cast(">="), params: [`0.${"0".repeat(29)}2`] });
    expect(my(`score GE ${tiny}`)).toEqual({ where: cast(">="), params: [`0.${"0".repeat(29)}2`] });
    expect(my(`score LT ${tiny}`)).toEqual({ where: cast("<="), params: [`0.${"0".repeat(29)}1`] });
    expect(my(`score LE -1.${"0".repeat(29)}15`)).toEqual({ where: cast("<="), params: [`-1.${"0".repeat(29)}2`] });
    expect(my(`score GE -${tiny}`)).toEqual({ where: cast(">="), params: [`-0.${"0".repeat(29)}1`] });
  });

  it("writes a bound that rounds to a whole number or to zero without a fraction", () => {
    expect(my(`score GT 12.${"9".repeat(31)}`)).toEqual({ where: cast(">="), params: ["13"] });
    expect(my(`score GT -0.${"0".repeat(30)}1`)).toEqual({ where: cast(">="), params: ["0"] });
    expect(my(`score LE 0.${"0".repeat(30)}1`)).toEqual({ where: cast("<="), params: ["0"] });
  });

  it("makes EQ and NE constants against a literal with more than 30 decimals (no column value equals it)", () => {
    expect(my(`score EQ 0.${"0".repeat(30)}1`)).toEqual({ where: NEVER(score), params: [] });
    expect(my(`score NE -2.${"5".repeat(31)}`)).toEqual({ where: ALWAYS(score), params: [] });
  });
});

describe("integer columns against a negative fraction above -1", () => {
  it("takes 0 as the ceiling and -1 as the floor of -0.5", () => {
    expect(where("postgres", "n GT -0.5")).toEqual({ where: '("n" >= $1::bigint)', params: ["0"] });
    expect(where("postgres", "n LT -0.5")).toEqual({ where: '("n" <= $1::bigint)', params: ["-1"] });
  });
});

describe("SQLite numbers read from JSON", () => {
  const lite = (filter: string) => where("sqlite", filter);
  const w = `json_extract("c", '$."w"')`;

  it("compares a fraction past 2^53 as an integer (every double there is one), bound as a BigInt", () => {
    expect(lite("c.w GT 9007199254740993.5")).toEqual({ where: `(${w} >= ?)`, params: [9007199254740994n] });
    expect(lite("c.w LT -9007199254740993.5")).toEqual({ where: `(${w} <= ?)`, params: [-9007199254740994n] });
    expect(lite("c.w EQ -9007199254740993.5")).toEqual({ where: NEVER(w), params: [] });
  });

  it("compares a literal past int64 with the nearest double, strictness adjusted", () => {
    // 99999999999999999999.5 lies just below the double 1e20
    expect(lite("c.w GT 99999999999999999999.5")).toEqual({ where: `(${w} >= ?)`, params: [1e20] });
    expect(lite("c.w LT 99999999999999999999.5")).toEqual({ where: `(${w} < ?)`, params: [1e20] });
    // 100000000000000000000.5 lies just above it
    expect(lite("c.w GT 100000000000000000000.5")).toEqual({ where: `(${w} > ?)`, params: [1e20] });
    expect(lite("c.w LE 100000000000000000000.5")).toEqual({ where: `(${w} <= ?)`, params: [1e20] });
    // -99999999999999999999.5 lies just above the double -1e20
    expect(lite("c.w LT -99999999999999999999.5")).toEqual({ where: `(${w} <= ?)`, params: [-1e20] });
  });

  it("binds an integer within int64 exactly, and a short decimal as its double", () => {
    expect(lite("c.w EQ -9223372036854775808")).toEqual({ where: `(${w} = ?)`, params: [-9223372036854775808n] });
    expect(lite("c.w GE 0.5")).toEqual({ where: `(${w} >= ?)`, params: [0.5] });
  });
});
