/**
 * getHover: fields (schema type and description, unknown with did-you-mean, no schema), operators,
 * keywords, parameter names, decoded literals and exact numbers, on the kitchen sink and on broken
 * text; and, as a property, no throw and a range holding the offset on any input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompareOperators, defineSchema, getHover, schemas, type FieldSpec, type HoverInfo } from "../../src/index.js";
import { kitchenSink } from "../fixtures/filters.js";

const host = { schema: schemas.vm.host };

/** The hover with the cursor on the first character of the first occurrence of `marker` (after `skip` characters). */
function on(text: string, marker: string, options: object = host, skip = 0): HoverInfo & { hovered: string } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`'${marker}' is not in the text`);
  const hover = getHover(text, at + skip, options);
  if (hover === undefined) throw new Error(`no hover on '${marker}'`);
  return { ...hover, hovered: text.slice(hover.range.start, hover.range.end) };
}

describe("fields", () => {
  it("type, description and uses from the schema", () => {
    const hover = on(kitchenSink, "cluster.name+EQ", host, 3);
    expect(hover.hovered).toBe("cluster.name");
    expect(hover.contents).toBe(
      "`cluster.name`: string\n\nName of the cluster (the official example sorts by it: `orderby=cluster.name desc`).\n\nfilterable, sortable, may be null.",
    );
    expect(on(kitchenSink, "(id+GT", host, 1).contents).toContain("never null");
    expect(on(kitchenSink, "id&limit").contents).toMatch(/^`id`: integer/); // a sort key's field
  });

  it("an unknown field says so, with did-you-mean", () => {
    expect(on("(nmae EQ 'x')", "nmae").contents).toBe("`nmae`: unknown field in vm.host. Did you mean 'name' or 'node'?");
    expect(on(kitchenSink, "owner_email").contents).toBe("`owner_email`: unknown field in vm.host.");
  });

  it("a deprecated field: the reason and the replacement when given; a field through an array is not sortable", () => {
    const schema = schemas.vm.host.extend({
      old_name: { type: "string", deprecated: { replacement: "name", reason: "renamed in 6.2" } },
      gone: { type: "string", filterable: false, deprecated: { reason: "always empty" } },
    });
    expect(on("(old_name EQ 'x')", "old_name", { schema }).contents).toBe("`old_name`: string (deprecated)\n\n**Deprecated** (renamed in 6.2): use `name`.\n\nfilterable, sortable, may be null.");
    expect(on("(gone EQ 'x')", "gone", { schema }).contents).toBe("`gone`: string (deprecated)\n\n**Deprecated** (always empty).\n\nnot filterable, sortable, may be null.");
    expect(on("(ip4.ip EQ 'x')", "ip4.ip").contents).toMatch(/^`ip4\.ip`: string, in a list \(any element matches\)\n\n.*\n\nfilterable, not sortable, may be null\.$/s);
  });

  it("an unknown field of an unnamed schema; an enum declared without values (a JSON schema file may omit them)", () => {
    const schema = defineSchema({ id: "integer", kind: { type: "enum" } as unknown as FieldSpec });
    expect(on("(ide EQ 1)", "ide", { schema }).contents).toBe("`ide`: unknown field. Did you mean 'id'?");
    expect(on("(kind EQ 'a')", "kind", { schema }).contents).toBe("`kind`: enum\n\nfilterable, sortable, may be null.");
  });

  it("without a schema: a field of unknown type", () => {
    expect(on("(name EQ 'x')", "name", {}).contents).toBe("`name`: a field. No schema was given, so its type is not known.");
  });

  it("a field named like a keyword is a field, and an unquoted value is not", () => {
    expect(on("(desc EQ 'x')", "desc", {}).contents).toMatch(/^`desc`: a field/);
    expect(on("(state EQ active)", "active").contents).toBe("`active`: an unquoted word. Text values go in single quotes: `'active'`.");
  });
});

