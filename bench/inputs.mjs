/**
 * Benchmark inputs: seeded, deterministic filters of four sizes (no dependencies), and the same
 * filters in the peer libraries' syntaxes (SCIM, RSQL/FIQL, liqe/Lucene-like, OData).
 *
 * Input form (chosen for issue 2): the URL query-string form that vmfilter's `toQueryString`
 * prints with default options, i.e. `where=` followed by the canonical WHERE text percent-encoded,
 * `+` for spaces, `%25` for `%`, `%26` for `&`, UTF-8 `%XX` for non-ASCII, quotes left readable:
 *
 *   where=(name+CP+'%25web%25')+AND+NOT+(cluster.id+IS+null)
 *
 * So both parsers must URL-decode the value and map every decoded character back to its raw
 * offset (AST locations are raw offsets). The runner checks that vmfilter prints each input back
 * unchanged (`toQueryString(parse(input).query) === input`), i.e. that the inputs are canonical.
 *
 * The generator builds a small tree, prints it in the canonical form of LANGUAGE.md section 4
 * (every comparison bracketed, same-operator chains flat, other groups bracketed) and encodes it
 * like `encodeComponent` does. Nothing here imports vmfilter.
 *
 * ONE generator feeds every syntax: each input's tree (comparisons, nesting, values) is printed
 * by `canonical` for vmfilter and by `toScim`, `toRsql`, `toLiqe` and `toOData` for the peers, so
 * all parsers read the same logical filter. Where a syntax lacks a construct, the nearest one is
 * used (see each printer and bench/README.md, "The peers"). `makeInvalidMedium` breaks the medium
 * filter in three places for the recovery-path case.
 */

/** Seeds of the three inputs: change them and every figure moves; keep them fixed. */
export const SEEDS = { small: 1, medium: 2, large: 3, "1mb": 4 };

/**
 * The `maxLength` every benchmark passes to vmfilter's `parse`: the default (65 536 UTF-16 units)
 * rejects the large and 1 MB inputs with input-too-long, so the limit is raised for every input.
 */
export const PARSE_OPTIONS = Object.freeze({ maxLength: 1 << 20 });

/** mulberry32: a tiny, well-mixed 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Fields as real VMmanager clients use them, with the type of value they are compared with.
const FIELDS = [
  ["id", "num"],
  ["name", "str"],
  ["state", "str"],
  ["domain", "str"],
  ["comment", "str"],
  ["desc", "str"], // a field named like a sort keyword
  ["ip4.ip", "str"],
  ["cluster.id", "num"],
  ["cluster.name", "str"],
  ["node.name", "str"],
  ["os.name", "str"],
  ["account.email", "str"],
  ["disk.size_mib", "num"],
  ["ram_mib", "num"],
  ["cpu_number", "num"],
  ["cpu_load", "num"],
  ["is_protected", "bool"],
  ["vxlan.id", "num"],
  ["tags.name", "str"],
  ["owner.name", "str"],
  ["hostname", "str"],
];

// Decoded string values; quotes are written '' by the printer, % survives as %25 in the URL.
const WORDS = [
  "web", "host_create", "active", "stopped", "creating", "db-01", "O'Brien", "it's ours",
  "Сервер 5", "Тест", "a&b+c=d", "50% off", "#tag", "example.com", "node 7", "ÜberHost",
  "backup-2024", "x'y''z", "mail", "gw", "vm-web-frontend", "mail.example.org", "k8s-worker",
  "Клиентский сервер", "postgres_replica",
];
const EMAILS = ["admin@example.com", "ops@corp.local", "d'arcy@mail.ru"];
const STATES = ["active", "stopped", "creating", "deleting", "migrating"];
const NUMERIC_OPS = ["EQ", "NE", "GT", "GE", "LT", "LE"];

/** Builds the generator state for one seed. */
function generator(seed) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];

  function stringValue(field, op) {
    if (field === "ip4.ip") return op === "CP" ? `10.${int(0, 255)}.%` : `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
    if (field === "state") return op === "CP" ? `%${pick(STATES).slice(0, 4)}%` : pick(STATES);
    if (field === "account.email") return op === "CP" ? `%@${pick(["example.com", "corp.local"])}` : pick(EMAILS);
    const word = pick(WORDS);
    if (op === "CP") return rnd() < 0.5 ? `%${word}%` : `${word}%`;
    return rnd() < 0.75 ? `${word}-${int(1, 99999)}` : word;
  }

  function numberValue() {
    const r = rnd();
    if (r < 0.7) return String(int(0, 999999));
    if (r < 0.85) return String(-int(1, 500));
    let frac = String(int(1, 999));
    while (frac.endsWith("0")) frac = frac.slice(0, -1); // canonical: no trailing fractional zeros
    return `${int(0, 100)}.${frac}`;
  }

  function leaf() {
    const [field, type] = pick(FIELDS);
    if (rnd() < 0.08) return { kind: "IsNull", field };
    // `value` is the canonical literal text; `type` and, for strings, `str` (the decoded string)
    // are for the peers' printers (they consume no random numbers, so the trees stay the same).
    if (type === "num") return { kind: "Cmp", field, op: pick(NUMERIC_OPS), value: numberValue(), type };
    if (type === "bool") return { kind: "Cmp", field, op: pick(["EQ", "NE"]), value: rnd() < 0.5 ? "true" : "false", type };
    const op = rnd() < 0.45 ? "CP" : pick(["EQ", "NE", "EQ", "GT"]);
    const text = stringValue(field, op);
    return { kind: "Cmp", field, op, value: `'${text.replaceAll("'", "''")}'`, type, str: text };
  }

  /** A tree with exactly `n` comparisons whose top is not a chain of `parentKind`. */
  function tree(n, parentKind, top) {
    let node;
    if (n === 1) node = leaf();
    else {
      // The large input's top level is a long chain of medium-sized groups, as generated
      // filters are (a list of alternatives); below that, groups of 2 to 4.
      const k = top && n > 24 ? Math.round(n / 12) : Math.min(n, int(2, 4));
      const sizes = new Array(k).fill(1);
      for (let rest = n - k; rest > 0; rest--) sizes[int(0, k - 1)]++;
      const kind = parentKind === "And" ? "Or" : parentKind === "Or" ? "And" : rnd() < 0.6 ? "And" : "Or";
      node = { kind, operands: sizes.map((size) => tree(size, kind, false)) };
    }
    if (!top && rnd() < (n === 1 ? 0.12 : 0.2)) {
      node = { kind: "Not", operand: node };
      if (rnd() < 0.05) node = { kind: "Not", operand: node };
    }
    return node;
  }
  return { tree, leaf };
}

