/**
 * The parse entry points: {@link parse} for whole inputs (URL, query string or bare expression)
 * and {@link parseWhere}, {@link parseOrderBy}, {@link parseLimit} for single decoded values.
 * None of them throws on any string.
 * @module
 */
import { NotAllInputParsedException, type ILexingResult, type IRecognitionException, type IToken } from "chevrotain";
import type { Expression, LimitNode, OrderByNode, ParameterNode, QueryNode } from "./ast.js";
import { findTooDeep } from "./depth.js";
import { SyntaxCodes, type Diagnostic, type DiagnosticDraft } from "./diagnostics.js";
import { finishDiagnostics } from "./location.js";
import { rememberSource, type ParameterSource } from "./source.js";
import { printable } from "./messages.js";
import { getParser } from "./parser.js";
import { didYouMean, suggestionList } from "./suggest.js";
import { classifyTokens, CompareOp, getLexer, Is, LogicalOp, LParen, Name, Not, StringLiteral } from "./tokens.js";
import {
  decodeComponent,
  findQuery,
  PLAIN_SPELLING,
  plainText,
  rawOffset,
  spellingOf,
  splitSegments,
  type DecodedText,
  type Spelling,
} from "./url.js";

/**
 * Drops an error that repeats an earlier error's exact range (one mistake, one error), then
 * locates all. Missing `)`s at the end of the input are kept: each unclosed bracket is its own
 * error there, with its own fix.
 */
function finish(text: string, drafts: readonly DiagnosticDraft[]): Diagnostic[] {
  const errorRanges = new Set<string>();
  const kept = drafts.filter((d) => {
    if (d.severity !== "error" || (d.code === SyntaxCodes.MissingCloseBracket && d.start === d.end)) return true;
    const key = `${d.start}:${d.end}`;
    if (errorRanges.has(key)) return false;
    errorRanges.add(key);
    return true;
  });
  return finishDiagnostics(text, kept);
}

/** Options of the parse functions. */
export interface ParseOptions {
  /** Longest input accepted, in UTF-16 units; longer input gives `input-too-long`. Default 65 536. */
  readonly maxLength?: number;
  /**
   * Deepest nesting accepted, counting brackets and NOTs; deeper input gives `nesting-too-deep`.
   * Default 256; values above {@link MAX_SAFE_DEPTH} are lowered to it.
   */
  readonly maxDepth?: number;
}

/** Default of {@link ParseOptions.maxLength}. */
export const DEFAULT_MAX_LENGTH = 65_536;
/** Default of {@link ParseOptions.maxDepth}. */
export const DEFAULT_MAX_DEPTH = 256;
/**
 * The deepest nesting the recursive parser (and every recursive tree walk) is allowed to reach.
 * Measured on Node 20 with its default stack, in a fresh process (a cold parser runs in the
 * interpreter, whose frames are the largest) called from a shallow stack: the parser overflows at
 * 478 bracket levels, 665 NOT levels and 277 `NOT (` pairs (554 levels). This cap keeps 37 % of the
 * stack for callers that are deep in their own stack already; should the stack still run out, the
 * parse reports `nesting-too-deep` instead of throwing.
 */
export const MAX_SAFE_DEPTH = 300;

/** The result of {@link parse}: always a Query (partial when there are errors) and every diagnostic. */
export interface ParseResult {
  readonly query: QueryNode;
  readonly diagnostics: Diagnostic[];
}

/** The result of {@link parseWhere}. `where` is absent when nothing usable was parsed. */
export interface WhereResult {
  readonly where: Expression | undefined;
  readonly diagnostics: Diagnostic[];
}

/** The result of {@link parseOrderBy}. */
export interface OrderByResult {
  readonly orderBy: OrderByNode | undefined;
  readonly diagnostics: Diagnostic[];
}

/** The result of {@link parseLimit}. */
export interface LimitResult {
  readonly limit: LimitNode | undefined;
  readonly diagnostics: Diagnostic[];
}

type RuleName = "whereClause" | "orderBy" | "limit";
type RuleResult<R extends RuleName> = R extends "whereClause" ? Expression : R extends "orderBy" ? OrderByNode : LimitNode;

