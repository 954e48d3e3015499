/**
 * THE FIXED BASELINE of the parse benchmark (issue 2). Do not tune it.
 *
 * A minimal hand-written parser of the same WHERE language (LANGUAGE.md sections 1-2), the
 * "practical limit" that vmfilter's full parse is compared with. It was written once, kept honest
 * and simple, and is now frozen: making it faster or slower would move every ratio the issue's
 * target is stated in. If it ever has to change (a language change, a tree-shape change), say so
 * in bench/README.md with the date, and re-measure the target.
 *
 * What it does, and nothing more:
 * - input: `[?]where=<percent-encoded WHERE text>` (the form `toQueryString` prints); other
 *   parameters, bare expressions, orderby and limit are not supported (it throws);
 * - URL layer: `+` is a space, `%XX` runs are decoded as UTF-8 (an invalid sequence throws; a `%`
 *   not followed by two hex digits is kept literally, as vmfilter does), into a Uint16Array of
 *   decoded UTF-16 units with an Int32Array map from each back to its raw offset, and the decoded
 *   text as a string (for slicing token texts); a lone surrogate throws;
 * - a char-code scanner over the decoded units (separators: space, tab, CR, LF and `+`;
 *   keywords matched without regard to case; fields named like keywords, as vmfilter reads them);
 * - recursive descent: or_expr / and_expr / not_expr / primary / condition, NOT tighter than AND,
 *   AND tighter than OR, a nesting limit of 256 brackets and NOTs;
 * - the SAME tree as vmfilter: plain objects with `kind` and `loc: {start, end}` (raw offsets),
 *   n-ary flattened And/Or, `f IS NOT null` read as Not(IsNull), literals with `value` and `raw`
 *   (`raw` being the decoded token text), numbers as normalised decimal text.
 * No diagnostics, no error recovery, no fixes: the first error throws a SyntaxError.
 *
 * Plain performance habits, nothing more: the raw text is read as bytes (TextEncoder.encodeInto,
 * when it is ASCII, as URL-form text is) and the scanner reads typed arrays rather than calling
 * charCodeAt per character (on this Node 20 a typed-array read is several times cheaper); the
 * scratch arrays are allocated once (values up to 256 Ki units) and reused from parse to parse.
 * No interning or sharing: every node, array and string of the tree is its own, as in vmfilter.
 *
 * Frozen 2026-11-28. Measured then on the project's VM (2 vCPU AMD EPYC, Node 20.20): 54-78 MB/s
 * on the large input in the benchmark (the brief asked for >= 120 MB/s; see bench/README.md).
 */

// Token types.
const EOF = 0;
const LPAREN = 1;
const RPAREN = 2;
const NAME = 3;
const STRING = 4;
const NUMBER = 5;

// Keyword codes of a NAME token (0: a plain name).
const KW_AND = 1;
const KW_OR = 2;
const KW_NOT = 3;
const KW_IS = 4;
const KW_NULL = 5;
const KW_TRUE = 6;
const KW_FALSE = 7;
const KW_OP = 8; // a comparison operator; its canonical spelling is in tokOp

const MAX_DEPTH = 256;

// Character classes of UTF-16 units: 1 = ASCII letter or '_', 2 = digit, 0 = anything else.
const CLASS = new Uint8Array(65536);
for (let c = 65; c <= 90; c++) CLASS[c] = CLASS[c + 32] = 1;
CLASS[95] = 1;
for (let c = 48; c <= 57; c++) CLASS[c] = 2;

// The longest where= value read, in UTF-16 units (vmfilter's default maxLength is 64 Ki).
const MAX_LENGTH = 1 << 20;

