/**
 * The editor services other than completion and hover: getDiagnostics, formatText,
 * getCodeActions and getSemanticTokens, on examples and as properties over generated filters and
 * arbitrary strings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyze,
  applyFixes,
  format,
  formatText,
  getCodeActions,
  getDiagnostics,
  getSemanticTokens,
  parse,
  schemas,
  toQueryString,
  type SemanticToken,
  type TextEdit,
} from "../../src/index.js";
import { expressionArb, queryArb, sloppinessArb, sloppyEncode, sloppyExpression } from "../helpers/arbitraries.js";
import { strip } from "../helpers/tree.js";
import { kitchenSink } from "../fixtures/filters.js";

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** `type:text` for each token, to compare highlighting at a glance. */
function spans(text: string, tokens: readonly SemanticToken[]): string[] {
  return tokens.map((t) => `${t.type}${t.modifiers.length ? `[${t.modifiers.join(",")}]` : ""}:${text.slice(t.start, t.end)}`);
}

describe("getDiagnostics", () => {
  it("is analyze's diagnostics: syntax, lint rules and schema checks, sorted, with exact ranges", () => {
    const text = "nmae eq web and state EQ 'running'";
    const diagnostics = getDiagnostics(text, { schema: schemas.vm.host });
    expect(diagnostics).toEqual(analyze(text, { schema: schemas.vm.host }).diagnostics);
    const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]));
    expect(byCode["unknown-field"]).toBe("nmae");
    expect(byCode["unquoted-value"]).toBe("web");
    expect(diagnostics.map((d) => d.start)).toEqual([...diagnostics.map((d) => d.start)].sort((a, b) => a - b));
  });

  it("takes the rule levels", () => {
    const text = "name eq 'a'";
    expect(getDiagnostics(text).map((d) => d.code)).toContain("keyword-case");
    expect(getDiagnostics(text, { rules: { "keyword-case": "off" } }).map((d) => d.code)).not.toContain("keyword-case");
  });

  it("never throws, and every range lies inside the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 80 }), (text) => {
        for (const d of getDiagnostics(text, { schema: schemas.vm.host })) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeGreaterThanOrEqual(d.start);
          expect(d.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("formatText", () => {
  it("prints a bare expression in canonical form", () => {
    expect(formatText("name cp '%web%' and not state eq 'stopped'")).toBe("(name CP '%web%') AND NOT (state EQ 'stopped')");
  });

  it("keeps a URL's address and fragment, and the URL-encoded spelling it was written in", () => {
    const url = "https://domain.com/vm/v3/host?where=(name+cp+'%25web%25')+and+(id+gt+1)&orderby=name&limit=0,50#top";
    expect(formatText(url)).toBe("https://domain.com/vm/v3/host?where=(name+CP+'%25web%25')+AND+(id+GT+1)&orderby=name+asc&limit=0,50#top");
    expect(formatText("?where=id%20eq%201")).toBe("?where=(id%20EQ%201)");
  });

  it("keeps a decoded query string decoded, unless its decoded form would read back as another filter", () => {
    expect(formatText("where=id eq 1&orderby=name desc")).toBe("where=(id EQ 1)&orderby=name desc");
    // `'a%2Bb'` is a+b: written decoded, the + would read back as a space
    expect(formatText("where=name eq 'a%2Bb'")).toBe("where=(name+EQ+'a%2Bb')");
  });

  it("a query string of unknown parameters keeps its single '?'", () => {
    expect(formatText("?foo")).toBe("?foo");
    expect(formatText("https://domain.com/vm/v3/host?foo#top")).toBe("https://domain.com/vm/v3/host?foo#top");
  });

  it("forces a spelling with `encoding`", () => {
    expect(formatText("where=(name+EQ+'a b')", { encoding: "decoded" })).toBe("where=(name EQ 'a b')");
    expect(formatText("where=(name EQ 'a b')", { encoding: "encoded" })).toBe("where=(name+EQ+'a+b')");
  });

  it("prints quoted numbers bare on numeric fields with a schema", () => {
    expect(formatText("cpu_number eq '2'", { schema: schemas.vm.host })).toBe("(cpu_number EQ 2)");
    expect(formatText("cpu_number eq '2'")).toBe("(cpu_number EQ '2')");
  });

  it("gives undefined for text with a syntax error: a broken filter has no canonical form", () => {
    expect(formatText("name eq")).toBeUndefined();
    expect(formatText("where=(a EQ 1")).toBeUndefined();
  });

  it("a canonical text comes back unchanged; formatting is idempotent and keeps the tree", () => {
    fc.assert(
      fc.property(expressionArb, sloppinessArb, (expression, sloppiness) => {
        const sloppy = sloppyExpression(expression, sloppiness);
        const once = formatText(sloppy);
        expect(once).toBe(format(expression));
        expect(formatText(once!)).toBe(once);
        expect(strip(parse(once!).query.where)).toEqual(strip(parse(sloppy).query.where));
      }),
      { numRuns: 300 },
    );
  });

  it("an encoded query string stays encoded and idempotent", () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const encoded = toQueryString(query);
        const once = formatText(encoded);
        expect(once).toBeDefined();
        expect(formatText(once!)).toBe(once);
        expect(strip(parse(once!).query)).toEqual(strip(parse(encoded).query));
      }),
      { numRuns: 300 },
    );
  });

  it("a where value pasted sloppily encoded formats to the same tree", () => {
    fc.assert(
      fc.property(expressionArb, sloppinessArb, (expression, sloppiness) => {
        const text = `where=${sloppyEncode(sloppyExpression(expression, sloppiness), sloppiness)}`;
        const out = formatText(text);
        expect(out).toBeDefined();
        expect(strip(parse(out!).query.where)).toEqual(strip(parse(text).query.where));
      }),
      { numRuns: 200 },
    );
  });
});

