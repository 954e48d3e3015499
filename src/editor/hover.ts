/**
 * `getHover`: what is under the cursor, in Markdown. The text is parsed once; the parameter name or
 * the parser's token under the cursor is found at its raw offsets, and the tree (when the parser
 * built one there) says whether a word is a field or a value, and which operator a literal is
 * compared with. Broken text still gets hovers from the tokens alone.
 * @module
 */
import type { IToken } from "chevrotain";
import type { Schema } from "../schema/schema.js";
import type { CompareOperator, FieldNode, LiteralNode, QueryNode } from "../syntax/ast.js";
import { normalizeNumber, plainDecimal } from "../syntax/numbers.js";
import { DEFAULT_MAX_LENGTH, parse } from "../syntax/parse.js";
import { sourceOf, type ParameterSource } from "../syntax/source.js";
import { didYouMean, suggestionList } from "../syntax/suggest.js";
import { TreeBuilder } from "../syntax/tree-builder.js";
import { findQuery, rawOffset, splitSegments, type RawSegment } from "../syntax/url.js";
import { visit } from "../tree/visit.js";
import { code, describeMask, DIRECTION_DOCS, fieldDocumentation, FILTER_PARAMETERS, KEYWORD_DOCS, OPERATOR_DOCS, PARAMETER_DOCS, typeSummary, type WordDoc } from "./language-docs.js";
import type { EditorOptions, HoverInfo, TextRange } from "./types.js";

/**
 * The hover at raw `offset` of `text` (the character at the offset, or the word ending there), or
 * undefined where there is nothing to explain (brackets, a URL's address, blank space):
 *
 * - a field: its type and description from the schema (deprecation, filterable, sortable,
 *   nullable); with a schema that does not know it, "unknown field" and a did-you-mean;
 * - an operator, `AND`, `OR`, `NOT`, `IS`, `null`, `true`, `false`, `asc`, `desc`: what it means;
 *   a foreign operator (`=`, `LIKE`): how this language writes it;
 * - a string literal: its decoded value (`'%25web%25'` is `%web%`, `''` is a quote), and after CP
 *   what the mask matches; a number: its exact value; a `limit=` number: offset or count;
 * - a parameter name: what the parameter holds; an unknown one: that it is passed through.
 *
 * The range is the hovered token's, in raw offsets. Never throws.
 */
export function getHover(text: string, offset: number, options: EditorOptions = {}): HoverInfo | undefined {
  if (!Number.isFinite(offset) || offset < 0 || offset > text.length) return undefined;
  if (text.length > (options.maxLength ?? DEFAULT_MAX_LENGTH)) return undefined;
  const at = Math.floor(offset);
  const { query } = parse(text, options);
  // a query string or URL (the text has one exactly when parse reads the url form)
  const bounds = findQuery(text);
  if (bounds !== null) {
    const segment = splitSegments(text, bounds).find((s) => s.start <= at && at <= s.nameEnd && s.nameEnd > s.start);
    // the name and its `=` (or the cursor right after a name without one)
    if (segment !== undefined) return parameterHover(segment);
  }
  // parse keeps the source of every text within maxLength (checked above)
  for (const parameter of sourceOf(query)!.parameters) {
    const found = tokenAt(parameter, at);
    if (found !== undefined) return tokenHover(found.token, found.range, parameter, text, query, options.schema);
  }
  return undefined;
}

/** The token under raw `at`: one containing it, else one ending at it. */
function tokenAt(parameter: ParameterSource, at: number): { token: IToken; range: TextRange } | undefined {
  let ending: { token: IToken; range: TextRange } | undefined;
  for (const token of parameter.tokens) {
    const start = rawOffset(parameter.decoded, token.startOffset);
    if (start > at) break;
    const end = rawOffset(parameter.decoded, token.startOffset + token.image.length);
    if (at < end) return { token, range: { start, end } };
    if (at === end) ending = { token, range: { start, end } };
  }
  return ending;
}

function parameterHover(segment: RawSegment): HoverInfo {
  const range = { start: segment.start, end: segment.nameEnd };
  const lower = segment.name.toLowerCase();
  const known = FILTER_PARAMETERS.find((p) => p === lower);
  if (known !== undefined) return { range, contents: doc(`${code(`${known}=`)}: ${PARAMETER_DOCS[known].summary}`, PARAMETER_DOCS[known]) };
  const suggestions = suggestionList(lower, FILTER_PARAMETERS);
  return { range, contents: `${code(segment.name)}: not a filter parameter; it is passed through unchanged.${didYouMean(suggestions)}` };
}

function doc(title: string, word: WordDoc): string {
  return `${title}\n\n${word.documentation}`;
}

/** What the tree says is at a raw start offset: a field, or a literal with its comparison's operator. */
type TreeRole = { readonly field: FieldNode } | { readonly literal: LiteralNode; readonly operator: CompareOperator };

/** The field or literal of the tree starting at raw `start`, if the parser built one there. */
function roleAt(query: QueryNode, start: number): TreeRole | undefined {
  let role: TreeRole | undefined;
  visit(query, {
    Field: (node) => {
      if (node.loc?.start === start) role = { field: node };
    },
    Comparison: (node) => {
      if (node.value.loc?.start === start) role = { literal: node.value, operator: node.operator };
    },
  });
  return role;
}

