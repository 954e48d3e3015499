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
    for (const keyword of miscasedKeywordsOf(context.query)) {
      context.report({
        start: keyword.start,
        end: keyword.end,
        message: `Write '${keyword.canonical}', as every server example does, not '${keyword.text}'.`,
        fix: { title: `Write '${keyword.canonical}'`, edits: [{ start: keyword.start, end: keyword.end, newText: keyword.canonical }] },
      });
    }
  },
};
