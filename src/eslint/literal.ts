/**
 * A filter written in JavaScript source: the text of a string literal or of a template literal
 * (its quasis joined, each `${…}` replaced by a placeholder), with the map from offsets in that
 * text to offsets in the source file, and the source edits that make a change to the text.
 * @module
 */
import { applyTextEdits } from "../validate/fixes.js";
import { decodeLiteralText, encodeLiteralText, type DecodedText, type QuoteStyle } from "./escapes.js";

/** A source range: start inclusive, end exclusive, offsets into the linted file's text. */
export type SourceRange = readonly [number, number];

/** The parts of an ESTree string literal this module reads (espree and typescript-eslint nodes both fit). */
export interface StringLiteralNode {
  readonly type: "Literal";
  readonly value: unknown;
  readonly range: SourceRange;
}

/** The parts of an ESTree template element this module reads. */
export interface TemplateElementNode {
  readonly type: "TemplateElement";
  readonly value: { readonly raw: string; readonly cooked?: string | null };
  readonly tail: boolean;
  readonly range: SourceRange;
}

/** The parts of an ESTree template literal this module reads. */
export interface TemplateLiteralNode {
  readonly type: "TemplateLiteral";
  readonly quasis: readonly TemplateElementNode[];
  readonly expressions: readonly { readonly range: SourceRange }[];
  readonly range: SourceRange;
}

/** A change to the linted file. */
export interface SourceEdit {
  readonly range: SourceRange;
  readonly text: string;
}

/** A change to a filter text (the same shape as vmfilter's `TextEdit`). */
export interface FilterEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A run of literal text: a string literal's content or one template quasi. */
export interface TextPart {
  readonly kind: "text";
  /** Offsets of the part in the filter text. */
  readonly start: number;
  readonly end: number;
  /** Where its source text begins in the file, and the source text itself (without delimiters). */
  readonly sourceStart: number;
  readonly raw: string;
  readonly decoded: DecodedText;
}

/** A template's `${…}`, standing in the filter text as a placeholder. */
export interface HolePart {
  readonly kind: "hole";
  readonly start: number;
  readonly end: number;
  /** The source range of `${…}`, from `$` to `}`. */
  readonly sourceStart: number;
  readonly sourceEnd: number;
  /** The placeholder text in the filter text. */
  readonly placeholder: string;
  /** The expression as written, shortened, for messages: `${user.id}`. */
  readonly label: string;
}

/** One part of a filter literal. */
export type LiteralPart = TextPart | HolePart;

/** Longest expression text a hole's label shows. */
const LABEL_LENGTH = 24;

function labelOf(expression: string): string {
  const text = expression.replace(/\s+/g, " ").trim();
  return `\${${text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text}}`;
}

/**
 * A filter in the source: the text vmfilter checks and the way back to the file. When the source
 * text could not be mapped exactly (a parser that gives other ranges, a literal whose escapes do
 * not cook to the value the parser gave), {@link exact} is false: every offset maps to the whole
 * literal and no edit is made.
 */
export class FilterLiteral {
  /** The filter text: the cooked string, or the template's quasis joined with placeholders. */
  readonly text: string;
  private constructor(
    /** The literal's own range in the file, delimiters included. */
    readonly range: SourceRange,
    readonly style: QuoteStyle,
    readonly parts: readonly LiteralPart[],
    readonly exact: boolean,
  ) {
    this.text = parts.map((p) => (p.kind === "text" ? p.decoded.cooked : p.placeholder)).join("");
  }

  /** The holes (`${…}`) of a template, in order. */
  get holes(): HolePart[] {
    return this.parts.filter((p): p is HolePart => p.kind === "hole");
  }

  /** The literal's content range in the file (inside the delimiters), or the whole literal when not exact. */
  get contentRange(): SourceRange {
    if (!this.exact) return this.range;
    return [this.startAt(0), this.endAt(this.text.length)];
  }

  /** The file offset where the text's unit `index` begins (`text.length`: where the content ends). */
  startAt(index: number): number {
    if (!this.exact) return this.range[0];
    for (const part of this.parts) {
      if (index < part.start || index >= part.end) continue;
      return part.kind === "hole" ? part.sourceStart : part.sourceStart + part.decoded.starts[index - part.start]!;
    }
    // the end of the text: the parts always end with a text part (a template's tail quasi)
    const last = this.parts[this.parts.length - 1] as TextPart;
    return last.sourceStart + last.raw.length;
  }

  /** The file offset where the text's unit `index - 1` ends (0: where the content begins). */
  endAt(index: number): number {
    if (!this.exact) return this.range[1];
    for (const part of this.parts) {
      if (index <= part.start || index > part.end) continue;
      return part.kind === "hole" ? part.sourceEnd : part.sourceStart + part.decoded.ends[index - part.start]!;
    }
    const first = this.parts[0]!;
    return first.sourceStart;
  }

  /** The file range of the text range `[start, end)`; an empty range maps to an empty range. */
  sourceRange(start: number, end: number): SourceRange {
    const from = this.startAt(Math.max(0, Math.min(start, this.text.length)));
    if (end <= start) return [from, from];
    return [from, Math.max(from, this.endAt(Math.min(end, this.text.length)))];
  }

  /** Whether the text range `[start, end)` touches the inside of a hole (an empty range at a hole's edge does not). */
  touchesHole(start: number, end: number): boolean {
    return this.holes.some((h) => (start === end ? start > h.start && start < h.end : start < h.end && end > h.start));
  }