// Parser state (one parse at a time). The typed arrays are scratch space, reused from parse to parse.
let text = ""; // decoded WHERE text
const units = new Uint16Array(MAX_LENGTH + 1); // its UTF-16 units, then a 0 sentinel
const map = new Int32Array(MAX_LENGTH + 1); // raw offset of each decoded unit, plus the end
let length = 0; // length of the decoded text
let pos = 0; // scanner position in text
let tok = EOF;
let tokStart = 0;
let tokEnd = 0;
let tokKw = 0;
let tokOp = "";
let tokFlag = false; // STRING: has a '' escape; NUMBER: is not in normal form
let tokDot = -1; // NAME: index of its first '.', or -1
let prevEnd = 0; // end of the last consumed token
let depth = 0;

/** Throws a SyntaxError at raw offset `at`. */
function fail(message, at) {
  throw new SyntaxError(`${message} at offset ${at}`);
}

/** The raw offset of decoded index `index`. */
function rawAt(index) {
  return map[index];
}

function span(start, end) {
  const s = map[start];
  const e = map[end];
  return { start: s, end: e > s ? e : s };
}

// ---------------------------------------------------------------------------------------------
// URL layer

function hex(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The byte of a `%XX` escape at `i` in `src` (raw units, `len` of them), or -1. */
function escapeAt(src, i, len) {
  if (i + 3 > len || src[i] !== 37) return -1;
  const hi = hex(src[i + 1]);
  const lo = hex(src[i + 2]);
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

const encoder = new TextEncoder();
const utf16 = new TextDecoder("utf-16le");
const rawBytes = new Uint8Array(MAX_LENGTH); // the raw text as bytes, when it is ASCII
const rawUnits = new Uint16Array(MAX_LENGTH); // the raw text as UTF-16 units, when it is not

/** Decodes `s[from, to)` into `text`, `units`, `length` and `map`. */
function decode(s, from, to) {
  const len = to - from;
  if (len > MAX_LENGTH) fail(`the where value is longer than ${MAX_LENGTH} units`, from);
  const { read, written } = encoder.encodeInto(from === 0 && to === s.length ? s : s.slice(from, to), rawBytes);
  if (read === len && written === len) length = decodeUnits(rawBytes, len, from);
  else {
    // Not ASCII: read it unit by unit.
    for (let k = 0; k < len; k++) rawUnits[k] = s.charCodeAt(from + k);
    length = decodeUnits(rawUnits, len, from);
  }
  text = utf16.decode(units.subarray(0, length));
}

/** Percent-decodes `len` raw units (raw offset `from` at index 0) into `units` and `map`; returns the decoded length. */
function decodeUnits(src, len, from) {
  const u = units;
  const m = map;
  let n = 0;
  for (let i = 0; i < len; ) {
    const c = src[i];
    if (c !== 37 && (c & 0xf800) !== 0xd800) {
      u[n] = c === 43 ? 32 : c; // '+' is a space
      m[n++] = from + i++;
    } else if (c === 37) {
      const b0 = escapeAt(src, i, len);
      if (b0 < 0) {
        u[n] = 37; // not an escape: a literal '%'
        m[n++] = from + i++;
      } else if (b0 < 0x80) {
        u[n] = b0;
        m[n++] = from + i;
        i += 3;
      } else {
        // A UTF-8 sequence of 2 to 4 escaped bytes.
        let need, cp, lo = 0x80, hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) (need = 1), (cp = b0 & 0x1f);
        else if (b0 >= 0xe0 && b0 <= 0xef) {
          need = 2;
          cp = b0 & 0x0f;
          if (b0 === 0xe0) lo = 0xa0;
          if (b0 === 0xed) hi = 0x9f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
          need = 3;
          cp = b0 & 0x07;
          if (b0 === 0xf0) lo = 0x90;
          if (b0 === 0xf4) hi = 0x8f;
        } else fail("invalid UTF-8 escape", from + i);
        for (let k = 1; k <= need; k++) {
          const b = escapeAt(src, i + 3 * k, len);
          if (b < (k === 1 ? lo : 0x80) || b > (k === 1 ? hi : 0xbf)) fail("invalid UTF-8 escape", from + i);
          cp = (cp << 6) | (b & 0x3f);
        }
        if (cp > 0xffff) {
          u[n] = 0xd800 + ((cp - 0x10000) >> 10);
          m[n++] = from + i;
          u[n] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else u[n] = cp;
        m[n++] = from + i;
        i += 3 * (need + 1);
      }
    } else {
      // A surrogate: only a well-formed pair is text.
      const d = src[i + 1];
      if (c > 0xdbff || i + 1 >= len || d < 0xdc00 || d > 0xdfff) fail("lone surrogate", from + i);
      u[n] = c;
      m[n++] = from + i++;
      u[n] = d;
      m[n++] = from + i++;
    }
  }
  m[n] = from + len;
  u[n] = 0; // sentinel: no token continues past the end
  return n;
}

// ---------------------------------------------------------------------------------------------
// Scanner

/** Keyword code of the word `units[start, start+len)`, ignoring case; sets tokOp for operators. */
function keyword(u, start, len) {
  if (len > 5) return 0;
  const a = u[start] | 32;
  const b = u[start + 1] | 32;
  if (len === 2) {
    switch (a) {
      case 101: // e
        if (b === 113) return (tokOp = "EQ"), KW_OP;
        return 0;
      case 110: // n
        if (b === 101) return (tokOp = "NE"), KW_OP;
        return 0;
      case 103: // g
        if (b === 116) return (tokOp = "GT"), KW_OP;
        if (b === 101) return (tokOp = "GE"), KW_OP;
        return 0;
      case 108: // l
        if (b === 116) return (tokOp = "LT"), KW_OP;
        if (b === 101) return (tokOp = "LE"), KW_OP;
        return 0;
      case 99: // c
        return b === 112 ? ((tokOp = "CP"), KW_OP) : 0;
      case 105: // i
        return b === 115 ? KW_IS : 0;
      case 111: // o
        return b === 114 ? KW_OR : 0;
    }
    return 0;
  }
  const c = u[start + 2] | 32;
  if (len === 3) {
    if (a === 97 && b === 110 && c === 100) return KW_AND;
    if (a === 110 && b === 111 && c === 116) return KW_NOT;
    return 0;
  }
  const d = u[start + 3] | 32;
  if (len === 4) {
    if (a === 110 && b === 117 && c === 108 && d === 108) return KW_NULL;
    if (a === 116 && b === 114 && c === 117 && d === 101) return KW_TRUE;
    return 0;
  }
  if (len === 5 && a === 102 && b === 97 && c === 108 && d === 115 && (u[start + 4] | 32) === 101) return KW_FALSE;
  return 0;
}

/** Consumes the current token and scans the next one. */
function next() {
  prevEnd = tokEnd;
  const u = units;
  const n = length;
  let p = pos;
  let c = 0;
  while (p < n) {
    c = u[p];
    if (c === 32 || c === 43 || c === 9 || c === 10 || c === 13) p++;
    else break;
  }
  tokStart = p;
  if (p >= n) {
    tok = EOF;
    tokEnd = pos = n;
    return;
  }
  if (c === 40 || c === 41) {
    tok = c === 40 ? LPAREN : RPAREN;
    tokEnd = pos = p + 1;
    return;
  }
  if (c === 39) {
    // '…' with '' for a quote
    let q = p + 1;
    tokFlag = false;
    for (;;) {
      q = text.indexOf("'", q);
      if (q < 0) fail("unterminated string", rawAt(p));
      if (u[q + 1] !== 39) break; // (u[length] is the 0 sentinel)
      tokFlag = true;
      q += 2;
    }
    tok = STRING;
    tokEnd = pos = q + 1;
    return;
  }
  const cls = CLASS[c];
  if (cls === 1) {
    // name { "." name }   (the sentinel after the text stops every loop)
    let q = p + 1;
    tokDot = -1;
    for (;;) {
      while (CLASS[u[q]] !== 0) q++;
      if (u[q] === 46 && CLASS[u[q + 1]] === 1) {
        if (tokDot < 0) tokDot = q;
        q += 2;
        continue;
      }
      break;
    }
    tok = NAME;
    tokKw = tokDot < 0 ? keyword(u, p, q - p) : 0;
    tokEnd = pos = q;
    return;
  }
  if (cls === 2 || (c === 45 && CLASS[u[p + 1]] === 2)) {
    // [-] digits [ "." digits ]; tokFlag: not in normal form (leading zero, trailing zero, -0)
    let q = p + 1;
    const first = c === 45 ? p + 1 : p;
    if (c === 45) q++;
    while (CLASS[u[q]] === 2) q++;
    tokFlag = u[first] === 48 && (q - first > 1 || c === 45);
    if (u[q] === 46 && CLASS[u[q + 1]] === 2) {
      q += 2;
      while (CLASS[u[q]] === 2) q++;
      if (u[q - 1] === 48) tokFlag = true;
    }
    tok = NUMBER;
    tokEnd = pos = q;
    return;
  }
  fail(`unexpected character '${text[p]}'`, rawAt(p));
}

// ---------------------------------------------------------------------------------------------
// Parser

/** Is the NOT that is the current token a field name (`not IS null`, `not EQ 1`)? */
function notIsField() {
  const p0 = pos, t0 = tok, s0 = tokStart, e0 = tokEnd, k0 = tokKw, o0 = tokOp, f0 = tokFlag, d0 = tokDot, v0 = prevEnd;
  let field = false;
  next();
  if (tok === NAME && tokKw === KW_OP) {
    next();
    field = !(tok === NAME && (tokKw === KW_OP || tokKw === KW_IS));
  } else if (tok === NAME && tokKw === KW_IS) {
    next();
    if (tok === NAME && tokKw === KW_NULL) field = true;
    else if (tok === NAME && tokKw === KW_NOT) {
      next();
      field = tok === NAME && tokKw === KW_NULL;
    }
  }
  pos = p0;
  tok = t0;
  tokStart = s0;
  tokEnd = e0;
  tokKw = k0;
  tokOp = o0;
  tokFlag = f0;
  tokDot = d0;
  prevEnd = v0;
  return field;
}

function pushFlat(operands, node, kind) {
  if (node.kind === kind) for (const op of node.operands) operands.push(op);
  else operands.push(node);
}

// or_expr = and_expr { "OR" and_expr }
function orExpr() {
  const start = tokStart;
  const first = andExpr();
  if (tok !== NAME || tokKw !== KW_OR) return first;
  const operands = [];
  pushFlat(operands, first, "Or");
  do {
    next();
    pushFlat(operands, andExpr(), "Or");
  } while (tok === NAME && tokKw === KW_OR);
  return { kind: "Or", operands, loc: span(start, prevEnd) };
}

// and_expr = not_expr { "AND" not_expr }
function andExpr() {
  const start = tokStart;
  const first = notExpr();
  if (tok !== NAME || tokKw !== KW_AND) return first;
  const operands = [];
  pushFlat(operands, first, "And");
  do {
    next();
    pushFlat(operands, notExpr(), "And");
  } while (tok === NAME && tokKw === KW_AND);
  return { kind: "And", operands, loc: span(start, prevEnd) };
}

// not_expr = "NOT" not_expr | "(" or_expr ")" | condition
function notExpr() {
  if (tok === NAME && tokKw === KW_NOT && !notIsField()) {
    if (++depth > MAX_DEPTH) fail("nesting too deep", rawAt(tokStart));
    const start = tokStart;
    next();
    const operand = notExpr();
    depth--;
    return { kind: "Not", operand, loc: span(start, prevEnd) };
  }
  if (tok === LPAREN) {
    if (++depth > MAX_DEPTH) fail("nesting too deep", rawAt(tokStart));
    next();
    const inner = orExpr();
    if (tok !== RPAREN) fail("expected ')'", rawAt(tokStart));
    next();
    depth--;
    return inner;
  }
  return condition();
}

/** The segments of the dotted name `text[start, end)` whose first '.' is at `dot`. */
function splitPath(start, dot, end) {
  const path = [text.slice(start, dot)];
  const u = units;
  for (let k = dot + 1; k < end; k++) {
    if (u[k] !== 46) continue;
    path.push(text.slice(dot + 1, k));
    dot = k;
  }
  path.push(text.slice(dot + 1, end));
  return path;
}

// condition = field compare_op value | field "IS" ["NOT"] "null"
function condition() {
  if (tok !== NAME) fail("expected a field name", rawAt(tokStart));
  const start = tokStart;
  const name = text.slice(tokStart, tokEnd);
  const field = { kind: "Field", path: tokDot < 0 ? [name] : splitPath(tokStart, tokDot, tokEnd), name, loc: span(tokStart, tokEnd) };
  next();
  if (tok === NAME && tokKw === KW_OP) {
    const operator = tokOp;
    next();
    const value = literal();
    return { kind: "Comparison", field, operator, value, loc: span(start, prevEnd) };
  }
  if (tok === NAME && tokKw === KW_IS) {
    next();
    const negated = tok === NAME && tokKw === KW_NOT;
    if (negated) next();
    if (tok !== NAME || tokKw !== KW_NULL) fail("expected null", rawAt(tokStart));
    next();
    const loc = span(start, prevEnd);
    const isNull = { kind: "IsNull", field, loc };
    return negated ? { kind: "Not", operand: isNull, loc } : isNull;
  }
  return fail("expected an operator", rawAt(tokStart));
}

// value = string | number | "true" | "false"
function literal() {
  const image = text.slice(tokStart, tokEnd);
  const loc = span(tokStart, tokEnd);
  let node;
  if (tok === STRING) {
    const body = image.slice(1, -1);
    node = { kind: "String", value: tokFlag ? body.replaceAll("''", "'") : body, raw: image, loc };
  } else if (tok === NUMBER) node = { kind: "Number", value: tokFlag ? normalizeNumber(image) : image, raw: image, loc };
  else if (tok === NAME && (tokKw === KW_TRUE || tokKw === KW_FALSE)) node = { kind: "Boolean", value: tokKw === KW_TRUE, raw: image, loc };
  else fail("expected a value", rawAt(tokStart));
  next();
  return node;
}

/** `007.50` → `7.5`, `-0` → `0`: exact decimal text, never through a float. */
function normalizeNumber(image) {
  const neg = image.charCodeAt(0) === 45 ? 1 : 0;
  const n = image.length;
  const dot = image.indexOf(".", neg);
  let i = neg;
  const wholeEnd = dot < 0 ? n : dot;
  while (i < wholeEnd - 1 && image.charCodeAt(i) === 48) i++;
  let j = n;
  if (dot >= 0) {
    while (j > dot + 1 && image.charCodeAt(j - 1) === 48) j--;
    if (j === dot + 1) j = dot; // no fraction left
  }
  if (i === neg && j === n) return neg && j - i === 1 && image.charCodeAt(i) === 48 ? "0" : image;
  const body = image.slice(i, j);
  return neg && body !== "0" ? "-" + body : body;
}

/** Parses `[?]where=<percent-encoded WHERE text>` into a Query node; throws on any error. */
export function parse(input) {
  let i = input.charCodeAt(0) === 63 ? 1 : 0;
  let end = input.indexOf("#");
  if (end < 0) end = input.length;
  let where;
  while (i <= end) {
    let amp = input.indexOf("&", i);
    if (amp < 0 || amp > end) amp = end;
    if (amp > i) {
      if (!input.startsWith("where=", i)) fail("the baseline reads where= only", i);
      if (where !== undefined) fail("where is given twice", i);
      decode(input, i + 6, amp);
      pos = 0;
      tokEnd = 0;
      depth = 0;
      next();
      if (tok === EOF) fail("where has no value", 0);
      where = orExpr();
      if (tok !== EOF) fail("unexpected token", rawAt(tokStart));
    }
    i = amp + 1;
  }
  if (where === undefined) throw new SyntaxError("no where= parameter");
  return { kind: "Query", form: "url", where, parameters: [], loc: { start: 0, end: input.length } };
}
