/**
 * getCompletions: the exact completion set at every offset of the kitchen-sink filter (a reviewed
 * file snapshot), explicit assertions at the key places, spelling in encoded text, the no-schema
 * behaviour, and properties: every item inserted into a prefix of a valid filter leaves no syntax
 * error before the end of the insertion, and no input makes it throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineSchema, getCompletions, parse, schemas, toQueryString, visit, type CompletionItem, type CompletionList, type FieldSpec, type QueryNode } from "../../src/index.js";
import { expressionOver, fieldArb, literalArb, queryArb, sloppinessArb, sloppyExpression } from "../helpers/arbitraries.js";
import { kitchenSink } from "../fixtures/filters.js";

const host = { schema: schemas.vm.host };

const labels = (list: CompletionList) => list.items.map((i) => i.label);
const item = (list: CompletionList, label: string): CompletionItem => {
  const found = list.items.find((i) => i.label === label);
  if (found === undefined) throw new Error(`no item '${label}' in ${labels(list).join(" ")}`);
  return found;
};
/** The completions with the cursor right after the first occurrence of `marker` in `text`. */
const after = (text: string, marker: string, options = host) => {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`'${marker}' is not in the text`);
  return getCompletions(text, at + marker.length, options);
};
const apply = (text: string, chosen: CompletionItem) => text.slice(0, chosen.range.start) + chosen.insertText + text.slice(chosen.range.end);

const whereFields = schemas.vm.host.paths.filter((f) => f.filterable && f.type !== "object").map((f) => f.path);
const sortFields = schemas.vm.host.paths.filter((f) => f.sortable).map((f) => f.path);

describe("kitchen sink, every offset", () => {
  /** `<where-fields>` / `<sort-fields>` stand for the exact field lists (written once in the header). */
  function abbreviate(shown: string[]): string {
    const out: string[] = [];
    for (let i = 0; i < shown.length; ) {
      const run = [whereFields, sortFields].find((fields) => fields.every((f, k) => shown[i + k] === f));
      if (run !== undefined) {
        out.push(run === whereFields ? "<where-fields>" : "<sort-fields>");
        i += run.length;
      } else out.push(shown[i++]!);
    }
    return out.join(" ");
  }

  /** 14 characters either side; `│` is the cursor, `⟦…⟧` the range an item replaces. */
  function view(text: string, offset: number, start: number, end: number): string {
    const from = Math.max(0, Math.min(start, offset) - 14);
    const to = Math.min(text.length, Math.max(end, offset) + 14);
    const mark = start === end ? `${text.slice(from, offset)}│${text.slice(offset, to)}` : `${text.slice(from, start)}⟦${text.slice(start, offset)}│${text.slice(offset, end)}⟧${text.slice(end, to)}`;
    return (from > 0 ? "…" : " ") + mark + (to < text.length ? "…" : " ");
  }

  it("matches the reviewed snapshot", async () => {
    const lines = [
      "getCompletions(kitchenSink, offset, { schema: schemas.vm.host }) at every offset of the kitchen-sink filter.",
      "One line per offset: offset, the text around the cursor (│ the cursor, ⟦…⟧ the range the items replace), the labels in order",
      "(label→insertText where the inserted text differs from the label).",
      `<where-fields> = ${whereFields.join(" ")}`,
      `<sort-fields> = ${sortFields.join(" ")}`,
      "",
    ];
    for (let offset = 0; offset <= kitchenSink.length; offset++) {
      const list = getCompletions(kitchenSink, offset, host);
      const shown = list.items.map((i) => (i.insertText === i.label ? i.label : `${i.label}→${i.insertText}`));
      lines.push(`${String(offset).padStart(3)} ${view(kitchenSink, offset, list.range.start, list.range.end)}  ${abbreviate(shown)}`.trimEnd());
    }
    await expect(lines.join("\n") + "\n").toMatchFileSnapshot("__snapshots__/kitchen-sink-completions.txt");
  });

  it("every list has one range, holding the cursor, and every item uses it", () => {
    for (let offset = 0; offset <= kitchenSink.length; offset++) {
      const list = getCompletions(kitchenSink, offset, host);
      expect(list.range.start).toBeLessThanOrEqual(offset);
      expect(list.range.end).toBeGreaterThanOrEqual(offset);
      for (const i of list.items) expect(i.range).toEqual(list.range);
    }
  });
});

