/**
 * Quick fixes as a property: filters with injected faults, fixed with applyFixes, parse without
 * errors and without the fixed diagnostics, and every character outside the edits is unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, applyFixes, isSafeFix, type Diagnostic } from "../../src/index.js";
import { fixEdits } from "../../src/validate/fixes.js";

const word = fc.stringMatching(/^[a-z]{1,6}$/).filter((w) => !["and", "or", "not", "is", "null", "true", "false", "eq", "ne", "gt", "ge", "lt", "le", "cp", "asc", "desc"].includes(w));
const field = fc.stringMatching(/^[a-z][a-z_]{0,5}$/).filter((w) => w.length > 2);

/** One condition, clean or with one fault of a kind that has a fix. */
const condition = fc.oneof(
  fc.tuple(field, word).map(([f, w]) => `(${f} EQ '${w}')`),
  fc.tuple(field, fc.nat(999)).map(([f, n]) => `(${f} GT ${n})`),
  field.map((f) => `(${f} IS null)`),
  // faults
  fc.tuple(field, word).map(([f, w]) => `(${f} eq '${w}')`), // keyword-case
  fc.tuple(field, word).map(([f, w]) => `(${f} EQ ${w})`), // unquoted-value
  field.map((f) => `(${f} EQ null)`), // null-comparison
  field.map((f) => `(${f} NE null)`), // null-comparison (NOT form)
  fc.tuple(field, word).map(([f, w]) => `(${f} CP '${w}')`), // cp-without-wildcard
  fc.tuple(field, fc.nat(999)).map(([f, n]) => `(${f} = ${n})`), // unknown-operator
  fc.tuple(field, fc.nat(999)).map(([f, n]) => `(${f} EQ 1e${n % 5})`), // invalid-number
);

/** A WHERE: conditions joined by AND/OR, sometimes mixed without brackets (no-mixed-and-or). */
const where = fc.tuple(fc.array(condition, { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom("AND", "OR", "and"), { minLength: 4, maxLength: 4 })).map(
  ([conditions, ops]) => conditions.map((c, i) => (i === 0 ? c : `${ops[i - 1]} ${c}`)).join(" "),
);

/** A URL-form filter, spaces spelled `+`, `%20` or raw, with optional faulty parameters. */
const filter = fc
  .record({
    where,
    spaces: fc.constantFrom("+", "%20", " "),
    limit: fc.option(fc.nat(500), { nil: undefined }),
    orderByName: fc.constantFrom("orderby", "orderbyy", "ORDERBY"),
    orderBy: fc.option(field, { nil: undefined }),
  })
  .map(({ where: w, spaces, limit, orderByName, orderBy }) => {
    const parts = [`where=${w.replaceAll(" ", spaces)}`];
    if (orderBy !== undefined) parts.push(`${orderByName}=${orderBy}${spaces}desc`);
    if (limit !== undefined) parts.push(`limit=${limit}`); // one number: limit-single-number
    return parts.join("&");
  });

const FIXED_CODES = [
  "keyword-case",
  "unquoted-value",
  "null-comparison",
  "cp-without-wildcard",
  "unknown-operator",
  "invalid-number",
  "no-mixed-and-or",
  "limit-single-number",
  "misspelled-parameter",
  "parameter-name-case",
];

/** Whether `small` is a subsequence of `big`. */
function isSubsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big[i] === small[j]) j++;
  return j === small.length;
}

/** The characters of `input` outside every edit any fix offers. */
function untouched(input: string, diagnostics: readonly Diagnostic[]): string {
  const covered = new Uint8Array(input.length);
  for (const d of diagnostics) for (const e of d.fix?.edits ?? []) covered.fill(1, e.start, e.end);
  let out = "";
  for (let i = 0; i < input.length; i++) if (!covered[i]) out += input[i];
  return out;
}

