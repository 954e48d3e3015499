/**
 * The URL layer: which layer an input is, splitting `&`-joined parameters, and percent-decoding
 * with a map from every decoded character back to its offset in the raw text.
 * @module
 */
import { SyntaxCodes, type DiagnosticDraft } from "./diagnostics.js";

/** Decoded text of one parameter value, with the way back to raw offsets. */
export interface DecodedText {
  /** The decoded text. */
  readonly text: string;
  /** Raw offset of decoded index 0 when no decoding changed anything. */
  readonly base: number;
  /**
   * Raw offset of each decoded UTF-16 unit, plus one entry for the end; `null` when the decoded
   * text is the raw text unchanged (offset = `base + index`).
   */
  readonly map: Int32Array | null;
  /** Escapes that decoded to a control character: decoded index and raw range. */
  readonly controlEscapes: readonly ControlEscape[];
}

/** An escape such as `%10` that decoded to a control character. */
export interface ControlEscape {
  readonly index: number;
  readonly rawStart: number;
  readonly rawEnd: number;
  /** The escape as written (`%10`, `%C2%85`). */
  readonly written: string;
}

/** Raw offset of a decoded index (an exclusive end offset maps the same way). */
export function rawOffset(decoded: DecodedText, index: number): number {
  return decoded.map === null ? decoded.base + index : decoded.map[index]!;
}

/** One `name=value` segment of a query string, with raw offsets. */
export interface RawSegment {
  /** Raw name text. */
  readonly rawName: string;
  /** The name percent-decoded (for matching known names). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly nameEnd: number;
  /** Whether the segment had an `=`. */
  readonly hasValue: boolean;
  /** Raw value text (after `=`). */
  readonly rawValue: string;
  readonly valueStart: number;
}

/** Where the query part of a URL-form input starts and ends. */
export interface QueryBounds {
  readonly start: number;
  readonly end: number;
}

