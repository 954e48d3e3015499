/**
 * `getCompletions`: context-aware completion. The cursor's context comes from
 * {@link findCursorContext} (the grammar run over the text before the cursor); this module turns
 * it into items: the schema's fields, the operators and values that fit a field's type
 * (field-fit.ts), keywords, punctuation and parameter names, each spelled the way the text around
 * the cursor is written.
 * @module
 */
import type { ResolvedField } from "../schema/schema.js";
import { DEFAULT_MAX_LENGTH, parse } from "../syntax/parse.js";
import { keywordOf } from "../syntax/tokens.js";
import { spell } from "../syntax/url.js";
import { visit } from "../tree/visit.js";
import { findCursorContext, type CursorContext, type Expectation } from "./cursor-context.js";
import { nullCheckFits, operatorsFor, valuesFor } from "./field-fit.js";
import { DIRECTION_DOCS, fieldDocumentation, FILTER_PARAMETERS, KEYWORD_DOCS, OPERATOR_DOCS, PARAMETER_DOCS, typeSummary } from "./language-docs.js";
import type { CompletionItem, CompletionKind, CompletionList, EditorOptions, TextRange } from "./types.js";

/** One proposal before it is placed and spelled. */
interface Proposal {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Decoded text to insert; a word gets a space before it where the context asks for one. */
  readonly text: string;
  /** Punctuation and parameter names are URL-level text: inserted as they are, never spelled or spaced. */
  readonly verbatim?: boolean;
  /** Cursor position inside `text`. */
  readonly cursor?: number;
  readonly detail: string;
  readonly documentation?: string;
  readonly deprecated?: boolean;
}

/**
 * The completions at raw `offset` of `text` (a URL, a query string or a bare WHERE expression),
 * for the place the cursor is in:
 *
 * - where a condition starts: the schema's filterable fields (dotted paths, type and description
 *   shown; deprecated ones last), `NOT` and `(`; at the very start of a bare expression also the
 *   parameter names;
 * - after a field: the operators that fit its type (CP only on text, no ordering on booleans), and
 *   `IS null` / `IS NOT null` when the field may be null;
 * - after an operator: enum values, `true`/`false`, a quoted string (`'%…%'` after CP); after `IS`:
 *   `null`, `NOT null`;
 * - after a condition: `AND`, `OR`, `)` while a bracket is open, `&` at the end of a `where=`;
 * - in `orderby=`: sortable fields, `asc`/`desc`, `,`; in `limit=`: `,` after the offset;
 * - on a parameter name: `where=`, `orderby=`, `limit=` (those not given yet).
 *
 * Without a schema, the fields proposed are those the text already uses (any field is possible, so
 * only those are known), and every operator is proposed.
 *
 * Every item replaces the same {@link CompletionList.range}: the word being typed at the cursor
 * (with the rest of the word after it), or an empty range at the cursor. Items are not filtered by
 * that word: editors filter and rank by it. `insertText` is spelled as the parameter around it is
 * (`+` for spaces and `%25` for `%` in an encoded query string). Never throws; a text longer than
 * `maxLength` gets no items.
 */
export function getCompletions(text: string, offset: number, options: EditorOptions = {}): CompletionList {
  const context = findCursorContext(text, offset);
  if (text.length > (options.maxLength ?? DEFAULT_MAX_LENGTH)) return { range: { start: context.range.start, end: context.range.start }, items: [] };
  const fields = new FieldSource(text, context.range, options);
  const proposals = propose(context.expect, context.url, fields);
  return { range: context.range, items: proposals.map((p, i) => place(p, i, context)) };
}

/** The item of a proposal: spelled, spaced and ranked in list order. */
function place(proposal: Proposal, index: number, context: CursorContext): CompletionItem {
  const { spelling } = context;
  const lead = !proposal.verbatim && context.spaceBefore ? " " : "";
  const insertText = proposal.verbatim ? proposal.text : spell(lead + proposal.text, spelling);
  const cursorOffset = proposal.cursor === undefined ? undefined : spell(lead + proposal.text.slice(0, proposal.cursor), spelling).length;
  return {
    label: proposal.label,
    kind: proposal.kind,
    insertText,
    range: context.range,
    detail: proposal.detail,
    ...(proposal.documentation !== undefined ? { documentation: proposal.documentation } : {}),
    sortText: String(index).padStart(4, "0"),
    ...(cursorOffset !== undefined ? { cursorOffset } : {}),
    ...(proposal.deprecated ? { deprecated: true } : {}),
  };
}

/** The fields to propose: the schema's, or without one those the text already uses. */
class FieldSource {
  constructor(
    private readonly text: string,
    private readonly range: TextRange,
    private readonly options: EditorOptions,
  ) {}

  /** The schema's field at a path as written, or undefined (unknown field, or no schema). */
  resolve(path: string): ResolvedField | undefined {
    return this.options.schema?.field(path);
  }

