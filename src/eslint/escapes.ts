/**
 * JavaScript literal text, both ways: the value a string literal or template quasi cooks to, with
 * where each of its UTF-16 units came from in the source (so a diagnostic on the value lands on the
 * exact columns even after `\'`, `\n`, `\x41`, `\u{1F600}` or a line continuation), and the source
 * text that cooks to a given value in a given quote style.
 * @module
 */

/** How a literal is delimited: a single- or double-quoted string, or a template (backticks). */
export type QuoteStyle = "'" | '"' | "`";

/**
 * The cooked value of a literal's source text with its offset map. For each UTF-16 unit `i` of
 * {@link cooked}, `starts[i]` is the offset in the source text where the text producing it begins
 * and `ends[i + 1]` where it ends (an escape producing two units, `\u{1F600}`, gives both units the
 * whole escape). `starts[cooked.length]` is the source length and `ends[0]` is 0, so any cooked
 * range `[s, e)` maps to the source range `[starts[s], ends[e])` (an empty one to `starts[s]`).
 */
export interface DecodedText {
  readonly cooked: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const SIMPLE: Readonly<Record<string, string>> = { b: "\b", t: "\t", n: "\n", v: "\v", f: "\f", r: "\r" };

function isHex(text: string): boolean {
  return /^[0-9A-Fa-f]+$/.test(text);
}

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "7";
}

/** What one escape sequence (starting at the backslash) cooks to, and its source length; undefined when it is invalid. */
function readEscape(raw: string, at: number, style: QuoteStyle): { text: string; length: number } | undefined {
  const ch = raw[at + 1];
  if (ch === undefined) return undefined;
  // line continuations produce nothing
  if (ch === "\n" || ch === "\u2028" || ch === "\u2029") return { text: "", length: 2 };
  if (ch === "\r") return { text: "", length: raw[at + 2] === "\n" ? 3 : 2 };
  const simple = SIMPLE[ch];
  if (simple !== undefined) return { text: simple, length: 2 };
  if (ch === "x") {
    const hex = raw.slice(at + 2, at + 4);
    return hex.length === 2 && isHex(hex) ? { text: String.fromCharCode(parseInt(hex, 16)), length: 4 } : undefined;
  }
  if (ch === "u") {
    if (raw[at + 2] === "{") {
      const close = raw.indexOf("}", at + 3);
      const hex = close < 0 ? "" : raw.slice(at + 3, close);
      if (hex === "" || !isHex(hex)) return undefined;
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? { text: String.fromCodePoint(code), length: close - at + 1 } : undefined;
    }
    const hex = raw.slice(at + 2, at + 6);
    return hex.length === 4 && isHex(hex) ? { text: String.fromCharCode(parseInt(hex, 16)), length: 6 } : undefined;
  }
  if (ch >= "0" && ch <= "9") {
    if (ch === "0" && !(raw[at + 2]! >= "0" && raw[at + 2]! <= "9")) return { text: "\0", length: 2 };
    if (style === "`") return undefined; // templates have no legacy octal or \8 \9 escapes
    if (ch === "8" || ch === "9") return { text: ch, length: 2 };
    // legacy octal: up to three digits starting 0-3, up to two starting 4-7
    let digits = ch;
    const most = ch <= "3" ? 3 : 2;
    while (digits.length < most && isOctal(raw[at + 1 + digits.length])) digits += raw[at + 1 + digits.length];
    return { text: String.fromCharCode(parseInt(digits, 8)), length: 1 + digits.length };
  }
  // any other character stands for itself (a whole code point: `\` before an astral character)
  const point = raw.codePointAt(at + 1)!;
  const self = String.fromCodePoint(point);
  return { text: self, length: 1 + self.length };
}

/**
 * Cooks `raw`, the source text between a literal's delimiters (a string's quotes, or a template
 * quasi's `` ` ``, `}` and `${`), the way JavaScript does, with its offset map. Undefined when the
 * text is not valid between those delimiters: an unescaped quote or line break in a string, an
 * unescaped `` ` `` or `${` in a template, a malformed escape.
 */
export function decodeLiteralText(raw: string, style: QuoteStyle): DecodedText | undefined {
  let cooked = "";
  const starts: number[] = [];
  const ends: number[] = [0];
  const push = (text: string, from: number, to: number) => {
    for (let k = 0; k < text.length; k++) {
      starts.push(from);
      ends.push(to);
    }
    cooked += text;
  };
  let at = 0;
  while (at < raw.length) {
    const ch = raw[at]!;
    if (ch === "\\") {
      const escape = readEscape(raw, at, style);
      if (escape === undefined) return undefined;
      push(escape.text, at, at + escape.length);
      at += escape.length;
    } else if (style === "`") {
      if (ch === "`" || (ch === "$" && raw[at + 1] === "{")) return undefined;
      if (ch === "\r") {
        // a raw CR or CRLF in a template cooks to LF
        const length = raw[at + 1] === "\n" ? 2 : 1;
        push("\n", at, at + length);
        at += length;
      } else {
        push(ch, at, at + 1);
        at++;
      }
    } else {
      if (ch === style || ch === "\n" || ch === "\r") return undefined;
      push(ch, at, at + 1);
      at++;
    }
  }
  starts.push(raw.length);
  return { cooked, starts, ends };
}

/** The UTF-16 units a string literal or template must escape, with their escapes. */
function escapeUnit(ch: string, style: QuoteStyle): string {
  switch (ch) {
    case "\\":
      return "\\\\";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\u2028":
      return "\\u2028";
    case "\u2029":
      return "\\u2029";
    default:
      return ch === style ? `\\${ch}` : ch;
  }
}

/**
 * Source text that cooks to `text` between delimiters of `style`: backslashes, the quote, line
 * breaks (and in a template `${`) escaped, everything else as it is. In a template a `$` at the end
 * and a `{` at the start are escaped too, so the text can be spliced next to any other source text
 * without forming a `${`.
 */
export function encodeLiteralText(text: string, style: QuoteStyle): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (style === "`" && ch === "$" && (text[i + 1] === "{" || i === text.length - 1)) out += "\\$";
    else if (style === "`" && ch === "{" && i === 0) out += "\\{";
    else out += escapeUnit(ch, style);
  }
  return out;
}