  /**
   * The file edits that make `edits` (against {@link text}) in the source, each new text escaped
   * for the literal's quotes; undefined when that cannot be done exactly: the literal is not exact,
   * an edit touches a hole or spans two quasis, edits overlap, or the edited source would not cook
   * to the edited text (checked by cooking it again).
   */
  sourceEdits(edits: readonly FilterEdit[]): SourceEdit[] | undefined {
    if (!this.exact) return undefined;
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const byPart = new Map<TextPart, { start: number; end: number; text: string; cooked: FilterEdit }[]>();
    let previousEnd = -1;
    for (const edit of sorted) {
      if (edit.start < 0 || edit.end > this.text.length || edit.end < edit.start || edit.start < previousEnd) return undefined;
      previousEnd = edit.end;
      if (this.touchesHole(edit.start, edit.end)) return undefined;
      // text parts and holes tile the text, so an edit touching no hole lies inside one text part
      const part = this.parts.find((p): p is TextPart => p.kind === "text" && p.start <= edit.start && edit.end <= p.end)!;
      const local = { start: edit.start - part.start, end: edit.end - part.start };
      const rawStart = part.decoded.starts[local.start]!;
      const rawEnd = local.end === local.start ? rawStart : part.decoded.ends[local.end]!;
      const list = byPart.get(part) ?? [];
      list.push({ start: rawStart, end: rawEnd, text: encodeLiteralText(edit.newText, this.style), cooked: { ...edit, start: local.start, end: local.end } });
      byPart.set(part, list);
    }
    const out: SourceEdit[] = [];
    for (const [part, list] of byPart) {
      // the check: the edited source cooks to the edited text
      const raw = applyTextEdits(
        part.raw,
        list.map((e) => ({ start: e.start, end: e.end, newText: e.text })),
      );
      const expected = applyTextEdits(
        part.decoded.cooked,
        list.map((e) => e.cooked),
      );
      if (decodeLiteralText(raw, this.style)?.cooked !== expected) return undefined;
      for (const e of list) out.push({ range: [part.sourceStart + e.start, part.sourceStart + e.end], text: e.text });
    }
    return out.sort((a, b) => a.range[0] - b.range[0]);
  }

  /**
   * The filter in a string literal (`'…'` or `"…"`); undefined when the literal's value is not a
   * string. `source` is the whole file's text.
   */
  static fromString(node: StringLiteralNode, source: string): FilterLiteral | undefined {
    if (typeof node.value !== "string") return undefined;
    const [start, end] = node.range;
    const quote = source[start];
    const style: QuoteStyle = quote === "'" || quote === '"' ? quote : '"';
    const raw = source.slice(start + 1, end - 1);
    const decoded = quote === style && source[end - 1] === quote && end - start >= 2 ? decodeLiteralText(raw, style) : undefined;
    if (decoded !== undefined && decoded.cooked === node.value) {
      return new FilterLiteral(node.range, style, [{ kind: "text", start: 0, end: decoded.cooked.length, sourceStart: start + 1, raw, decoded }], true);
    }
    const value = node.value;
    return FilterLiteral.coarse(node.range, style, [{ kind: "text", start: 0, end: value.length, sourceStart: start, raw: "", decoded: { cooked: value, starts: [], ends: [] } }]);
  }

  /**
   * The filter in a template literal, each `${…}` standing as `placeholder(i)` in the text.
   * `source` is the whole file's text.
   */
  static fromTemplate(node: TemplateLiteralNode, source: string, placeholder: (index: number) => string): FilterLiteral {
    const contents: { start: number; end: number }[] = [];
    let exact = node.quasis.length === node.expressions.length + 1;
    node.quasis.forEach((quasi, i) => {
      const [start, end] = quasi.range;
      const open = i === 0 ? "`" : "}";
      const close = quasi.tail ? "`" : "${";
      // espree and typescript-eslint include the delimiters in an element's range; other parsers may not
      if (source[start] === open && source.slice(end - close.length, end) === close && end - close.length >= start + 1) {
        contents.push({ start: start + 1, end: end - close.length });
      } else contents.push({ start, end });
    });
    const parts: LiteralPart[] = [];
    let at = 0;
    node.quasis.forEach((quasi, i) => {
      const { start, end } = contents[i]!;
      const raw = source.slice(start, end);
      const decoded = decodeLiteralText(raw, "`");
      const cooked = quasi.value.cooked ?? quasi.value.raw;
      if (decoded === undefined || decoded.cooked !== cooked) exact = false;
      const text = decoded ?? { cooked, starts: [], ends: [] };
      parts.push({ kind: "text", start: at, end: at + text.cooked.length, sourceStart: start, raw, decoded: text });
      at += text.cooked.length;
      const expression = node.expressions[i];
      const next = contents[i + 1];
      if (expression === undefined || next === undefined) return;
      const stands = placeholder(i);
      const sourceStart = end;
      const sourceEnd = next.start;
      parts.push({
        kind: "hole",
        start: at,
        end: at + stands.length,
        sourceStart,
        sourceEnd,
        placeholder: stands,
        label: labelOf(source.slice(expression.range[0], expression.range[1])),
      });
      at += stands.length;
    });
    if (!exact) return FilterLiteral.coarse(node.range, "`", parts);
    return new FilterLiteral(node.range, "`", parts, true);
  }

  /** A literal whose offsets all map to the whole node. */
  private static coarse(range: SourceRange, style: QuoteStyle, parts: readonly LiteralPart[]): FilterLiteral {
    return new FilterLiteral(range, style, parts, false);
  }
}
