/**
 * values.ts: exact decimal comparison against BigInt-scaled arithmetic, the decimal a JS number
 * prints as, and code point comparison against comparing `[...s]` code points.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCodePoints, compareDecimals, decimalOf, decimalOfNumber, NUMBER_TEXT } from "../../src/run/values.js";
import { numberText } from "../helpers/arbitraries.js";
import { codePointCompare, compareExact, exactDecimal } from "../helpers/reference-evaluator.js";

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const NORMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** Normal decimal text of `mantissa × 10^-scale`, written independently of src. */
function normalText(mantissa: bigint, scale: number): string {
  const negative = mantissa < 0n;
  let digits = (negative ? -mantissa : mantissa).toString();
  if (scale <= 0) return mantissa === 0n ? "0" : `${negative ? "-" : ""}${digits}${"0".repeat(-scale)}`;
  digits = digits.padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== "0" ? `-${body}` : body;
}

/** Normal decimals that often collide and sit close together (same whole part, one more digit, signs). */
const nearDecimal = fc.tuple(fc.bigInt({ min: -3000n, max: 3000n }), fc.integer({ min: -3, max: 4 })).map(([m, s]) => normalText(m, s));
const decimalArb = fc.oneof(numberText, nearDecimal, fc.constantFrom("0", "1", "-1", "0.1", "-0.1", "10", "9.99", "0.01", "100", "99.999", "1.5", "1.05"));

describe("compareDecimals", () => {
  it("examples", () => {
    const cases: [string, string, number][] = [
      ["0", "0", 0], ["1", "2", -1], ["10", "9", 1], ["9.99", "10", -1], ["0.5", "0.49", 1], ["0.5", "0.5", 0], ["1.5", "1", 1], ["1", "1.5", -1],
      ["1.05", "1.5", -1], ["-1", "-0.5", -1], ["-0.5", "-1", 1], ["0", "-0.1", 1], ["-0.1", "0", -1], ["-2", "1", -1], ["-10", "-9", -1],
      ["123456789012345678901234567890", "123456789012345678901234567891", -1], ["0.1000000000000000000001", "0.1", 1], ["-0.0001", "-0.001", 1],
    ];
    for (const [a, b, expected] of cases) expect(sign(compareDecimals(a, b)), `${a} vs ${b}`).toBe(expected);
  });

  it("agrees with BigInt-scaled arithmetic on normal decimal text", () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        expect(NORMAL.test(a) && NORMAL.test(b)).toBe(true);
        expect(sign(compareDecimals(a, b)), `${a} vs ${b}`).toBe(compareExact(exactDecimal(a), exactDecimal(b)));
        expect(sign(compareDecimals(b, a))).toBe(sign(-compareDecimals(a, b)));
        expect(sign(compareDecimals(a, a))).toBe(0); // -0 counts as equal too
      }),
      { numRuns: 5000 },
    );
  });
});

