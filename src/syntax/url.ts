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
  /** Raw offset of decoded index 0. */
  readonly base: number;
  /** Whether decoding changed the text (it held a `+` or a `%XX` escape). */
  readonly changed: boolean;
  /**
   * Where decoded and raw offsets drift apart, as flat pairs `[index, shift, index, shift, …]`
   * sorted by decoded index: from each pair's index on, the raw offset of decoded index `i` is
   * `base + i + shift`; before the first pair it is `base + i`. Empty when every character is
   * written as one character (plain text, `+` for a space).
   */
  readonly shifts: readonly number[];
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

const NO_SHIFTS: readonly number[] = [];
const NO_CONTROL_ESCAPES: readonly ControlEscape[] = [];

/** Text that was not encoded (a bare expression, a single value): decoded index `i` is raw offset `base + i`. */
export function plainText(text: string, base = 0): DecodedText {
  return { text, base, changed: false, shifts: NO_SHIFTS, controlEscapes: NO_CONTROL_ESCAPES };
}

/** The shift list and pair of the last {@link rawOffset} lookup past the first shift: nodes are built in text order, so the next lookup is mostly there or one pair on. */
let lastShifts: readonly number[] = NO_SHIFTS;
let lastPair = 0;

/** Raw offset of a decoded index (an exclusive end offset maps the same way). */
export function rawOffset(decoded: DecodedText, index: number): number {
  const shifts = decoded.shifts;
  // small enough to be inlined where it is called: the common case, nothing shifted yet
  if (shifts.length === 0 || index < shifts[0]!) return decoded.base + index;
  return decoded.base + index + shiftAt(shifts, index);
}

/** Whether the pair at `at` is the last one at or before `index`. */
function pairHolds(shifts: readonly number[], at: number, index: number): boolean {
  return at < shifts.length && shifts[at]! <= index && (at + 2 >= shifts.length || index < shifts[at + 2]!);
}

/** The shift of the last pair at or before `index`: the pair of the last lookup, the next one, or a binary search. */
function shiftAt(shifts: readonly number[], index: number): number {
  const length = shifts.length;
  let pair = shifts === lastShifts ? lastPair : 0;
  if (!pairHolds(shifts, pair, index)) {
    pair += 2;
    if (!pairHolds(shifts, pair, index)) {
      let lo = 0;
      let hi = (length >> 1) - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (shifts[mid << 1]! <= index) lo = mid;
        else hi = mid - 1;
      }
      pair = lo << 1;
    }
  }
  lastShifts = shifts;
  lastPair = pair;
  return shifts[pair + 1]!;
}