describe("getCodeActions", () => {
  const text = "name eq web and id Eq 1";
  const diagnostics = getDiagnostics(text);

  it("offers the fix of each diagnostic under the cursor, preferred when safe", () => {
    const actions = getCodeActions(text, { start: 9, end: 9 }, diagnostics);
    const quickfixes = actions.filter((a) => a.kind === "quickfix");
    expect(quickfixes.map((a) => [a.title, a.isPreferred])).toEqual([["Quote the value: 'web'", true]]);
    expect(applyEdits(text, quickfixes[0]!.edits)).toBe("name eq 'web' and id Eq 1");
    expect(quickfixes[0]!.diagnostics.map((d) => d.code)).toEqual(["unquoted-value"]);
  });

  it("a cursor at the edge of a diagnostic still touches it", () => {
    const titles = getCodeActions(text, { start: 7, end: 7 }, diagnostics).filter((a) => a.kind === "quickfix").map((a) => a.title);
    expect(titles).toEqual(["Write 'EQ'"]);
  });

  it("fix all applies every safe fix at once, as applyFixes does", () => {
    const fixAll = getCodeActions(text, { start: 0, end: 0 }, diagnostics).find((a) => a.kind === "source.fixAll");
    expect(fixAll?.diagnostics).toHaveLength(4);
    const fixed = applyEdits(text, fixAll!.edits);
    expect(fixed).toBe("name EQ 'web' AND id EQ 1");
    expect(fixed).toBe(applyFixes(text, diagnostics));
  });

  it("an unsafe fix (a guess) is offered but not preferred, and is left out of fix all", () => {
    const typo = "nmae EQ 'web' and id eq 1";
    const found = getDiagnostics(typo, { schema: schemas.vm.host });
    const actions = getCodeActions(typo, { start: 1, end: 1 }, found);
    const guess = actions.find((a) => a.diagnostics[0]?.code === "unknown-field");
    expect(guess?.isPreferred).toBe(false);
    expect(applyEdits(typo, guess!.edits)).toBe("name EQ 'web' and id eq 1");
    const fixAll = actions.find((a) => a.kind === "source.fixAll");
    expect(fixAll?.diagnostics.map((d) => d.code)).toEqual(["keyword-case", "keyword-case"]);
  });

  it("offers nothing for diagnostics of another, shorter text", () => {
    expect(getCodeActions("a", { start: 0, end: 1 }, diagnostics)).toEqual([]);
  });

  it("every action's edits, applied, give text whose problems it fixed are gone", () => {
    fc.assert(
      fc.property(expressionArb, sloppinessArb, fc.nat(), (expression, sloppiness, at) => {
        const sloppy = sloppyExpression(expression, sloppiness).replace(/'/g, "");
        const found = getDiagnostics(sloppy);
        const offset = sloppy.length === 0 ? 0 : at % sloppy.length;
        for (const action of getCodeActions(sloppy, { start: offset, end: offset }, found)) {
          const after = applyEdits(sloppy, action.edits);
          expect(after).not.toBe(sloppy);
          for (const edit of action.edits) expect(edit.end).toBeLessThanOrEqual(sloppy.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("getSemanticTokens", () => {
  it("colours the kitchen-sink filter from the parser's own tokens", () => {
    const tokens = getSemanticTokens(kitchenSink, { schema: schemas.vm.host });
    const shown = spans(kitchenSink, tokens);
    expect(shown.slice(0, 9)).toEqual([
      "parameter:where",
      "property:name",
      "operator:CP",
      "string:'%25web%25'",
      "keyword:AND",
      "keyword:NOT",
      "property:state",
      "operator:EQ",
      "string:'stopped'",
    ]);
    expect(shown).toContain("string:'O''Brien'");
    expect(shown).toContain("number:-2.50");
    expect(shown).toContain("enumMember:null");
    expect(shown).toContain("enumMember:false");
    expect(shown).toContain("string:'%D0%98%D0%BC%D1%8F'");
    expect(shown.slice(-8)).toEqual(["parameter:orderby", "property:cluster.name", "keyword:desc", "property:id", "parameter:limit", "number:0", "number:50", "parameter:current_instance"]);
  });

  it("follows the parser: AND as a field name is a property, eq in any case is an operator", () => {
    expect(spans("AND eq 1 and not x IS NOT null", getSemanticTokens("AND eq 1 and not x IS NOT null"))).toEqual([
      "property:AND",
      "operator:eq",
      "number:1",
      "keyword:and",
      "keyword:not",
      "property:x",
      "operator:IS",
      "keyword:NOT",
      "enumMember:null",
    ]);
  });

  it("marks unknown and deprecated fields with a schema, nothing without one", () => {
    const schema = schemas.vm.host.extend({ old_name: { type: "string", deprecated: { replacement: "name" } } });
    const text = "(nmae EQ 'a') AND (old_name EQ 'b') AND (name EQ 'c')";
    expect(spans(text, getSemanticTokens(text, { schema })).filter((s) => s.startsWith("property"))).toEqual(["property[unknown]:nmae", "property[deprecated]:old_name", "property:name"]);
    expect(spans(text, getSemanticTokens(text)).filter((s) => s.startsWith("property"))).toEqual(["property:nmae", "property:old_name", "property:name"]);
  });

  it("marks what the parser cannot read as invalid: a foreign operator, a malformed number, an unquoted value", () => {
    expect(spans("a = 1.", getSemanticTokens("a = 1."))).toEqual(["property:a", "invalid:=", "invalid:1."]);
    expect(spans("state EQ active", getSemanticTokens("state EQ active", { schema: schemas.vm.host }))).toEqual(["property:state", "operator:EQ", "invalid:active"]);
  });

  it("a parameter without a name has no name token; text past maxLength has only its parameter names", () => {
    const text = "?=5&where=(id EQ 1)";
    expect(spans(text, getSemanticTokens(text))).toEqual(["parameter:where", "property:id", "operator:EQ", "number:1"]);
    expect(spans(text, getSemanticTokens(text, { maxLength: 10 }))).toEqual(["parameter:where"]);
    expect(getSemanticTokens("(id EQ 1)", { maxLength: 8 })).toEqual([]);
  });

  it("tokens lie inside the text, in order, never overlapping, on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme-composite", maxLength: 60 }), queryArb.map((q) => toQueryString(q))), (text) => {
        let last = 0;
        for (const token of getSemanticTokens(text)) {
          expect(token.start).toBeGreaterThanOrEqual(last);
          expect(token.end).toBeGreaterThan(token.start);
          expect(token.end).toBeLessThanOrEqual(text.length);
          last = token.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});