const KNOWN_PARAMETERS = ["where", "orderby", "limit"] as const;
type KnownParameter = (typeof KNOWN_PARAMETERS)[number];
const RULE_OF: Record<KnownParameter, RuleName> = { where: "whereClause", orderby: "orderBy", limit: "limit" };
const PARAMETER_OF: Record<RuleName, KnownParameter> = { whereClause: "where", orderBy: "orderby", limit: "limit" };

function resolveDepth(options: ParseOptions | undefined): number {
  const requested = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
  return Math.max(1, Math.min(Math.floor(requested), MAX_SAFE_DEPTH));
}

/** Lexes and parses one decoded parameter value with one grammar rule. */
function parseValue<R extends RuleName>(
  rule: R,
  decoded: DecodedText,
  spelling: Spelling,
  drafts: DiagnosticDraft[],
  maxDepth: number,
  sources: ParameterSource[],
): RuleResult<R> | undefined {
  const where = rule === "whereClause";
  // a long WHERE value that nests too deep near its start is found on its head alone (see lexHead)
  const lexed = (where && lexHead(decoded.text, maxDepth)) || getLexer().tokenize(decoded.text);
  const tokens = lexed.tokens;
  sources.push({ parameter: PARAMETER_OF[rule], tokens, decoded, spelling });
  classifyTokens(tokens, where);
  const tooDeep = where ? findTooDeep(tokens, maxDepth) : -1;
  // past a point where the nesting is too deep, nothing is read: neither characters nor tree
  const readTo = tooDeep >= 0 ? tokens[tooDeep]!.startOffset : decoded.text.length;
  for (const error of lexed.errors) {
    if (error.offset >= readTo) break;
    const text = decoded.text.slice(error.offset, error.offset + error.length);
    drafts.push({
      code: SyntaxCodes.UnexpectedCharacter,
      severity: "error",
      message: `Unexpected character${error.length > 1 ? "s" : ""} '${printable(text.length > 30 ? `${text.slice(0, 27)}…` : text)}'. Field names use ASCII letters, digits, '_' and '.'; text values go in single quotes.`,
      start: rawOffset(decoded, error.offset),
      end: rawOffset(decoded, error.offset + error.length),
    });
  }
  if (decoded.controlEscapes.length > 0) reportControlEscapes(decoded, tokens, drafts, readTo);
  if (tooDeep >= 0) {
    const token = tokens[tooDeep]!;
    drafts.push({
      code: SyntaxCodes.NestingTooDeep,
      severity: "error",
      message: `Brackets and NOTs nest deeper than ${maxDepth} level${maxDepth === 1 ? "" : "s"} here; the filter was not parsed.`,
      start: rawOffset(decoded, token.startOffset),
      end: rawOffset(decoded, token.startOffset + token.image.length),
    });
    return undefined;
  }
  // valid input, the common case, is parsed once without Chevrotain's error recovery; on an error
  // that parse is dropped with what it reported, and the value is parsed again with recovery
  const quick = parseQuickly(rule, tokens, decoded, spelling, drafts);
  if (quick.ok) return quick.node;
  const parser = getParser("recovering");
  parser.builder.reset(decoded, spelling, drafts);
  let result: RuleResult<R> | undefined;
  // Text left after a complete parse is reported, then parsed again from there (WHERE only) so that
  // one call reports every error; those extra parses add diagnostics, not tree.
  let from = 0;
  for (let round = 0; round < MAX_RECOVERY_ROUNDS; round++) {
    parser.input = from === 0 ? tokens : tokens.slice(from);
    let node: RuleResult<R> | undefined;
    try {
      node = (parser[rule] as () => RuleResult<R> | undefined)();
    } catch (error) {
      drafts.push(crashDraft(error, decoded));
      return result;
    }
    if (round === 0) result = node;
    if (rule === "limit" && parser.errors.length > 0) {
      // a limit read around a skipped token is a guess: no advice on how to write it
      const at = drafts.findIndex((d) => d.code === SyntaxCodes.LimitSingleNumber);
      if (at >= 0) drafts.splice(at, 1);
    }
    let redundant: IRecognitionException | undefined;
    for (const error of parser.errors) {
      if (error instanceof NotAllInputParsedException) redundant = error;
      else drafts.push(recognitionDraft(error, parser.builder));
    }
    if (redundant === undefined) break;
    const leftover = redundant.token;
    const start = parser.builder.start(leftover);
    if (!drafts.some((d) => d.severity === "error" && d.start === start)) drafts.push(recognitionDraft(redundant, parser.builder));
    if (rule !== "whereClause") break;
    from = Math.max(restartIndex(tokens, indexOfToken(tokens, leftover.startOffset)), from + 1);
    if (from >= tokens.length) break;
  }
  return result;
}

