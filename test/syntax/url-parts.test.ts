/**
 * The URL layer's small parts (src/syntax/url.ts): where the query starts and ends, parameter
 * names decoded, and how a parameter spells spaces and quotes (so that fixes are written the same
 * way). Written from the mutants Stryker left alive in url.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { decodeName, findQuery, spell, spellingOf } from "../../src/syntax/url.js";

describe("findQuery", () => {
  it("finds the query after a path, a URL or a word and its '?', up to a '#'", () => {
    const cases: [string, { start: number; end: number } | null][] = [
      ["?where=a", { start: 1, end: 8 }],
      ["/vm/v3/host?where=a#frag", { start: 12, end: 19 }],
      ["https://x.example/y?where=a", { start: 20, end: 27 }],
      ["http:?where=a", { start: 6, end: 13 }],
      ["host?where=a EQ 1", { start: 5, end: 17 }],
      ["host?", { start: 5, end: 5 }],
      ["where=a&orderby=b", { start: 0, end: 17 }],
      ["&&where=a", { start: 0, end: 9 }],
      ["/vm/v3/host", { start: 11, end: 11 }],
      ["/vm/v3/host#x", { start: 11, end: 11 }],
      ["name?x", null],
      ["name?x EQ 1", null],
      ["a EQ 1?", null],
      ["name EQ 'a?b'", null],
      ["name EQ 1", null],
    ];
    for (const [input, bounds] of cases) expect(findQuery(input), input).toEqual(bounds);
  });
});

describe("decodeName", () => {
  it("decodes '+' and escapes, and keeps a name with a broken escape as written", () => {
    expect(decodeName("where")).toBe("where");
    expect(decodeName("wh%65re")).toBe("where");
    expect(decodeName("a+b")).toBe("a b");
    expect(decodeName("a%20b+c")).toBe("a b c");
    expect(decodeName("%zz")).toBe("%zz");
    expect(decodeName("a+%zz")).toBe("a+%zz");
  });
});

describe("spellingOf", () => {
  it("takes the first spelling of a space: '+', '%20' or a raw space, wherever it stands", () => {
    expect(spellingOf("a+b%20c").space).toBe("+");
    expect(spellingOf("a%20b+c").space).toBe("%20");
    expect(spellingOf("%20a+b").space).toBe("%20");
    expect(spellingOf("+a%20b").space).toBe("+");
    expect(spellingOf("a b+c%20d").space).toBe(" ");
    expect(spellingOf(" a+b").space).toBe(" ");
    expect(spellingOf("a+b c").space).toBe("+");
    expect(spellingOf("a%20b c").space).toBe("%20");
    expect(spellingOf("abc").space).toBe("+");
  });

  it("writes quotes as %27 only when every quote is escaped", () => {
    expect(spellingOf("%27a%27").quote).toBe("%27");
    expect(spellingOf("x+EQ+%27a%27").quote).toBe("%27");
    expect(spellingOf("'a'").quote).toBe("'");
    expect(spellingOf("'a%27").quote).toBe("'");
    expect(spellingOf("%27a'").quote).toBe("'");
    expect(spellingOf("abc").quote).toBe("'");
    expect(spellingOf("abc").encoded).toBe(true);
  });
});

describe("spell", () => {
  it("writes spaces and quotes as the parameter does, and escapes '%', '&', '#' and '+'", () => {
    expect(spell("a b'c%d&e#f+g", { space: "+", quote: "%27", encoded: true })).toBe("a+b%27c%25d%26e%23f%2Bg");
    expect(spell("a b'c", { space: "%20", quote: "'", encoded: true })).toBe("a%20b'c");
    expect(spell("a b'c%d", { space: "+", quote: "%27", encoded: false })).toBe("a b'c%d");
  });
});