/** The decoded index at raw `offset`, or -1 when the offset falls inside a `%XX` escape. */
export function decodedIndex(decoded: DecodedText, offset: number): number {
  // raw offsets grow with the decoded index: the first index whose raw offset is not below `offset`
  let lo = 0;
  let hi = decoded.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rawOffset(decoded, mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return rawOffset(decoded, lo) === offset ? lo : -1;
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

/**
 * A run of characters that may stand before a URL's `?`, then the `?`. The run cannot hold a `?`,
 * so it is always the longest one and the pattern never backtracks (linear; checked by
 * test/security/redos.test.ts, which caught the quadratic pattern this replaced).
 */
const QUERY_MARK = /^[^\s()'"&=?]*\?/;
/** A first parameter name and its `=` (after any `&`s); sticky, so it is tried at `lastIndex` only. */
const NAME_AT = /&*[^\s()'"&=]+=/y;
const FIRST_NAME = /^&*[^\s()'"&=]+=/;
/** A URL with a scheme, or an absolute path, and no query at all. */
const BARE_URL = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\/)[^\s()'"?#]*(?:#.*)?$/s;

/**
 * The length of a URL or path up to and including its `?`: `…/path?` or `scheme:…?`, or any word
 * followed by `?name=` or ending at the `?`; 0 when the input starts with none of these.
 */
function urlPrefix(input: string): number {
  const mark = QUERY_MARK.exec(input);
  if (mark === null) return 0;
  const head = mark[0];
  const end = head.length;
  if (head.includes("/") || head.includes(":") || end === input.length) return end;
  NAME_AT.lastIndex = end;
  return NAME_AT.test(input) ? end : 0;
}

/**
 * Decides which layer an input is (LANGUAGE.md section 1). Returns the bounds of the query part
 * for URL form (after any `?`, before any `#`), or `null` for a bare WHERE expression.
 */
export function findQuery(input: string): QueryBounds | null {
  let start: number;
  if (input.charCodeAt(0) === 63 /* ? */) start = 1;
  else {
    const prefix = urlPrefix(input);
    if (prefix > 0) start = prefix;
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

/** The byte of the `%XX` escape at `bytes[at]`, or -1 when there is none. */
function escapeAt(bytes: Uint8Array, at: number, end: number): number {
  if (at + 2 >= end || bytes[at] !== 37 /* % */) return -1;
  const hi = hexValue(bytes[at + 1]!);
  if (hi < 0) return -1;
  const lo = hexValue(bytes[at + 2]!);
  return lo < 0 ? -1 : (hi << 4) | lo;
}

/**
 * Length in escapes of the valid UTF-8 sequence whose lead byte is `lead`, the escape at
 * `bytes[at]`, with its continuation bytes in the escapes after it; 0 when it is not valid.
 */
function utf8SequenceLength(bytes: Uint8Array, at: number, end: number, lead: number): number {
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) lo = 0xa0;
    if (lead === 0xed) hi = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) lo = 0x90;
    if (lead === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const b = escapeAt(bytes, at + k * 3, end);
    if (k === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) return 0;
  }
  return need + 1;
}

function isControl(cp: number): boolean {
  return (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0x7f && cp <= 0x9f);
}

/** At most this many escape warnings are reported per parameter value. */
const MAX_ESCAPE_WARNINGS = 100;

/** Values up to this many UTF-16 units are decoded in one buffer kept between calls (grown as needed, 384 KiB at most). */
const SHARED_BUFFER_UNITS = 1 << 17;
let sharedBuffer = new Uint8Array(0);
let textEncoder: TextEncoder | undefined;
let textDecoder: TextDecoder | undefined;

/**
 * Percent-decodes one raw parameter value (`+` is a space, `%XX` a UTF-8 byte), keeping the way
 * back to raw offsets. A `%` not followed by two hex digits, and escapes that are not valid
 * UTF-8, are kept literally with a warning pushed to `drafts`.
 *
 * The value is decoded as bytes: its UTF-8 encoding is rewritten in place (each escape becomes
 * its byte, each `+` a space) and read back as UTF-8, so the work is one pass over bytes and
 * two native conversions. Only the places where an escape shortens the text are recorded
 * ({@link DecodedText.shifts}). A lone surrogate has no UTF-8 encoding (no URL can carry one):
 * in a decoded value it reads as U+FFFD, as a browser's URL parser has it, and `parse` reports it
 * as an error at its place in the input.
 */
export function decodeComponent(raw: string, base: number, drafts: DiagnosticDraft[]): DecodedText {
  if (raw.indexOf("%") < 0 && raw.indexOf("+") < 0) return plainText(raw, base);
  // UTF-8 takes at most three bytes per UTF-16 unit
  const capacity = raw.length * 3;
  let bytes = sharedBuffer;
  if (bytes.length < capacity) {
    bytes = new Uint8Array(raw.length <= SHARED_BUFFER_UNITS ? Math.max(capacity, Math.min(bytes.length * 2, SHARED_BUFFER_UNITS * 3), 768) : capacity);
    if (raw.length <= SHARED_BUFFER_UNITS) sharedBuffer = bytes;
  }
  textEncoder ??= new TextEncoder();
  const length = textEncoder.encodeInto(raw, bytes).written;
  const decoder = new ByteDecoder(raw, bytes, length, base, drafts);
  const written = decoder.run();
  textDecoder ??= new TextDecoder();
  const text = textDecoder.decode(bytes.subarray(0, written));
  return { text, base, changed: true, shifts: decoder.shifts, controlEscapes: decoder.controlEscapes };
}

/**
 * One {@link decodeComponent} pass over the UTF-8 bytes of a raw value, decoding in place. It
 * counts UTF-16 units on both sides as it goes: `at` (raw) and `index` (decoded).
 */
class ByteDecoder {
  readonly shifts: number[] = [];
  readonly controlEscapes: ControlEscape[] = [];
  /** A value full of stray '%' would otherwise give one warning per character. */
  private warnings = 0;
  /** At an escape: bytes written (decoded) so far, never past the bytes read. */
  private written = 0;
  /** At an escape: decoded UTF-16 units so far. */
  private index = 0;
  /** At an escape: raw UTF-16 units read so far. */
  private at = 0;

  constructor(
    private readonly raw: string,
    private readonly bytes: Uint8Array,
    private readonly end: number,
    private readonly base: number,
    private readonly drafts: DiagnosticDraft[],
  ) {}

  /** Decodes all bytes; returns how many decoded bytes there are. */
  run(): number {
    const { bytes, end } = this;
    let read = 0;
    let written = 0;
    // UTF-8 bytes beyond one per UTF-16 unit, among the raw bytes read and the bytes written: the
    // unit counts follow from them, so the loop over plain bytes keeps no other count
    let rawExtra = 0;
    let decodedExtra = 0;
    while (read < end) {
      const c = bytes[read]!;
      if (c === 37 /* % */) {
        this.at = read - rawExtra;
        this.index = written - decodedExtra;
        this.written = written;
        const byte = escapeAt(bytes, read, end);
        if (byte < 0) this.strayPercent();
        else {
          read = byte < 0x80 ? this.ascii(read, byte) : this.multiByte(read);
          written = this.written;
          decodedExtra = written - this.index;
          continue;
        }
      }
      bytes[written++] = c === 43 /* + */ ? 32 : c;
      read++;
      if (c >= 0x80) {
        // a continuation byte adds no unit; a four-byte lead adds two
        const extra = c < 0xc0 ? 1 : c >= 0xf0 ? -1 : 0;
        rawExtra += extra;
        decodedExtra += extra;
      }
    }
    return written;
  }

  /**
   * Records that the decoded unit at `index` stands at raw unit `at` (relative to base). Called
   * after each decoded escape (and for the second half of a surrogate pair), where the shift always
   * moves: an escape is longer than what it decodes to, and plain characters keep the shift.
   */
  private place(index: number, at: number): void {
    this.shifts.push(index, at - index);
  }

  private warn(draft: DiagnosticDraft): void {
    if (++this.warnings <= MAX_ESCAPE_WARNINGS) this.drafts.push(draft);
  }

  /** A `%` not followed by two hex digits: kept as a literal `%` (by the caller), with a warning. */
  private strayPercent(): void {
    const start = this.base + this.at;
    this.warn({
      code: SyntaxCodes.InvalidPercentEscape,
      severity: "warning",
      message: "'%' is not followed by two hex digits; it is kept as a literal '%'. Write '%25' for a literal '%'.",
      start,
      end: start + 1,
      fix: { title: "Encode '%' as '%25'", edits: [{ start, end: start + 1, newText: "%25" }] },
    });
  }

  /** The common case: one escape at byte `from`, one ASCII character. Returns the byte after it. */
  private ascii(from: number, byte: number): number {
    this.decoded(byte, 1, 1);
    this.bytes[this.written++] = byte;
    return from + 3;
  }

  /** Bookkeeping for one decoded character of `units` UTF-16 units from `escapes` escapes. */
  private decoded(codePoint: number, escapes: number, units: number): void {
    const { index, at } = this;
    if (isControl(codePoint)) {
      const rawStart = this.base + at;
      this.controlEscapes.push({ index, rawStart, rawEnd: rawStart + escapes * 3, written: this.raw.slice(at, at + escapes * 3) });
    }
    // both halves of a surrogate pair stand at the escape's start
    if (units === 2) this.place(index + 1, at);
    this.index += units;
    this.at += escapes * 3;
    this.place(this.index, this.at);
  }

  /**
   * Decodes the run of `%XX` escapes starting at byte `from` as UTF-8; sequences that are not
   * valid UTF-8 are kept as their literal text with a warning. Returns the byte after the run.
   */
  private multiByte(from: number): number {
    const { bytes, end } = this;
    let read = from;
    let invalidFrom = -1;
    for (let lead = escapeAt(bytes, read, end); lead >= 0; lead = escapeAt(bytes, read, end)) {
      const length = lead < 0x80 ? 1 : utf8SequenceLength(bytes, read, end, lead);
      if (length === 0) {
        // kept as the three characters written, one for one
        if (invalidFrom < 0) invalidFrom = this.at;
        bytes.copyWithin(this.written, read, read + 3);
        this.written += 3;
        this.index += 3;
        this.at += 3;
        read += 3;
        continue;
      }
      if (invalidFrom >= 0) this.invalidUtf8(invalidFrom);
      invalidFrom = -1;
      let codePoint = length === 1 ? lead : lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
      for (let k = 1; k < length; k++) {
        const byte = escapeAt(bytes, read + k * 3, end);
        codePoint = (codePoint << 6) | (byte & 0x3f);
        bytes[this.written + k] = byte;
      }
      bytes[this.written] = lead;
      this.written += length;
      this.decoded(codePoint, length, codePoint > 0xffff ? 2 : 1);
      read += length * 3;
    }
    if (invalidFrom >= 0) this.invalidUtf8(invalidFrom);
    return read;
  }

  /** Warns about the escapes from raw unit `from` to here, kept as literal text. */
  private invalidUtf8(from: number): void {
    const text = this.raw.slice(from, this.at);
    const edits = [];
    for (let k = from; k < this.at; k += 3) edits.push({ start: this.base + k + 1, end: this.base + k + 1, newText: "25" });
    this.warn({
      code: SyntaxCodes.InvalidUtf8Escape,
      severity: "warning",
      message: `'${text}' is not valid UTF-8 percent-encoding; it is kept as the literal text '${text}'. Write '%25' for a literal '%'.`,
      start: this.base + from,
      end: this.base + this.at,
      fix: { title: "Encode each '%' as '%25'", edits },
    });
  }
}

/** How a raw parameter spells spaces and quotes, so fixes can be written the same way. */
export interface Spelling {
  readonly space: string;
  readonly quote: string;
  readonly encoded: boolean;
}

/** The spelling of decoded (bare expression) text: nothing is encoded. */
export const PLAIN_SPELLING: Spelling = { space: " ", quote: "'", encoded: false };

/** Guesses how a raw URL parameter value spells spaces (its first spelling of one) and quotes. */
export function spellingOf(rawValue: string): Spelling {
  let space = "+";
  let first = rawValue.indexOf("+");
  const percent = rawValue.indexOf("%20");
  if (percent >= 0 && (first < 0 || percent < first)) {
    space = "%20";
    first = percent;
  }
  const raw = rawValue.indexOf(" ");
  if (raw >= 0 && (first < 0 || raw < first)) space = " ";
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
