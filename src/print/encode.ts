/**
 * URL encoding of the canonical form (LANGUAGE.md section 4).
 * @module
 */
import type { Expression, QueryNode } from "../syntax/ast.js";
import { joinQuery, type FormatOptions } from "./format.js";
import { spelling, writeExpression, type Spelling } from "./write-expression.js";

/** Options of {@link toQueryString}. */
export interface QueryStringOptions extends FormatOptions {
  /** How spaces are written: `+` (default, as in the API docs' curl examples) or `%20`. */
  readonly spaces?: "plus" | "percent";
}

/** ASCII characters left readable: letters, digits and `- . _ ~ ! $ ' ( ) * , ; : @ / ?`. */
const READABLE = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;:@/?") READABLE[ch.charCodeAt(0)] = 1;

/** `%XX` (upper-case hex) of every byte, built once. */
const PERCENT: readonly string[] = Array.from({ length: 256 }, (_, byte) => "%" + byte.toString(16).toUpperCase().padStart(2, "0"));

/**
 * Percent-encodes decoded parameter text: readable ASCII stays, everything else becomes UTF-8
 * `%XX` with upper-case hex, spaces `+` or `%20`. A lone surrogate (only possible in a tree built
 * from damaged input) is written as U+FFFD. Text with nothing to encode is returned as it is.
 */
export function encodeComponent(text: string, spaces: "plus" | "percent" = "plus"): string {
  const n = text.length;
  // the readable prefix, often the whole text
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || READABLE[c] === 0) break;
    i++;
  }
  if (i === n) return text;
  const space = spaces === "plus" ? "+" : "%20";
  let out = text.slice(0, i);
  let plainStart = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && READABLE[c] === 1) continue;
    if (i > plainStart) out += text.slice(plainStart, i);
    plainStart = i + 1;
    if (c < 128) {
      out += c === 32 ? space : PERCENT[c]!;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        plainStart = i + 1;
      } else cp = 0xfffd;
    } else if (c >= 0xdc00 && c <= 0xdfff) cp = 0xfffd;
    if (cp < 0x800) out += PERCENT[0xc0 | (cp >> 6)]! + PERCENT[0x80 | (cp & 63)]!;
    else if (cp < 0x10000) out += PERCENT[0xe0 | (cp >> 12)]! + PERCENT[0x80 | ((cp >> 6) & 63)]! + PERCENT[0x80 | (cp & 63)]!;
    else out += PERCENT[0xf0 | (cp >> 18)]! + PERCENT[0x80 | ((cp >> 12) & 63)]! + PERCENT[0x80 | ((cp >> 6) & 63)]! + PERCENT[0x80 | (cp & 63)]!;
  }
  return plainStart === n ? out : out + text.slice(plainStart);
}

// (String(): a tree built in code may hold a field name that is not a string; it prints as text)
const plusEncode = (text: string) => encodeComponent(typeof text === "string" ? text : String(text), "plus");
const percentEncode = (text: string) => encodeComponent(typeof text === "string" ? text : String(text), "percent");
/** The canonical WHERE text written URL-encoded in one pass: `(name+CP+'%25web%25')`. */
const ENCODED: Record<"plus" | "percent", Spelling> = { plus: spelling("+", plusEncode), percent: spelling("%20", percentEncode) };

/**
 * The canonical form URL-encoded: `where=(name+EQ+'a+b%2Bc%25')&orderby=id+desc`. Unknown
 * parameters pass through as received. An expression (or a Query read from a bare expression)
 * becomes a `where=` parameter.
 */
export function toQueryString(node: QueryNode | Expression, options?: QueryStringOptions): string {
  // as encodeComponent reads it: anything but "plus" (or no option) is "percent"
  const plus = options?.spaces === undefined || options.spaces === "plus";
  const query: QueryNode = node.kind === "Query" ? node : { kind: "Query", form: "url", where: node, parameters: [] };
  const where = query.where ? writeExpression(query.where, plus ? ENCODED.plus : ENCODED.percent, options?.schema) : undefined;
  return joinQuery(query, where, plus ? plusEncode : percentEncode);
}