/**
 * Parses tokens with the parser without error recovery. `ok` when it met no syntax error (the
 * result is the same as with recovery); otherwise the diagnostics it added are removed.
 */
function parseQuickly<R extends RuleName>(
  rule: R,
  tokens: IToken[],
  decoded: DecodedText,
  spelling: Spelling,
  drafts: DiagnosticDraft[],
): { ok: true; node: RuleResult<R> | undefined } | { ok: false } {
  const parser = getParser("fast");
  const before = drafts.length;
  parser.builder.reset(decoded, spelling, drafts);
  parser.input = tokens;
  try {
    const node = (parser[rule] as () => RuleResult<R> | undefined)();
    if (parser.errors.length === 0) return { ok: true, node };
  } catch {
    // the parser with recovery meets the same problem and reports it
  }
  drafts.length = before;
  return { ok: false };
}

/** WHERE values longer than this are first lexed on their head alone by {@link lexHead}. */
const HEAD_FROM_LENGTH = 65_536;
/** About how much of such a value's head {@link lexHead} lexes. */
const HEAD_LENGTH = 4_096;

/**
 * The tokens of the head of a long WHERE value, when they already nest deeper than `maxDepth` at
 * a token followed by three more (the lookahead `classifyTokens` needs): then the rest need not be
 * read, which keeps megabytes of `(((…` or `NOT NOT …` from costing more than their first
 * kilobytes. Otherwise undefined (the whole value is lexed).
 *
 * The head ends where no token and no error stretch can cross, outside strings (a quote always
 * opens or closes a string, so quote parity says where strings are): just before a bracket, or
 * before a space that follows a letter (a space after `-` could belong to a number, `- 5`). Its
 * tokens are then exactly the first tokens of the whole value.
 */
function lexHead(text: string, maxDepth: number): ILexingResult | undefined {
  if (text.length <= HEAD_FROM_LENGTH) return undefined;
  let inString = false;
  let cut = -1;
  for (let i = 0; i < 2 * HEAD_LENGTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 39) inString = !inString;
    else if (!inString && i >= HEAD_LENGTH && (c === 40 || c === 41 || (c === 32 && isAsciiLetter(text.charCodeAt(i - 1))))) {
      cut = i;
      break;
    }
  }
  if (cut < 0) return undefined;
  const head = getLexer().tokenize(text.slice(0, cut));
  classifyTokens(head.tokens, true);
  const tooDeep = findTooDeep(head.tokens, maxDepth);
  return tooDeep >= 0 && tooDeep + 3 < head.tokens.length ? head : undefined;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** How many times one value is re-parsed after leftover text before giving up on more diagnostics. */
const MAX_RECOVERY_ROUNDS = 50;

/**
 * Where to parse again after leftover text at `index`: after the next AND/OR, or at the next `(`,
 * NOT, or word followed by an operator; the tokens skipped on the way are part of the one error
 * already reported.
 */
function restartIndex(tokens: readonly IToken[], index: number): number {
  for (let i = index; i < tokens.length; i++) {
    const type = tokens[i]!.tokenTypeIdx;
    if (LogicalOp.categoryMatchesMap![type]) return i + 1;
    if (type === LParen.tokenTypeIdx || type === Not.tokenTypeIdx) return i;
    const next = tokens[i + 1];
    if (isName(type) && next !== undefined && (CompareOp.categoryMatchesMap![next.tokenTypeIdx] || next.tokenTypeIdx === Is.tokenTypeIdx)) return i;
  }
  return tokens.length;
}

