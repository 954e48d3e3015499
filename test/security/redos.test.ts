/// <reference types="node" />
/**
 * No regular expression in src/ backtracks catastrophically (issue 9). Every RegExp literal and
 * every `RegExp(...)` call with constant arguments is read out of the TypeScript sources
 * (test/helpers/source-regexes.ts) and checked by recheck's `check` — the automaton checker
 * (exact, from the pattern's automaton) where it applies, else recheck's own choice (fuzzing) —
 * and any `vulnerable` verdict fails. The calls built from run-time values are listed here by
 * hand, each with why it is safe, and checked on hostile samples of what they are built from.
 */
import { fileURLToPath } from "node:url";
import { check, type Diagnostics } from "recheck";
import { describe, expect, it } from "vitest";
import { maskOf } from "../../src/run/mask.js";
import { collectRegexes, type SourceRegex } from "../helpers/source-regexes.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SRC = fileURLToPath(new URL("../../src", import.meta.url));

/**
 * The RegExp calls whose pattern is built at run time, by file, with the reason they are safe.
 * A new one fails the test until it is listed here (and checked below).
 */
const DYNAMIC: Readonly<Record<string, { readonly count: number; readonly why: string }>> = {
  "src/run/mask.ts": {
    count: 4,
    why: "patternOf: one CP mask piece of ASCII with every metacharacter escaped, between optional ^ and $ anchors: a plain string search, no quantifier",
  },
};

/** How long recheck may take on one pattern (ms); a timeout is reported as `unknown`. */
const TIMEOUT_MS = 10_000;

/** The verdict for one pattern: the automaton checker first; recheck's own choice when that cannot say. */
async function verdict(source: string, flags: string): Promise<Diagnostics> {
  const exact = await check(source, flags, { checker: "automaton", timeout: TIMEOUT_MS });
  if (exact.status !== "unknown") return exact;
  return check(source, flags, { checker: "auto", timeout: TIMEOUT_MS, randomSeed: 9 });
}

const show = (d: Diagnostics) =>
  d.status === "vulnerable" ? `vulnerable (${d.complexity.summary}, attack ${d.attack.pattern})` : d.status === "unknown" ? `unknown (${String((d.error as { message?: unknown }).message ?? d.error.kind)})` : `safe (${d.complexity.summary}, ${d.checker})`;

const { regexes, dynamic } = collectRegexes(SRC, ROOT);

describe("regular expressions in src/", () => {
  it("the scan finds them all: literals and constant RegExp calls (the lexer's Word token among them)", () => {
    // a lower bound, so a scan that silently finds nothing (a moved src/, a broken walk) fails
    expect(regexes.length).toBeGreaterThanOrEqual(90);
    expect(regexes.filter((r) => r.form === "call").map((r) => r.at)).toContain("src/syntax/tokens.ts:27");
    // the lexer's patterns are among them
    expect(regexes.map((r) => r.source)).toContain("'(?:[^']|'')*'?");
  });

  it("every dynamic RegExp call is accounted for", () => {
    const byFile: Record<string, number> = {};
    for (const d of dynamic) {
      const file = d.at.slice(0, d.at.lastIndexOf(":"));
      byFile[file] = (byFile[file] ?? 0) + 1;
    }
    expect(byFile).toEqual(Object.fromEntries(Object.entries(DYNAMIC).map(([file, { count }]) => [file, count])));
  });

  it("recheck finds no vulnerable pattern (and can decide every one)", async () => {
    // one check per distinct pattern, reported at every place it is written
    const seen = new Map<string, SourceRegex[]>();
    for (const r of regexes) seen.set(`/${r.source}/${r.flags}`, [...(seen.get(`/${r.source}/${r.flags}`) ?? []), r]);
    const problems: string[] = [];
    let automaton = 0;
    for (const [pattern, places] of seen) {
      const d = await verdict(places[0]!.source, places[0]!.flags);
      if (d.status !== "safe") problems.push(`${places.map((r) => r.at).join(", ")} ${pattern}: ${show(d)}`);
      else if (d.checker === "automaton") automaton++;
    }
    expect(problems).toEqual([]);
    // most are decided exactly, not by fuzzing
    expect(automaton).toBeGreaterThan(seen.size / 2);
  }, 120_000);

  it("the dynamic mask patterns are safe on hostile masks", async () => {
    const masks = ["%(a+)+%", "a*b*c*%", "%a.*b.*c%", "%(a|a)*$%", "\\d+\\d+%", "%[a-z]+[a-z]+", "x{1,99}{1,99}", "%a^$|()[]{}?+*.\\/%"];
    let checked = 0;
    for (const mask of masks) {
      const pattern = maskOf(mask).pattern;
      expect(pattern, mask).toBeInstanceOf(RegExp);
      const d = await verdict(pattern!.source, pattern!.flags);
      expect(`${mask}: ${show(d)}`).toMatch(/: safe \(/);
      checked++;
    }
    expect(checked).toBe(masks.length);
  }, 60_000);

  it("recheck does report a vulnerable pattern (the check can fail)", async () => {
    expect((await verdict("^(a+)+$", "")).status).toBe("vulnerable");
    expect((await verdict("^(?:\\d+\\.?)*x$", "")).status).toBe("vulnerable");
  });
});
