/**
 * Offsets to 1-based lines and columns, computed on demand.
 * @module
 */
import type { Diagnostic, DiagnosticDraft } from "./diagnostics.js";

/** A 1-based line and column of an offset. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Finds line starts once per text and answers offset → line/column by binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  /**
   * @param until Line starts are found up to this offset only (the whole text by default): enough
   *   to locate offsets up to it, and a few diagnostics at the head of megabytes of input do not
   *   scan the megabytes.
   */
  constructor(
    readonly text: string,
    until = text.length,
  ) {
    const end = Math.min(until, text.length);
    for (let i = 0; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** The 1-based line and column (in UTF-16 units) of `offset`. */
  locate(offset: number): LineColumn {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The start offset of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.starts.length ? this.starts[line]! : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }
}

/** Attaches lines and columns to drafts, sorted by position (stable). */
export function finishDiagnostics(text: string, drafts: readonly DiagnosticDraft[]): Diagnostic[] {
  if (drafts.length === 0) return [];
  let last = 0;
  for (const d of drafts) last = Math.max(last, d.end);
  const index = new LineIndex(text, last);
  const sorted = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.start - b.d.start || a.d.end - b.d.end || a.i - b.i);
  return sorted.map(({ d }) => {
    const s = index.locate(d.start);
    const e = index.locate(d.end);
    const out: Diagnostic = {
      code: d.code,
      severity: d.severity,
      message: d.message,
      start: d.start,
      end: d.end,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      ...(d.fix ? { fix: d.fix } : {}),
      ...(d.rule ? { rule: d.rule } : {}),
    };
    return out;
  });
}
