/**
 * Shared by the run-layer cases (compile, apply, tosql): seeded, deterministic host-like records
 * (vm/v3/host as list answers show it), the medium filter of bench/analyze.bench.mjs, and the
 * hand-written JavaScript a competent developer would write for the same filter and sort.
 * Nothing here imports vmfilter; the cases check that the hand-written code selects and orders
 * exactly what vmfilter does before they time anything.
 */
import { prng } from "./inputs.mjs";

/** How many records the record-pass cases filter per operation. */
export const RECORD_COUNT = 100_000;
/** The seed of the records: change it and every figure moves; keep it fixed. */
export const RECORD_SEED = 20261128;

/**
 * The medium filter of bench/analyze.bench.mjs (12 comparisons over fields of every kind: integer,
 * string, reference, nested reference field, array of objects, boolean; AND/OR/NOT and brackets),
 * as decoded text. Valid for vm.host.
 */
export const MEDIUM_FILTER =
  "((name CP '%web%') AND NOT (state EQ 'stopped')) OR ((cluster EQ 3) AND (cpu_number GE 4) AND (ram_mib LT 65536)) OR " +
  "((account.email CP '%@example.com') AND (ip4.ip EQ '10.0.0.7')) OR NOT ((disabled EQ true) OR (os_name EQ 'CentOS')) OR " +
  "((node.name EQ 'node-7') AND (domain CP '%.example.org') AND (id GT 1000))";

/** The two sort keys and the page of the apply case. */
export const ORDER_BY = "cluster.name desc,ram_mib";
export const LIMIT = { offset: 40, count: 20 };

const NAMES = ["vm-web", "db", "WebFront", "mail", "k8s-worker", "gw", "Сервер", "backup", "api-WEB", "cache"];
const STATES = ["active", "active", "active", "active", "active", "stopped", "stopped", "creating", "migrating", "deleting"];
const CPUS = [1, 1, 2, 2, 2, 4, 4, 8, 16, 32];
const RAMS = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072];
const OSES = ["CentOS", "CentOS", "Ubuntu 22.04", "Debian 12", "AlmaLinux 9", "Windows Server 2022"];
const MAIL_DOMAINS = ["example.com", "EXAMPLE.com", "corp.local", "mail.ru"];
const DOMAINS = ["example.org", "Example.ORG", "corp.local", "example.org.ru"];

/**
 * `count` host records, always the same for a seed. Every field but `id` is sometimes null and
 * sometimes missing, as list answers with optional members are:
 * `{ id, name, state, cpu_number, ram_mib, cluster: { id, name }, node: { id, name },
 *    account: { id, email }, ip4: [{ ip }], disabled, os_name, domain }`.
 */
export function makeHosts(count = RECORD_COUNT, seed = RECORD_SEED) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  // present (the value), null, or missing (the member is left out)
  const MISSING = Symbol("missing");
  const maybe = (make, nullShare = 0.05, missingShare = 0.03) => {
    const r = rnd();
    return r < nullShare ? null : r < nullShare + missingShare ? MISSING : make();
  };
  const hosts = [];
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const clusterId = int(1, 8);
    const nodeId = int(1, 12);
    const accountId = int(1, 500);
    const fields = {
      id,
      name: maybe(() => `${pick(NAMES)}-${int(1, 9999)}`, 0.06, 0.04),
      state: maybe(() => pick(STATES)),
      cpu_number: maybe(() => pick(CPUS)),
      ram_mib: maybe(() => pick(RAMS)),
      cluster: maybe(() => ({ id: clusterId, name: `cluster-${String.fromCharCode(96 + clusterId)}` }), 0.08, 0.02),
      node: maybe(() => ({ id: nodeId, name: `node-${nodeId}` })),
      account: maybe(() => ({ id: accountId, email: `user${accountId}@${pick(MAIL_DOMAINS)}` })),
      ip4: maybe(() => Array.from({ length: int(0, 3) }, () => (rnd() < 0.04 ? { ip: null } : { ip: `10.0.${int(0, 3)}.${int(1, 20)}` })), 0.03, 0.02),
      disabled: maybe(() => rnd() < 0.5, 0.06, 0.04),
      os_name: maybe(() => pick(OSES)),
      domain: maybe(() => `h${id}.${pick(DOMAINS)}`),
    };
    const host = {};
    for (const key in fields) if (fields[key] !== MISSING) host[key] = fields[key];
    hosts.push(host);
  }
  return hosts;
}