describe("operators and keywords", () => {
  it("every comparison operator has its own meaning", () => {
    const texts = CompareOperators.map((op) => on(`(a ${op} 1)`, op, {}).contents);
    CompareOperators.forEach((op, i) => expect(texts[i]!.startsWith(`\`${op}\`: `)).toBe(true));
    expect(new Set(texts).size).toBe(CompareOperators.length);
    expect(on(kitchenSink, "CP").contents).toMatch(/^`CP`: matches a mask \(% is any text\)\n\n.*`%25`/s);
  });

  it("AND, OR, NOT, IS, null, true, false, asc, desc in any case", () => {
    expect(on(kitchenSink, "AND").contents).toMatch(/^`AND`: both conditions hold/);
    expect(on(kitchenSink, "OR").contents).toMatch(/^`OR`: either condition holds/);
    expect(on(kitchenSink, "NOT+(state").contents).toMatch(/^`NOT`: negates the next condition or group/);
    expect(on(kitchenSink, "IS+null").contents).toMatch(/^`IS`: null check/);
    expect(on(kitchenSink, "null)").contents).toMatch(/^`null`: no value/);
    expect(on(kitchenSink, "true)").contents).toMatch(/^`true`: boolean true/);
    expect(on("(a eq 1) and (b is NULL)", "and", {}).contents).toMatch(/^`AND`/);
    expect(on("(a eq 1) and (b is NULL)", "NULL", {}).contents).toMatch(/^`null`/);
    expect(on(kitchenSink, "desc").contents).toMatch(/^`desc`: descending/);
  });

  it("a foreign operator: how this language writes it", () => {
    expect(on("(a != 1)", "!=", {}).contents).toBe("`!=` is not an operator of this language: write `NE` (does not equal).");
    expect(on("(a << 1)", "<<", {}).contents).toBe("`<<` is not an operator of this language.");
  });
});

describe("literals", () => {
  it("a percent-encoded string shows its decoded value", () => {
    const cyrillic = on(kitchenSink, "'%D0%98");
    expect(cyrillic.hovered).toBe("'%D0%98%D0%BC%D1%8F'");
    expect(cyrillic.contents).toBe("Text value: `Имя`\n\nWritten URL-encoded as `'%D0%98%D0%BC%D1%8F'`.");
    expect(on(kitchenSink, "'%25web").contents).toBe("Text value: `%web%`\n\nWritten URL-encoded as `'%25web%25'`.\n\nAs a CP mask it contains `web`.");
    expect(on(kitchenSink, "'O''Brien'").contents).toBe("Text value: `O'Brien`");
  });

  it("CP masks in words", () => {
    expect(on("(a CP 'web%')", "'web", {}).contents).toContain("As a CP mask it starts with `web`.");
    expect(on("(a CP 'web')", "'web", {}).contents).toContain("equals `web` (a whole-value match: the mask has no `%`)");
    expect(on("(a CP '%%')", "'%%", {}).contents).toBe("Text value: `%%`\n\nAs a CP mask it matches any text.");
    expect(on("(a CP '%.ru')", "'%", {}).contents).toContain("As a CP mask it ends with `.ru`.");
    expect(on("(a CP 'a%b%')", "'a", {}).contents).toContain("As a CP mask it matches the mask `a%b%` (`%` is any text).");
    expect(on("(a CP 'a%')", "'a", {}).contents).toContain("As a CP mask it starts with `a`.");
  });

  it("a value holding backticks is fenced with a longer run of them", () => {
    expect(on("(a EQ 'x`y')", "'x", {}).contents).toBe("Text value: `` x`y ``");
    expect(on("(a EQ 'x``y')", "'x", {}).contents).toBe("Text value: ``` x``y ```");
  });

  it("an empty string is shown as empty", () => {
    expect(on("(a EQ '')", "''", {}).contents).toBe("Text value: empty");
    expect(on("a EQ '", "'", {}).contents).toBe("Text value: empty (the closing quote is missing)");
  });

  it("numbers: the exact value, and where a float would differ", () => {
    expect(on(kitchenSink, "-2.50").contents).toBe("Number: `-2.5` (exact decimal, written `-2.50`)");
    expect(on(kitchenSink, "9007199254740993").contents).toBe(
      "Number: `9007199254740993` (exact decimal)\n\nA JavaScript number would read it as `9007199254740992`; vmfilter keeps every digit.",
    );
    expect(on("(a EQ 1e5)", "1e5", {}).contents).toBe("`1e5` is not a number of this language (`[-]digits[.digits]`); it would mean `100000`.");
    expect(on("(a EQ 1e999999)", "1e9", {}).contents).toBe("`1e999999` is not a number of this language (`[-]digits[.digits]`).");
    expect(on("(a EQ 1.2.3)", "1.2", {}).contents).toBe("`1.2.3` is not a number of this language (`[-]digits[.digits]`).");
    // String(Number(…)) in exponent form: no digits to show
    expect(on("(a EQ 100000000000000000000001)", "1000", {}).contents).toBe(
      "Number: `100000000000000000000001` (exact decimal)\n\nA JavaScript number would round it; vmfilter keeps every digit.",
    );
  });

  it("limit numbers: offset and count", () => {
    expect(on(kitchenSink, "0,50").contents).toBe("Offset: `0`, the number of rows skipped (from 0).");
    expect(on(kitchenSink, "50&").contents).toBe("Count: `50`, the number of rows returned.");
    expect(on("limit=20", "20", {}).contents).toContain("`limit=N` is read as `0,N`");
  });
});

