/**
 * How a numeric comparison is planned per dialect and column type (planNumeric in
 * src/run/sql/numbers.ts), for the cases `npm test` does not run against an engine: literals that
 * are no double's decimal (SQLite REAL columns, MySQL JSON numbers), MySQL DECIMAL(65,30)
 * columns, SQLite's untyped and JSON values. The engines' answers for the same plans are checked
 * by the SQL differential test (`npm run test:sql-long`, MariaDB in `npm run test:db`). Written
 * from the mutants Stryker left alive in numbers.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { planNumeric } from "../../src/run/sql/numbers.js";

describe("a literal that is no double's decimal, against doubles", () => {
  it("compares as the nearest double with the strictness adjusted; EQ never holds, NE always does", () => {
    // 0.30000000000000001 lies above the double 0.3 (which prints as 0.3)
    const above = (op: "EQ" | "NE" | "GT" | "GE" | "LT" | "LE") => planNumeric("sqlite", "number", "column", op, "0.30000000000000001");
    expect(above("EQ")).toEqual({ kind: "constant", value: false });
    expect(above("NE")).toEqual({ kind: "constant", value: true });
    expect(above("GT")).toEqual({ kind: "compare", operator: ">", value: "0.3", integer: false, double: true });
    expect(above("GE")).toEqual({ kind: "compare", operator: ">", value: "0.3", integer: false, double: true });
    expect(above("LT")).toEqual({ kind: "compare", operator: "<=", value: "0.3", integer: false, double: true });
    expect(above("LE")).toEqual({ kind: "compare", operator: "<=", value: "0.3", integer: false, double: true });
    // 0.29999999999999999 lies below it
    const below = (op: "GT" | "LT") => planNumeric("sqlite", "number", "column", op, "0.29999999999999999");
    expect(below("GT")).toEqual({ kind: "compare", operator: ">=", value: "0.3", integer: false, double: true });
    expect(below("LT")).toEqual({ kind: "compare", operator: "<", value: "0.3", integer: false, double: true });
  });

  it("a literal that is a double's decimal compares as it is", () => {
    expect(planNumeric("sqlite", "number", "column", "GE", "0.5")).toEqual({ kind: "compare", operator: ">=", value: "0.5", integer: false, double: true });
    expect(planNumeric("sqlite", "number", "column", "EQ", "7")).toEqual({ kind: "compare", operator: "=", value: "7", integer: false, double: true });
  });

  it("MySQL reads JSON numbers as doubles, and its number columns as DECIMAL(65,30)", () => {
    expect(planNumeric("mysql", "number", "json", "GT", "0.30000000000000001")).toEqual({ kind: "compare", operator: ">", value: "0.3", integer: false, double: true });
    expect(planNumeric("mysql", "number", "column", "GT", "0.30000000000000001")).toEqual({ kind: "compare", operator: ">", value: "0.30000000000000001", integer: false });
    expect(planNumeric("mysql", "number", "column", "EQ", "1")).toEqual({ kind: "compare", operator: "=", value: "1", integer: false });
  });
});

describe("MySQL DECIMAL(65,30) columns", () => {
  it("a literal with more than 30 decimals compares as its floor or ceiling at 30 decimals", () => {
    const tiny = `0.${"0".repeat(30)}1`; // 1e-31: between 0 and 1e-30
    expect(planNumeric("mysql", "number", "column", "GT", tiny)).toEqual({ kind: "compare", operator: ">=", value: `0.${"0".repeat(29)}1`, integer: false });
    expect(planNumeric("mysql", "number", "column", "LT", tiny)).toEqual({ kind: "compare", operator: "<=", value: "0", integer: false });
    expect(planNumeric("mysql", "number", "column", "EQ", tiny)).toEqual({ kind: "constant", value: false });
    const negativeTiny = `-0.${"0".repeat(30)}1`;
    expect(planNumeric("mysql", "number", "column", "GT", negativeTiny)).toEqual({ kind: "compare", operator: ">=", value: "0", integer: false });
    expect(planNumeric("mysql", "number", "column", "LT", negativeTiny)).toEqual({ kind: "compare", operator: "<=", value: `-0.${"0".repeat(29)}1`, integer: false });
    const long = `12.${"5".repeat(31)}`;
    expect(planNumeric("mysql", "number", "column", "GE", long)).toEqual({ kind: "compare", operator: ">=", value: `12.${"5".repeat(29)}6`, integer: false });
    expect(planNumeric("mysql", "number", "column", "LE", long)).toEqual({ kind: "compare", operator: "<=", value: `12.${"5".repeat(30)}`, integer: false });
  });

  it("a literal beyond 35 integer digits is decided at once", () => {
    const huge = "1".repeat(36);
    expect(planNumeric("mysql", "number", "column", "LT", huge)).toEqual({ kind: "constant", value: true });
    expect(planNumeric("mysql", "number", "column", "LT", `-${huge}`)).toEqual({ kind: "constant", value: false });
    expect(planNumeric("mysql", "number", "column", "LT", "1".repeat(35))).toEqual({ kind: "compare", operator: "<", value: "1".repeat(35), integer: false });
  });
});

describe("SQLite without a REAL column", () => {
  it("integers in int64 compare as integers; past 2^53 a fraction goes to its floor or ceiling; others to the nearest double", () => {
    expect(planNumeric("sqlite", undefined, "column", "EQ", "5")).toEqual({ kind: "compare", operator: "=", value: "5", integer: true });
    expect(planNumeric("sqlite", "number", "json", "EQ", "5")).toEqual({ kind: "compare", operator: "=", value: "5", integer: true });
    expect(planNumeric("sqlite", undefined, "column", "GT", "9007199254740993.5")).toEqual({ kind: "compare", operator: ">=", value: "9007199254740994", integer: true });
    expect(planNumeric("sqlite", undefined, "column", "GT", "0.5")).toEqual({ kind: "compare", operator: ">", value: "0.5", integer: false, double: true });
    // 2^63 is a double, which JavaScript prints as 9223372036854776000 (bound as a double, the same value)
    expect(planNumeric("sqlite", undefined, "column", "GT", "9223372036854775808")).toEqual({ kind: "compare", operator: ">=", value: "9223372036854776000", integer: false, double: true });
  });

  it("PostgreSQL compares exactly, as integers only within int64", () => {
    expect(planNumeric("postgres", undefined, "column", "GT", "0.30000000000000001")).toEqual({ kind: "compare", operator: ">", value: "0.30000000000000001", integer: false });
    expect(planNumeric("postgres", "number", "json", "EQ", "5")).toEqual({ kind: "compare", operator: "=", value: "5", integer: true });
    expect(planNumeric("postgres", undefined, "column", "EQ", "9223372036854775808")).toEqual({ kind: "compare", operator: "=", value: "9223372036854775808", integer: false });
  });
});
