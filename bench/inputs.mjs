/**
 * Benchmark inputs: seeded, deterministic filters of three sizes (no dependencies).
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
 */

/** Seeds of the three inputs: change them and every figure moves; keep them fixed. */
export const SEEDS = { small: 1, medium: 2, large: 3 };

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
    if (type === "num") return { kind: "Cmp", field, op: pick(NUMERIC_OPS), value: numberValue() };
    if (type === "bool") return { kind: "Cmp", field, op: pick(["EQ", "NE"]), value: rnd() < 0.5 ? "true" : "false" };
    const op = rnd() < 0.45 ? "CP" : pick(["EQ", "NE", "EQ", "GT"]);
    const text = stringValue(field, op);
    return { kind: "Cmp", field, op, value: `'${text.replaceAll("'", "''")}'` };
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
 * The three benchmark inputs, always the same: `{ name, input, text, comparisons, seed }` where
 * `input` is what both parsers receive and `text` the decoded canonical WHERE text.
 * - small: one comparison (`where=(id EQ 1)` style);
 * - medium: 12 comparisons, about 400 bytes, mixing AND, OR, NOT, brackets, dotted fields,
 *   strings with '' escapes, numbers, booleans and IS null (the first seed from SEEDS.medium on
 *   that mixes them all and is 350 to 450 bytes long is taken, so this stays deterministic);
 * - large: 2 000 comparisons, about 70 KB.
 */
export function makeInputs() {
  const spec = [
    ["small", 1],
    ["medium", 12],
    ["large", 2000],
  ];
  return spec.map(([name, n]) => {
    for (let seed = SEEDS[name]; ; seed++) {
      const gen = generator(seed);
      let root = gen.tree(n, undefined, true);
      if (n === 1) while (root.kind !== "Cmp") root = gen.leaf();
      const text = canonical(root);
      // Flat, as a string read from a request is (the encoder's += builds a rope).
      const input = flat(`where=${encode(text)}`);
      if (name === "medium" && !(mixesEverything(text) && input.length >= 380 && input.length <= 440)) continue;
      return { name, input, text, comparisons: countComparisons(root), seed };
    }
  });
}

// `node bench/inputs.mjs` prints the inputs' sizes and the small and medium ones.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { name, input, text, comparisons, seed } of makeInputs()) {
    console.log(`${name} (seed ${seed}): ${comparisons} comparisons, ${input.length} bytes encoded, ${text.length} decoded`);
    if (name !== "large") console.log(`  ${input}\n  ${text}`);
  }
}