/** Keyword token types (named after their upper-case spelling in tokens.ts) → their docs. */
const WORD_DOCS: Readonly<Record<string, { readonly title: string; readonly doc: WordDoc }>> = {
  ...Object.fromEntries(Object.entries(OPERATOR_DOCS).map(([op, d]) => [op, { title: `${code(op)}: ${d.summary}`, doc: d }])),
  ...Object.fromEntries(Object.entries(KEYWORD_DOCS).map(([word, d]) => [word.toUpperCase(), { title: `${code(word)}: ${d.summary}`, doc: d }])),
  ...Object.fromEntries(Object.entries(DIRECTION_DOCS).map(([word, d]) => [word.toUpperCase(), { title: `${code(word)}: ${d.summary}`, doc: d }])),
};

let operatorReader: TreeBuilder | undefined;

function tokenHover(token: IToken, range: TextRange, parameter: ParameterSource, text: string, query: QueryNode, schema: Schema | undefined): HoverInfo | undefined {
  const written = text.slice(range.start, range.end);
  const role = roleAt(query, range.start);
  const type = token.tokenType.name;
  const answer = (contents: string): HoverInfo => ({ range, contents });
  if (role !== undefined && "field" in role) return answer(fieldHover(role.field.name, schema));
  if (type === "StringLiteral") {
    const operator = role !== undefined && "literal" in role ? role.operator : undefined;
    return answer(stringHover(token.image, written, operator));
  }
  if (type === "NumberLiteral") return answer(parameter.parameter === "limit" ? limitHover(token, parameter) : numberHover(token.image, written));
  if (type === "MalformedNumber") {
    const meant = plainDecimal(token.image);
    return answer(`${code(token.image)} is not a number of this language (\`[-]digits[.digits]\`)${meant === undefined ? "." : `; it would mean ${code(meant)}.`}`);
  }
  if (type === "ForeignOperator") {
    operatorReader ??= new TreeBuilder();
    const meant = operatorReader.foreignOperator(token);
    return answer(`${code(token.image)} is not an operator of this language${meant ? `: write ${code(meant)} (${OPERATOR_DOCS[meant].summary}).` : "."}`);
  }
  const word = WORD_DOCS[type];
  if (word !== undefined) return answer(doc(word.title, word.doc));
  if (type === "FieldName" || type === "ForeignWord") {
    // a word the tree does not hold as a field: in WHERE a value position reads it as an unquoted word
    if (parameter.parameter === "where" && ((role !== undefined && "literal" in role) || isAfterOperator(parameter, token))) {
      return answer(`${code(token.image)}: an unquoted word. Text values go in single quotes: ${code(`'${token.image}'`)}.`);
    }
    return answer(fieldHover(token.image, schema));
  }
  return undefined;
}

/** Whether the token right before `token` is a comparison operator (so `token` stands for a value). */
function isAfterOperator(parameter: ParameterSource, token: IToken): boolean {
  const index = parameter.tokens.indexOf(token);
  const before = index > 0 ? parameter.tokens[index - 1]!.tokenType.name : "";
  return before in OPERATOR_DOCS || before === "ForeignOperator";
}

function fieldHover(name: string, schema: Schema | undefined): string {
  if (schema === undefined) return `${code(name)}: a field. No schema was given, so its type is not known.`;
  const field = schema.field(name);
  if (field === undefined) {
    const suggestions = suggestionList(name, schema.paths.map((p) => p.path));
    return `${code(name)}: unknown field${schema.name ? ` in ${schema.name}` : ""}.${didYouMean(suggestions)}`;
  }
  return `${code(field.path)}: ${typeSummary(field)}${field.deprecated ? " (deprecated)" : ""}\n\n${fieldDocumentation(field)}`;
}

function stringHover(image: string, written: string, operator: CompareOperator | undefined): string {
  const closed = image.length >= 2 && /^'(?:[^']|'')*'$/.test(image);
  const value = (closed ? image.slice(1, -1) : image.slice(1)).replace(/''/g, "'");
  const lines = [`Text value: ${value === "" ? "empty" : code(value)}${closed ? "" : " (the closing quote is missing)"}`];
  if (written !== image) lines.push(`Written URL-encoded as ${code(written)}.`);
  if (operator === "CP") lines.push(`As a CP mask it ${describeMask(value)}.`);
  return lines.join("\n\n");
}

function numberHover(image: string, written: string): string {
  const exact = normalizeNumber(image);
  const lines = [`Number: ${code(exact)} (exact decimal${exact === written ? "" : `, written ${code(written)}`})`];
  const float = String(Number(exact));
  if (float !== exact && !/e/i.test(float)) lines.push(`A JavaScript number would read it as ${code(float)}; vmfilter keeps every digit.`);
  else if (float !== exact) lines.push(`A JavaScript number would round it; vmfilter keeps every digit.`);
  return lines.join("\n\n");
}

function limitHover(token: IToken, parameter: ParameterSource): string {
  const numbers = parameter.tokens.filter((t) => t.tokenType.name === "NumberLiteral");
  const hasComma = parameter.tokens.some((t) => t.tokenType.name === "Comma");
  const isOffset = hasComma && numbers[0] === token;
  const n = normalizeNumber(token.image);
  return isOffset
    ? `Offset: ${code(n)}, the number of rows skipped (from 0).`
    : `Count: ${code(n)}, the number of rows returned${hasComma ? "" : " (after offset 0: `limit=N` is read as `0,N`)"}.`;
}
