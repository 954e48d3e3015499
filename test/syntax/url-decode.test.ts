/**
 * decodeComponent (src/syntax/url.ts) against a plain reference decoder written for this test: one
 * entry per decoded UTF-16 unit giving its raw offset, UTF-8 validated by the platform's fatal
 * TextDecoder. The real decoder works on bytes and records only where offsets drift apart; both
 * must agree on the text, every offset, the control escapes and the warnings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DiagnosticDraft } from "../../src/syntax/diagnostics.js";
import { decodeComponent, decodedIndex, rawOffset } from "../../src/syntax/url.js";

interface Reference {
  text: string;
  /** Raw offset of each decoded unit, plus the end. */
  offsets: number[];
  controls: { index: number; rawStart: number; rawEnd: number; written: string }[];
  warnings: { code: string; start: number; end: number }[];
}

const fatal = new TextDecoder("utf-8", { fatal: true });

function hex(raw: string, at: number): number {
  return /^%[0-9A-Fa-f]{2}$/.test(raw.slice(at, at + 3)) ? parseInt(raw.slice(at + 1, at + 3), 16) : -1;
}

function isControl(cp: number): boolean {
  return (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0x7f && cp <= 0x9f);
}

/** UTF-8 sequence length announced by a lead byte (0: never a lead). */
function announced(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function reference(raw: string, base: number): Reference {
  const out: Reference = { text: "", offsets: [], controls: [], warnings: [] };
  if (!raw.includes("%") && !raw.includes("+")) return { ...out, text: raw, offsets: Array.from({ length: raw.length + 1 }, (_, i) => base + i) };
  const push = (units: string, rawAt: number) => {
    for (let k = 0; k < units.length; k++) out.offsets.push(base + rawAt);
    out.text += units;
  };
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === "+") push(" ", i++);
    else if (c !== "%") {
      const code = raw.charCodeAt(i);
      const pair = code >= 0xd800 && code <= 0xdbff && /[\uDC00-\uDFFF]/.test(raw[i + 1] ?? "");
      if (pair) {
        push(raw[i]!, i);
        push(raw[i + 1]!, i + 1);
        i += 2;
        continue;
      }
      // a lone surrogate has no UTF-8 form: in a value that needs decoding it reads as U+FFFD
      push(code >= 0xd800 && code <= 0xdfff ? "\uFFFD" : c, i);
      i++;
    } else if (hex(raw, i) < 0) {
      out.warnings.push({ code: "invalid-percent-escape", start: base + i, end: base + i + 1 });
      push("%", i++);
    } else {
      // a run of escapes, decoded sequence by sequence
      let invalidFrom = -1;
      const close = (to: number) => {
        if (invalidFrom >= 0) out.warnings.push({ code: "invalid-utf8-escape", start: base + invalidFrom, end: base + to });
        invalidFrom = -1;
      };
      while (hex(raw, i) >= 0) {
        const length = announced(hex(raw, i));
        const bytes: number[] = [];
        for (let k = 0; k < length && hex(raw, i + 3 * k) >= 0; k++) bytes.push(hex(raw, i + 3 * k));
        let char: string | undefined;
        if (length > 0 && bytes.length === length) {
          try {
            char = fatal.decode(new Uint8Array(bytes));
          } catch {
            char = undefined;
          }
        }
        if (char === undefined) {
          if (invalidFrom < 0) invalidFrom = i;
          for (let d = 0; d < 3; d++) push(raw[i + d]!, i + d);
          i += 3;
          continue;
        }
        close(i);
        if (isControl(char.codePointAt(0)!)) out.controls.push({ index: out.text.length, rawStart: base + i, rawEnd: base + i + 3 * length, written: raw.slice(i, i + 3 * length) });
        push(char, i);
        i += 3 * length;
      }
      close(i);
    }
  }
  out.offsets.push(base + raw.length);
  return out;
}