/** `…/path?` or `scheme:…?`, or any word followed by `?name=`. */
const URL_PREFIX = /^(?:[^\s()'"&=?]*[/:][^\s()'"&=?]*\?|[^\s()'"&=?]*\?(?=&*[^\s()'"&=]+=|$))/;
const FIRST_NAME = /^&*[^\s()'"&=]+=/;
/** A URL with a scheme, or an absolute path, and no query at all. */
const BARE_URL = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\/)[^\s()'"?#]*(?:#.*)?$/s;

/**
 * Decides which layer an input is (LANGUAGE.md section 1). Returns the bounds of the query part
 * for URL form (after any `?`, before any `#`), or `null` for a bare WHERE expression.
 */
export function findQuery(input: string): QueryBounds | null {
  let start: number;
  if (input.charCodeAt(0) === 63 /* ? */) start = 1;
  else {
    const prefix = URL_PREFIX.exec(input);
    if (prefix) start = prefix[0].length;
    else if (FIRST_NAME.test(input)) start = 0;
    else if (BARE_URL.test(input)) start = input.indexOf("#") < 0 ? input.length : input.indexOf("#");
    else return null;
  }
  const hash = input.indexOf("#", start);
  return { start, end: hash < 0 ? input.length : hash };
}

/** Splits the query part into `&`-separated segments, skipping empty ones. */
export function splitSegments(input: string, bounds: QueryBounds): RawSegment[] {
  const segments: RawSegment[] = [];
  let pos = bounds.start;
  while (pos <= bounds.end) {
    let amp = input.indexOf("&", pos);
    if (amp < 0 || amp > bounds.end) amp = bounds.end;
    if (amp > pos) {
      let eq = input.indexOf("=", pos);
      if (eq >= amp) eq = -1;
      const nameEnd = eq < 0 ? amp : eq;
      const rawName = input.slice(pos, nameEnd);
      segments.push({
        rawName,
        name: decodeName(rawName),
        start: pos,
        end: amp,
        nameEnd,
        hasValue: eq >= 0,
        rawValue: eq < 0 ? "" : input.slice(eq + 1, amp),
        valueStart: eq < 0 ? amp : eq + 1,
      });
    }
    pos = amp + 1;
  }
  return segments;
}

/** Decodes a raw parameter name (`+` a space, `%XX` escapes) for matching known names; invalid escapes stay raw. */
export function decodeName(raw: string): string {
  if (raw.indexOf("%") < 0 && raw.indexOf("+") < 0) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function escapeAt(raw: string, i: number): number {
  if (raw.charCodeAt(i) !== 37) return -1;
  const hi = hexValue(raw.charCodeAt(i + 1));
  if (hi < 0) return -1;
  const lo = hexValue(raw.charCodeAt(i + 2));
  return lo < 0 ? -1 : (hi << 4) | lo;
}

/** Length of a valid UTF-8 sequence starting at `bytes[at]`, or 0 when it is not valid. */
function utf8SequenceLength(bytes: readonly number[], at: number): number {
  const b0 = bytes[at]!;
  if (b0 < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const b = bytes[at + k];
    if (b === undefined) return 0;
    if (k === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) return 0;
  }
  return need + 1;
}

function codePointOf(bytes: readonly number[], at: number, length: number): number {
  const b0 = bytes[at]!;
  if (length === 1) return b0;
  let cp = b0 & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) cp = (cp << 6) | (bytes[at + k]! & 0x3f);
  return cp;
}

function isControl(cp: number): boolean {
  return (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0x7f && cp <= 0x9f);
}

/** At most this many escape warnings are reported per parameter value. */
const MAX_ESCAPE_WARNINGS = 100;

/**
 * Percent-decodes one raw parameter value (`+` is a space, `%XX` a UTF-8 byte), keeping a map
 * back to raw offsets. A `%` not followed by two hex digits, and escapes that are not valid
 * UTF-8, are kept literally with a warning pushed to `drafts`.
 */
export function decodeComponent(raw: string, base: number, drafts: DiagnosticDraft[]): DecodedText {
  if (raw.indexOf("%") < 0 && raw.indexOf("+") < 0) {
    return { text: raw, base, map: null, controlEscapes: [] };
  }
  const n = raw.length;
  // the decoded text is never longer than the raw text: one buffer of UTF-16 units and one map
  const units = new Uint16Array(n);
  const map = new Int32Array(n + 1);
  let m = 0;
  const controlEscapes: ControlEscape[] = [];
  // a value full of stray '%' would otherwise give one warning per character
  let warnings = 0;
  const warn = (draft: DiagnosticDraft) => {
    if (++warnings <= MAX_ESCAPE_WARNINGS) drafts.push(draft);
  };
  let rawSurrogates = false;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 43 /* + */) {
      units[m] = 32;
      map[m++] = base + i++;
    } else if (c !== 37 /* % */) {
      if (c >= 0xd800 && c <= 0xdfff) rawSurrogates = true;
      units[m] = c;
      map[m++] = base + i++;
    } else {
      const byte = escapeAt(raw, i);
      if (byte < 0) {
        warn({
          code: SyntaxCodes.InvalidPercentEscape,
          severity: "warning",
          message: "'%' is not followed by two hex digits; it is kept as a literal '%'. Write '%25' for a literal '%'.",
          start: base + i,
          end: base + i + 1,
          fix: { title: "Encode '%' as '%25'", edits: [{ start: base + i, end: base + i + 1, newText: "%25" }] },
        });
        units[m] = 37;
        map[m++] = base + i++;
      } else if (byte < 0x80) {
        // the common case: one escape, one ASCII character
        if (isControl(byte)) controlEscapes.push({ index: m, rawStart: base + i, rawEnd: base + i + 3, written: raw.slice(i, i + 3) });
        units[m] = byte;
        map[m++] = base + i;
        i += 3;
      } else {
        m = decodeMultiByte(raw, i, base, units, map, m, controlEscapes, warn);
        while (escapeAt(raw, i) >= 0) i += 3;
      }
    }
  }
  map[m] = base + n;
  return { text: unitsToString(units, m, rawSurrogates), base, map: map.subarray(0, m + 1), controlEscapes };
}

let utf16: TextDecoder | undefined;

/**
 * The string of the first `length` UTF-16 units. TextDecoder is fastest, but it would replace a
 * lone surrogate (copied from damaged raw text) with U+FFFD; then `fromCharCode` keeps it as is.
 */
function unitsToString(units: Uint16Array, length: number, loneSurrogatesPossible: boolean): string {
  if (!loneSurrogatesPossible) {
    utf16 ??= new TextDecoder("utf-16le");
    return utf16.decode(units.subarray(0, length));
  }
  const CHUNK = 8192;
  if (length <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let at = 0; at < length; at += CHUNK) {
    parts.push(String.fromCharCode.apply(null, units.subarray(at, Math.min(length, at + CHUNK)) as unknown as number[]));
  }
  return parts.join("");
}

/**
 * Decodes the run of `%XX` escapes starting at raw index `at` as UTF-8; sequences that are not
 * valid UTF-8 are kept as their literal text with a warning. Returns the new map length.
 */
function decodeMultiByte(
  raw: string,
  at: number,
  base: number,
  units: Uint16Array,
  map: Int32Array,
  m: number,
  controlEscapes: ControlEscape[],
  warn: (draft: DiagnosticDraft) => void,
): number {
  const bytes: number[] = [];
  for (let j = at, b = escapeAt(raw, j); b >= 0; j += 3, b = escapeAt(raw, j)) bytes.push(b);
  let invalidFrom = -1;
  const closeInvalid = (upTo: number) => {
    if (invalidFrom < 0) return;
    const text = raw.slice(at + invalidFrom * 3, at + upTo * 3);
    const edits = [];
    for (let k = invalidFrom; k < upTo; k++) {
      const percent = base + at + k * 3 + 1;
      edits.push({ start: percent, end: percent, newText: "25" });
    }
    warn({
      code: SyntaxCodes.InvalidUtf8Escape,
      severity: "warning",
      message: `'${text}' is not valid UTF-8 percent-encoding; it is kept as the literal text '${text}'. Write '%25' for a literal '%'.`,
      start: base + at + invalidFrom * 3,
      end: base + at + upTo * 3,
      fix: { title: "Encode each '%' as '%25'", edits },
    });
    invalidFrom = -1;
  };
  let k = 0;
  while (k < bytes.length) {
    const rawStart = base + at + k * 3;
    const len = utf8SequenceLength(bytes, k);
    if (len === 0) {
      if (invalidFrom < 0) invalidFrom = k;
      for (let d = 0; d < 3; d++) {
        units[m] = raw.charCodeAt(at + k * 3 + d);
        map[m++] = rawStart + d;
      }
      k++;
      continue;
    }
    closeInvalid(k);
    const cp = codePointOf(bytes, k, len);
    if (isControl(cp)) {
      const from = at + k * 3;
      controlEscapes.push({ index: m, rawStart, rawEnd: rawStart + len * 3, written: raw.slice(from, from + len * 3) });
    }
    if (cp > 0xffff) {
      units[m] = 0xd800 + ((cp - 0x10000) >> 10);
      map[m++] = rawStart;
      units[m] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      map[m++] = rawStart;
    } else {
      units[m] = cp;
      map[m++] = rawStart;
    }
    k += len;
  }
  closeInvalid(k);
  return m;
}

/** How a raw parameter spells spaces and quotes, so fixes can be written the same way. */
export interface Spelling {
  readonly space: string;
  readonly quote: string;
  readonly encoded: boolean;
}

/** The spelling of decoded (bare expression) text: nothing is encoded. */
export const PLAIN_SPELLING: Spelling = { space: " ", quote: "'", encoded: false };

/** Guesses how a raw URL parameter value spells spaces and quotes. */
export function spellingOf(rawValue: string): Spelling {
  const plus = rawValue.indexOf("+");
  const pct = rawValue.indexOf("%20");
  const sp = rawValue.indexOf(" ");
  const candidates = [
    [plus, "+"],
    [pct, "%20"],
    [sp, " "],
  ] as const;
  let space = "+";
  let best = Infinity;
  for (const [at, s] of candidates) if (at >= 0 && at < best) [best, space] = [at, s];
  const quote = rawValue.indexOf("%27") >= 0 && rawValue.indexOf("'") < 0 ? "%27" : "'";
  return { space, quote, encoded: true };
}

/** Writes decoded filter text the way a parameter spells it (spaces, quotes and `%`). */
export function spell(text: string, spelling: Spelling): string {
  if (!spelling.encoded) return text;
  let out = "";
  for (const ch of text) {
    if (ch === " ") out += spelling.space;
    else if (ch === "'") out += spelling.quote;
    else if (ch === "%" || ch === "&" || ch === "#" || ch === "+") out += "%" + ch.charCodeAt(0).toString(16).toUpperCase();
    else out += ch;
  }
  return out;
}
