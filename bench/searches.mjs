/**
 * Saved searches as users and clients store them: seeded, deterministic (mulberry32 from
 * bench/inputs.mjs), one filter per line, for the `cli-format` case. No dependencies, nothing
 * from vmfilter.
 *
 * Each search has 1 to 5 conditions on VMmanager host fields (names and masks, states, ids,
 * dotted fields, numbers, booleans, IS null, now and then NOT or a bracketed OR group), joined
 * by AND (OR one time in four). Half are in URL form, as copied from a request:
 * `where=(name+CP+'%25web%25')+AND+(state+EQ+'active')&orderby=name+desc&limit=0,50` (spaces as
 * `+`, or `%20` one time in five; `%25` for `%`; UTF-8 escapes for Cyrillic); the other half bare,
 * as typed: `name cp '%web%' and state eq 'active'` (keywords upper- or lower-case, brackets or
 * none), one in five of them with `where=` and an `orderby=` or `limit=`. One line in a hundred is
 * broken (a lost quote, a missing value, `=` for `EQ`), as real stored data has.
 */
import { encode, prng } from "./inputs.mjs";

export const SEARCH_SEED = 20261128;

const STRING_FIELDS = ["name", "domain", "comment", "node.name", "cluster.name", "os.name", "account.email", "ip4.ip"];
const NUMBER_FIELDS = ["id", "cluster.id", "node.id", "cpu_number", "ram_mib", "disk.size_mib"];
const WORDS = ["web", "db", "mail", "backup", "k8s-worker", "gw", "prod", "test", "Сервер", "front", "O'Brien", "vm-42", "cache", "ci"];
const STATES = ["active", "stopped", "creating", "deleting", "migrating"];
const ORDERS = ["name", "name desc", "id desc", "cluster.name", "ram_mib desc", "state"];

/** `count` lines (no blank ones) and how many of them are broken. */
export function makeSearches(count, seed = SEARCH_SEED) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const kw = (word, lower) => (lower ? word.toLowerCase() : word);
  const quote = (text) => `'${text.replaceAll("'", "''")}'`;

  function condition(lower) {
    const r = rnd();
    let text;
    if (r < 0.3) {
      const field = pick(STRING_FIELDS);
      if (field === "ip4.ip") text = rnd() < 0.7 ? `ip4.ip ${kw("CP", lower)} '10.${int(0, 255)}.%'` : `ip4.ip ${kw("EQ", lower)} '10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}'`;
      else {
        const word = pick(WORDS);
        text = rnd() < 0.7 ? `${field} ${kw("CP", lower)} ${quote(rnd() < 0.6 ? `%${word}%` : `${word}%`)}` : `${field} ${kw("EQ", lower)} ${quote(`${word}-${int(1, 999)}`)}`;
      }
    } else if (r < 0.5) text = `state ${kw(pick(["EQ", "NE"]), lower)} ${quote(pick(STATES))}`;
    else if (r < 0.8) text = `${pick(NUMBER_FIELDS)} ${kw(pick(["EQ", "NE", "GT", "GE", "LT", "LE"]), lower)} ${int(0, 20000)}`;
    else if (r < 0.9) text = `is_protected ${kw("EQ", lower)} ${rnd() < 0.5 ? "true" : "false"}`;
    else text = `${pick(["domain", "comment", "cluster.id", "os.name"])} ${kw("IS", lower)} ${rnd() < 0.7 ? "null" : kw("NOT", lower) + " null"}`;
    return rnd() < 0.1 ? `${kw("NOT", lower)} (${text})` : text;
  }

  function where(lower, brackets) {
    const n = int(1, 5);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(brackets || n > 1 && rnd() < 0.3 ? `(${condition(lower)})` : condition(lower));
    if (n >= 3 && rnd() < 0.25) {
      // an OR group inside the AND chain
      const k = int(0, n - 2);
      parts.splice(k, 2, `(${parts[k]} ${kw("OR", lower)} ${parts[k + 1]})`);
    }
    return parts.join(` ${kw("AND", lower)} `);
  }

  function urlForm() {
    let text = `where=${encode(where(false, true))}`;
    if (rnd() < 0.5) text += `&orderby=${encode(pick(ORDERS))}`;
    if (rnd() < 0.4) text += `&limit=${int(0, 10) * 50},50`;
    if (rnd() < 0.2) text = text.replaceAll("+", "%20");
    return text;
  }

  function bareForm() {
    const lower = rnd() < 0.5;
    const text = where(lower, rnd() < 0.5);
    if (rnd() >= 0.2) return text;
    // with where=, a query string half encoded by hand: masks' % written %25
    return `where=${text.replaceAll("%", "%25")}${rnd() < 0.5 ? `&orderby=${pick(ORDERS)}` : ""}${rnd() < 0.5 ? `&limit=0,${pick([20, 50, 100])}` : ""}`;
  }

  function broken(text) {
    const r = rnd();
    if (r < 0.4 && text.includes("'")) return text.slice(0, text.lastIndexOf("'")); // unterminated string
    if (r < 0.7 && /\b(EQ|eq|NE|ne|GT|gt|CP|cp)\b/.test(text)) return text.replace(/\b(EQ|eq|NE|ne|GT|gt|CP|cp)\b/, "="); // an operator from another language
    const cut = text.indexOf("&");
    return cut === -1 ? `${text} AND` : `${text.slice(0, cut)}+AND${text.slice(cut)}`; // a condition missing at the end
  }

  const lines = [];
  let bad = 0;
  for (let i = 0; i < count; i++) {
    const text = rnd() < 0.5 ? urlForm() : bareForm();
    if (rnd() < 0.01) {
      lines.push(broken(text));
      bad++;
    } else lines.push(text);
  }
  return { lines, bad };
}
