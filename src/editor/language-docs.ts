/**
 * What the words of the language mean, as completion details and hover texts: one table per
 * vocabulary, keyed so that the compiler forces completeness (a new operator fails the build until
 * it is described here). Also the one-line description of a field's type and of a CP mask.
 * @module
 */
import type { ResolvedField } from "../schema/schema.js";
import type { CompareOperator, SortDirection } from "../syntax/ast.js";

/** How one word of the language is explained. */
export interface WordDoc {
  /** One line: completion `detail`, first line of a hover. */
  readonly summary: string;
  /** Markdown: the semantics, shown as completion `documentation` and in hovers. */
  readonly documentation: string;
}

const THREE_VALUED = "A record whose field is missing or null is not kept (SQL's three-valued logic).";

/** The comparison operators (LANGUAGE.md section 5). */
export const OPERATOR_DOCS: Readonly<Record<CompareOperator, WordDoc>> = {
  EQ: {
    summary: "equals",
    documentation:
      "`field EQ value`: the field equals the value. Numbers compare as numbers (a quoted number too, on a numeric field), text by code point; a reference compared with a number compares its id (`cluster EQ 3`). For a missing value write `field IS null`, not `EQ null`.",
  },
  NE: {
    summary: "does not equal",
    documentation: `\`field NE value\`: the field differs from the value. ${THREE_VALUED} To keep those too, add \`OR (field IS null)\`.`,
  },
  GT: { summary: "greater than", documentation: `\`field GT value\`: the field is greater than the value (numbers as numbers, text by code point). ${THREE_VALUED}` },
  GE: { summary: "greater than or equal", documentation: `\`field GE value\`: the field is greater than or equal to the value. ${THREE_VALUED}` },
  LT: { summary: "less than", documentation: `\`field LT value\`: the field is less than the value (numbers as numbers, text by code point). ${THREE_VALUED}` },
  LE: { summary: "less than or equal", documentation: `\`field LE value\`: the field is less than or equal to the value. ${THREE_VALUED}` },
  CP: {
    summary: "matches a mask (% is any text)",
    documentation:
      "`field CP 'mask'`: the text matches the mask. `%` stands for any run of characters, everything else (`_` too) is literal, and ASCII letters match regardless of case. Without a `%` the whole value must match: `'%web%'` contains web, `'web%'` starts with it. Text fields only. In a query string a `%` is written `%25`.",
  },
};

/** The keywords other than the comparison operators and the sort directions. */
export type LogicalKeyword = "AND" | "OR" | "NOT" | "IS" | "null" | "true" | "false";

/** The keywords: logic, the null check and the literal words. */
export const KEYWORD_DOCS: Readonly<Record<LogicalKeyword, WordDoc>> = {
  AND: { summary: "both conditions hold", documentation: "`a AND b`: both hold. `AND` binds tighter than `OR`, as in SQL; brackets make a mix plain: `(a AND b) OR c`." },
  OR: { summary: "either condition holds", documentation: "`a OR b`: at least one holds. `AND` binds tighter than `OR`: `a OR b AND c` is `a OR (b AND c)`." },
  NOT: {
    summary: "negates the next condition or group",
    documentation: "`NOT cond` negates the next comparison or bracketed group only: `NOT a AND b` is `(NOT a) AND b`. `NOT` of an unknown (a null field) stays unknown, so the record is not kept.",
  },
  IS: { summary: "null check: IS null, IS NOT null", documentation: "`field IS null`: the field is missing or null. `field IS NOT null`: it has a value." },
  null: { summary: "no value", documentation: "`null` only follows `IS` or `IS NOT`: `field IS null`. `field EQ null` is an error (write `IS null`)." },
  true: { summary: "boolean true", documentation: "`true`, written without quotes, compared with boolean fields: `disabled EQ true`." },
  false: { summary: "boolean false", documentation: "`false`, written without quotes, compared with boolean fields: `disabled EQ false`." },
};