function isName(type: number): boolean {
  return type === Name.tokenTypeIdx || Name.categoryMatchesMap![type] === true;
}

/** Index of the token starting at a decoded offset (tokens are sorted by offset). */
function indexOfToken(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A diagnostic for an exception the parser should never throw; a RangeError is the stack running out. */
function crashDraft(error: unknown, decoded: DecodedText): DiagnosticDraft {
  const stackRanOut = error instanceof RangeError;
  return {
    code: stackRanOut ? SyntaxCodes.NestingTooDeep : SyntaxCodes.InternalError,
    severity: "error",
    message: stackRanOut
      ? "The filter nests too deeply for the stack left to the parser; it was not parsed."
      : `vmfilter failed to parse this value (${error instanceof Error ? error.message : String(error)}); please report it.`,
    start: rawOffset(decoded, 0),
    end: rawOffset(decoded, decoded.text.length),
  };
}

function recognitionDraft(error: IRecognitionException, builder: { start(t: IToken): number; end(t: IToken): number }): DiagnosticDraft {
  return {
    code: SyntaxCodes.UnexpectedToken,
    severity: "error",
    message: error.message,
    start: builder.start(error.token),
    end: builder.end(error.token),
  };
}

/** At most this many control-character warnings are reported per parameter value. */
const MAX_CONTROL_WARNINGS = 100;

function reportControlEscapes(decoded: DecodedText, tokens: readonly IToken[], drafts: DiagnosticDraft[], readTo: number): void {
  let reported = 0;
  for (const escape of decoded.controlEscapes) {
    if (reported >= MAX_CONTROL_WARNINGS || escape.index >= readTo) return;
    const inString = tokens.some(
      (t) => t.tokenType === StringLiteral && t.startOffset < escape.index && escape.index < t.startOffset + t.image.length,
    );
    if (!inString) continue;
    reported++;
    const edits = [];
    for (let at = escape.rawStart; at < escape.rawEnd; at += 3) edits.push({ start: at + 1, end: at + 1, newText: "25" });
    drafts.push({
      code: SyntaxCodes.ControlCharacterEscape,
      severity: "warning",
      message: `'${escape.written}' decodes to the control character ${printable(decoded.text[escape.index]!)}; for a literal '%' (as in a CP mask) write '%25'.`,
      start: escape.rawStart,
      end: escape.rawEnd,
      fix: { title: "Encode '%' as '%25'", edits },
    });
  }
}

function reportLoneSurrogates(input: string, drafts: DiagnosticDraft[]): void {
  if (!/[\uD800-\uDFFF]/.test(input)) return;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = input.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    drafts.push({
      code: SyntaxCodes.LoneSurrogate,
      severity: "error",
      message: `A lone UTF-16 surrogate (U+${c.toString(16).toUpperCase()}) is not text; the input is damaged here.`,
      start: i,
      end: i + 1,
    });
  }
}

/** A Query with its keys in the AST's order and only the parts that are present (no key holding undefined). */
function queryNode(form: QueryNode["form"], parts: Pick<QueryNode, "where" | "orderBy" | "limit">, parameters: ParameterNode[], length: number): QueryNode {
  const query: { -readonly [K in keyof QueryNode]?: QueryNode[K] } = { kind: "Query", form };
  if (parts.where !== undefined) query.where = parts.where;
  if (parts.orderBy !== undefined) query.orderBy = parts.orderBy;
  if (parts.limit !== undefined) query.limit = parts.limit;
  query.parameters = parameters;
  query.loc = { start: 0, end: length };
  return query as QueryNode;
}

