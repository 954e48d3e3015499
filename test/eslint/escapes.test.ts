/**
 * The offset map of JavaScript literals (src/eslint/escapes.ts): cooking source text the way
 * JavaScript does, with where each cooked unit came from, and escaping text back for a quote
 * style. JavaScript itself (`new Function`) is the reference for what a literal cooks to.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLiteralText, encodeLiteralText, type QuoteStyle } from "../../src/eslint/escapes.js";

const STYLES: readonly QuoteStyle[] = ["'", '"', "`"];

/** What JavaScript cooks `raw` to between `style` delimiters. */
function jsValue(raw: string, style: QuoteStyle): string {
  return new Function(`return ${style}${raw}${style};`)() as string;
}

/** One source token: how it is written and what it cooks to. */
interface Token {
  readonly raw: string;
  readonly cooked: string;
}

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");

/** The many spellings of one code point in a literal of `style` (literal text only where it is allowed), as tokens. */
function spellings(point: number, style: QuoteStyle): Token[][] {
  const ch = String.fromCodePoint(point);
  const whole = (raws: string[]) => raws.map((raw) => [{ raw, cooked: ch }]);
  // an astral character as two \u escapes: one token per surrogate
  const pair = point > 0xffff ? [ch.split("").map((unit) => ({ raw: `\\u${hex(unit.charCodeAt(0), 4)}`, cooked: unit }))] : [];
  const out = [`\\u{${hex(point, 1)}}`, `\\u{${hex(point, 6).toUpperCase()}}`];
  if (point <= 0xffff) out.push(`\\u${hex(point, 4)}`);
  if (point <= 0xff) out.push(`\\x${hex(point, 2)}`);
  const named: Record<string, string> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", "\0": "\\0", "\\": "\\\\", "'": "\\'", '"': '\\"', "`": "\\`" };
  if (named[ch] !== undefined) out.push(named[ch]);
  const plainForbidden = ch === "\\" || ch === style || (style !== "`" && (ch === "\n" || ch === "\r")) || (style === "`" && (ch === "$" || ch === "\r"));
  // written as itself, each UTF-16 unit is its own source
  const plain = plainForbidden ? [] : [ch.split("").map((unit) => ({ raw: unit, cooked: unit }))];
  // an identity escape: any character but the ones with a meaning after a backslash
  if (!/[0-9bfnrtvux\n\r\u2028\u2029]/.test(ch)) out.push(`\\${ch}`);
  return [...whole(out), ...pair, ...plain];
}

/** Code points worth testing: quotes, backslashes, controls, line separators, BMP and astral text. */
const codePoint = fc.oneof(
  fc.constantFrom(0x27, 0x22, 0x60, 0x5c, 0x24, 0x7b, 0x0a, 0x0d, 0x00, 0x2028, 0x2029, 0x1f600, 0x10348, 0x41, 0x30, 0x37),
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
);

const CONTINUATIONS = ["\\\n", "\\\r\n", "\\\r", "\\\u2028", "\\\u2029"];

/** A literal's source as tokens: each code point spelt one of its ways, with line continuations between. */
function tokensArb(style: QuoteStyle): fc.Arbitrary<Token[]> {
  const token = fc.oneof(
    { weight: 8, arbitrary: codePoint.chain((point) => fc.constantFrom(...spellings(point, style))) },
    { weight: 1, arbitrary: fc.constantFrom(...CONTINUATIONS).map((raw) => [{ raw, cooked: "" }]) },
  );
  // `\0` must not be followed by a digit (that is an octal escape, or invalid in a template), nor
  // `\` CR by an LF (that is one continuation, `\` CRLF)
  return fc
    .array(token, { maxLength: 12 })
    .map((groups) => groups.flat())
    .filter((tokens) => tokens.every((t, i) => (t.raw !== "\\0" || !/^[0-9]/.test(tokens[i + 1]?.raw ?? "")) && (t.raw !== "\\\r" || !(tokens[i + 1]?.raw ?? "").startsWith("\n"))));
}