describe("applyFixes", () => {
  it("repairs injected faults: the result parses without errors and without the fixed diagnostics", () => {
    fc.assert(
      fc.property(filter, (input) => {
        let text = input;
        for (let round = 0; round < 4; round++) {
          const { diagnostics } = analyze(text);
          if (!diagnostics.some((d) => d.fix)) break;
          const fixed = applyFixes(text, diagnostics);
          expect(isSubsequence(untouched(text, diagnostics), fixed)).toBe(true);
          text = fixed;
        }
        const after = analyze(text).diagnostics;
        expect(after.filter((d) => d.severity === "error")).toEqual([]);
        expect(after.filter((d) => FIXED_CODES.includes(d.code))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("takes non-overlapping fixes in one pass, skips the overlapping ones, and keeps insertions at one place in order", () => {
    const input = "((a eq 1";
    const { diagnostics } = analyze(input, { rules: { "cp-without-wildcard": "off" } });
    expect(applyFixes(input, diagnostics)).toBe("((a EQ 1))");
    const overlapping: Diagnostic[] = [
      { code: "x", severity: "error", message: "", start: 0, end: 3, line: 1, column: 1, endLine: 1, endColumn: 4, fix: { title: "a", edits: [{ start: 0, end: 3, newText: "A" }] } },
      { code: "y", severity: "error", message: "", start: 1, end: 2, line: 1, column: 2, endLine: 1, endColumn: 3, fix: { title: "b", edits: [{ start: 1, end: 2, newText: "B" }] } },
    ];
    expect(applyFixes("abcd", overlapping)).toBe("Ad");
  });

  it("ignores edits that fall outside the text", () => {
    const bad: Diagnostic[] = [
      { code: "x", severity: "error", message: "", start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1, fix: { title: "a", edits: [{ start: 2, end: 9, newText: "!" }] } },
    ];
    expect(applyFixes("abc", bad)).toBe("abc");
  });
});

describe("fixEdits: which fixes are taken together", () => {
  const input = "abcdefgh";
  /** A diagnostic at [start, end) whose fix makes `edits`. */
  const fixAt = (start: number, end: number, ...edits: [number, number, string][]): Diagnostic => ({
    code: "x",
    severity: "error",
    message: "",
    start,
    end,
    line: 1,
    column: start + 1,
    endLine: 1,
    endColumn: end + 1,
    fix: { title: "fix", edits: edits.map(([s, e, newText]) => ({ start: s, end: e, newText })) },
  });
  const cases: [string, Diagnostic[], string][] = [
    ["two insertions at one place both apply, in the diagnostics' order", [fixAt(2, 2, [2, 2, "X"]), fixAt(2, 2, [2, 2, "Y"])], "abXYcdefgh"],
    ["insertions at one place from fixes at different places keep the order they were taken in", [fixAt(1, 1, [5, 5, "B"]), fixAt(0, 0, [5, 5, "A"])], "abcdeABfgh"],
    ["an insertion inside a replaced range is skipped", [fixAt(1, 4, [1, 4, "R"]), fixAt(2, 2, [2, 2, "I"])], "aRefgh"],
    ["the same, the insertion taken first", [fixAt(0, 0, [2, 2, "I"]), fixAt(1, 4, [1, 4, "R"])], "abIcdefgh"],
    ["an insertion at either end of a replaced range applies", [fixAt(1, 4, [1, 4, "R"]), fixAt(4, 4, [4, 4, "E"]), fixAt(1, 1, [1, 1, "S"])], "aSREefgh"],
    ["the same, the insertions taken first", [fixAt(0, 0, [1, 1, "S"], [4, 4, "E"]), fixAt(1, 4, [1, 4, "R"])], "aSREefgh"],
    ["adjacent replacements both apply", [fixAt(1, 3, [1, 3, "P"]), fixAt(3, 5, [3, 5, "Q"])], "aPQfgh"],
    ["overlapping replacements: the first in position order wins", [fixAt(3, 6, [3, 6, "L"]), fixAt(1, 4, [1, 4, "E"])], "aEefgh"],
    ["at one start, the diagnostic that ends first is taken first", [fixAt(1, 5, [1, 2, "P"]), fixAt(1, 2, [1, 3, "Q"])], "aQdefgh"],
    ["a fix one of whose edits overlaps a taken edit is skipped whole", [fixAt(1, 1, [2, 3, "X"]), fixAt(4, 4, [0, 1, "Y"], [2, 3, "Z"])], "abXdefgh"],
    ["a fix one of whose edits falls outside the text is skipped whole", [fixAt(0, 0, [0, 1, "Y"], [5, 9, "Z"])], input],
    ["an edit ending before it starts is refused", [fixAt(0, 0, [3, 2, "Z"])], input],
    ["an edit starting before the text is refused", [fixAt(0, 0, [-1, 1, "Z"])], input],
    ["an edit up to the very end is taken", [fixAt(0, 0, [6, 8, "Z"])], "abcdefZ"],
    ["a fix without edits changes nothing", [{ ...fixAt(0, 0), fix: { title: "none", edits: [] } }], input],
  ];

  it.each(cases)("%s", (_, diagnostics, expected) => {
    expect(applyFixes(input, diagnostics)).toBe(expected);
    // the edits come out sorted by position and never overlapping
    const edits = fixEdits(input, diagnostics);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.start).toBeGreaterThanOrEqual(edits[i - 1]!.end);
  });
});

describe("isSafeFix", () => {
  it("is true only for a fix with edits whose code cannot change the filter's meaning", () => {
    const [quoted] = analyze("name EQ 'x' AND id EQ active").diagnostics.filter((d) => d.code === "unquoted-value");
    expect(quoted!.fix!.edits.length).toBeGreaterThan(0);
    expect(isSafeFix(quoted!)).toBe(true);
    expect(isSafeFix({ ...quoted!, fix: undefined })).toBe(false);
    expect(isSafeFix({ ...quoted!, fix: { title: "nothing", edits: [] } })).toBe(false);
    for (const code of ["unknown-field", "unknown-enum-value", "misspelled-parameter", "cp-without-wildcard"]) expect(isSafeFix({ ...quoted!, code }), code).toBe(false);
  });
});