describe("key places of the kitchen sink", () => {
  it("after '(' : the filterable fields with type and description, NOT and '('", () => {
    const list = after(kitchenSink, "where=(");
    expect(labels(list)).toEqual([...whereFields, "NOT", "("]);
    expect(list.range.start).toBe(list.range.end - "name".length); // the field after the cursor is replaced
    expect(item(list, "cluster.name")).toMatchObject({ kind: "field", detail: "string", insertText: "cluster.name" });
    expect(item(list, "cluster.name").documentation).toContain("Name of the cluster");
    expect(item(list, "ip4.ip").detail).toBe("string, in a list (any element matches)");
    expect(labels(list)).not.toContain("ip4"); // an array of objects: compare its members
  });

  it("after a text field: every operator, and the null checks spelled with '+'", () => {
    const list = after(kitchenSink, "(name+");
    expect(labels(list)).toEqual(["EQ", "NE", "GT", "GE", "LT", "LE", "CP", "IS null", "IS NOT null"]);
    expect(item(list, "IS NOT null").insertText).toBe("IS+NOT+null");
    expect(item(list, "CP").detail).toBe("matches a mask (% is any text)");
  });

  it("after a numeric, a boolean and a never-null field: only the operators the validator accepts", () => {
    expect(labels(after(kitchenSink, "(cpu_number+"))).toEqual(["EQ", "NE", "GT", "GE", "LT", "LE", "IS null", "IS NOT null"]);
    expect(labels(after(kitchenSink, "(disabled+"))).toEqual(["EQ", "NE", "IS null", "IS NOT null"]);
    expect(labels(after(kitchenSink, "(id+"))).toEqual(["EQ", "NE", "GT", "GE", "LT", "LE"]);
  });

  it("after CP on a text field: a mask and a string, encoded, the cursor inside the quotes", () => {
    const text = "where=(name+CP+";
    const list = getCompletions(text, text.length, host);
    expect(list.items.map((i) => [i.label, i.insertText, i.cursorOffset])).toEqual([
      ["'%…%'", "'%25%25'", 4],
      ["'…'", "''", 1],
    ]);
    expect(list.range).toEqual({ start: text.length, end: text.length });
    // before the kitchen sink's string the cursor is at the string: it is what would be replaced,
    // and a text field has no whole value to propose
    const before = after(kitchenSink, "(name+CP+");
    expect(kitchenSink.slice(before.range.start, before.range.end)).toBe("'%25web%25'");
    expect(labels(before)).toEqual([]);
  });

  it("between a doubled quote the cursor is inside the string", () => {
    const list = after(kitchenSink, "'O'");
    expect(kitchenSink.slice(list.range.start, list.range.end)).toBe("'O''Brien'");
    expect(labels(list)).toEqual([]);
  });

  it("after an operator of a boolean field: true and false; of a number: nothing to guess", () => {
    expect(labels(after(kitchenSink, "(disabled+EQ+"))).toEqual(["true", "false"]);
    expect(labels(after(kitchenSink, "(ram_mib+LT+"))).toEqual([]);
  });

  it("after IS: null and NOT null; after IS NOT: null", () => {
    const list = after(kitchenSink, "(owner_email+IS+");
    expect(list.items.map((i) => [i.label, i.insertText, i.kind])).toEqual([
      ["null", "null", "keyword"],
      ["NOT null", "NOT+null", "keyword"],
    ]);
    expect(labels(after(kitchenSink, "(comment+IS+NOT+"))).toEqual(["null"]);
  });

  it("after ')': AND, OR, ')' inside a bracket, '&' at the end of the where", () => {
    const inner = after(kitchenSink, "(cpu_number+GE+-2.50)");
    expect(labels(inner)).toEqual(["AND", "OR", ")"]);
    expect(item(inner, "AND").insertText).toBe("+AND"); // right after ')': a separator first
    expect(labels(after(kitchenSink, "(ram_mib+LT+1024))"))).toEqual(["AND", "OR", "&"]);
    expect(labels(after(kitchenSink, "(ram_mib+LT+1024))+"))).toEqual(["AND", "OR", "&"]);
    expect(item(after(kitchenSink, "(ram_mib+LT+1024))+"), "AND").insertText).toBe("AND");
  });

  it("in orderby: sortable fields, then asc/desc, ',' and '&'", () => {
    const fields = after(kitchenSink, "orderby=");
    expect(labels(fields)).toEqual(sortFields);
    expect(labels(fields)).not.toContain("ip4.ip"); // through an array: not sortable
    expect(labels(after(kitchenSink, "orderby=cluster.name+"))).toEqual(["asc", "desc", ",", "&"]);
    expect(item(after(kitchenSink, "orderby=cluster.name+"), "desc").kind).toBe("direction");
    expect(labels(after(kitchenSink, "orderby=cluster.name+desc,"))).toEqual(sortFields);
  });

  it("on a parameter name: the parameters not given elsewhere, replacing the name and its '='", () => {
    const list = after(kitchenSink, "&lim");
    expect(labels(list)).toEqual(["limit="]);
    expect(kitchenSink.slice(list.range.start, list.range.end)).toBe("limit=");
    expect(labels(after(kitchenSink, "host?"))).toEqual(["where="]);
  });

  it("nothing in the URL's address, inside a number, inside a string of a text field, in an unknown parameter's value", () => {
    expect(labels(after(kitchenSink, "https://dom"))).toEqual([]);
    expect(labels(after(kitchenSink, "+LT+10"))).toEqual([]);
    expect(labels(after(kitchenSink, "'%25w"))).toEqual([]);
    expect(labels(after(kitchenSink, "current_instance=tr"))).toEqual([]);
  });
});

