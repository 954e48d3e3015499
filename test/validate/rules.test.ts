/**
 * Every validation rule and server limit, one by one: a positive case with the exact code,
 * severity, range, fix and fixed text, and a negative case that must stay silent. Then rule
 * configuration, trees without source, partial trees, URL-encoded fixes and the API error shape.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  analyze,
  applyFixes,
  defineSchema,
  parse,
  rules,
  toApiError,
  validate,
  INVALID_FILTER_CODE,
  INVALID_FILTER_STATUS,
  type AnalyzeOptions,
  type ComparisonNode,
  type Diagnostic,
  type QueryNode,
  type Severity,
  type TextEdit,
} from "../../src/index.js";

const schema = defineSchema(
  {
    id: { type: "integer", nullable: false },
    name: "string",
    state: { type: "enum", values: ["active", "stopped", "creating"] },
    phase: { type: "enum", values: ["in progress", "done"] },
    flag: "boolean",
    ram: "number",
    created: "datetime",
    cluster: { type: "reference", fields: { name: "string" } },
    tags: { type: "array", of: "string" },
    roles: { type: "array", of: { type: "enum", values: ["admin", "user"] } },
    ip4: { type: "array", of: { ip: "string" } },
    meta: { type: "object", fields: { kind: "string" } },
    old_name: { type: "string", deprecated: { replacement: "name", reason: "renamed in 6.2" } },
    legacy: { type: "integer", deprecated: true },
    secret: { type: "string", filterable: false },
    comment: { type: "string", sortable: false },
  },
  { name: "test.host" },
);

function diagnosticsOf(input: string, options: AnalyzeOptions = {}): Diagnostic[] {
  return analyze(input, { schema, ...options }).diagnostics;
}

interface Expected {
  readonly severity: Severity;
  /** `input.slice(start, end)` of the diagnostic. */
  readonly text: string;
  readonly start: number;
  readonly message?: string;
  /** The fix's edits, or null when there must be no fix. */
  readonly edits: readonly TextEdit[] | null;
  readonly title?: string;
  /** The input with only this diagnostic's fix applied. */
  readonly fixed?: string;
}

/** Asserts that `input` gets exactly one diagnostic with `code`, as described; returns it. */
function expectOne(input: string, code: string, expected: Expected, options: AnalyzeOptions = {}): Diagnostic {
  const found = diagnosticsOf(input, options).filter((d) => d.code === code);
  expect(found, `${code} in ${input}`).toHaveLength(1);
  const d = found[0]!;
  expect(d.severity).toBe(expected.severity);
  expect(d.start).toBe(expected.start);
  expect(input.slice(d.start, d.end)).toBe(expected.text);
  if (expected.message !== undefined) expect(d.message).toBe(expected.message);
  if (expected.edits === null) {
    expect(d.fix).toBeUndefined();
  } else {
    expect(d.fix?.edits).toEqual(expected.edits);
    if (expected.title !== undefined) expect(d.fix?.title).toBe(expected.title);
  }
  if (expected.fixed !== undefined) expect(applyFixes(input, [d])).toBe(expected.fixed);
  return d;
}

/** Asserts that `input` gets no diagnostic with `code`. */
function expectNone(input: string, code: string, options: AnalyzeOptions = {}): void {
  expect(
    diagnosticsOf(input, options).filter((d) => d.code === code),
    `no ${code} in ${input}`,
  ).toEqual([]);
}

const RULE_IDS = [
  "unknown-field",
  "not-filterable",
  "not-sortable",
  "deprecated-field",
  "type-mismatch",
  "operator-type-mismatch",
  "unknown-enum-value",
  "null-check-on-non-nullable",
  "bare-number-on-string-field",
  "quoted-number",
  "no-mixed-and-or",
  "keyword-case",
  "cp-without-wildcard",
  "no-double-not",
  "no-duplicate-condition",
  "no-contradiction",
  "limit-count-zero",
  "multiple-sort-keys",
  "duplicate-sort-key",
];

