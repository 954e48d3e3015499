import type { Rule } from "../rule.js";
import { at } from "./helpers.js";

/** `limit=N,0`: asks for no rows. */
export const limitCountZero: Rule = {
  id: "limit-count-zero",
  severity: "warning",
  description: "A limit whose count is 0 returns no rows.",
  check(context) {
    const limit = context.query.limit;
    if (limit?.count !== 0) return;
    context.report({ ...at(limit), message: "The limit count is 0: no rows are returned." });
  },
};
