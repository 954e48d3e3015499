/**
 * The fuzz harness: input generators (full unicode, mutated valid filters, grammar-aware random
 * filters) and one check that runs an input through every public entry point (parse, format,
 * toQueryString, analyze, applyFixes, compile/apply, toSql, toJSON/fromJSON, migrate) and asserts
 * that nothing throws except documented API misuse, that every diagnostic range lies inside the
 * input and that the round-trip laws of LANGUAGE.md section 4 hold.
 *
 * Shared by the 10 000-input slice of `npm test` (test/fuzz/fuzz.test.ts) and the long run of
 * `npm run fuzz` (scripts/fuzz.mjs → test/fuzz/fuzz.long.ts).
 */
import fc from "fast-check";
import {
  analyze,
  applyFixes,
  apply,
  canonicalize,
  compile,
  FilterRunError,
  FilterSyntaxError,
  format,
  fromJSON,
  hasErrors,
  migrate,
  parse,
  parseWhere,
  schemas,
  selectStatement,
  toJSON,
  toQueryString,
  toSql,
  type ColumnMap,
  type Diagnostic,
  type QueryNode,
} from "../../src/index.js";
import { fixtures, kitchenSink } from "../fixtures/filters.js";
import { queryArb, sloppinessArb, sloppyEncode, sloppyExpression, expressionArb } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";

/** The schema analyze and toSql check against. */
const schema = schemas.vm.host;

/** Every scalar path of the schema as a column of the same name (quoted by the dialect). */
const columns: ColumnMap = Object.fromEntries(
  schema.paths.filter((p) => !p.many && p.type !== "object").map((p) => [p.path, p.path.replace(/\./g, "_")]),
);

/** A few records for apply (missing fields, nulls, nested objects, arrays). */
const records: Record<string, unknown>[] = [
  { id: 1, name: "a", state: "active", mem: 1024, cluster: { id: 1, name: "c" }, ip4: [{ ip: "1.2.3.4" }] },
  { id: 2, name: null, state: "stopped", mem: 0.5 },
  { id: 3, name: "Ab'%", tags: ["x", "y"], cluster: null },
];

/** Where a law broke: thrown as an Error so fast-check shrinks the input. */
export class FuzzFailure extends Error {}

function fail(what: string, input: string, detail?: unknown): never {
  throw new FuzzFailure(`${what}\n  input: ${JSON.stringify(input)}${detail === undefined ? "" : `\n  detail: ${String(detail)}`}`);
}

function checkDiagnostics(what: string, input: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    if (!(d.start >= 0 && d.end >= d.start && d.end <= input.length)) fail(`${what}: diagnostic ${d.code} [${d.start}, ${d.end}) outside the input of length ${input.length}`, input);
    if (!(d.line >= 1 && d.column >= 1)) fail(`${what}: diagnostic ${d.code} at line ${d.line} column ${d.column}`, input);
    for (const edit of d.fix?.edits ?? []) {
      if (!(edit.start >= 0 && edit.end >= edit.start && edit.end <= input.length)) fail(`${what}: fix edit of ${d.code} [${edit.start}, ${edit.end}) outside the input`, input);
    }
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Same clauses (a bare expression and its URL form differ only in `form`). */
function sameQuery(a: QueryNode, b: QueryNode): boolean {
  return same(a.where, b.where) && same(a.orderBy, b.orderBy) && same(a.limit, b.limit);
}

/** Runs a documented-error-only call: a FilterRunError or FilterSyntaxError (for a string with errors) is the documented refusal, anything else fails. */
function documented(what: string, input: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (error instanceof FilterRunError || error instanceof FilterSyntaxError) return;
    fail(`${what} threw`, input, error instanceof Error ? error.stack : error);
  }
}

/**
 * Runs one input through every entry point; throws a {@link FuzzFailure} when a law breaks.
 * Returns nothing: the assertions are the checks.
 */