describe("the rule set", () => {
  it("is the one this file tests, rule by rule, with the documented default severities", () => {
    expect(rules.map((r) => r.id)).toEqual(RULE_IDS);
    expect(Object.fromEntries(rules.map((r) => [r.id, r.severity]))).toEqual({
      "unknown-field": "error",
      "not-filterable": "error",
      "not-sortable": "error",
      "deprecated-field": "warning",
      "type-mismatch": "error",
      "operator-type-mismatch": "error",
      "unknown-enum-value": "error",
      "null-check-on-non-nullable": "hint",
      "bare-number-on-string-field": "warning",
      "quoted-number": "info",
      "no-mixed-and-or": "warning",
      "keyword-case": "hint",
      "cp-without-wildcard": "hint",
      "no-double-not": "warning",
      "no-duplicate-condition": "warning",
      "no-contradiction": "warning",
      "limit-count-zero": "warning",
      "multiple-sort-keys": "warning",
      "duplicate-sort-key": "warning",
    });
  });

  it("marks exactly the schema checks as needing a schema", () => {
    expect(rules.filter((r) => r.needsSchema).map((r) => r.id)).toEqual(RULE_IDS.slice(0, 10));
  });

  it("is documented in docs/validation.md, one heading per rule", () => {
    const text = readFileSync(new URL("../../docs/validation.md", import.meta.url), "utf8");
    const headings = [...text.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((m) => m[1]);
    for (const id of RULE_IDS) expect(headings).toContain(id);
    for (const code of ["limit-too-large", "too-many-conditions", "too-deep", "unknown-rule"]) expect(text).toContain(`\`${code}\``);
  });

  it("carries the rule id on every diagnostic a rule reports", () => {
    const { diagnostics } = analyze("(nme eq 'x') OR (id EQ 1) AND (name CP 'web')", { schema });
    for (const d of diagnostics) expect(d.rule).toBe(d.code);
  });
});

describe("schema rules", () => {
  describe("unknown-field", () => {
    it("reports a field the schema lacks, with the closest name as the fix", () => {
      expectOne("(nme EQ 'x')", "unknown-field", {
        severity: "error",
        start: 1,
        text: "nme",
        message: "Unknown field 'nme' in test.host. Did you mean 'name'?",
        title: "Replace with 'name'",
        edits: [{ start: 1, end: 4, newText: "name" }],
        fixed: "(name EQ 'x')",
      });
    });

    it("counts a change of case as one edit", () => {
      expectOne("Name EQ 'x'", "unknown-field", {
        severity: "error",
        start: 0,
        text: "Name",
        message: "Unknown field 'Name' in test.host. Did you mean 'name' or 'ram'?",
        edits: [{ start: 0, end: 4, newText: "name" }],
        fixed: "name EQ 'x'",
      });
    });

    it("suggests dotted paths, and fields in ORDERBY", () => {
      expectOne("cluster.nme EQ 'a'", "unknown-field", {
        severity: "error",
        start: 0,
        text: "cluster.nme",
        message: "Unknown field 'cluster.nme' in test.host. Did you mean 'cluster.name', 'cluster.id' or 'cluster'?",
        edits: [{ start: 0, end: 11, newText: "cluster.name" }],
        fixed: "cluster.name EQ 'a'",
      });
      expectOne("orderby=nmae desc", "unknown-field", {
        severity: "error",
        start: 8,
        text: "nmae",
        edits: [{ start: 8, end: 12, newText: "name" }],
        fixed: "orderby=name desc",
      });
    });

    it("offers no fix when two names are equally close, or none is close", () => {
      expectOne("nam EQ 'x'", "unknown-field", {
        severity: "error",
        start: 0,
        text: "nam",
        message: "Unknown field 'nam' in test.host. Did you mean 'name' or 'ram'?",
        edits: null,
      });
      expectOne("xyzzy EQ 1", "unknown-field", { severity: "error", start: 0, text: "xyzzy", message: "Unknown field 'xyzzy' in test.host.", edits: null });
      expectOne("__proto__ EQ 1", "unknown-field", { severity: "error", start: 0, text: "__proto__", edits: null });
    });

    it("accepts declared paths: nested members, the implied id, array members, a reference alone", () => {
      expectNone("(cluster.id EQ 1) AND (cluster.name EQ 'a') AND (cluster EQ 3) AND (ip4.ip EQ '1.2.3.4') AND (meta.kind EQ 'x')", "unknown-field");
      expectNone("orderby=cluster.name desc", "unknown-field");
    });

    it("does not run without a schema", () => {
      expect(analyze("nme EQ 'x'").diagnostics).toEqual([]);
    });
  });

  describe("not-filterable", () => {
    it("reports a condition on a field marked filterable: false", () => {
      expectOne("(secret EQ 'x')", "not-filterable", {
        severity: "error",
        start: 1,
        text: "secret",
        message: "'secret' cannot be filtered in test.host.",
        edits: null,
      });
      expectOne("secret IS null", "not-filterable", { severity: "error", start: 0, text: "secret", edits: null });
    });

    it("leaves filterable fields, and sorting by the field, alone", () => {
      expectNone("(name EQ 'x') AND (comment CP '%a%')", "not-filterable");
      expectNone("orderby=secret", "not-filterable");
    });
  });

  describe("not-sortable", () => {
    it("reports an ORDERBY key on a field marked sortable: false", () => {
      expectOne("orderby=comment desc", "not-sortable", {
        severity: "error",
        start: 8,
        text: "comment",
        message: "Rows cannot be sorted by 'comment' in test.host.",
        edits: null,
      });
    });

    it("treats arrays, their members and objects as not sortable by default", () => {
      expectOne("orderby=tags", "not-sortable", { severity: "error", start: 8, text: "tags", edits: null });
      expectOne("orderby=ip4.ip", "not-sortable", { severity: "error", start: 8, text: "ip4.ip", edits: null });
      expectOne("orderby=meta", "not-sortable", { severity: "error", start: 8, text: "meta", edits: null });
    });

    it("leaves scalars, references, their members and object members alone, and filtering by the field", () => {
      for (const key of ["name", "id desc", "cluster", "cluster.name", "meta.kind", "created asc", "state"]) expectNone(`orderby=${key}`, "not-sortable");
      expectNone("comment EQ 'x'", "not-sortable");
    });
  });

  describe("deprecated-field", () => {
    it("warns and fixes to the replacement, in WHERE and in ORDERBY", () => {
      expectOne("(old_name EQ 'x')", "deprecated-field", {
        severity: "warning",
        start: 1,
        text: "old_name",
        message: "'old_name' is deprecated (renamed in 6.2); use 'name'.",
        title: "Replace with 'name'",
        edits: [{ start: 1, end: 9, newText: "name" }],
        fixed: "(name EQ 'x')",
      });
      expectOne("orderby=old_name desc", "deprecated-field", {
        severity: "warning",
        start: 8,
        text: "old_name",
        edits: [{ start: 8, end: 16, newText: "name" }],
        fixed: "orderby=name desc",
      });
    });

    it("has no fix when the schema names no replacement", () => {
      expectOne("legacy EQ 1", "deprecated-field", { severity: "warning", start: 0, text: "legacy", message: "'legacy' is deprecated.", edits: null });
    });

    it("leaves other fields alone", () => {
      expectNone("(name EQ 'x') AND (id EQ 1)", "deprecated-field");
      expectNone("orderby=name", "deprecated-field");
    });
  });

  describe("type-mismatch", () => {
    it("reports text on an integer field", () => {
      expectOne("id EQ 'abc'", "type-mismatch", {
        severity: "error",
        start: 6,
        text: "'abc'",
        message: "'id' holds whole numbers, not text.",
        edits: null,
      });
    });

    it("reports fractions on integers, booleans on numbers, numbers on enums and booleans", () => {
      expectOne("id EQ 1.5", "type-mismatch", { severity: "error", start: 6, text: "1.5", message: "'id' holds whole numbers; 1.5 has a fraction.", edits: null });
      expectOne("ram EQ true", "type-mismatch", { severity: "error", start: 7, text: "true", message: "'ram' holds numbers, not true or false.", edits: null });
      expectOne("ram EQ 'abc'", "type-mismatch", { severity: "error", start: 7, text: "'abc'", message: "'ram' holds numbers, not text.", edits: null });
      expectOne("state EQ 5", "type-mismatch", {
        severity: "error",
        start: 9,
        text: "5",
        message: "'state' holds one of 'active', 'stopped', 'creating', not a number.",
        edits: null,
      });
      expectOne("flag EQ 1", "type-mismatch", { severity: "error", start: 8, text: "1", message: "'flag' holds true or false.", edits: null });
    });

    it("explains that a reference compares by id", () => {
      expectOne("cluster EQ 'abc'", "type-mismatch", {
        severity: "error",
        start: 11,
        text: "'abc'",
        message: "'cluster' is compared by its id, a whole number, not text. Compare 'cluster.name' or another of its fields for text.",
        edits: null,
      });
    });

    it("reports a direct comparison with an object or an array of objects", () => {
      expectOne("meta EQ 'x'", "type-mismatch", { severity: "error", start: 8, text: "'x'", edits: null });
      expectOne("ip4 EQ 'x'", "type-mismatch", { severity: "error", start: 7, text: "'x'", edits: null });
    });

    it("fixes a boolean on a text field by quoting it, and a quoted boolean on a boolean field by unquoting it", () => {
      expectOne("name EQ true", "type-mismatch", {
        severity: "error",
        start: 8,
        text: "true",
        message: "'name' holds text, not true or false.",
        title: "Quote the value: 'true'",
        edits: [{ start: 8, end: 12, newText: "'true'" }],
        fixed: "name EQ 'true'",
      });
      expectOne("flag EQ 'TRUE'", "type-mismatch", {
        severity: "error",
        start: 8,
        text: "'TRUE'",
        message: "'flag' holds true or false, written without quotes.",
        title: "Write true",
        edits: [{ start: 8, end: 14, newText: "true" }],
        fixed: "flag EQ true",
      });
    });

    it("leaves well-typed values alone, and the cases other rules own", () => {
      expectNone(
        "(id EQ 5) AND (cluster EQ 3) AND (ram EQ 1.5) AND (name EQ 'x') AND (flag EQ false) AND (state EQ 'active') AND (created GT '2024-01-01') AND (id EQ -0)",
        "type-mismatch",
      );
      expectNone("id EQ '5'", "type-mismatch"); // quoted-number
      expectNone("name EQ 5", "type-mismatch"); // bare-number-on-string-field
      expectNone("nme EQ 'abc'", "type-mismatch"); // unknown fields are not typed
    });
  });

  describe("operator-type-mismatch", () => {
    it("reports CP on a number, at the operator", () => {
      expectOne("id CP '%1%'", "operator-type-mismatch", {
        severity: "error",
        start: 3,
        text: "CP",
        message: "CP matches text masks; 'id' holds numbers.",
        edits: null,
      });
    });

    it("reports CP on a boolean or a reference, and ordering operators on a boolean", () => {
      expectOne("flag CP '%t%'", "operator-type-mismatch", {
        severity: "error",
        start: 5,
        text: "CP",
        message: "CP matches text masks; 'flag' holds true or false.",
        edits: null,
      });
      expectOne("cluster cp '%a%'", "operator-type-mismatch", {
        severity: "error",
        start: 8,
        text: "cp",
        message: "CP matches text masks; 'cluster' holds objects compared by id.",
        edits: null,
      });
      expectOne("flag GT true", "operator-type-mismatch", {
        severity: "error",
        start: 5,
        text: "GT",
        message: "GT orders values; 'flag' holds true or false (use EQ or NE).",
        edits: null,
      });
      expectOne("flag LE false", "operator-type-mismatch", { severity: "error", start: 5, text: "LE", edits: null });
    });

    it("leaves meaningful operators alone", () => {
      expectNone(
        "(name CP '%web%') AND (id GT 5) AND (ram LE 1.5) AND (flag EQ true) AND (flag NE false) AND (state CP 'act%') AND (created GE '2024') AND (cluster.name CP '%a%') AND (tags CP '%x%')",
        "operator-type-mismatch",
      );
    });
  });

  describe("unknown-enum-value", () => {
    it("reports a value outside the enum, with the closest value as the fix", () => {
      expectOne("state EQ 'actve'", "unknown-enum-value", {
        severity: "error",
        start: 9,
        text: "'actve'",
        message: "'actve' is not a value of 'state' ('active', 'stopped', 'creating'). Did you mean 'active'?",
        title: "Replace with 'active'",
        edits: [{ start: 9, end: 16, newText: "'active'" }],
        fixed: "state EQ 'active'",
      });
    });

    it("checks arrays of enums, and CP masks without '%'", () => {
      expectOne("roles EQ 'admn'", "unknown-enum-value", {
        severity: "error",
        start: 9,
        text: "'admn'",
        message: "'admn' is not a value of 'roles' ('admin', 'user'). Did you mean 'admin'?",
        edits: [{ start: 9, end: 15, newText: "'admin'" }],
        fixed: "roles EQ 'admin'",
      });
      expectOne("state CP 'stoped'", "unknown-enum-value", {
        severity: "error",
        start: 9,
        text: "'stoped'",
        edits: [{ start: 9, end: 17, newText: "'stopped'" }],
      });
    });

    it("offers no fix when no value is close", () => {
      expectOne("state EQ 'zzzzzz'", "unknown-enum-value", {
        severity: "error",
        start: 9,
        text: "'zzzzzz'",
        message: "'zzzzzz' is not a value of 'state' ('active', 'stopped', 'creating').",
        edits: null,
      });
    });

    it("leaves enum values, CP masks with '%', and non-enum fields alone", () => {
      expectNone("(state EQ 'active') AND (state NE 'stopped') AND (roles EQ 'user') AND (phase EQ 'in progress')", "unknown-enum-value");
      expectNone("(state CP 'act%') AND (state CP '%') AND (roles CP '%adm%')", "unknown-enum-value");
      expectNone("name EQ 'actve'", "unknown-enum-value");
    });
  });

  describe("null-check-on-non-nullable", () => {
    it("hints that IS null on a never-null field is constant", () => {
      expectOne("(id IS null)", "null-check-on-non-nullable", {
        severity: "hint",
        start: 1,
        text: "id IS null",
        message: "'id' is never null, so this null test always gives the same answer ('id IS null' is always false).",
        edits: null,
      });
      expectOne("id IS NOT null", "null-check-on-non-nullable", { severity: "hint", start: 0, text: "id IS NOT null", edits: null });
    });

    it("leaves nullable fields alone (nullable is the default, the implied id of a reference included)", () => {
      expectNone("(name IS null) AND (cluster.id IS null) AND NOT (state IS null)", "null-check-on-non-nullable");
    });
  });

  describe("bare-number-on-string-field", () => {
    it("warns about a bare number on a text field and quotes it", () => {
      expectOne("(name EQ 5)", "bare-number-on-string-field", {
        severity: "warning",
        start: 9,
        text: "5",
        message: "'name' holds text; quote the number: '5'.",
        title: "Quote the value: '5'",
        edits: [{ start: 9, end: 10, newText: "'5'" }],
        fixed: "(name EQ '5')",
      });
    });

    it("keeps the number as written, and covers datetime fields and arrays of text", () => {
      expectOne("name EQ -1.50", "bare-number-on-string-field", {
        severity: "warning",
        start: 8,
        text: "-1.50",
        edits: [{ start: 8, end: 13, newText: "'-1.50'" }],
        fixed: "name EQ '-1.50'",
      });
      expectOne("created GT 2024", "bare-number-on-string-field", {
        severity: "warning",
        start: 11,
        text: "2024",
        edits: [{ start: 11, end: 15, newText: "'2024'" }],
      });
      expectOne("tags EQ 7", "bare-number-on-string-field", { severity: "warning", start: 8, text: "7", edits: [{ start: 8, end: 9, newText: "'7'" }] });
    });

    it("leaves quoted text, numeric fields and enums alone", () => {
      expectNone("(name EQ '5') AND (id EQ 5) AND (ram GT 1.5) AND (cluster EQ 3)", "bare-number-on-string-field");
      expectNone("state EQ 5", "bare-number-on-string-field"); // type-mismatch
    });
  });

  describe("quoted-number", () => {
    it("notes a quoted number on a numeric field and unquotes it", () => {
      expectOne("(id EQ '5')", "quoted-number", {
        severity: "info",
        start: 7,
        text: "'5'",
        message: "'id' is numeric: the number needs no quotes (5).",
        title: "Write 5",
        edits: [{ start: 7, end: 10, newText: "5" }],
        fixed: "(id EQ 5)",
      });
    });

    it("writes the number in normal form, and covers references", () => {
      expectOne("ram EQ '007.50'", "quoted-number", {
        severity: "info",
        start: 7,
        text: "'007.50'",
        message: "'ram' is numeric: the number needs no quotes (7.5).",
        edits: [{ start: 7, end: 15, newText: "7.5" }],
        fixed: "ram EQ 7.5",
      });
      expectOne("cluster EQ '3'", "quoted-number", { severity: "info", start: 11, text: "'3'", edits: [{ start: 11, end: 14, newText: "3" }], fixed: "cluster EQ 3" });
    });

    it("leaves quoted numbers on text fields, bare numbers, and text on numeric fields alone", () => {
      expectNone("(name EQ '5') AND (id EQ 5) AND (state EQ 'active')", "quoted-number");
      expectNone("id EQ 'abc'", "quoted-number");
      expectNone("id EQ '1e5'", "quoted-number");
    });
  });
});

describe("lint rules", () => {
  describe("no-mixed-and-or", () => {
    it("warns about AND and OR mixed without brackets and brackets the AND group", () => {
      expectOne("(id EQ 1) OR (id EQ 2) AND (name EQ 'a')", "no-mixed-and-or", {
        severity: "warning",
        start: 13,
        text: "(id EQ 2) AND (name EQ 'a')",
        message: "AND and OR are mixed without brackets; this reading relies on AND binding tighter than OR, which the API does not document.",
        title: "Add brackets around the AND group",
        edits: [
          { start: 13, end: 13, newText: "(" },
          { start: 40, end: 40, newText: ")" },
        ],
        fixed: "(id EQ 1) OR ((id EQ 2) AND (name EQ 'a'))",
      });
    });

    it("works without a schema and inside brackets", () => {
      const input = "a EQ 1 AND (b EQ 2 OR c EQ 3 AND d EQ 4)";
      const d = analyze(input).diagnostics;
      expect(d.map((x) => [x.code, input.slice(x.start, x.end)])).toEqual([["no-mixed-and-or", "c EQ 3 AND d EQ 4"]]);
      expect(applyFixes(input, d)).toBe("a EQ 1 AND (b EQ 2 OR (c EQ 3 AND d EQ 4))");
    });

    it("leaves bracketed groups and single-operator chains alone", () => {
      expectNone("(id EQ 1) OR ((id EQ 2) AND (name EQ 'a'))", "no-mixed-and-or");
      expectNone("(id EQ 1) AND (name EQ 'a') AND (flag EQ true)", "no-mixed-and-or");
      expectNone("id EQ 1 OR id EQ 2 OR id EQ 3", "no-mixed-and-or");
    });
  });

  describe("keyword-case", () => {
    it("hints at a keyword not written the canonical way and rewrites it", () => {
      expectOne("(id eq 1)", "keyword-case", {
        severity: "hint",
        start: 4,
        text: "eq",
        message: "Write 'EQ', as every server example does, not 'eq'.",
        title: "Write 'EQ'",
        edits: [{ start: 4, end: 6, newText: "EQ" }],
        fixed: "(id EQ 1)",
      });
    });

    it("leaves a field named like a keyword alone: field names keep their case (rewriting one would change the field)", () => {
      const codes = (input: string) => diagnosticsOf(input).filter((d) => d.code === "keyword-case").map((d) => input.slice(d.start, d.end));
      expect(codes("is EQ 1")).toEqual([]);
      expect(codes("NOT eq IS null")).toEqual([]);
      expect(codes("(cp cp 'web%')")).toEqual(["cp"]);
      expect(codes("where=(and%20eq%201)&orderby=DESC,name Desc")).toEqual(["eq", "Desc"]);
      // the operator of a condition on a field named like another keyword is still found
      expectOne("eq CP 'web'", "cp-without-wildcard", { severity: "hint", start: 3, text: "CP", edits: [{ start: 3, end: 5, newText: "EQ" }], fixed: "eq EQ 'web'" });
    });

    it("writes null, true, false and sort directions in lower case", () => {
      expectOne("name IS NULL", "keyword-case", { severity: "hint", start: 8, text: "NULL", edits: [{ start: 8, end: 12, newText: "null" }], fixed: "name IS null" });
      expectOne("flag EQ True", "keyword-case", { severity: "hint", start: 8, text: "True", edits: [{ start: 8, end: 12, newText: "true" }], fixed: "flag EQ true" });
      expectOne("orderby=id DESC", "keyword-case", { severity: "hint", start: 11, text: "DESC", edits: [{ start: 11, end: 15, newText: "desc" }], fixed: "orderby=id desc" });
    });

    it("reports each keyword, and all fixes apply in one pass", () => {
      const input = "(id eq 1) and not (name is Null)";
      const d = diagnosticsOf(input).filter((x) => x.code === "keyword-case");
      expect(d.map((x) => input.slice(x.start, x.end))).toEqual(["eq", "and", "not", "is", "Null"]);
      expect(applyFixes(input, d)).toBe("(id EQ 1) AND NOT (name IS null)");
    });

    it("leaves canonical keywords, and fields named like keywords, alone", () => {
      expectNone("(id EQ 1) AND NOT (name IS null) OR (flag EQ false)", "keyword-case");
      expectNone("orderby=id asc,name desc", "keyword-case");
      expect(analyze("desc EQ 1").diagnostics).toEqual([]);
    });
  });

  describe("cp-without-wildcard", () => {
    it("hints that CP without '%' is a whole-value match and rewrites it as EQ", () => {
      expectOne("(name CP 'web')", "cp-without-wildcard", {
        severity: "hint",
        start: 6,
        text: "CP",
        message: "This CP mask has no '%', so it matches the whole value, ignoring the case of ASCII letters. If the case is known, EQ (which compares exactly) says so plainly.",
        title: "Replace CP with EQ (compares case too)",
        edits: [{ start: 6, end: 8, newText: "EQ" }],
        fixed: "(name EQ 'web')",
      });
    });

    it("leaves masks with '%' (raw or %25 in URL form) and other operators alone", () => {
      expectNone("(name CP '%web%') AND (name CP 'web%') AND (name EQ 'web')", "cp-without-wildcard");
      expectNone("where=name%20CP%20%27%25web%25%27", "cp-without-wildcard");
    });
  });

  describe("no-double-not", () => {
    it("warns about two NOTs in a row and removes both", () => {
      expectOne("NOT NOT (id EQ 1)", "no-double-not", {
        severity: "warning",
        start: 0,
        text: "NOT NOT (id EQ 1)",
        message: "Two NOTs in a row cancel out.",
        title: "Remove both NOTs",
        edits: [{ start: 0, end: 17, newText: "(id EQ 1)" }],
        fixed: "(id EQ 1)",
      });
    });

    it("keeps the brackets of the operand, and its place in a chain", () => {
      expectOne("NOT (NOT ((id EQ 1) OR (id EQ 2)))", "no-double-not", {
        severity: "warning",
        start: 0,
        text: "NOT (NOT ((id EQ 1) OR (id EQ 2)))",
        edits: [{ start: 0, end: 34, newText: "((id EQ 1) OR (id EQ 2))" }],
        fixed: "((id EQ 1) OR (id EQ 2))",
      });
      expectOne("(name EQ 'a') AND NOT NOT id EQ 1", "no-double-not", {
        severity: "warning",
        start: 18,
        text: "NOT NOT id EQ 1",
        edits: [{ start: 18, end: 33, newText: "(id EQ 1)" }],
        fixed: "(name EQ 'a') AND (id EQ 1)",
      });
    });

    it("reports both pairs of three NOTs; one pass keeps one NOT", () => {
      const input = "NOT NOT NOT (id EQ 1)";
      const d = diagnosticsOf(input).filter((x) => x.code === "no-double-not");
      expect(d.map((x) => input.slice(x.start, x.end))).toEqual(["NOT NOT NOT (id EQ 1)", "NOT NOT (id EQ 1)"]);
      expect(applyFixes(input, d)).toBe("NOT (id EQ 1)");
    });

    it("leaves single NOTs alone", () => {
      expectNone("NOT (id EQ 1) AND NOT (name IS null)", "no-double-not");
      expectNone("NOT ((id EQ 1) AND NOT (id EQ 2))", "no-double-not");
    });
  });

  describe("no-duplicate-condition", () => {
    it("warns about the same condition twice in one AND chain", () => {
      expectOne("(name EQ 'a') AND (name EQ 'a')", "no-duplicate-condition", {
        severity: "warning",
        start: 19,
        text: "name EQ 'a'",
        message: "This condition already appears in this AND chain.",
        edits: null,
      });
    });

    it("covers OR chains, NOTs, IS null, numbers in another spelling and keywords in another case", () => {
      expectOne("(id EQ 1) OR (id EQ 1.0)", "no-duplicate-condition", {
        severity: "warning",
        start: 14,
        text: "id EQ 1.0",
        message: "This condition already appears in this OR chain.",
        edits: null,
      });
      expectOne("NOT (name EQ 'a') AND NOT (name EQ 'a')", "no-duplicate-condition", { severity: "warning", start: 22, text: "NOT (name EQ 'a')", edits: null });
      expectOne("name IS null AND name IS null", "no-duplicate-condition", { severity: "warning", start: 17, text: "name IS null", edits: null });
      expectOne("id EQ 1 AND id eq 1", "no-duplicate-condition", { severity: "warning", start: 12, text: "id eq 1", edits: null });
    });

    it("leaves different conditions, and repeats in another chain, alone", () => {
      expectNone("(name EQ 'a') AND (name NE 'a') AND (name EQ 'b') AND (id EQ 1)", "no-duplicate-condition");
      expectNone("(name EQ 'a') AND ((name EQ 'a') OR (flag EQ true))", "no-duplicate-condition");
      expectNone("NOT (name EQ 'a') AND (name EQ 'a')", "no-duplicate-condition");
    });

    it("compares field, operator and value each", () => {
      expectNone("(id EQ 1) AND (ram EQ 1)", "no-duplicate-condition");
      expectNone("(id EQ 1) AND (id NE 1)", "no-duplicate-condition");
      expectNone("name IS null AND id IS null", "no-duplicate-condition");
      // a group repeated is no condition repeated: groups are not compared
      expectNone("((id EQ 1) OR (ram EQ 2)) AND ((id EQ 1) OR (ram EQ 2))", "no-duplicate-condition");
    });

    it("reads a number in another spelling as the same value only on a numeric field", () => {
      expectOne("(ram EQ '1.50') AND (ram EQ 1.5)", "no-duplicate-condition", { severity: "warning", start: 21, text: "ram EQ 1.5", edits: null });
      expectOne("(id EQ -0) AND (id EQ 0)", "no-duplicate-condition", { severity: "warning", start: 16, text: "id EQ 0", edits: null });
      // as written on a string field, and never a boolean against a number
      expectNone("(name EQ '1.50') AND (name EQ 1.5)", "no-duplicate-condition", { rules: { "bare-number-on-string-field": "off" } });
      expectNone("(flag EQ true) AND (flag EQ 'true')", "no-duplicate-condition");
      expectNone("(ram EQ 'x1') AND (ram EQ 'x1.0')", "no-duplicate-condition");
    });
  });

  describe("no-contradiction", () => {
    it("warns about an AND requiring one field to equal two values", () => {
      expectOne("(id EQ 1) AND (id EQ 2)", "no-contradiction", {
        severity: "warning",
        start: 15,
        text: "id EQ 2",
        message: "'id' cannot match both conditions of this AND; it never matches.",
        edits: null,
      });
    });

    it("covers a value and IS null, and works without a schema", () => {
      expectOne("(name EQ 'a') AND (name IS null)", "no-contradiction", { severity: "warning", start: 19, text: "name IS null", edits: null });
      const input = "tags EQ 'a' AND tags EQ 'b'";
      expect(analyze(input).diagnostics.map((d) => [d.code, input.slice(d.start, d.end)])).toEqual([["no-contradiction", "tags EQ 'b'"]]);
    });

    it("skips array fields when the schema says so, and leaves compatible conditions alone", () => {
      expectNone("(tags EQ 'a') AND (tags EQ 'b')", "no-contradiction");
      expectNone("(ip4.ip EQ '1.1.1.1') AND (ip4.ip EQ '2.2.2.2')", "no-contradiction");
      expectNone("(id EQ 1) OR (id EQ 2)", "no-contradiction");
      expectNone("(id EQ 1) AND (id EQ '1')", "no-contradiction");
      expectNone("(name EQ 'a') AND (name NE 'b') AND NOT (name EQ 'c')", "no-contradiction");
      expectNone("(id EQ 1) AND ((id EQ 2) OR (name EQ 'x'))", "no-contradiction");
    });
  });

  describe("limit-count-zero", () => {
    it("warns about a limit that asks for no rows", () => {
      expectOne("where=(id GT 1)&limit=5,0", "limit-count-zero", {
        severity: "warning",
        start: 22,
        text: "5,0",
        message: "The limit count is 0: no rows are returned.",
        edits: null,
      });
    });

    it("leaves other limits alone", () => {
      expectNone("limit=0,1", "limit-count-zero");
      expectNone("limit=10,50", "limit-count-zero");
    });
  });

  describe("multiple-sort-keys", () => {
    it("warns once, carrying the rule id, where the parser alone warns without one", () => {
      const input = "orderby=id desc,name";
      expectOne(input, "multiple-sort-keys", {
        severity: "warning",
        start: 8,
        text: "id desc,name",
        message: "ORDERBY has 2 keys; servers are only known to honour one.",
        edits: null,
      });
      expect(diagnosticsOf(input).find((d) => d.code === "multiple-sort-keys")?.rule).toBe("multiple-sort-keys");
      const parsed = parse(input).diagnostics;
      expect(parsed.map((d) => [d.code, d.rule])).toEqual([["multiple-sort-keys", undefined]]);
    });

    it("leaves one key alone", () => {
      expectNone("orderby=id desc", "multiple-sort-keys");
    });
  });

  describe("duplicate-sort-key", () => {
    it("warns about a field sorted by twice and removes the later key", () => {
      expectOne("orderby=name,id,name desc", "duplicate-sort-key", {
        severity: "warning",
        start: 16,
        text: "name desc",
        message: "'name' is already a sort key; this one never decides the order.",
        title: "Remove this 'name'",
        edits: [{ start: 15, end: 25, newText: "" }],
        fixed: "orderby=name,id",
      });
      expectOne("orderby=id , id", "duplicate-sort-key", { severity: "warning", start: 13, text: "id", edits: [{ start: 10, end: 15, newText: "" }], fixed: "orderby=id" });
    });

    it("leaves different keys alone", () => {
      expectNone("orderby=id,name", "duplicate-sort-key");
      expectNone("orderby=cluster,cluster.name", "duplicate-sort-key");
    });
  });
});

describe("server limits", () => {
  it("limit-too-large: a count above maxLimitCount", () => {
    const input = "where=(id GT 1)&limit=0,500";
    const d = diagnosticsOf(input, { maxLimitCount: 100 });
    expect(d.map((x) => [x.code, x.severity, input.slice(x.start, x.end), x.message, x.fix])).toEqual([
      ["limit-too-large", "error", "0,500", "The limit count 500 is above the 100 rows this server returns at once.", undefined],
    ]);
    expect(diagnosticsOf("limit=0,100", { maxLimitCount: 100 })).toEqual([]);
    expect(diagnosticsOf(input)).toEqual([]);
  });

  it("too-many-conditions: more conditions than maxConditions, over the whole WHERE", () => {
    const input = "where=(id GT 1) AND (name EQ 'a') AND (flag EQ true)&limit=0,5";
    const d = diagnosticsOf(input, { maxConditions: 2 });
    expect(d.map((x) => [x.code, x.severity, input.slice(x.start, x.end), x.message])).toEqual([
      ["too-many-conditions", "error", "(id GT 1) AND (name EQ 'a') AND (flag EQ true)", "The filter has 3 conditions; this server accepts at most 2."],
    ]);
    expect(diagnosticsOf(input, { maxConditions: 3 })).toEqual([]);
  });

  it("too-deep: groups and NOTs nested deeper than maxNesting (validate on a parsed tree)", () => {
    const input = "(id EQ 1) AND ((name EQ 'a') OR NOT (name EQ 'b'))";
    const { query } = parse(input);
    const d = validate(query, schema, { maxNesting: 1 });
    expect(d.map((x) => [x.code, x.severity, x.start, x.end, x.message])).toEqual([
      ["too-deep", "error", 0, input.length, "The filter nests 2 levels deep; this server accepts at most 1."],
    ]);
    expect(validate(query, schema, { maxNesting: 2 })).toEqual([]);
  });

  it("too-deep through analyze: an AND under an OR is one level, and the parser's maxDepth is apart", () => {
    const input = "a EQ 1 OR b EQ 2 AND c EQ 3";
    const d = analyze(input, { maxNesting: 0, rules: { "no-mixed-and-or": "off" } }).diagnostics;
    expect(d.map((x) => [x.code, x.start, x.end, x.message])).toEqual([["too-deep", 0, input.length, "The filter nests 1 level deep; this server accepts at most 0."]]);
    const deeper = "(id EQ 1) AND ((name EQ 'a') OR NOT (name EQ 'b'))";
    expect(analyze(deeper, { schema, maxNesting: 1 }).diagnostics.map((x) => x.code)).toEqual(["too-deep"]);
  });
});

describe("rule configuration", () => {
  const input = "name CP 'web'";

  it('"off" silences a rule', () => {
    expectNone(input, "cp-without-wildcard", { rules: { "cp-without-wildcard": "off" } });
    expect(diagnosticsOf("(id EQ 1) OR (id EQ 2) AND (id EQ 3)", { rules: { "no-mixed-and-or": "off", "no-contradiction": "off" } })).toEqual([]);
  });

  it('"error", "warn", "warning", "info" and "hint" set the severity', () => {
    for (const [level, severity] of [
      ["error", "error"],
      ["warn", "warning"],
      ["warning", "warning"],
      ["info", "info"],
      ["hint", "hint"],
    ] as const) {
      const d = expectOne(input, "cp-without-wildcard", { severity, start: 5, text: "CP", edits: [{ start: 5, end: 7, newText: "EQ" }] }, { rules: { "cp-without-wildcard": level } });
      expect(d.rule).toBe("cp-without-wildcard");
    }
    expectOne("nme EQ 1", "unknown-field", { severity: "warning", start: 0, text: "nme", edits: [{ start: 0, end: 3, newText: "name" }] }, { rules: { "unknown-field": "warn" } });
  });

  it('multiple-sort-keys "off" leaves no diagnostic, though the parser reports it', () => {
    expect(parse("orderby=id,name").diagnostics.map((d) => d.code)).toEqual(["multiple-sort-keys"]);
    expect(diagnosticsOf("orderby=id,name", { rules: { "multiple-sort-keys": "off" } })).toEqual([]);
    expect(analyze("orderby=id,name", { rules: { "multiple-sort-keys": "off" } }).diagnostics).toEqual([]);
    expectOne("orderby=id,name", "multiple-sort-keys", { severity: "error", start: 8, text: "id,name", edits: null }, { rules: { "multiple-sort-keys": "error" } });
  });

  it("warns about unknown rule ids with a suggestion, and ignores their setting", () => {
    const d = diagnosticsOf("(id EQ 1)", { rules: { "no-mixed-andor": "error", frobnicate: "off" } });
    expect(d.map((x) => [x.code, x.severity, x.start, x.end, x.message, x.rule])).toEqual([
      ["unknown-rule", "warning", 0, 0, "There is no rule 'no-mixed-andor'; its setting is ignored. Did you mean 'no-mixed-and-or'?", undefined],
      ["unknown-rule", "warning", 0, 0, "There is no rule 'frobnicate'; its setting is ignored.", undefined],
    ]);
  });

  it("runs the lint rules without a schema, never the schema rules", () => {
    const d = analyze("(nme eq 'x') AND (id EQ 'abc')", { rules: { "unknown-field": "error", "type-mismatch": "error" } }).diagnostics;
    expect(d.map((x) => x.code)).toEqual(["keyword-case"]);
  });

  it("does not let inherited names count as rules", () => {
    const config = Object.create({ "keyword-case": "off" }) as Record<string, "off">;
    expect(diagnosticsOf("id eq 1", { rules: config }).map((d) => d.code)).toEqual(["keyword-case"]);
  });
});

describe("validate on trees without source", () => {
  const field = (name: string) => ({ kind: "Field", path: name.split("."), name }) as const;

  it("never throws on a tree built by hand, offers no fixes, and still checks the server limits", () => {
    const query: QueryNode = {
      kind: "Query",
      form: "expression",
      parameters: [],
      where: {
        kind: "And",
        operands: [
          { kind: "Comparison", field: field("nme"), operator: "EQ", value: { kind: "String", value: "x" } },
          { kind: "Comparison", field: field("state"), operator: "CP", value: { kind: "String", value: "actve" } },
          { kind: "Comparison", field: field("name"), operator: "EQ", value: { kind: "Number", value: "5" } },
          { kind: "Not", operand: { kind: "Not", operand: { kind: "IsNull", field: field("id") } } },
          {
            kind: "Or",
            operands: [
              { kind: "Comparison", field: field("id"), operator: "EQ", value: { kind: "Number", value: "1" } },
              { kind: "Comparison", field: field("old_name"), operator: "EQ", value: { kind: "Boolean", value: true } },
            ],
          },
        ],
      },
      orderBy: { kind: "OrderBy", keys: [{ kind: "SortKey", field: field("tags"), direction: "asc" }] },
      limit: { kind: "Limit", offset: 0, count: 500 },
    };
    const d = validate(query, schema, { maxLimitCount: 100, maxConditions: 5, maxNesting: 1 });
    expect(d.filter((x) => x.code === "rule-failed")).toEqual([]);
    expect(d.filter((x) => x.fix)).toEqual([]);
    expect(d.filter((x) => ["limit-too-large", "too-many-conditions", "too-deep"].includes(x.code)).map((x) => [x.code, x.start, x.end, x.line, x.column])).toEqual([
      ["limit-too-large", 0, 0, 1, 1],
      ["too-many-conditions", 0, 0, 1, 1],
      ["too-deep", 0, 0, 1, 1],
    ]);
    expect(() => validate({ kind: "Query", form: "url", parameters: [] }, schema)).not.toThrow();
    expect(validate({ kind: "Query", form: "url", parameters: [] })).toEqual([]);
  });

  it("keeps offsets but drops the fixes that need the text when the tree is a copy of a parsed one", () => {
    const input = "nme eq 'x' AND NOT NOT name CP 'web' AND state EQ 'actve'";
    const copy = JSON.parse(JSON.stringify(parse(input).query)) as QueryNode;
    const d = validate(copy, schema);
    expect(d.map((x) => [x.code, input.slice(x.start, x.end), x.fix?.edits])).toEqual([
      ["unknown-field", "nme", [{ start: 0, end: 3, newText: "name" }]],
      ["no-double-not", "NOT NOT name CP 'web'", undefined],
      ["cp-without-wildcard", "name CP 'web'", undefined],
      ["unknown-enum-value", "'actve'", [{ start: 50, end: 57, newText: "'active'" }]],
    ]);
    // the original, with its source, gets every fix
    const full = validate(parse(input).query, schema);
    expect(full.map((x) => x.code)).toEqual(["unknown-field", "keyword-case", "no-double-not", "cp-without-wildcard", "unknown-enum-value"]);
    expect(full.every((x) => x.fix)).toBe(true);
    expect(applyFixes(input, full)).toBe("name EQ 'x' AND (name CP 'web') AND state EQ 'active'");
  });
});

describe("validate on partial trees from broken input", () => {
  it("still reports unknown fields beside the syntax errors", () => {
    const input = "(nme EQ 'x') AND (id EQ )";
    const d = diagnosticsOf(input);
    expect(d.map((x) => [x.code, x.severity, input.slice(x.start, x.end)])).toEqual([
      ["unknown-field", "error", "nme"],
      ["missing-value", "error", ")"],
    ]);
    expect(validate(parse(input).query, schema).map((x) => x.code)).toEqual(["unknown-field"]);
  });

  it("fixes syntax and schema problems together", () => {
    const input = "where=(nme EQ 'x') AND (state EQ actve";
    const d = diagnosticsOf(input);
    // the recovered value is checked too; of the two fixes at one range, the parser's comes first
    expect(d.map((x) => [x.code, input.slice(x.start, x.end)])).toEqual([
      ["unknown-field", "nme"],
      ["unquoted-value", "actve"],
      ["unknown-enum-value", "actve"],
      ["missing-close-bracket", ""],
    ]);
    expect(applyFixes(input, d)).toBe("where=(name EQ 'x') AND (state EQ 'actve')");
    const again = diagnosticsOf("where=(name EQ 'x') AND (state EQ 'actve')");
    expect(again.map((x) => x.code)).toEqual(["unknown-enum-value"]);
  });

  it("checks what parsed of a broken ORDERBY and WHERE", () => {
    const input = "orderby=nme,&where=(id EQ 'x'";
    expect(diagnosticsOf(input).map((x) => [x.code, input.slice(x.start, x.end)])).toEqual([
      ["unexpected-token", ""],
      ["type-mismatch", "'x'"],
      ["missing-close-bracket", ""],
    ]);
  });
});

describe("fixes in URL-encoded input keep the parameter's encoding", () => {
  it("writes quotes as %27 where the parameter does", () => {
    expectOne("where=(state%20EQ%20%27actve%27)", "unknown-enum-value", {
      severity: "error",
      start: 20,
      text: "%27actve%27",
      edits: [{ start: 20, end: 31, newText: "%27active%27" }],
      fixed: "where=(state%20EQ%20%27active%27)",
    });
    expectOne("where=(name%20EQ%20%27a%27)%20OR%20(name%20EQ%205)", "bare-number-on-string-field", {
      severity: "warning",
      start: 48,
      text: "5",
      edits: [{ start: 48, end: 49, newText: "%275%27" }],
      fixed: "where=(name%20EQ%20%27a%27)%20OR%20(name%20EQ%20%275%27)",
    });
    expectOne("where=(name%20EQ%20%27x%27)%20OR%20(name%20EQ%20true)", "type-mismatch", {
      severity: "error",
      start: 48,
      text: "true",
      edits: [{ start: 48, end: 52, newText: "%27true%27" }],
      fixed: "where=(name%20EQ%20%27x%27)%20OR%20(name%20EQ%20%27true%27)",
    });
  });

  it("percent-encodes '%', '&', '#' and '+' in a replacement, so the query still reads as one parameter", () => {
    const depts = defineSchema({ dept: { type: "enum", values: ["R&D", "50%", "C#", "A+B"] } });
    const fixed = (input: string) => {
      const d = analyze(input, { schema: depts }).diagnostics;
      expect(d.map((x) => x.code)).toEqual(["unknown-enum-value"]);
      return [d[0]!.fix!.edits[0]!.newText, applyFixes(input, d)];
    };
    expect(fixed("where=(dept%20EQ%20%27R%26E%27)")).toEqual(["%27R%26D%27", "where=(dept%20EQ%20%27R%26D%27)"]);
    expect(fixed("where=(dept%20EQ%20%2750%27)")).toEqual(["%2750%25%27", "where=(dept%20EQ%20%2750%25%27)"]);
    expect(fixed("where=(dept+EQ+'C%23%23')")).toEqual(["'C%23'", "where=(dept+EQ+'C%23')"]);
    expect(fixed("where=(dept+EQ+'A%2BC')")).toEqual(["'A%2BB'", "where=(dept+EQ+'A%2BB')"]);
    expect((parse("where=(dept%20EQ%20%27R%26D%27)").query.where as ComparisonNode).value).toMatchObject({ value: "R&D" });
  });

  it("spells a fix for the parameter it is in when another parameter comes first", () => {
    expectOne("orderby=state&where=(state%20EQ%20%27actve%27)", "unknown-enum-value", {
      severity: "error",
      start: 34,
      text: "%27actve%27",
      edits: [{ start: 34, end: 45, newText: "%27active%27" }],
      fixed: "orderby=state&where=(state%20EQ%20%27active%27)",
    });
  });

  it("writes raw quotes where the parameter has a raw quote or no quote at all", () => {
    expectOne("where=(state%20EQ%20'actve')", "unknown-enum-value", {
      severity: "error",
      start: 20,
      text: "'actve'",
      edits: [{ start: 20, end: 27, newText: "'active'" }],
      fixed: "where=(state%20EQ%20'active')",
    });
    expectOne("where=(name+EQ+5)", "bare-number-on-string-field", {
      severity: "warning",
      start: 15,
      text: "5",
      edits: [{ start: 15, end: 16, newText: "'5'" }],
      fixed: "where=(name+EQ+'5')",
    });
  });

  it("writes spaces the way the parameter does", () => {
    expectOne("where=(phase+EQ+'in+progres')", "unknown-enum-value", {
      severity: "error",
      start: 16,
      text: "'in+progres'",
      edits: [{ start: 16, end: 28, newText: "'in+progress'" }],
      fixed: "where=(phase+EQ+'in+progress')",
    });
    expectOne("where=(phase%20EQ%20%27in%20progres%27)", "unknown-enum-value", {
      severity: "error",
      start: 20,
      text: "%27in%20progres%27",
      edits: [{ start: 20, end: 38, newText: "%27in%20progress%27" }],
      fixed: "where=(phase%20EQ%20%27in%20progress%27)",
    });
  });

  it("replaces whole escapes, and copies raw text as it is", () => {
    expectOne("where=id%20EQ%20%275%27&orderby=name", "quoted-number", {
      severity: "info",
      start: 16,
      text: "%275%27",
      edits: [{ start: 16, end: 23, newText: "5" }],
      fixed: "where=id%20EQ%205&orderby=name",
    });
    expectOne("where=NOT+NOT+(name+EQ+%27a+b%27)", "no-double-not", {
      severity: "warning",
      start: 6,
      text: "NOT+NOT+(name+EQ+%27a+b%27)",
      edits: [{ start: 6, end: 33, newText: "(name+EQ+%27a+b%27)" }],
      fixed: "where=(name+EQ+%27a+b%27)",
    });
    expectOne("where=(id%20eq%201)", "keyword-case", { severity: "hint", start: 12, text: "eq", edits: [{ start: 12, end: 14, newText: "EQ" }], fixed: "where=(id%20EQ%201)" });
    expectOne("orderby=name%2Cid%2Cname", "duplicate-sort-key", {
      severity: "warning",
      start: 20,
      text: "name",
      edits: [{ start: 17, end: 24, newText: "" }],
      fixed: "orderby=name%2Cid",
    });
  });

  it("fixes every problem of an encoded filter in one pass", () => {
    const input = "where=(nme%20eq%20%27a%27)%20OR%20(state%20EQ%20%27actve%27)%20AND%20(id%20EQ%20%277%27)&orderby=old_name";
    const d = diagnosticsOf(input);
    expect(applyFixes(input, d)).toBe(
      "where=(name%20EQ%20%27a%27)%20OR%20((state%20EQ%20%27active%27)%20AND%20(id%20EQ%207))&orderby=name",
    );
  });
});

describe("toApiError", () => {
  it("answers in the API's error shape with code 4001, to send with HTTP 400", () => {
    expect(INVALID_FILTER_CODE).toBe(4001);
    expect(INVALID_FILTER_STATUS).toBe(400);
    const input = "where=(nme EQ 'x') AND (id EQ 'abc') AND (name CP 'web') AND (name EQ 5)";
    const body = toApiError(diagnosticsOf(input));
    expect(body).toEqual({
      error: {
        code: 4001,
        msg: "Invalid filter: Unknown field 'nme' in test.host. Did you mean 'name'? (and 1 more error)",
        value: {
          diagnostics: [
            { code: "unknown-field", severity: "error", message: "Unknown field 'nme' in test.host. Did you mean 'name'?", start: 7, end: 10, line: 1, column: 8 },
            { code: "type-mismatch", severity: "error", message: "'id' holds whole numbers, not text.", start: 30, end: 35, line: 1, column: 31 },
            { code: "bare-number-on-string-field", severity: "warning", message: "'name' holds text; quote the number: '5'.", start: 70, end: 71, line: 1, column: 71 },
          ],
        },
      },
    });
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it("counts the other errors in msg, and falls back to the first warning, then to no detail", () => {
    expect(toApiError(diagnosticsOf("(nme EQ 1) AND (id EQ 'a') AND (flag GT true)")).error.msg).toBe(
      "Invalid filter: Unknown field 'nme' in test.host. Did you mean 'name'? (and 2 more errors)",
    );
    expect(toApiError(diagnosticsOf("name EQ 5")).error).toEqual({
      code: 4001,
      msg: "Invalid filter: 'name' holds text; quote the number: '5'.",
      value: { diagnostics: [{ code: "bare-number-on-string-field", severity: "warning", message: "'name' holds text; quote the number: '5'.", start: 8, end: 9, line: 1, column: 9 }] },
    });
    expect(toApiError(diagnosticsOf("id EQ '5'"))).toEqual({ error: { code: 4001, msg: "Invalid filter", value: { diagnostics: [] } } });
    expect(toApiError([])).toEqual({ error: { code: 4001, msg: "Invalid filter", value: { diagnostics: [] } } });
  });
});
