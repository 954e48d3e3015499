/**
 * The URL layer's small parts (src/syntax/url.ts): where the query starts and ends, parameter
 * names decoded, and how a parameter spells spaces and quotes (so that fixes are written the same
 * way). Written from the mutants Stryker left alive in url.ts (docs/quality.md).
 */
import { describe, expect, it } from "vitest";
import { decodeComponent, decodeName, findQuery, rawOffset, spell, spellingOf, splitSegments } from "../../src/syntax/url.js";

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

describe("splitSegments", () => {
  it("splits on '&', skips empty segments, and keeps names, values and places, with or without '='", () => {
    expect(splitSegments("a=1&b&=x&&c=&d=e=f", { start: 0, end: 18 })).toEqual([
      { rawName: "a", name: "a", start: 0, end: 3, nameEnd: 1, hasValue: true, rawValue: "1", valueStart: 2 },
      { rawName: "b", name: "b", start: 4, end: 5, nameEnd: 5, hasValue: false, rawValue: "", valueStart: 5 },
      { rawName: "", name: "", start: 6, end: 8, nameEnd: 6, hasValue: true, rawValue: "x", valueStart: 7 },
      { rawName: "c", name: "c", start: 10, end: 12, nameEnd: 11, hasValue: true, rawValue: "", valueStart: 12 },
      { rawName: "d", name: "d", start: 13, end: 18, nameEnd: 14, hasValue: true, rawValue: "e=f", valueStart: 15 },
    ]);
    // the bounds end the last segment (a fragment after them is not read)
    expect(splitSegments("?a=1&b=2#c=3", { start: 1, end: 8 }).map((s) => [s.rawName, s.rawValue, s.end])).toEqual([["a", "1", 4], ["b", "2", 8]]);
  });
});

describe("decodeComponent", () => {
  const decode = (raw: string) => {
    const drafts: { code: string; severity: string; start: number; end: number }[] = [];
    const decoded = decodeComponent(raw, 0, drafts as never);
    return { text: decoded.text, warnings: drafts.map((d) => [d.code, d.severity, d.start, d.end]), controls: decoded.controlEscapes.map((e) => [e.index, e.rawStart, e.rawEnd]) };
  };

  it("reads hex digits in both cases and keeps a '%' without two of them, with a warning", () => {
    expect(decode("%6f%6F%41").text).toBe("ooA");
    for (const raw of ["%G1", "%1G", "%g1", "%:1", "%@1", "%`1"]) expect(decode(raw), raw).toEqual({ text: raw, warnings: [["invalid-percent-escape", "warning", 0, 1]], controls: [] });
    expect(decode("x%4")).toEqual({ text: "x%4", warnings: [["invalid-percent-escape", "warning", 1, 2]], controls: [] });
  });

  it("decodes UTF-8 of every length and keeps invalid sequences as written, with a warning", () => {
    expect(decode("%C2%A0%E2%82%AC%EF%BF%BF%F0%9F%98%80").text).toBe("\u00A0€\uFFFF😀");
    expect(decode("%F4%8F%BF%BF").text).toBe("\u{10FFFF}");
    for (const raw of ["%80", "%C0%80", "%F5%80%80%80", "%F8%80%80%80"]) expect(decode(raw), raw).toEqual({ text: raw, warnings: [["invalid-utf8-escape", "warning", 0, raw.length]], controls: [] });
  });

  it("notes escapes of control characters (C0 but tab and line breaks, DEL, C1) where they stand", () => {
    expect(decode("%09%0A%0D%20%C2%A0").controls).toEqual([]);
    expect(decode("%01").controls).toEqual([[0, 0, 3]]);
    expect(decode("%1F").controls).toEqual([[0, 0, 3]]);
    expect(decode("%7F").controls).toEqual([[0, 0, 3]]);
    expect(decode("a%C2%80").controls).toEqual([[1, 1, 7]]);
    expect(decode("%C2%9F").controls).toEqual([[0, 0, 6]]);
  });

  it("maps each decoded unit back to its raw place, both halves of a pair to its escape", () => {
    const decoded = decodeComponent("a%F0%9F%98%80b", 0, []);
    expect([0, 1, 2, 3].map((i) => rawOffset(decoded, i))).toEqual([0, 1, 1, 13]);
  });

  it("reports at most 100 escape warnings per value", () => {
    expect(decode("%zz".repeat(150)).warnings.length).toBe(100);
  });
});