describe("context", () => {
  const vm = { schema: schemas.vm.host.extend({ status: { type: "enum", values: ["active", "stopped"] }, legacy: { type: "string", deprecated: { replacement: "name" } } }) };

  it("enum values after an operator, and in the quotes they replace the whole string", () => {
    expect(labels(getCompletions("status EQ ", 10, vm))).toEqual(["'active'", "'stopped'"]);
    const text = "status EQ 'ac' AND id EQ 1";
    const list = getCompletions(text, 13, vm);
    expect(labels(list)).toEqual(["'active'", "'stopped'"]);
    expect(apply(text, item(list, "'active'"))).toBe("status EQ 'active' AND id EQ 1");
  });

  it("after an object field (an array of objects): no comparison fits, only the null checks", () => {
    expect(labels(getCompletions("(ip4 ", 5, host))).toEqual(["IS null", "IS NOT null"]);
  });

  it("an enum declared without values (a JSON schema file may omit them) gets no value proposals", () => {
    const schema = defineSchema({ kind: { type: "enum" } as unknown as FieldSpec });
    expect(item(getCompletions("", 0, { schema }), "kind").detail).toBe("enum");
    expect(labels(getCompletions("(kind EQ ", 9, { schema }))).toEqual([]);
    expect(labels(getCompletions("(kind CP ", 9, { schema }))).toEqual(["'%…%'"]);
  });

  it("deprecated fields come last, marked", () => {
    const list = getCompletions("", 0, vm);
    const legacy = item(list, "legacy");
    expect(legacy).toMatchObject({ deprecated: true, detail: "string (deprecated)" });
    expect(legacy.documentation).toContain("use `name`");
    expect(labels(list).indexOf("legacy")).toBeGreaterThan(labels(list).indexOf("status"));
    expect(list.items.map((i) => i.sortText)).toEqual([...list.items.map((i) => i.sortText)].sort());
  });

  it("at the start of a bare expression: fields, NOT, '(' and the parameter names", () => {
    expect(labels(getCompletions("", 0, host)).slice(-5)).toEqual(["NOT", "(", "where=", "orderby=", "limit="]);
    expect(labels(getCompletions("(", 1, host))).not.toContain("where=");
  });

  it("replaces the whole word under the cursor, the part after it too", () => {
    const text = "(clu.name EQ 1)";
    const list = getCompletions(text, 3, host);
    expect(list.range).toEqual({ start: 1, end: 9 });
    expect(apply(text, item(list, "cluster.name"))).toBe("(cluster.name EQ 1)");
  });

  it("reads the text before the cursor only: the text after it may be anything", () => {
    expect(labels(getCompletions("(name EQ 'a') AND ))) 'x EQ", 18, host))).toEqual([...whereFields, "NOT", "("]);
    expect(labels(getCompletions("(a EQ 1) AND (b ", 16))).toEqual(["EQ", "NE", "GT", "GE", "LT", "LE", "CP", "IS null", "IS NOT null"]);
  });

  it("recovers from broken text before the cursor", () => {
    expect(labels(getCompletions("(id EQ ) AND (name ", 19, host))).toContain("CP"); // a missing value
    expect(labels(getCompletions("(id = 1) ", 9, host))).toEqual(["AND", "OR"]); // a foreign operator, ')' closed
    expect(labels(getCompletions("((id EQ 1) ", 11, host))).toEqual(["AND", "OR", ")"]); // one bracket still open
    expect(labels(getCompletions("(id EQ 1)) ", 11, host))).toEqual(["AND", "OR"]); // a stray ')'
    expect(labels(getCompletions("id EQ -", 7, host))).toEqual([]); // a number being typed
  });

  it("after IS or IS NOT a value stands for null (the parser reads it so): then AND, OR", () => {
    expect(labels(getCompletions("name IS 'x' ", 12, host))).toEqual(["AND", "OR"]);
    expect(labels(getCompletions("name IS NOT 'x' ", 16, host))).toEqual(["AND", "OR"]);
  });

  it("AND/OR, '(' or NOT where an operator, a value or null belongs start a new condition", () => {
    const condition = [...whereFields, "NOT", "("];
    expect(labels(getCompletions("name AND ", 9, host))).toEqual(condition); // a missing operator
    expect(labels(getCompletions("name EQ AND ", 12, host))).toEqual(condition); // a missing value
    expect(labels(getCompletions("name IS AND ", 12, host))).toEqual(condition); // a missing null
    expect(labels(getCompletions("name IS NOT ( ", 14, host))).toEqual(condition);
    expect(labels(getCompletions("(name EQ 1 x ", 13, host))).toEqual(["EQ", "NE", "GT", "GE", "LT", "LE", "CP", "IS null", "IS NOT null"]); // a condition without AND
  });

  it("a word typed right before a quote is replaced as a word, the string after it is kept", () => {
    const list = getCompletions("name EQ x'a'", 9, host);
    expect(list.range).toEqual({ start: 8, end: 9 });
    expect(labels(list)).toEqual(["'…'"]);
  });

  it("in orderby: after a complete key ',' and '&'; a second field without ',' still waits for a direction", () => {
    expect(labels(getCompletions("?orderby=name+asc+", 18, host))).toEqual([",", "&"]);
    expect(item(getCompletions("?orderby=name+asc+", 18, host), ",")).toMatchObject({ kind: "punctuation", insertText: ",", detail: "another sort key" });
    expect(labels(getCompletions("?orderby=name+id+", 17, host))).toEqual(["asc", "desc", ",", "&"]);
    expect(labels(getCompletions("?orderby='a", 11, host))).toEqual([]); // in a string: no sort key is quoted
  });

  it("in limit: ',' after the offset, '&' after the count, nothing where a number belongs", () => {
    const comma = getCompletions("?limit=5+", 9, host);
    expect(comma.items.map((i) => [i.label, i.insertText, i.detail])).toEqual([
      [",", ",", "then the count"],
      ["&", "&", "next parameter"],
    ]);
    expect(labels(getCompletions("?limit=5,10+", 12, host))).toEqual(["&"]);
    expect(labels(getCompletions("?limit=", 7, host))).toEqual([]);
    expect(labels(getCompletions("?limit=5,", 9, host))).toEqual([]);
    expect(labels(getCompletions("?limit=5,10", 11, host))).toEqual([]); // the count being typed
    expect(labels(getCompletions("?limit=x,", 9, host))).toEqual([]); // no offset: still expects one
    expect(labels(getCompletions("?limit='a", 9, host))).toEqual([]);
  });

  it("keyword-named fields: a word is a field where a condition starts", () => {
    expect(labels(getCompletions("(desc ", 6))).toContain("EQ");
    expect(labels(getCompletions("(is ", 4))).toContain("EQ");
    expect(labels(getCompletions("NOT ", 4, host))).toContain("name");
  });

  it("without a schema: the fields the text already uses, and every operator and value kind", () => {
    const text = "where=(name EQ 'x') AND (cluster.id GT 2) AND (&orderby=ram_mib";
    const list = getCompletions(text, text.indexOf("(&") + 1);
    expect(labels(list)).toEqual(["name", "cluster.id", "ram_mib", "NOT", "("]);
    expect(item(list, "name").detail).toBe("field used in this filter");
    expect(labels(getCompletions("(x EQ ", 6))).toEqual(["'…'", "true", "false"]);
    expect(labels(getCompletions("(x CP ", 6))).toEqual(["'%…%'", "'…'"]);
    // the word being typed is not proposed back to itself
    expect(labels(getCompletions("(nam", 4))).toEqual(["NOT", "("]);
  });

  it("spells insertions as the parameter is written: %20, %27, raw spaces, plain in a bare expression", () => {
    expect(item(getCompletions("where=(name%20CP%20", 19, host), "'%…%'").insertText).toBe("'%25%25'");
    expect(item(getCompletions("where=(a%20EQ%20%271%27)", 24, host), "AND").insertText).toBe("%20AND");
    expect(item(getCompletions("where=(a%20EQ%20%271%27)%20OR%20(name%20EQ%20", 45, host), "'…'")).toMatchObject({ insertText: "%27%27", cursorOffset: 3 });
    expect(item(getCompletions("where=(a EQ 1) ", 15, host), "AND").insertText).toBe("AND");
    expect(item(getCompletions("(name CP ", 9, host), "'%…%'")).toMatchObject({ insertText: "'%%'", cursorOffset: 2 });
    expect(item(getCompletions("(a EQ 1)", 8, host), "AND").insertText).toBe(" AND");
  });

  it("no items inside a percent escape, and an empty list past maxLength", () => {
    expect(labels(getCompletions("where=(a%20EQ", 9, host))).toEqual([]);
    expect(getCompletions("(a EQ 1) ", 9, { maxLength: 4 }).items).toEqual([]);
  });
});