describe("decodeLiteralText", () => {
  it.each(STYLES)("cooks any spelling as JavaScript does, each unit mapped to the source text that made it (%s)", (style) => {
    fc.assert(
      fc.property(tokensArb(style), (tokens) => {
        const raw = tokens.map((t) => t.raw).join("");
        const decoded = decodeLiteralText(raw, style);
        expect(decoded).toBeDefined();
        const cooked = tokens.map((t) => t.cooked).join("");
        expect(decoded!.cooked).toBe(cooked);
        expect(decoded!.cooked).toBe(jsValue(raw, style));
        expect(decoded!.starts).toHaveLength(cooked.length + 1);
        expect(decoded!.ends).toHaveLength(cooked.length + 1);
        // each token: its units start where it starts and end where it ends
        let rawAt = 0;
        let cookedAt = 0;
        for (const token of tokens) {
          for (let k = 0; k < token.cooked.length; k++) {
            expect(decoded!.starts[cookedAt + k]).toBe(rawAt);
            expect(decoded!.ends[cookedAt + k + 1]).toBe(rawAt + token.raw.length);
          }
          rawAt += token.raw.length;
          cookedAt += token.cooked.length;
        }
        // mapping back: the source range of any cooked range cooks to the same characters
        for (let i = 0; i < cooked.length; i++) {
          const piece = decodeLiteralText(raw.slice(decoded!.starts[i], decoded!.ends[i + 1]), style)!.cooked;
          expect(piece.includes(cooked[i]!)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads JSON.stringify's output (the double-quoted form) back to the string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (text) => {
        const json = JSON.stringify(text);
        const decoded = decodeLiteralText(json.slice(1, -1), '"');
        expect(decoded?.cooked).toBe(text);
        for (let i = 0; i < text.length; i++) {
          const piece = json.slice(1, -1).slice(decoded!.starts[i], decoded!.ends[i + 1]);
          expect(JSON.parse(`"${piece}"`)).toBe(text[i]);
        }
      }),
    );
  });

  it("maps a CRLF in a template to its one LF, and a line continuation to nothing", () => {
    const decoded = decodeLiteralText("a\r\nb\\\r\nc", "`")!;
    expect(decoded.cooked).toBe("a\nbc");
    expect(decoded.starts).toEqual([0, 1, 3, 7, 8]);
    expect(decoded.ends).toEqual([0, 1, 3, 4, 8]);
  });

  it("maps a lone CR in a template to an LF", () => {
    const decoded = decodeLiteralText("a\rb", "`")!;
    expect(decoded.cooked).toBe("a\nb");
    expect(decoded.starts).toEqual([0, 1, 2, 3]);
    expect(decoded.ends).toEqual([0, 1, 2, 3]);
  });

  it("maps both units of an astral escape to the whole escape", () => {
    const decoded = decodeLiteralText("x\\u{1F600}y", "'")!;
    expect(decoded.cooked).toBe("x😀y");
    expect(decoded.starts).toEqual([0, 1, 1, 10, 11]);
    expect(decoded.ends).toEqual([0, 1, 10, 10, 11]);
  });

  it("reads legacy octal escapes in strings as JavaScript's sloppy mode does", () => {
    for (const raw of ["\\1", "\\12", "\\123", "\\400", "\\0a", "\\08", "\\8", "\\9", "\\377", "\\777"]) {
      expect(decodeLiteralText(raw, "'")?.cooked).toBe(jsValue(raw, "'"));
    }
  });

  it.each<[string, QuoteStyle]>([
    ["a'b", "'"],
    ['a"b', '"'],
    ["a\nb", "'"],
    ["a\rb", '"'],
    ["a`b", "`"],
    ["a${b", "`"],
    ["\\1", "`"],
    ["\\01", "`"],
    ["\\8", "`"],
    ["\\x4", "'"],
    ["\\u12", "'"],
    ["\\u{}", "'"],
    ["\\u{110000}", "'"],
    ["\\u{12", "'"],
    ["trailing\\", "'"],
  ])("rejects %j between %s delimiters", (raw, style) => {
    expect(decodeLiteralText(raw, style)).toBeUndefined();
  });
});

describe("encodeLiteralText", () => {
  it.each(STYLES)("writes source that JavaScript cooks back to the text (%s)", (style) => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (text) => {
        const raw = encodeLiteralText(text, style);
        expect(jsValue(raw, style)).toBe(text);
        expect(decodeLiteralText(raw, style)?.cooked).toBe(text);
      }),
    );
  });

  it("never lets a template splice form a ${", () => {
    expect(encodeLiteralText("a$", "`")).toBe("a\\$");
    expect(encodeLiteralText("{a", "`")).toBe("\\{a");
    expect(encodeLiteralText("${x}", "`")).toBe("\\${x}");
    // spliced between `$` and `{` of the source, the pieces still read as text
    expect(jsValue(`x${encodeLiteralText("a$", "`")}${encodeLiteralText("{b}", "`")}`, "`")).toBe("xa${b}");
  });

  it("escapes only what it must", () => {
    expect(encodeLiteralText("(name EQ 'O''Brien')", '"')).toBe("(name EQ 'O''Brien')");
    expect(encodeLiteralText("(name EQ 'O''Brien')", "'")).toBe("(name EQ \\'O\\'\\'Brien\\')");
    expect(encodeLiteralText("a\\b\n", "`")).toBe("a\\\\b\\n");
    // the line and paragraph separators are escaped: a reader sees them, and older parsers need it
    expect(encodeLiteralText("a\u2028b\u2029", "'")).toBe("a\\u2028b\\u2029");
  });
});