/** Canonical text (LANGUAGE.md section 4) of a generated tree. */
export function canonical(node) {
  switch (node.kind) {
    case "Cmp":
      return `(${node.field} ${node.op} ${node.value})`;
    case "IsNull":
      return `(${node.field} IS null)`;
    case "Not": {
      const inner = canonical(node.operand);
      return node.operand.kind === "Cmp" || node.operand.kind === "IsNull" ? `NOT ${inner}` : `NOT (${inner})`;
    }
    default: {
      const parts = node.operands.map((op) =>
        (op.kind === "And" || op.kind === "Or") && op.kind !== node.kind ? `(${canonical(op)})` : canonical(op),
      );
      return parts.join(node.kind === "And" ? " AND " : " OR ");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The peers' syntaxes. Every printer walks the same generated tree; leaves are not bracketed
// (idiomatic in all four), a group under another operator or under NOT is, as in `canonical`.

/** A CP mask split for the syntaxes that have contains / starts-with / ends-with, not masks. */
function maskShape(mask) {
  const lead = mask.startsWith("%");
  const trail = mask.length > 1 && mask.endsWith("%");
  const body = mask.slice(lead ? 1 : 0, trail ? -1 : undefined);
  // inner `%` (e.g. '%50% off%') stays in `body` as a literal character: the nearest they have
  return { shape: lead && trail ? "contains" : trail ? "startsWith" : lead ? "endsWith" : "equals", body };
}

/** Prints an And/Or chain with `join`, bracketing operands that are groups of the other kind. */
function chain(node, print, and, or) {
  const parts = node.operands.map((op) => ((op.kind === "And" || op.kind === "Or") && op.kind !== node.kind ? `(${print(op)})` : print(op)));
  return parts.join(node.kind === "And" ? and : or);
}

const SCIM_OPS = { EQ: "eq", NE: "ne", GT: "gt", GE: "ge", LT: "lt", LE: "le" };
const SCIM_MASK = { contains: "co", startsWith: "sw", endsWith: "ew", equals: "eq" };

/**
 * SCIM filter (RFC 7644 section 3.4.2.2), as scim2-parse-filter reads it:
 * `name co "web" and not (state eq "stopped")`. CP → co / sw / ew / eq by the mask's `%`s (an inner
 * `%` stays a literal character); IS null → `eq null`; strings JSON-quoted; negative numbers
 * JSON-quoted too (scim2-parse-filter cannot read them otherwise).
 */
export function toScim(node) {
  switch (node.kind) {
    case "Cmp": {
      if (node.op === "CP") {
        const { shape, body } = maskShape(node.str);
        return `${node.field} ${SCIM_MASK[shape]} ${JSON.stringify(body)}`;
      }
      // scim2-parse-filter 0.2.10 reads a negative number only at the very end of the filter (its
      // number pattern refuses a following space or bracket, and a word cannot start with `-`), so
      // negative numbers are written as JSON strings: the nearest it reads
      const value = node.type === "str" ? JSON.stringify(node.str) : node.value.startsWith("-") ? `"${node.value}"` : node.value;
      return `${node.field} ${SCIM_OPS[node.op]} ${value}`;
    }
    case "IsNull":
      return `${node.field} eq null`;
    case "Not":
      return `not (${toScim(node.operand)})`;
    default:
      return chain(node, toScim, " and ", " or ");
  }
}

const RSQL_OPS = { EQ: "==", NE: "!=", GT: "=gt=", GE: "=ge=", LT: "=lt=", LE: "=le=", CP: "==" };
const RSQL_NEGATED = { EQ: "!=", NE: "==", GT: "=le=", GE: "=lt=", LT: "=ge=", LE: "=gt=", CP: "!=" };

/** An RSQL argument: bare when it has no reserved character, else double-quoted. */
function rsqlValue(text) {
  return /^[^\s"'();,=!~<>\\]+$/.test(text) ? text : `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * RSQL / FIQL, as @rsql/parser reads it: `name==*web*;state!=stopped` (`;` AND, `,` OR). RSQL has
 * no NOT: negations are pushed down to the comparisons (De Morgan: NOT over AND becomes OR of the
 * negated operands and the other way round; EQ↔NE, GT↔LE, GE↔LT, CP → `!=` with the mask,
 * IS null → `=isnull=false`), so its tree has no Not nodes and some And/Or swapped. CP → `==`
 * with every `%` written `*` (the usual RSQL wildcard); IS null → `=isnull=true`.
 */
export function toRsql(node, negated = false) {
  switch (node.kind) {
    case "Cmp": {
      const op = (negated ? RSQL_NEGATED : RSQL_OPS)[node.op];
      const text = node.type !== "str" ? node.value : node.op === "CP" ? node.str.replaceAll("%", "*") : node.str;
      return `${node.field}${op}${rsqlValue(text)}`;
    }
    case "IsNull":
      return `${node.field}=isnull=${negated ? "false" : "true"}`;
    case "Not":
      return toRsql(node.operand, !negated);
    default: {
      const kind = negated ? (node.kind === "And" ? "Or" : "And") : node.kind;
      const parts = node.operands.map((op) => {
        const inner = op.kind === "Not" ? unwrapNot(op, negated) : { node: op, negated };
        const child = inner.node.kind === "And" || inner.node.kind === "Or" ? (inner.negated ? (inner.node.kind === "And" ? "Or" : "And") : inner.node.kind) : undefined;
        const text = toRsql(inner.node, inner.negated);
        return child !== undefined && child !== kind ? `(${text})` : text;
      });
      return parts.join(kind === "And" ? ";" : ",");
    }
  }
}

/** Strips NOTs off `node`, counting them into `negated`. */
function unwrapNot(node, negated) {
  while (node.kind === "Not") {
    node = node.operand;
    negated = !negated;
  }
  return { node, negated };
}

const LIQE_OPS = { EQ: ":", NE: ":", GT: ":>", GE: ":>=", LT: ":<", LE: ":<=" };
const LIQE_NUM_OPS = { EQ: ":=", NE: ":=", GT: ":>", GE: ":>=", LT: ":<", LE: ":<=" };

/**
 * liqe (Lucene-like), as liqe's `parse` reads it: `name:web AND NOT state:stopped`. liqe has no
 * string equality and no `!=`: EQ on a string → `field:"value"` (a quoted phrase), NE →
 * `NOT field:…`; numbers → `:=`, `:>`, `:>=`, `:<`, `:<=`; booleans → `field:true`;
 * IS null → `field:null`; CP → an unquoted wildcard (`%` → `*`) when liqe accepts it unquoted,
 * else the quoted phrase of the mask without its outer `%`s. (Regular expressions would map masks
 * exactly, but liqe 3.8 reports two regexes in one query as ambiguous.)
 */
export function toLiqe(node) {
  switch (node.kind) {
    case "Cmp": {
      const quoted = (text) => `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
      let text;
      if (node.op === "CP") {
        const wildcard = node.str.replaceAll("%", "*");
        text = /^\*?[A-Za-z_@#\u00C0-\u04FF][\w@#.\u00C0-\u04FF-]*\*?$/.test(wildcard) ? `${node.field}:${wildcard}` : `${node.field}:${quoted(maskShape(node.str).body)}`;
      } else if (node.type === "str") text = `${node.field}${LIQE_OPS[node.op]}${quoted(node.str)}`;
      else if (node.type === "bool") text = `${node.field}:${node.value}`;
      else text = `${node.field}${LIQE_NUM_OPS[node.op]}${node.value}`;
      return node.op === "NE" ? `NOT ${text}` : text;
    }
    case "IsNull":
      return `${node.field}:null`;
    case "Not": {
      // `NOT NOT x` is a syntax error in liqe, and NE already prints as `NOT …`
      const bare = node.operand.kind === "IsNull" || (node.operand.kind === "Cmp" && node.operand.op !== "NE");
      return bare ? `NOT ${toLiqe(node.operand)}` : `NOT (${toLiqe(node.operand)})`;
    }
    default:
      return chain(node, toLiqe, " AND ", " OR ");
  }
}

const ODATA_OPS = { EQ: "eq", NE: "ne", GT: "gt", GE: "ge", LT: "lt", LE: "le" };
const ODATA_MASK = { contains: "contains", startsWith: "startswith", endsWith: "endswith" };

/** An OData string literal inside a `$filter=` query option: `''` for `'`; `%`, `&`, `#` and `+` percent-encoded. */
function odataString(text) {
  return `'${text.replaceAll("'", "''").replace(/[%&#+]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}'`;
}

/**
 * OData 4 `$filter` query option, as odata-v4-parser's `query` reads it:
 * `$filter=contains(name,'web') and not (state eq 'stopped')`. CP → contains / startswith /
 * endswith / eq by the mask's `%`s (an inner `%` stays a literal character); IS null → `eq null`;
 * dotted fields as paths (`cluster/name`); the text is the decoded form except for the characters
 * a query option must encode (`%`, `&`, `#`, `+` inside strings).
 */
export function toOData(node, top = true) {
  const inner = (n) => toOData(n, false);
  let text;
  switch (node.kind) {
    case "Cmp": {
      const field = node.field.replaceAll(".", "/");
      if (node.op === "CP") {
        const { shape, body } = maskShape(node.str);
        text = shape === "equals" ? `${field} eq ${odataString(body)}` : `${ODATA_MASK[shape]}(${field},${odataString(body)})`;
      } else text = `${field} ${ODATA_OPS[node.op]} ${node.type === "str" ? odataString(node.str) : node.value}`;
      break;
    }
    case "IsNull":
      text = `${node.field.replaceAll(".", "/")} eq null`;
      break;
    case "Not":
      text = `not (${inner(node.operand)})`;
      break;
    default:
      text = chain(node, inner, " and ", " or ");
  }
  return top ? `$filter=${text}` : text;
}

const READABLE = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;:@/?");

/** Percent-encodes decoded text as `toQueryString` does by default (`+` for spaces, upper-case hex). */
export function encode(text) {
  let out = "";
  for (const ch of text) {
    if (READABLE.has(ch)) out += ch;
    else if (ch === " ") out += "+";
    else for (const byte of new TextEncoder().encode(ch)) out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** A flat (sequential) copy of a string, so no parser pays for flattening a rope. */
function flat(s) {
  return JSON.parse(JSON.stringify(s));
}

function countComparisons(node) {
  if (node.kind === "Cmp" || node.kind === "IsNull") return 1;
  if (node.kind === "Not") return countComparisons(node.operand);
  return node.operands.reduce((sum, op) => sum + countComparisons(op), 0);
}

/** Whether a medium input mixes every construct the brief asks for. */
function mixesEverything(text) {
  return [/ AND /, / OR /, /NOT /, /\(\(/, /[a-z]\.[a-z]/, /''/, / -?\d/, / (true|false)\)/, / IS null/].every((re) => re.test(text));
}

/**
 * Peers left out on an input, and why: at 1 MB one liqe parse takes seconds and one
 * odata-v4-parser parse minutes (its time grows about with the square of the length), more than
 * the suite's five-minute budget holds. The self-check and the parse case both skip them.
 */
export const PEERS_LEFT_OUT = { "1mb": ["liqe", "odata"] };

/** The inputs' names and sizes in comparisons. */
export const SIZES = { small: 1, medium: 12, large: 2000, "1mb": 29600 };

/**
 * The benchmark inputs, always the same: `{ name, input, text, comparisons, seed, tree, peers }`
 * where `input` is what vmfilter and the baseline receive (URL form), `text` the decoded canonical
 * WHERE text, `tree` the generated tree and `peers` the same filter for each peer library
 * (`{ scim, rsql, liqe, odata }`, each in its library's own syntax).
 * - small: one comparison (`where=(id EQ 1)` style);
 * - medium: 12 comparisons, about 400 bytes, mixing AND, OR, NOT, brackets, dotted fields,
 *   strings with '' escapes, numbers, booleans and IS null (the first seed from SEEDS.medium on
 *   that mixes them all and is 380 to 440 bytes long is taken, so this stays deterministic);
 * - large: 2 000 comparisons, about 70 KB;
 * - 1mb: 29 600 comparisons, about 1 MB (under 2^20 bytes, PARSE_OPTIONS.maxLength).
 * `names` picks some of them (default: all four).
 */
export function makeInputs(names = Object.keys(SIZES)) {
  return names.map((name) => {
    const n = SIZES[name];
    if (n === undefined) throw new Error(`no input named '${name}' (inputs: ${Object.keys(SIZES).join(", ")})`);
    for (let seed = SEEDS[name]; ; seed++) {
      const gen = generator(seed);
      let root = gen.tree(n, undefined, true);
      if (n === 1) while (root.kind !== "Cmp") root = gen.leaf();
      const text = canonical(root);
      // Flat, as a string read from a request is (the encoder's += builds a rope).
      const input = flat(`where=${encode(text)}`);
      if (name === "medium" && !(mixesEverything(text) && input.length >= 380 && input.length <= 440)) continue;
      if (input.length > PARSE_OPTIONS.maxLength) throw new Error(`the ${name} input is ${input.length} bytes, over PARSE_OPTIONS.maxLength`);
      const peers = { scim: flat(toScim(root)), rsql: flat(toRsql(root)), liqe: flat(toLiqe(root)), odata: flat(toOData(root)) };
      return { name, input, text, comparisons: countComparisons(root), seed, tree: root, peers };
    }
  });
}

/**
 * The medium input broken in three places, as people break filters: the first `EQ` written `=`,
 * the first string value that is a plain word written without its quotes, and the last `)` left
 * out. `{ name: "medium, invalid", input, text, mistakes }`; vmfilter must report errors and still
 * build a tree (the recovery path), which the invalid-parse case checks.
 */
export function makeInvalidMedium() {
  const [medium] = makeInputs(["medium"]);
  let text = medium.text;
  const mistakes = [];
  const eq = text.indexOf(" EQ ");
  if (eq >= 0) {
    text = `${text.slice(0, eq)} = ${text.slice(eq + 4)}`;
    mistakes.push("`=` for EQ");
  }
  const word = /'([A-Za-z_][A-Za-z0-9_]*)'/.exec(text);
  if (word) {
    text = `${text.slice(0, word.index)}${word[1]}${text.slice(word.index + word[0].length)}`;
    mistakes.push("an unquoted string value");
  }
  const close = text.lastIndexOf(")");
  text = `${text.slice(0, close)}${text.slice(close + 1)}`;
  mistakes.push("a missing `)`");
  return { name: "medium, invalid", input: flat(`where=${encode(text)}`), text, mistakes };
}

// `node bench/inputs.mjs` prints the inputs' sizes, the small and medium ones in every syntax, and
// the invalid medium one.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { name, input, text, comparisons, seed, peers } of makeInputs()) {
    const sizes = Object.entries(peers).map(([peer, t]) => `${peer} ${Buffer.byteLength(t)}`);
    console.log(`${name} (seed ${seed}): ${comparisons} comparisons, ${input.length} bytes encoded, ${text.length} decoded; peers (UTF-8 bytes): ${sizes.join(", ")}`);
    if (name === "small" || name === "medium") {
      console.log(`  ${input}\n  ${text}`);
      for (const [peer, t] of Object.entries(peers)) console.log(`  ${peer}: ${t}`);
    }
  }
  const invalid = makeInvalidMedium();
  console.log(`${invalid.name}: ${invalid.input.length} bytes encoded (${invalid.mistakes.join(", ")})\n  ${invalid.text}`);
}