  /** Field proposals for WHERE (`filterable`, not objects) or ORDERBY (`sortable`). */
  proposals(purpose: "where" | "orderby"): Proposal[] {
    const schema = this.options.schema;
    if (schema === undefined) return this.usedFields().map((path) => ({ label: path, kind: "field", text: path, detail: "field used in this filter" }));
    const fitting = schema.paths.filter((f) => (purpose === "where" ? f.filterable && f.type !== "object" : f.sortable));
    // deprecated fields stay proposable (the text may need them) but come last
    const ordered = [...fitting.filter((f) => !f.deprecated), ...fitting.filter((f) => f.deprecated)];
    return ordered.map((field) => ({
      label: field.path,
      kind: "field",
      text: field.path,
      detail: field.deprecated ? `${typeSummary(field)} (deprecated)` : typeSummary(field),
      documentation: fieldDocumentation(field),
      ...(field.deprecated ? { deprecated: true } : {}),
    }));
  }

  /**
   * Fields the text names (WHERE and ORDERBY), first use first, except the word being replaced and
   * fields named like keywords: such a word reads as a field only once its operator follows, and
   * some (`EQ`) even turn an `AND` before them into a field name (LANGUAGE.md section 2).
   */
  private usedFields(): string[] {
    const seen = new Set<string>();
    const { query } = parse(this.text, this.options);
    visit(query, {
      Field: (node) => {
        if (node.loc?.start !== this.range.start && keywordOf(node.name) === undefined) seen.add(node.name);
      },
    });
    return [...seen];
  }
}

const keyword = (word: keyof typeof KEYWORD_DOCS, label: string = word, text: string = label): Proposal => ({
  label,
  kind: "keyword",
  text,
  detail: KEYWORD_DOCS[word].summary,
  documentation: KEYWORD_DOCS[word].documentation,
});

const punctuation = (text: string, detail: string): Proposal => ({ label: text, kind: "punctuation", text, verbatim: true, detail });
const NEXT_PARAMETER = punctuation("&", "next parameter");

function parameters(used: readonly string[]): Proposal[] {
  return FILTER_PARAMETERS.filter((p) => !used.includes(p)).map((p) => ({
    label: `${p}=`,
    kind: "parameter",
    text: `${p}=`,
    verbatim: true,
    detail: PARAMETER_DOCS[p].summary,
    documentation: PARAMETER_DOCS[p].documentation,
  }));
}

/** The proposals for an expectation, in the order they are listed. */
function propose(expect: Expectation, url: boolean, fields: FieldSource): Proposal[] {
  switch (expect.kind) {
    case "none":
      return [];
    case "parameter":
      return parameters(expect.used);
    case "condition":
      return [
        ...fields.proposals("where"),
        keyword("NOT"),
        punctuation("(", "a bracketed group"),
        ...(expect.firstWord ? parameters([]) : []),
      ];
    case "operator": {
      const field = fields.resolve(expect.field);
      const operators: Proposal[] = operatorsFor(field).map((op) => ({
        label: op,
        kind: "operator",
        text: op,
        detail: OPERATOR_DOCS[op].summary,
        documentation: OPERATOR_DOCS[op].documentation,
      }));
      if (nullCheckFits(field)) {
        operators.push({ label: "IS null", kind: "operator", text: "IS null", detail: "is missing or null", documentation: KEYWORD_DOCS.IS.documentation });
        operators.push({ label: "IS NOT null", kind: "operator", text: "IS NOT null", detail: "has a value", documentation: KEYWORD_DOCS.IS.documentation });
      }
      return operators;
    }
    case "value": {
      const field = fields.resolve(expect.field);
      // in the quotes, only whole values replace the string: an enum's members
      if (expect.inString && field?.type !== "enum") return [];
      return valuesFor(field, expect.operator).map((v) => ({
        label: v.label,
        kind: "value",
        text: v.text,
        detail: v.detail,
        ...(v.cursor !== undefined ? { cursor: v.cursor } : {}),
      }));
    }
    case "null":
      return expect.afterNot ? [keyword("null")] : [keyword("null"), { ...keyword("null", "NOT null"), detail: "has a value" }];
    case "joiner":
      return [
        keyword("AND"),
        keyword("OR"),
        ...(expect.depth > 0 ? [punctuation(")", "closes the bracket")] : []),
        ...(url && expect.depth === 0 ? [NEXT_PARAMETER] : []),
      ];
    case "sort-field":
      return fields.proposals("orderby");
    case "direction":
      return [
        { label: "asc", kind: "direction", text: "asc", detail: DIRECTION_DOCS.asc.summary, documentation: DIRECTION_DOCS.asc.documentation },
        { label: "desc", kind: "direction", text: "desc", detail: DIRECTION_DOCS.desc.summary, documentation: DIRECTION_DOCS.desc.documentation },
        punctuation(",", "another sort key"),
        NEXT_PARAMETER,
      ];
    case "sort-next":
      return [punctuation(",", "another sort key"), NEXT_PARAMETER];
    case "limit-comma":
      return [punctuation(",", "then the count"), NEXT_PARAMETER];
    case "limit-end":
      return [NEXT_PARAMETER];
  }
}
