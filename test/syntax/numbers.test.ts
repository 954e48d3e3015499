/** Exact decimal text (src/syntax/numbers.ts): normal form, the test for it, and plain decimals. */
import { describe, expect, it } from "vitest";
import { isNormalNumber, normalizeNumber, plainDecimal } from "../../src/syntax/numbers.js";
import { editDistance } from "../../src/syntax/suggest.js";

describe("normalizeNumber", () => {
  it("drops leading zeros, trailing fractional zeros and the sign of zero", () => {
    expect(["007.50", "-0.0", "-000", "0.000", "10", "-10.010", "0.5", "-007"].map(normalizeNumber)).toEqual(["7.5", "0", "0", "0", "10", "-10.01", "0.5", "-7"]);
  });
});

describe("isNormalNumber", () => {
  it("accepts exactly what normalizeNumber prints", () => {
    for (const text of ["0", "7", "-7", "7.5", "-0.01", "10", "123456789012345678901234567890"]) {
      expect(isNormalNumber(text), text).toBe(true);
      expect(normalizeNumber(text)).toBe(text);
    }
  });

  it("refuses negative zero, leading zeros, trailing fractional zeros and anything not a plain decimal", () => {
    for (const text of ["-0", "007", "7.50", "7.", ".5", "1e5", "+1", "", "-", "1.2.3", " 1"]) expect(isNormalNumber(text), text).toBe(false);
  });
});

describe("plainDecimal", () => {
  it("reads number-like text the language does not allow as the decimal it means", () => {
    expect(["1.", ".5", "-.5", "1.5e3", "-2E-2", "1e+2", "- 5", "-+5", "0.0e5", "12e-5"].map(plainDecimal)).toEqual(["1", "0.5", "-0.5", "1500", "-0.02", "100", "-5", "-5", "0", "0.00012"]);
  });

  it("has no reading for text without digits, with two points, or with an exponent beyond ±400", () => {
    for (const text of [".", "-.", "e5", ".e5", "", "1.2.3", "1e5e5", "abc"]) expect(plainDecimal(text), text).toBeUndefined();
    expect(plainDecimal("1e401")).toBeUndefined();
    expect(plainDecimal("1e-401")).toBeUndefined();
    expect(plainDecimal("1e400")).toBe("1" + "0".repeat(400));
    expect(plainDecimal("1e-400")).toBe("0." + "0".repeat(399) + "1");
  });
});

describe("editDistance", () => {
  it("is 0 for the same text, 1 for a change of case alone, and counts a swap as one edit", () => {
    expect(editDistance("name", "name")).toBe(0);
    expect(editDistance("name", "Name")).toBe(1);
    expect(editDistance("name", "nmae")).toBe(1);
    expect(editDistance("name", "nam")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
});