/**
 * MEDIUM_FILTER written by hand: direct property access, the same three-valued meaning where it
 * matters (a comparison under NOT is unknown, so not kept, when its field is null or missing), CP
 * as case-insensitive includes / endsWith. Exact for the records of {@link makeHosts} (every
 * field there holds its own type or null); the cases check that it keeps what vmfilter keeps.
 */
export function handWritten(h) {
  const name = h.name;
  if (typeof name === "string" && name.toLowerCase().includes("web") && h.state != null && h.state !== "stopped") return true;
  if (h.cluster?.id === 3 && h.cpu_number >= 4 && typeof h.ram_mib === "number" && h.ram_mib < 65536) return true;
  const email = h.account?.email;
  if (typeof email === "string" && email.toLowerCase().endsWith("@example.com") && h.ip4?.some((a) => a.ip === "10.0.0.7")) return true;
  if (h.disabled === false && typeof h.os_name === "string" && h.os_name !== "CentOS") return true;
  const domain = h.domain;
  return h.node?.name === "node-7" && typeof domain === "string" && domain.toLowerCase().endsWith(".example.org") && h.id > 1000;
}

/**
 * MEDIUM_FILTER in liqe's query language, for liqe's `filter` (the compile case's fourth
 * evaluator), written to keep exactly the records vmfilter keeps. liqe reads a bare word as a
 * case-insensitive substring, a quoted phrase as a case-sensitive one, `:=` / `:>=` / `:<` only
 * on numbers, `:false` as `=== false`, and a string test on a null field as a test on the text
 * "null"; it has no string equality, and 3.8 cannot parse two regular expressions in one query.
 * So: masks and equalities become substrings where that is exact for these records (no state
 * holds "stopped" inside another word, no IP ends in 10.0.0.7x, no node is node-70), the one
 * ends-with that is not (`h1.example.org.ru`) is the query's only regex; NOT over a comparison
 * keeps the three-valued meaning by requiring the field (`state:*` fails on a missing field,
 * `NOT state:null` drops a null one); `ip4.ip` is `ip4:…` (liqe reads dotted paths with `?.`,
 * which does not go through arrays, but searches every member of an array of objects).
 */
export const LIQE_FILTER =
  "(name:web AND state:* AND NOT state:null AND NOT state:stopped) OR " +
  "(cluster.id:=3 AND cpu_number:>=4 AND ram_mib:<65536) OR " +
  '(account.email:@example.com AND ip4:"10.0.0.7") OR ' +
  "(disabled:false AND os_name:* AND NOT os_name:null AND NOT os_name:\"CentOS\") OR " +
  '(node.name:"node-7" AND domain:/\\.example\\.org$/i AND id:>1000)';

/**
 * ORDER_BY by hand: `cluster.name desc` (missing and null last, as vmfilter's desc puts nulls),
 * then `ram_mib` ascending (nulls first); ties keep input order (Array.prototype.sort is stable).
 * `<` on strings orders by UTF-16 unit, which is code point order for these names.
 */
export function handCompare(a, b) {
  const x = a.cluster?.name ?? null;
  const y = b.cluster?.name ?? null;
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? 1 : -1;
  }
  const p = a.ram_mib ?? null;
  const q = b.ram_mib ?? null;
  if (p === q) return 0;
  if (p === null) return -1;
  if (q === null) return 1;
  return p - q;
}

/** The size of the records as JSON (UTF-8 bytes): the `bytes` of the record-pass rows, for scale. */
export function jsonBytes(records) {
  return Buffer.byteLength(JSON.stringify(records));
}
