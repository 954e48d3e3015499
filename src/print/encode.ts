/**
 * URL encoding of the canonical form (LANGUAGE.md section 4).
 * @module
 */
import type { Expression, QueryNode } from "../syntax/ast.js";
import { joinParameters, queryParts, type FormatOptions } from "./format.js";

/** Options of {@link toQueryString}. */
export interface QueryStringOptions extends FormatOptions {
  /** How spaces are written: `+` (default, as in the API docs' curl examples) or `%20`. */
  readonly spaces?: "plus" | "percent";
}

const HEX = "0123456789ABCDEF";
/** ASCII characters left readable: letters, digits and `- . _ ~ ! $ ' ( ) * , ; : @ / ?`. */
const READABLE = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;:@/?") READABLE[ch.charCodeAt(0)] = 1;

function percentByte(byte: number): string {
  return "%" + HEX[byte >> 4] + HEX[byte & 15];
}

/**
 * Percent-encodes decoded parameter text: readable ASCII stays, everything else becomes UTF-8
 * `%XX` with upper-case hex, spaces `+` or `%20`. A lone surrogate (only possible in a tree built
 * from damaged input) is written as U+FFFD.
 */
export function encodeComponent(text: string, spaces: "plus" | "percent" = "plus"): string {
  let out = "";
  let plainStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && READABLE[c] === 1) continue;
    if (i > plainStart) out += text.slice(plainStart, i);
    plainStart = i + 1;
    if (c === 32) {
      out += spaces === "plus" ? "+" : "%20";
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
    if (cp < 0x80) out += percentByte(cp);
    else if (cp < 0x800) out += percentByte(0xc0 | (cp >> 6)) + percentByte(0x80 | (cp & 63));
    else if (cp < 0x10000)
      out += percentByte(0xe0 | (cp >> 12)) + percentByte(0x80 | ((cp >> 6) & 63)) + percentByte(0x80 | (cp & 63));
    else
      out +=
        percentByte(0xf0 | (cp >> 18)) +
        percentByte(0x80 | ((cp >> 12) & 63)) +
        percentByte(0x80 | ((cp >> 6) & 63)) +
        percentByte(0x80 | (cp & 63));
  }
  return plainStart === 0 ? text : out + text.slice(plainStart);
}

/**
 * The canonical form URL-encoded: `where=(name+EQ+'a+b%2Bc%25')&orderby=id+desc`. Unknown
 * parameters pass through as received. An expression (or a Query read from a bare expression)
 * becomes a `where=` parameter.
 */
export function toQueryString(node: QueryNode | Expression, options?: QueryStringOptions): string {
  const query: QueryNode = node.kind === "Query" ? node : { kind: "Query", form: "url", where: node, parameters: [] };
  const spaces = options?.spaces ?? "plus";
  return joinParameters(
    queryParts(query, options).map((p) => {
      if (p.raw) return p.value === undefined ? p.name : `${p.name}=${p.value}`;
      return `${p.name}=${encodeComponent(p.value!, spaces)}`;
    }),
  );
}