/**
 * Fields named like keywords are left out of the generated filters: such a word reads as a field
 * only once its operator follows (`and EQ 1`), so a prefix ending in one (`(x EQ 1) OR (and `) has
 * an error before the cursor that no completion could avoid.
 */
const KEYWORD = /^(and|or|not|is|null|true|false|eq|ne|gt|ge|lt|le|cp|asc|desc)$/i;
const plainField = fieldArb.filter((f) => !KEYWORD.test(f.name));
const plainExpression = expressionOver(plainField, literalArb);

function namesKeywordField(query: QueryNode): boolean {
  let found = false;
  visit(query, {
    Field: (f) => {
      if (KEYWORD.test(f.name)) found = true;
    },
  });
  return found;
}

/** Valid filters: URL-encoded canonical queries, and bare expressions in sloppy case, brackets and spacing. */
const validFilter = fc.oneof(
  queryArb.filter((q) => !namesKeywordField(q)).map((q) => toQueryString(q)),
  fc.tuple(plainExpression, sloppinessArb).map(([e, s]) => sloppyExpression(e, s)),
);

describe("properties", () => {
  it("every item, inserted into any prefix of a valid filter, leaves no syntax error before the end of the insertion", () => {
    let tried = 0;
    fc.assert(
      fc.property(validFilter, fc.nat(), fc.boolean(), (filter, cut, withSchema) => {
        fc.pre(!parse(filter).diagnostics.some((d) => d.severity === "error"));
        const prefix = filter.slice(0, cut % (filter.length + 1));
        const list = getCompletions(prefix, prefix.length, withSchema ? host : {});
        for (const chosen of list.items) {
          tried++;
          const text = apply(prefix, chosen);
          const insertEnd = chosen.range.start + chosen.insertText.length;
          // a parameter name just inserted has no value yet: `empty-parameter` up to the end is what comes next
          const errors = parse(text).diagnostics.filter((d) => d.severity === "error" && d.start < insertEnd && !(d.code === "empty-parameter" && d.end === text.length));
          if (errors.length > 0) throw new Error(`'${chosen.label}' in ${JSON.stringify(prefix)} gives ${JSON.stringify(text)}: ${errors.map((d) => `${d.code} ${d.start}-${d.end}`).join(", ")}`);
        }
      }),
      { numRuns: 3000 },
    );
    expect(tried).toBeGreaterThan(6000); // the property was not vacuous
  });

  it("never throws on any text and offset; the range holds the cursor and lies in the text", () => {
    const texts = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 40 }).map((s) => `where=${s}`), fc.constantFrom(kitchenSink), validFilter);
    fc.assert(
      fc.property(texts, fc.integer({ min: -3, max: 500 }), fc.boolean(), (text, offset, withSchema) => {
        const list = getCompletions(text, offset, withSchema ? host : {});
        const cursor = Math.max(0, Math.min(text.length, offset));
        expect(0 <= list.range.start && list.range.start <= cursor && cursor <= list.range.end && list.range.end <= text.length).toBe(true);
        for (const i of list.items) expect(i.insertText.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
    expect(getCompletions("abc", Number.NaN).range).toEqual({ start: 0, end: 3 });
  });
});
