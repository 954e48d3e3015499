/// <reference types="node" />
/**
 * `vmfilter format`: the canonical form of a filter, decoded or URL-encoded.
 * @module
 */
import { format } from "../../print/format.js";
import { toQueryString } from "../../print/encode.js";
import { hasErrors } from "../../syntax/diagnostics.js";
import { parse } from "../../syntax/parse.js";
import { choice } from "../args.js";
import type { Command } from "../command.js";

export const formatCommand: Command = {
  name: "format",
  summary: "print a filter in its canonical form (like prettier): decoded, or URL-encoded with --url",
  usage: "format [filter] [--url] [--spaces plus|percent]",
  examples: [
    `vmfilter format "name cp '%web%' and state eq 'active'"`,
    `vmfilter format "limit=0,50&where=id%20eq%201&orderby=name"`,
    `vmfilter format --url "name CP '%web%'"`,
    `echo "id eq 1" | vmfilter format`,
    `vmfilter format --file saved.txt > canonical.txt     # one filter per line`,
    `vmfilter format --file searches.jsonl --field where --format json`,
  ],
  options: {
    url: { type: "boolean", description: "print the URL-encoded form (what goes into a request)" },
    spaces: { type: "string", value: "plus|percent", description: "with --url: spaces as + (default) or %20" },
  },
  takesFilter: true,
  reportsDiagnostics: false,
  prepare(values) {
    const url = values.url === true;
    const spaces = choice(values, "spaces", ["plus", "percent"] as const, "plus");
    return (text) => {
      const { query, diagnostics } = parse(text);
      if (hasErrors(diagnostics)) return { diagnostics };
      return { output: url ? toQueryString(query, { spaces }) : format(query), diagnostics };
    };
  },
};
