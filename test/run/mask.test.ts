/**
 * compileMask: CP masks by hand, and as properties against two independent references (a regular
 * expression built from the mask, and the dynamic program of the reference evaluator), both with
 * ASCII-only case folding done on both sides.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MaskOptions } from "../../src/index.js";
import { compileMask } from "../../src/index.js";
import { foldAscii, maskMatches, maskRegex } from "../helpers/reference-evaluator.js";

/** The regex reference: `%` `.*`, `_` `.` (one code point, with the `u` flag) or literal; ASCII folding of mask and text. */
const byRegex = (mask: string, text: string, o: MaskOptions = {}) => maskRegex(mask, o).test(o.caseSensitive ? text : foldAscii(text));

describe("compileMask by hand", () => {
  const cases: [mask: string, text: string, expected: boolean, options?: MaskOptions][] = [
    ["%web%", "my-web-1", true], ["%web%", "MY-WEB-1", true], ["%WEB%", "my-web-1", true], ["%web%", "w-e-b", false],
    ["web%", "web", true], ["web%", "webs", true], ["web%", "a web", false], ["%web", "a web", true], ["%web", "webs", false],
    ["web", "web", true], ["web", "Web", true], ["web", "webs", false], ["web", "", false], ["", "", true], ["", " ", false],
    ["%", "", true], ["%", "%", true], ["%%%", "x", true], ["a%", "a", true], ["%a", "a", true], ["a%a", "a", false], ["a%a", "aa", true],
    ["a%b%c", "abc", true], ["a%b%c", "acb", false], ["a%b%c", "a-b-c", true], ["%ab%ab%", "ab", false], ["%ab%ab%", "abab", true], ["%aba%", "ababa", true],
    ["%a%b", "ab", true], ["%a%b", "ba", false], ["%a%b", "bab", true], ["a%%b", "ab", true],
    // `_` is literal by default
    ["a_b", "a_b", true], ["a_b", "axb", false], ["a_b", "A_B", true], ["_", "x", false], ["_", "_", true], ["%_", "a_", true], ["%_", "ab", false],
    // letter case: ASCII only
    ["É", "é", false], ["é", "É", false], ["é", "é", true], ["Straße", "STRASSE", false], ["Straße", "STRAßE", true], ["ǅ", "ǆ", false],
    ["k", "\u212A", false], ["\u212A", "k", false], ["K", "k", true], ["i", "İ", false], ["ı", "I", false], ["ſ", "s", false], ["%Ж%", "жЖ", true], ["Ж", "ж", false],
    // literal characters: regex syntax, `%41`-like text, quotes, line breaks, astral
    ["%.*%", "abc", false], ["%.*%", "a.*c", true], ["a+b", "aab", false], ["a+b", "A+B", true], ["[ab]", "a", false], ["(x|y)", "(X|Y)", true],
    ["%41", "%41", true], ["%41", "x41", true], ["%41", "A", false], ["it's", "IT'S", true], ["a%b", "a\nb", true], ["a\nb", "A\nB", true], ["\\d", "\\D", true],
    ["%😀%", "a😀b", true], ["😀", "😀", true], ["😀", "\uD83D", false],
    // caseSensitive
    ["Web", "web", false, { caseSensitive: true }], ["Web", "Web", true, { caseSensitive: true }], ["%EB%", "web", false, { caseSensitive: true }],
    ["%eb%", "wEb", false, { caseSensitive: true }], ["%", "", true, { caseSensitive: true }],
    // underscoreWildcard: `_` is exactly one code point (an astral character is one)
    ["a_b", "axb", true, { underscoreWildcard: true }], ["a_b", "a_b", true, { underscoreWildcard: true }], ["a_b", "ab", false, { underscoreWildcard: true }],
    ["a_b", "axxb", false, { underscoreWildcard: true }], ["a_b", "a😀b", true, { underscoreWildcard: true }], ["a__b", "a😀b", false, { underscoreWildcard: true }],
    ["_", "😀", true, { underscoreWildcard: true }], ["__", "😀", false, { underscoreWildcard: true }], ["_", "", false, { underscoreWildcard: true }],
    ["%_%", "", false, { underscoreWildcard: true }], ["%_%", "x", true, { underscoreWildcard: true }], ["%_", "é", true, { underscoreWildcard: true }],
    ["_%_", "😀😀", true, { underscoreWildcard: true }], ["_%_", "😀", false, { underscoreWildcard: true }], ["a_%_b", "a😀😀b", true, { underscoreWildcard: true }],
    ["%a_c%", "xxabcyy", true, { underscoreWildcard: true }], ["%a_c%", "xxacyy", false, { underscoreWildcard: true }], ["%a_c", "abcabd", false, { underscoreWildcard: true }],
    ["%a_c", "abdabc", true, { underscoreWildcard: true }], ["%_b_%", "a😀b😀", true, { underscoreWildcard: true }], ["%b_", "bb😀", true, { underscoreWildcard: true }],
    ["A_%", "a😀", true, { underscoreWildcard: true }], ["A_%", "a😀", false, { underscoreWildcard: true, caseSensitive: true }],
    ["%_😀", "x😀", true, { underscoreWildcard: true }], ["%_😀", "😀", false, { underscoreWildcard: true }],
  ];
  for (const [mask, text, expected, options] of cases) {
    it(`${JSON.stringify(mask)} on ${JSON.stringify(text)}${options ? ` ${JSON.stringify(options)}` : ""}: ${expected}`, () => {
      expect(compileMask(mask, options)(text)).toBe(expected);
      // the references agree with the hand-written answer too
      expect(byRegex(mask, text, options)).toBe(expected);
      expect(maskMatches(mask, text, options)).toBe(expected);
    });
  }

  it("a compiled matcher is reusable and does not depend on earlier texts", () => {
    const m = compileMask("%a_b%", { underscoreWildcard: true });
    expect(["axb", "ab", "Ayb", "", "xxAzBxx", "a😀b"].map(m)).toEqual([true, false, true, false, true, true]);
    expect(["axb", "ab", "Ayb", "", "xxAzBxx", "a😀b"].map(m)).toEqual([true, false, true, false, true, true]);
  });

  it("long texts and many pieces cost no backtracking blow-up", () => {
    const long = "a".repeat(100_000);
    const start = performance.now();
    expect(compileMask("%a%a%a%a%a%a%a%a%b")(long)).toBe(false);
    expect(compileMask("%a%a%a%a%a%a%a%a%")(long)).toBe(true);
    expect(compileMask("%a_a%a_a%a_a%b", { underscoreWildcard: true })(long)).toBe(false);
    expect(compileMask("%_%_%_%_%_%b", { underscoreWildcard: true })(long)).toBe(false);
    expect(compileMask("%A%A%A%B")(long)).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------------------------

const ALPHABET = ["a", "A", "b", "B", "é", "É", "😀", "x", "_", "%", "k", "\u212A"];
const MASK_ALPHABET = ["%", "%", "_", "_", "a", "A", "b", "B", "é", "É", "😀", "x", "k"];
const optionsArb: fc.Arbitrary<MaskOptions> = fc.record({ caseSensitive: fc.boolean(), underscoreWildcard: fc.boolean() });
const maskArb = fc.array(fc.constantFrom(...MASK_ALPHABET), { maxLength: 7 }).map((cs) => cs.join(""));
const randomText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 9 }).map((cs) => cs.join(""));

/** Text made from a mask, so that it often matches: `%` filled with a run, `_` with one character, letters maybe flipped. */
function textFrom(mask: string): fc.Arbitrary<string> {
  const chars = [...mask];
  return fc
    .tuple(...chars.map((c) => (c === "%" ? randomText.map((t) => t.slice(0, 3)) : c === "_" ? fc.oneof(fc.constant("_"), fc.constantFrom(...ALPHABET)) : fc.oneof({ weight: 3, arbitrary: fc.constant(c) }, { weight: 1, arbitrary: fc.constant(c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) }))))
    .map((parts) => parts.join(""));
}
const pairArb = maskArb.chain((mask) => fc.tuple(fc.constant(mask), fc.oneof(randomText, textFrom(mask))));

describe("compileMask agrees with the references", () => {
  it("random masks over %, _, ASCII letters in both cases, é/É, an astral character, the Kelvin sign", () => {
    let matches = 0;
    let runs = 0;
    fc.assert(
      fc.property(pairArb, optionsArb, ([mask, text], o) => {
        runs++;
        const expected = byRegex(mask, text, o);
        if (expected) matches++;
        expect(compileMask(mask, o)(text), `${JSON.stringify(mask)} ${JSON.stringify(text)} ${JSON.stringify(o)}`).toBe(expected);
        expect(maskMatches(mask, text, o)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(matches).toBeGreaterThan(runs / 8);
  });

  it("any Unicode text (astral, U+E000–U+FFFF) with masks built from it", () => {
    const unicodeText = fc.string({ unit: "binary", maxLength: 8 });
    const masked = unicodeText.chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.nat(), { minLength: [...text].length, maxLength: [...text].length }).map((choices) =>
          [...text].map((c, i) => ["%", "_", c, c, c.toUpperCase()][choices[i]! % 5]).join(""),
        ),
      ),
    );
    fc.assert(
      fc.property(masked, optionsArb, ([text, mask], o) => {
        expect(compileMask(mask, o)(text), `${JSON.stringify(mask)} ${JSON.stringify(text)} ${JSON.stringify(o)}`).toBe(maskMatches(mask, text, o));
      }),
      { numRuns: 2000 },
    );
  });

  it("without `%` a mask is a whole-value match; `%` alone matches everything", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 6 }).filter((s) => !s.includes("%") && !s.includes("_")), fc.string({ unit: "binary", maxLength: 6 }), (mask, text) => {
        expect(compileMask(mask, { caseSensitive: true })(text)).toBe(mask === text);
        expect(compileMask(mask)(text)).toBe(foldAscii(mask) === foldAscii(text));
        expect(compileMask("%")(text)).toBe(true);
        expect(compileMask(`%${mask}%`, { caseSensitive: true })(text)).toBe(text.includes(mask));
      }),
      { numRuns: 1000 },
    );
  });
});