function checkLength(input: string, options: ParseOptions | undefined, drafts: DiagnosticDraft[]): boolean {
  const maxLength = options?.maxLength ?? DEFAULT_MAX_LENGTH;
  if (input.length <= maxLength) return true;
  drafts.push({
    code: SyntaxCodes.InputTooLong,
    severity: "error",
    message: `The input is ${input.length} characters long; at most ${maxLength} are accepted (raise maxLength to allow more).`,
    start: maxLength,
    end: input.length,
  });
  return false;
}

function parseUrlForm(
  input: string,
  start: number,
  end: number,
  maxDepth: number,
  drafts: DiagnosticDraft[],
  sources: ParameterSource[],
): QueryNode {
  if (end < input.length) {
    drafts.push({
      code: SyntaxCodes.FragmentDropped,
      severity: "info",
      message: "A '#' ends the query; the fragment after it is not sent to servers and was dropped. Write '%23' for a literal '#'.",
      start: end,
      end: input.length,
    });
  }
  let where: Expression | undefined;
  let orderBy: OrderByNode | undefined;
  let limit: LimitNode | undefined;
  let seen = 0; // one bit per known parameter
  const parameters: ParameterNode[] = [];
  for (const segment of splitSegments(input, { start, end })) {
    const known = knownParameter(segment.name);
    if (known === undefined) {
      const lower = segment.name.toLowerCase();
      const suggestions = suggestionList(lower, KNOWN_PARAMETERS);
      if (suggestions.length > 0) {
        drafts.push({
          code: SyntaxCodes.MisspelledParameter,
          severity: "warning",
          message: `Unknown parameter '${segment.name}' is passed through unchanged.${didYouMean(suggestions)}`,
          start: segment.start,
          end: segment.nameEnd,
          fix: { title: `Rename to '${suggestions[0]}'`, edits: [{ start: segment.start, end: segment.nameEnd, newText: suggestions[0]! }] },
        });
      }
      parameters.push({
        kind: "Parameter",
        name: segment.rawName,
        ...(segment.hasValue ? { value: segment.rawValue } : {}),
        loc: { start: segment.start, end: segment.end },
      });
      continue;
    }
    if (segment.name !== known) {
      drafts.push({
        code: SyntaxCodes.ParameterNameCase,
        severity: "warning",
        message: `Parameter names are lower case: write '${known}', not '${segment.name}'.`,
        start: segment.start,
        end: segment.nameEnd,
        fix: { title: `Write '${known}'`, edits: [{ start: segment.start, end: segment.nameEnd, newText: known }] },
      });
    }
    const bit = 1 << KNOWN_PARAMETERS.indexOf(known);
    if (seen & bit) {
      drafts.push({
        code: SyntaxCodes.DuplicateParameter,
        severity: "error",
        message: `'${known}' is given more than once; only the first is used.`,
        start: segment.start,
        end: segment.end,
      });
      continue;
    }
    seen |= bit;
    const decoded = decodeComponent(segment.rawValue, segment.valueStart, drafts);
    if (!segment.hasValue || isBlank(decoded.text)) {
      drafts.push({
        code: SyntaxCodes.EmptyParameter,
        severity: "error",
        message: `'${known}' has no value.`,
        start: segment.start,
        end: segment.end,
      });
      continue;
    }
    const node = parseValue(RULE_OF[known], decoded, spellingOf(segment.rawValue), drafts, maxDepth, sources);
    if (node === undefined) continue;
    if (known === "where") where = node as Expression;
    else if (known === "orderby") orderBy = node as OrderByNode;
    else limit = node as LimitNode;
  }
  if (orderBy !== undefined) reportSortKeys(orderBy, drafts);
  if (seen === 0 && parameters.length > 0) {
    drafts.push({
      code: SyntaxCodes.NoFilterParameters,
      severity: "info",
      message: "This query has no where, orderby or limit parameter; its parameters are passed through unchanged.",
      start,
      end,
    });
  }
  return queryNode("url", { where, orderBy, limit }, parameters, input.length);
}

/** The known parameter a decoded name stands for (any case), or undefined. */
function knownParameter(name: string): KnownParameter | undefined {
  if (name === "where" || name === "orderby" || name === "limit") return name;
  if (name.length < 5 || name.length > 7) return undefined;
  const lower = name.toLowerCase();
  return lower === "where" || lower === "orderby" || lower === "limit" ? lower : undefined;
}