/** The sort directions of ORDERBY. */
export const DIRECTION_DOCS: Readonly<Record<SortDirection, WordDoc>> = {
  asc: { summary: "ascending (the default)", documentation: "`field asc`: smallest first. A key without a direction sorts ascending." },
  desc: { summary: "descending", documentation: "`field desc`: largest first." },
};

/** The parameters of the query string the language defines. */
export type FilterParameter = "where" | "orderby" | "limit";

/** The query parameters (LANGUAGE.md sections 1 and 3). */
export const PARAMETER_DOCS: Readonly<Record<FilterParameter, WordDoc>> = {
  where: {
    summary: "which records: a condition",
    documentation: "`where=` holds the filter condition, URL-encoded: `where=(name+CP+'%25web%25')+AND+(id+GT+10)`. Spaces are `+` or `%20`, a `%` is `%25`.",
  },
  orderby: {
    summary: "sort order: field [asc|desc], …",
    documentation: "`orderby=` sorts by a field, ascending unless `desc` follows: `orderby=cluster.name+desc`. Without it the API sorts by `id` ascending. Servers are only known to honour one key.",
  },
  limit: {
    summary: "which rows: offset,count",
    documentation: "`limit=offset,count` returns `count` rows after skipping `offset` (from 0): `limit=0,50` is the first 50. `limit=N` alone is read as `0,N` (with a warning).",
  },
};

/** Every filter parameter, in canonical order. */
export const FILTER_PARAMETERS: readonly FilterParameter[] = ["where", "orderby", "limit"];

/** The type of a field in a few words: `string`, `integer[]`, `reference (id)`, `enum 'a' | 'b'`. */
export function typeSummary(field: ResolvedField): string {
  let base: string;
  // defineSchema does not insist on an enum's values (a JSON schema file may leave them out)
  if (field.type === "enum") base = ["enum", (field.values ?? []).map((v) => `'${v}'`).join(" | ")].filter((part) => part !== "").join(" ");
  else if (field.type === "reference") base = "reference (compared by id)";
  else base = field.type;
  return field.many ? `${base}, in a list (any element matches)` : base;
}

/** `text` as a Markdown code span, fenced so that backticks inside it stay literal. */
export function code(text: string): string {
  if (!text.includes("`")) return `\`${text}\``;
  let fence = "``";
  while (text.includes(fence)) fence += "`";
  return `${fence} ${text} ${fence}`;
}

/** What a CP mask matches, in words: "contains `web`", "starts with `db-`". */
export function describeMask(mask: string): string {
  const inner = mask.slice(1, -1);
  const text = code;
  if (!mask.includes("%")) return `equals ${text(mask)} (a whole-value match: the mask has no \`%\`)`;
  if (/^%+$/.test(mask)) return "matches any text";
  if (mask.startsWith("%") && mask.endsWith("%") && !inner.includes("%")) return `contains ${text(inner)}`;
  if (mask.endsWith("%") && !mask.slice(0, -1).includes("%")) return `starts with ${text(mask.slice(0, -1))}`;
  if (mask.startsWith("%") && !mask.slice(1).includes("%")) return `ends with ${text(mask.slice(1))}`;
  return `matches the mask ${text(mask)} (\`%\` is any text)`;
}

/** A field's description, deprecation and what it may be used for, in Markdown. */
export function fieldDocumentation(field: ResolvedField): string {
  const lines: string[] = [];
  if (field.description) lines.push(field.description);
  if (field.deprecated) {
    const { replacement, reason } = field.deprecated;
    lines.push(`**Deprecated**${reason ? ` (${reason})` : ""}${replacement ? `: use \`${replacement}\`` : ""}.`);
  }
  const uses = [field.filterable ? "filterable" : "not filterable", field.sortable ? "sortable" : "not sortable", field.nullable ? "may be null" : "never null"];
  lines.push(uses.join(", ") + ".");
  return lines.join("\n\n");
}