describe("parameters and places without a hover", () => {
  it("parameter names, known and unknown", () => {
    const where = on(kitchenSink, "where=");
    expect(where.hovered).toBe("where");
    expect(where.contents).toMatch(/^`where=`: which records: a condition\n\n/);
    expect(on(kitchenSink, "current_instance").contents).toBe("`current_instance`: not a filter parameter; it is passed through unchanged.");
    expect(on("wehre=(a EQ 1)", "wehre", {}).contents).toContain("Did you mean 'where'?");
  });

  it("the word ending at the cursor is hovered; brackets, the address and out-of-range offsets are not", () => {
    expect(getHover("(name EQ 1)", 5, host)?.range).toEqual({ start: 1, end: 5 });
    expect(getHover("(name EQ 1)", 0, host)).toBeUndefined();
    expect(getHover(kitchenSink, 5, host)).toBeUndefined();
    expect(getHover("(a EQ 1)", -1)).toBeUndefined();
    expect(getHover("(a EQ 1)", 99)).toBeUndefined();
    expect(getHover("(a EQ 1)", 2, { maxLength: 7 })).toBeUndefined(); // longer than maxLength
    expect(getHover("(a EQ 1)", 2, { maxLength: 8 })?.range).toEqual({ start: 1, end: 2 });
  });

  it("broken text still gets hovers from its tokens", () => {
    expect(on("(name EQ 'x' AND (id", "'x'").contents).toBe("Text value: `x`");
    expect(on("(name CP 'abc", "'abc").contents).toBe(
      "Text value: `abc` (the closing quote is missing)\n\nAs a CP mask it equals `abc` (a whole-value match: the mask has no `%`).",
    );
  });
});

describe("property", () => {
  it("never throws; a hover's range holds the offset and lies in the text", () => {
    const texts = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 40 }).map((s) => `where=${s}&orderby=${s}&limit=${s}`), fc.constantFrom(kitchenSink));
    fc.assert(
      fc.property(texts, fc.integer({ min: -2, max: 420 }), fc.boolean(), (text, offset, withSchema) => {
        const hover = getHover(text, offset, withSchema ? host : {});
        if (hover === undefined) return;
        expect(hover.range.start <= offset && offset <= hover.range.end && hover.range.end <= text.length && hover.range.start >= 0).toBe(true);
        expect(hover.contents.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });
});
