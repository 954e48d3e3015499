/**
 * What the parser knew about the text of a query it parsed, kept beside the tree (never in it):
 * the input, and per parameter its classified tokens, decoding map and spelling. The validator and
 * editor services read it to find keyword spellings, to write fixes the way the input is encoded,
 * and to compute lines and columns. Trees built in code have no source.
 * @module
 */
import type { IToken, TokenType } from "chevrotain";
import type { Node, QueryNode } from "./ast.js";
import { PLAIN_SPELLING, rawOffset, type DecodedText, type Spelling } from "./url.js";

/** One parsed parameter value. */
export interface ParameterSource {
  readonly parameter: "where" | "orderby" | "limit";
  readonly tokens: readonly IToken[];
  readonly decoded: DecodedText;
  readonly spelling: Spelling;
}

/** The source of a parsed query. */
export interface QuerySource {
  readonly input: string;
  readonly parameters: readonly ParameterSource[];
  /** The keywords as written, once {@link keywordsOf} has computed them. */
  keywords?: readonly KeywordSpelling[];
}

// Kept on the Query object under a symbol, non-enumerable: invisible to JSON, spreads, Object.keys
// and deep equality. (A WeakMap was measured first: its entries cost the garbage collector enough
// to slow a medium parse by a third.)
const SOURCE = Symbol("vmfilter.source");
const implicitGroups = new WeakSet<Node>();

/** Remembers the source of a query the parser made. */
export function rememberSource(query: QueryNode, source: QuerySource): void {
  Object.defineProperty(query, SOURCE, { value: source });
}

/** The source of a query made by the parser, or undefined for a tree built in code. */
export function sourceOf(query: QueryNode): QuerySource | undefined {
  return (query as { [SOURCE]?: QuerySource })[SOURCE];
}

/** Marks an AND group the parser formed by precedence, with no brackets in the text. */
export function markImplicitGroup(node: Node): void {
  implicitGroups.add(node);
}

/** Whether the parser formed this AND group by precedence (`a OR b AND c`), not from brackets. */
export function isImplicitGroup(node: Node): boolean {
  return implicitGroups.has(node);
}

/** A keyword as written, at its raw place. */
export interface KeywordSpelling {
  /** As written: `eq`, `And`, `NULL`. */
  readonly text: string;
  /** The canonical spelling: `EQ`, `AND`, `null`. */
  readonly canonical: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORD_NAMES = new Set(["AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "EQ", "NE", "GT", "GE", "LT", "LE", "CP", "ASC", "DESC"]);
const LOWER_KEYWORDS = new Set(["NULL", "TRUE", "FALSE", "ASC", "DESC"]);

/**
 * Every keyword of a parsed query as written (operators, logical words, IS, null, true, false,
 * directions), in text order; computed once per query.
 */
export function keywordsOf(query: QueryNode): readonly KeywordSpelling[] {
  const source = sourceOf(query);
  if (source === undefined) return [];
  if (source.keywords !== undefined) return source.keywords;
  const out: KeywordSpelling[] = [];
  for (const parameter of source.parameters) {
    for (const token of parameter.tokens) {
      // keyword token types are named after their upper-case spelling (tokens.ts)
      const upper = token.tokenType.name;
      if (!KEYWORD_NAMES.has(upper)) continue;
      const start = rawOffset(parameter.decoded, token.startOffset);
      out.push({
        text: token.image,
        canonical: LOWER_KEYWORDS.has(upper) ? upper.toLowerCase() : upper,
        start,
        end: rawOffset(parameter.decoded, token.startOffset + token.image.length),
      });
    }
  }
  out.sort((a, b) => a.start - b.start);
  source.keywords = out;
  return out;
}

const canonicalByType = new Map<TokenType, string | undefined>();

/** The canonical spelling of a keyword token type (`EQ`, `null`), or undefined for other tokens. */
function canonicalSpelling(type: TokenType): string | undefined {
  let canonical = canonicalByType.get(type);
  if (canonical === undefined && !canonicalByType.has(type)) {
    const upper = type.name;
    canonical = KEYWORD_NAMES.has(upper) ? (LOWER_KEYWORDS.has(upper) ? upper.toLowerCase() : upper) : undefined;
    canonicalByType.set(type, canonical);
  }
  return canonical;
}

/** The keywords of a parsed query not written in their canonical case; allocates only for those. */
export function miscasedKeywordsOf(query: QueryNode): KeywordSpelling[] {
  const source = sourceOf(query);
  if (source === undefined) return [];
  const out: KeywordSpelling[] = [];
  for (const parameter of source.parameters) {
    for (const token of parameter.tokens) {
      const canonical = canonicalSpelling(token.tokenType);
      if (canonical === undefined || token.image === canonical) continue;
      out.push({
        text: token.image,
        canonical,
        start: rawOffset(parameter.decoded, token.startOffset),
        end: rawOffset(parameter.decoded, token.startOffset + token.image.length),
      });
    }
  }
  return out;
}

/** How the parameter holding raw offset `at` spells spaces and quotes (plain for trees built in code). */
export function spellingAt(query: QueryNode, at: number): Spelling {
  const source = sourceOf(query);
  if (source === undefined) return PLAIN_SPELLING;
  for (const parameter of source.parameters) {
    const { decoded } = parameter;
    const start = rawOffset(decoded, 0);
    const end = rawOffset(decoded, decoded.text.length);
    if (at >= start && at <= end) return parameter.spelling;
  }
  return PLAIN_SPELLING;
}