describe("decimalOfNumber and decimalOf", () => {
  it("the decimal a number prints as, in normal form", () => {
    const cases: [number, string][] = [
      [0, "0"], [-0, "0"], [5, "5"], [-2.5, "-2.5"], [0.1, "0.1"], [0.1 + 0.2, "0.30000000000000004"], [1e21, "1000000000000000000000"], [1e-7, "0.0000001"],
      [9007199254740993, "9007199254740992"], [1.5e300, `15${"0".repeat(299)}`], [5e-324, `0.${"0".repeat(323)}5`], [-1.25e-10, "-0.000000000125"],
    ];
    for (const [n, text] of cases) expect(decimalOfNumber(n), String(n)).toBe(text);
  });

  it("is exactly String(n) as a decimal, normal, and reads back as the same number", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = decimalOfNumber(n);
        expect(text).toMatch(NORMAL);
        expect(compareExact(exactDecimal(text), exactDecimal(n))).toBe(0);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 3000 },
    );
  });

  it("decimalOf: finite numbers and bigints; number text only when asked; nothing else", () => {
    expect(decimalOf(2.5, false)).toBe("2.5");
    expect(decimalOf(-0, false)).toBe("0");
    expect(decimalOf(-(10n ** 30n), false)).toBe(`-1${"0".repeat(30)}`);
    for (const v of [NaN, Infinity, -Infinity, "5", true, null, undefined, {}, [5], { id: 5 }]) expect(decimalOf(v, false), String(v)).toBeUndefined();
    expect(decimalOf("007.50", true)).toBe("7.5");
    expect(decimalOf("-0", true)).toBe("0");
    expect(decimalOf("-0.0", true)).toBe("0");
    for (const v of ["", "-", "1e3", " 5", "5 ", "+5", ".5", "5.", "0x10", "1_000", "١٢", "Infinity", "NaN"]) expect(decimalOf(v, true), JSON.stringify(v)).toBeUndefined();
    expect(NUMBER_TEXT.test("-12.5")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

/** Strings rich in the characters where UTF-16 order and code point order differ. */
const trickyString = fc
  .array(fc.oneof(fc.constantFrom("a", "b", "\uD7FF", "\uE000", "\uFFFF", "\uFFFD", "\u{10000}", "\u{10348}", "😀", "\u{10FFFF}", "é", ""), fc.string({ unit: "binary", maxLength: 2 })), { maxLength: 6 })
  .map((parts) => parts.join(""));

describe("compareCodePoints", () => {
  it("examples: code point order, not UTF-16 unit order", () => {
    expect(sign(compareCodePoints("\u{10000}", "\uFFFF"))).toBe(1);
    expect(sign(compareCodePoints("\uE000", "😀"))).toBe(-1);
    expect(sign(compareCodePoints("\uD7FF", "😀"))).toBe(-1);
    expect(sign(compareCodePoints("a😀", "a\uFFFF"))).toBe(1);
    expect(sign(compareCodePoints("\u{10000}", "\u{10348}"))).toBe(-1);
    expect(sign(compareCodePoints("", "a"))).toBe(-1);
    expect(sign(compareCodePoints("ab", "a"))).toBe(1);
    expect(compareCodePoints("😀", "😀")).toBe(0);
    expect(sign(compareCodePoints("B", "a"))).toBe(-1);
  });

  it("agrees with comparing [...s] code points (well-formed strings)", () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, fc.string({ unit: "binary", maxLength: 6 })), fc.oneof(trickyString, fc.string({ unit: "binary", maxLength: 6 })), (a, b) => {
        expect(sign(compareCodePoints(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(codePointCompare(a, b)));
        expect(sign(compareCodePoints(b, a))).toBe(sign(-compareCodePoints(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it("sorts like code point arrays", () => {
    fc.assert(
      fc.property(fc.array(trickyString, { maxLength: 12 }), (strings) => {
        const byCodePoints = [...strings].sort(codePointCompare);
        expect([...strings].sort(compareCodePoints)).toEqual(byCodePoints);
      }),
      { numRuns: 1000 },
    );
  });

  // Record values may hold lone surrogates (JSON.parse('"\\ud800"') does). As code points,
  // U+D800–U+DFFF sit below U+E000 and below every astral character.
  it("lone surrogates order as the code points [...s] gives them", () => {
    const cases: [string, string][] = [
      ["\uD800", "\uE000"],
      ["\uDFFF", "\uFFFF"],
      ["\uDC00", "\u{10000}"],
      ["a\uD800", "a\uFFFD"],
    ];
    for (const [a, b] of cases) {
      expect(sign(codePointCompare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)} by [...s]`).toBe(-1);
      expect(sign(compareCodePoints(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(-1);
    }
  });

  it("agrees with [...s] on strings mixing pairs, lone halves and their neighbours (property)", () => {
    const unit = fc.constantFrom("\uD7FF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uE000", "\uFFFF", "\u{10000}", "\u{10FFFF}", "a");
    const text = fc.array(unit, { maxLength: 5 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sign(compareCodePoints(a, b))).toBe(sign(codePointCompare(a, b)));
      }),
      { numRuns: 3000 },
    );
  });
});