export function checkInput(input: string): void {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(input);
  } catch (error) {
    fail("parse threw", input, error instanceof Error ? error.stack : error);
  }
  const { query, diagnostics } = parsed;
  checkDiagnostics("parse", input, diagnostics);
  const valid = !hasErrors(diagnostics);

  // printing a (possibly partial) tree never throws
  let canonical = "";
  let url = "";
  try {
    canonical = format(query);
    url = toQueryString(query);
    toQueryString(query, { spaces: "percent" });
  } catch (error) {
    fail("format/toQueryString threw", input, error instanceof Error ? error.stack : error);
  }

  if (valid) {
    // URL round trip and idempotence of the canonical form
    for (const spaces of ["plus", "percent"] as const) {
      const text = toQueryString(query, { spaces });
      const back = parse(text);
      if (hasErrors(back.diagnostics)) fail(`toQueryString (${spaces}) output has errors: ${JSON.stringify(text)}`, input);
      if (!sameQuery(back.query, query)) fail(`parse(toQueryString(q, ${spaces})) differs from q: ${JSON.stringify(text)}`, input);
    }
    if (query.form === "url" && format(parse(url).query) !== canonical) fail("format(parse(toQueryString(q))) !== format(q)", input);
    if (query.form !== "url" && format(parse(canonical).query) !== canonical) fail("format(parse(format(q))) !== format(q)", input);
    if (query.form !== "url" && query.where) {
      const once = canonicalize(input);
      if (canonicalize(once) !== once) fail(`canonicalize not idempotent: ${JSON.stringify(once)}`, input);
      const back = parseWhere(format(query.where));
      if (hasErrors(back.diagnostics) || !same(back.where, query.where)) fail("parseWhere(format(e)) differs from e", input);
    }
    // JSON round trip
    const json = toJSON(query);
    const fromObject = fromJSON(json);
    if (fromObject.diagnostics.length > 0 || fromObject.node === undefined || format(fromObject.node) !== canonical) fail("fromJSON(toJSON(q)) differs from q", input, JSON.stringify(fromObject.diagnostics));
    const fromText = fromJSON(JSON.stringify(json));
    if (fromText.diagnostics.length > 0 || fromText.node === undefined || format(fromText.node) !== canonical) fail("fromJSON(JSON.stringify(toJSON(q))) differs from q", input);
    // meaning: the filter and its canonical form keep the same records
    documented("apply", input, () => {
      const a = apply(query, records).list.map((r) => r.id);
      const b = apply(parse(url).query, records).list.map((r) => r.id);
      if (JSON.stringify(a) !== JSON.stringify(b)) fail(`apply differs on the canonical form: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`, input);
    });
  } else {
    // an invalid string is a documented refusal of compile, never another error
    documented("compile", input, () => compile(input));
  }

  // fromJSON of the raw text (it is a string: parsed as JSON text or refused with a diagnostic)
  try {
    fromJSON(input);
  } catch (error) {
    fail("fromJSON threw", input, error instanceof Error ? error.stack : error);
  }

  // analyze with a built-in schema, then its fixes
  let analyzed: ReturnType<typeof analyze>;
  try {
    analyzed = analyze(input, { schema });
  } catch (error) {
    fail("analyze threw", input, error instanceof Error ? error.stack : error);
  }
  checkDiagnostics("analyze", input, analyzed.diagnostics);
  try {
    const fixed = applyFixes(input, analyzed.diagnostics);
    if (typeof fixed !== "string") fail("applyFixes did not return a string", input);
  } catch (error) {
    fail("applyFixes threw", input, error instanceof Error ? error.stack : error);
  }

  // toSql (sqlite) and the statement built from it
  documented("toSql", input, () => {
    const sql = toSql(input, { dialect: "sqlite", columns, schema });
    checkDiagnostics("toSql", input, sql.diagnostics);
    if (sql.ok) selectStatement(sql, "h");
  });

  // migrate
  try {
    const migrated = migrate(input);
    checkDiagnostics("migrate", input, migrated.diagnostics);
    for (const edit of migrated.edits) {
      if (!(edit.start >= 0 && edit.end >= edit.start && edit.end <= input.length)) fail("migrate edit outside the input", input);
    }
  } catch (error) {
    fail("migrate threw", input, error instanceof Error ? error.stack : error);
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs

const SEEDS = [...fixtures.map((f) => f.input), kitchenSink];

/** Characters the language gives a meaning to, and hostile ones (NUL, RTL marks, combining). */
const SPECIAL = ["(", ")", "'", "%", "+", "&", "=", "#", "?", ",", " ", "\t", "\n", "\\", "\0", "\u200f", "\u202e", "\u0301", "\ud800", "\udc00", "😀", "Ж", "EQ", "NE", "CP", "IS", "null", "NOT", "AND", "OR", "ASC", "DESC", "where=", "orderby=", "limit=", "%27", "%25", "%2", "%zz", "1e9", "-0", "."];

/** Full unicode strings: any code unit, lone surrogates included. */
export const unicodeInput: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme-composite", maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: "binary", maxLength: 2 })), { maxLength: 40 }).map((a) => a.join("")),
);

/** Valid filters mutated by inserting, deleting and swapping tokens and adding percent-escapes. */
export const mutatedInput: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("insert", "delete", "swap", "escape", "token"), fc.string({ unit: "binary", maxLength: 3 }), fc.constantFrom(...SPECIAL)), {
      maxLength: 6,
    }),
  )
  .map(([seed, edits]) => {
    let text = seed;
    for (const [a, b, op, piece, token] of edits) {
      const i = text.length === 0 ? 0 : a % text.length;
      const j = text.length === 0 ? 0 : b % text.length;
      if (op === "insert") text = text.slice(0, i) + piece + text.slice(i);
      else if (op === "token") text = text.slice(0, i) + token + text.slice(i);
      else if (op === "delete") text = text.slice(0, i) + text.slice(i + 1 + (j % 4));
      else if (op === "swap" && i < j) text = text.slice(0, i) + text.slice(j, j + 3) + text.slice(i + 3, j) + text.slice(i, i + 3) + text.slice(j + 3);
      else text = text.slice(0, i) + "%" + (j % 256).toString(16).toUpperCase().padStart(2, "0") + text.slice(i);
    }
    return text;
  });

/** Grammar-aware random filters: generated trees printed canonically, as URLs, or sloppily. */
export const grammarInput: fc.Arbitrary<string> = fc.oneof(
  queryArb.map((q) => toQueryString(q)),
  queryArb.map((q) => toQueryString(q, { spaces: "percent" })),
  queryArb.map((q) => format(q)),
  fc.tuple(expressionArb, sloppinessArb).map(([e, s]) => sloppyExpression(e, s)),
  fc.tuple(expressionArb, sloppinessArb).map(([e, s]) => `where=${sloppyEncode(sloppyExpression(e, s), s)}`),
);

/** The three families, equally weighted. */
export const fuzzInput: fc.Arbitrary<string> = fc.oneof(unicodeInput, mutatedInput, grammarInput);
