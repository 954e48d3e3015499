import { miscasedKeywordsOf } from "../../syntax/source.js";
import type { Rule } from "../rule.js";

/**
 * A keyword not in its canonical case (`eq`, `And`, `NULL`): every real server example writes
 * operators and logical words in upper case and null/true/false in lower case.
 */
export const keywordCase: Rule = {
  id: "keyword-case",
  severity: "hint",
  description: "A keyword not written as every server example writes it (EQ, AND, null); the fix rewrites it.",
  check(context) {
    // a field may be named like a keyword (`eq EQ 1`, `orderby=DESC`), and field names keep their
    // case (LANGUAGE.md section 2): a field's name is no keyword to rewrite
    const fieldStarts = new Set<number>();
    for (const { node } of context.index.conditions) if (node.field.loc) fieldStarts.add(node.field.loc.start);
    for (const key of context.index.sortKeys) if (key.field.loc) fieldStarts.add(key.field.loc.start);
    for (const keyword of miscasedKeywordsOf(context.query)) {
      if (fieldStarts.has(keyword.start)) continue;
      context.report({
        start: keyword.start,
        end: keyword.end,
        message: `Write '${keyword.canonical}', as every server example does, not '${keyword.text}'.`,
        fix: { title: `Write '${keyword.canonical}'`, edits: [{ start: keyword.start, end: keyword.end, newText: keyword.canonical }] },
      });
    }
  },
};
