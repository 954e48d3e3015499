import type { Rule } from "../rule.js";
import { at } from "./helpers.js";

/** ORDERBY with several keys: not known to be supported upstream. Takes over the parser's warning. */
export const multipleSortKeys: Rule = {
  id: "multiple-sort-keys",
  severity: "warning",
  description: "ORDERBY with several keys; servers are only known to honour one.",
  parserCode: "multiple-sort-keys",
  check(context) {
    const orderBy = context.query.orderBy;
    if (!orderBy || orderBy.keys.length < 2) return;
    context.report({ ...at(orderBy), message: `ORDERBY has ${orderBy.keys.length} keys; servers are only known to honour one.` });
  },
};
