/**
 * `formatText`: the canonical form of a filter as it sits in an editor, keeping what surrounds the
 * query (a URL's address and `?`, a `#` fragment) and the way it is spelled.
 * @module
 */
import { toQueryString } from "../print/encode.js";
import { format } from "../print/format.js";
import { hasErrors } from "../syntax/diagnostics.js";
import { parse } from "../syntax/parse.js";
import { sourceOf } from "../syntax/source.js";
import { findQuery } from "../syntax/url.js";
import type { FormatTextOptions } from "./types.js";

/**
 * The canonical text of `text`, or `undefined` when it has a syntax error (a broken filter has no
 * canonical form; formatting it would lose what the user wrote). A URL keeps its address before
 * the `?` and its `#fragment`; with `encoding: "keep"` (the default) a filter written URL-encoded
 * is printed URL-encoded, and so is a query string whose decoded form would read back as another
 * filter (a value holding `+` or `&`). Text that is already canonical comes back unchanged.
 */
export function formatText(text: string, options: FormatTextOptions = {}): string | undefined {
  const { query, diagnostics } = parse(text);
  if (hasErrors(diagnostics)) return undefined;
  const encoding = options.encoding ?? "keep";
  // written encoded: some parameter was changed by decoding and spells its spaces `+` or `%20`
  const written = sourceOf(query)?.parameters.find((p) => p.decoded.changed && p.spelling.space !== " ");
  const encoded = encoding === "encoded" || (encoding === "keep" && written !== undefined);
  const schema = options.schema ? { schema: options.schema } : {};
  const encode = () => toQueryString(query, { ...schema, spaces: written?.spelling.space === "%20" ? "percent" : "plus" });
  let body = encoded ? encode() : format(query, schema);
  // decoded text in a query string reads `+` as a space and `%XX` as an escape: when the decoded
  // form would not read back as itself (a value holding `+`, `&`, `%41`), it is printed encoded
  // the query string of a URL or query-string text; null exactly for a bare expression (parse's form)
  const bounds = findQuery(text);
  if (!encoded && bounds !== null && format(parse(body).query, schema) !== body) body = encode();
  if (bounds === null) return body;
  const prefix = text.slice(0, bounds.start);
  if (prefix.endsWith("?") && body.startsWith("?")) body = body.slice(1);
  return prefix + body + text.slice(bounds.end);
}