/** Raw values rich in what decoding has to get right. */
const piece = fc.oneof(
  fc.constantFrom("%", "+", "a", "'", " ", "%25", "%2B", "%27", "%20", "%0A", "%01", "%7F", "%C2%85", "%C3%9C", "%D0%A2", "%E2%82%AC", "%F0%9F%98%80", "%ED%A0%80", "%C0%AF", "%FF", "%E2%82", "%F0%9F", "%g1", "%4"),
  fc.constantFrom("é", "Ж", "€", "😀", "\uD800", "\uDC00", "\u0000"),
  fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), maxLength: 3 }),
  fc.string({ unit: "binary", maxLength: 3 }),
);
const rawValue = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(""));

describe("decodeComponent", () => {
  it("agrees with the reference decoder on text, every offset, control escapes and warnings", () => {
    fc.assert(
      fc.property(rawValue, fc.nat(50), (raw, base) => {
        const drafts: DiagnosticDraft[] = [];
        const decoded = decodeComponent(raw, base, drafts);
        const expected = reference(raw, base);
        expect(decoded.text).toBe(expected.text);
        expect(Array.from({ length: decoded.text.length + 1 }, (_, i) => rawOffset(decoded, i))).toEqual(expected.offsets);
        expect(decoded.controlEscapes).toEqual(expected.controls);
        expect(drafts.map((d) => ({ code: d.code, start: d.start, end: d.end }))).toEqual(expected.warnings);
        expect(decoded.changed).toBe(raw.includes("%") || raw.includes("+"));
      }),
      { numRuns: 3000 },
    );
  });

  it("maps raw offsets back to decoded indices, and offsets inside an escape to -1", () => {
    fc.assert(
      fc.property(rawValue, (raw) => {
        const decoded = decodeComponent(raw, 7, []);
        const starts = new Set(Array.from({ length: decoded.text.length + 1 }, (_, i) => rawOffset(decoded, i)));
        for (let offset = 7; offset <= 7 + raw.length; offset++) {
          const index = decodedIndex(decoded, offset);
          if (starts.has(offset)) expect(rawOffset(decoded, index)).toBe(offset);
          else expect(index).toBe(-1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("decodes values longer than the shared buffer, and keeps decoding right after one", () => {
    const long = "name+CP+'%25%D0%A2%F0%9F%98%80'+".repeat(6000); // 198 000 units
    const decoded = decodeComponent(long, 0, []);
    expect(decoded.text).toBe("name CP '%Т😀' ".repeat(6000));
    const at = decoded.text.lastIndexOf("Т");
    expect(long.slice(rawOffset(decoded, at), rawOffset(decoded, at + 1))).toBe("%D0%A2");
    expect(decodeComponent("a%20b", 0, []).text).toBe("a b");
  });

  it("decodes UTF-8 up to the edges of each lead byte's range and keeps overlong, surrogate and too-large forms as text", () => {
    const decode = (raw: string) => {
      const drafts: DiagnosticDraft[] = [];
      const { text } = decodeComponent(raw, 0, drafts);
      return [text, drafts.map((d) => `${d.code}@${d.start}-${d.end}`)];
    };
    expect(["%E0%A0%80", "%E2%82%AC", "%ED%9F%BF", "%EE%80%80", "%F0%90%80%80", "%F4%8F%BF%BF"].map(decode)).toEqual(
      ["\u0800", "€", "\uD7FF", "\uE000", "\u{10000}", "\u{10FFFF}"].map((text) => [text, []]),
    );
    // overlong (below U+0800, below U+10000), a surrogate (U+D800), beyond U+10FFFF
    for (const raw of ["%E0%9F%BF", "%F0%8F%BF%BF", "%ED%A0%80", "%F4%90%80%80"]) expect(decode(raw)).toEqual([raw, [`invalid-utf8-escape@0-${raw.length}`]]);
  });

  it("leaves text with neither '%' nor '+' as it is, with no shifts", () => {
    const decoded = decodeComponent("(id EQ 1)", 6, []);
    expect(decoded).toMatchObject({ text: "(id EQ 1)", base: 6, changed: false, shifts: [] });
  });
});
