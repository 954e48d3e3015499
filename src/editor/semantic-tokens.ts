/**
 * `getSemanticTokens`: the spans an editor colours, read from the parser's own tokens, so the
 * highlighting agrees with the parser on every word (`AND` as a field name, `eq` as an operator).
 * @module
 */
import type { Schema } from "../schema/schema.js";
import { parse } from "../syntax/parse.js";
import { sourceOf } from "../syntax/source.js";
import { findQuery, rawOffset, splitSegments } from "../syntax/url.js";
import type { EditorOptions, SemanticToken, SemanticTokenModifier, SemanticTokenType } from "./types.js";

/** Token type names (tokens.ts) → highlighting class; brackets and commas are not coloured. */
const TYPE_OF_TOKEN: Readonly<Record<string, SemanticTokenType>> = {
  FieldName: "property",
  ForeignWord: "property",
  EQ: "operator",
  NE: "operator",
  GT: "operator",
  GE: "operator",
  LT: "operator",
  LE: "operator",
  CP: "operator",
  IS: "operator",
  ForeignOperator: "invalid",
  AND: "keyword",
  OR: "keyword",
  NOT: "keyword",
  ASC: "keyword",
  DESC: "keyword",
  StringLiteral: "string",
  NumberLiteral: "number",
  MalformedNumber: "invalid",
  NumberLike: "number",
  TRUE: "enumMember",
  FALSE: "enumMember",
  NULL: "enumMember",
};

/** Token type names of the comparison operators: a word right after one is an unquoted value. */
const COMPARE_OPERATORS = new Set(["EQ", "NE", "GT", "GE", "LT", "LE", "CP"]);

const NONE: readonly SemanticTokenModifier[] = [];
const UNKNOWN: readonly SemanticTokenModifier[] = ["unknown"];
const DEPRECATED: readonly SemanticTokenModifier[] = ["deprecated"];

function fieldModifiers(schema: Schema | undefined, path: string): readonly SemanticTokenModifier[] {
  if (schema === undefined) return NONE;
  const field = schema.field(path);
  if (field === undefined) return UNKNOWN;
  return field.deprecated ? DEPRECATED : NONE;
}

/**
 * The highlighted spans of `text`, in text order, never overlapping: parameter names of a query
 * string, then per parameter value its fields, operators, keywords and literals (at their raw
 * offsets, so an encoded `%27web%27` is one string span). With a schema, a field it does not know
 * carries the `unknown` modifier and a deprecated one `deprecated`. Text the lexer could not read
 * has no token (its diagnostic marks it), and a word where a value belongs (`state EQ active`, an
 * unquoted value) is `invalid`, not a field. Never throws.
 */
export function getSemanticTokens(text: string, options: EditorOptions = {}): SemanticToken[] {
  const { query } = parse(text, options);
  const out: SemanticToken[] = [];
  // a query string or URL (the text has one exactly when parse reads the url form)
  const bounds = findQuery(text);
  if (bounds !== null) {
    for (const segment of splitSegments(text, bounds)) {
      if (segment.nameEnd > segment.start) out.push({ start: segment.start, end: segment.nameEnd, type: "parameter", modifiers: NONE });
    }
  }
  for (const parameter of sourceOf(query)?.parameters ?? []) {
    let previous = "";
    for (const token of parameter.tokens) {
      let type = TYPE_OF_TOKEN[token.tokenType.name];
      // `state EQ active`: the word is an unquoted value (an error), not a field
      if (type === "property" && COMPARE_OPERATORS.has(previous)) type = "invalid";
      previous = token.tokenType.name;
      if (type === undefined) continue;
      const start = rawOffset(parameter.decoded, token.startOffset);
      const end = rawOffset(parameter.decoded, token.startOffset + token.image.length);
      const modifiers = type === "property" ? fieldModifiers(options.schema, token.image) : NONE;
      out.push({ start, end, type, modifiers });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