/** Whether a value is empty or only spaces, tabs and line breaks. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

function reportSortKeys(orderBy: OrderByNode, drafts: DiagnosticDraft[]): void {
  if (orderBy.keys.length < 2) return;
  drafts.push({
    code: SyntaxCodes.MultipleSortKeys,
    severity: "warning",
    message: `ORDERBY has ${orderBy.keys.length} keys; servers are only known to honour one.`,
    start: orderBy.loc!.start,
    end: orderBy.loc!.end,
  });
}

/**
 * Parses a filter: a full URL, a query string with or without `?`, or a bare WHERE expression
 * (LANGUAGE.md section 1 says which is which). Never throws on any string; the Query is partial
 * when there are errors, and `diagnostics` holds every problem with its place in `input`.
 */
export function parse(input: string, options?: ParseOptions): ParseResult {
  if (typeof input !== "string") throw new TypeError(`parse() takes a string, got ${typeof input}`);
  const drafts: DiagnosticDraft[] = [];
  const bounds = findQuery(input);
  const form = bounds === null ? "expression" : "url";
  if (!checkLength(input, options, drafts)) return { query: queryNode(form, {}, [], input.length), diagnostics: finish(input, drafts) };
  reportLoneSurrogates(input, drafts);
  const maxDepth = resolveDepth(options);
  const sources: ParameterSource[] = [];
  let query: QueryNode;
  if (bounds === null) {
    const errorsBefore = drafts.length;
    const where = input.trim() === "" ? undefined : parseValue("whereClause", plainText(input), PLAIN_SPELLING, drafts, maxDepth, sources);
    query = queryNode(form, { where }, [], input.length);
    if (drafts.length > errorsBefore && input.includes("%") && /%[0-9A-Fa-f]{2}/.test(input)) {
      // `NOT%20domain%20CP…` pasted without `where=` is read as decoded text and fails on every escape
      drafts.push({
        code: SyntaxCodes.LooksUrlEncoded,
        severity: "info",
        message: "This expression looks URL-encoded, but a bare expression is read as decoded text. Prefix it with 'where=' to read it as a query parameter.",
        start: 0,
        end: 0,
        fix: { title: "Prefix with 'where='", edits: [{ start: 0, end: 0, newText: "where=" }] },
      });
    }
  } else {
    query = parseUrlForm(input, bounds.start, bounds.end, maxDepth, drafts, sources);
  }
  rememberSource(query, { input, parameters: sources });
  return { query, diagnostics: finish(input, drafts) };
}

function parseSingle<R extends RuleName>(rule: R, text: string, options: ParseOptions | undefined) {
  if (typeof text !== "string") throw new TypeError(`expected a string, got ${typeof text}`);
  const drafts: DiagnosticDraft[] = [];
  let node: RuleResult<R> | undefined;
  if (checkLength(text, options, drafts)) {
    reportLoneSurrogates(text, drafts);
    node = parseValue(rule, plainText(text), PLAIN_SPELLING, drafts, resolveDepth(options), []);
  }
  return { node, drafts };
}

/** Parses one decoded WHERE value (`(id EQ 1) AND (name CP '%a%')`); no URL decoding is applied. */
export function parseWhere(text: string, options?: ParseOptions): WhereResult {
  const { node, drafts } = parseSingle("whereClause", text, options);
  return { where: node, diagnostics: finish(text, drafts) };
}

/** Parses one decoded ORDERBY value (`cluster.name desc`). */
export function parseOrderBy(text: string, options?: ParseOptions): OrderByResult {
  const { node, drafts } = parseSingle("orderBy", text, options);
  if (node) reportSortKeys(node, drafts);
  return { orderBy: node, diagnostics: finish(text, drafts) };
}

/** Parses one decoded LIMIT value (`0,50`). */
export function parseLimit(text: string, options?: ParseOptions): LimitResult {
  const { node, drafts } = parseSingle("limit", text, options);
  return { limit: node, diagnostics: finish(text, drafts) };
}
