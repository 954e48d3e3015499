/**
 * Benchmark case "limits" (issue 9): `parse` of adversarial input grows linearly with its size.
 * For each family (deep brackets, NOT chains, many conditions, 1 MB → 10 MB of conditions, 1 MB of
 * one repeated character, a 1 MB identifier, the slashes that made URL-form detection quadratic),
 * `parse` is timed at size n and 10n in the same process, alternately (`measureAlternately`), and
 * the row of 10n carries the ratio time(10n) / time(n). Target: **≤ 12×** (10× the input, at most
 * 12× the time; a quadratic algorithm gives about 100×).
 *
 * Run by bench/run.mjs in its own `node --expose-gc` process; prints `BENCH_RESULT <json>` rows.
 * `node --expose-gc bench/limits.bench.mjs conditions url-prefix` runs some families only.
 */
import { MAX_SAFE_DEPTH, parse } from "../dist/index.js";
import { emit, keepAlive, measureAlternately } from "./measure.mjs";

/** The ratio every family must stay under: 10× the input, at most 12× the time. */
const LIMIT = 12;
const KB = 100_000;
const MB = 1_000_000;

/** `(f0 EQ 0) AND (f1 EQ 1) …` with `n` conditions, bare. */
const conditions = (n) => Array.from({ length: n }, (_, i) => `(f${i % 50} EQ ${i})`).join(" AND ");

/** URL-form conditions of about `bytes` bytes. */
function urlConditions(bytes) {
  const parts = [];
  let size = "where=".length;
  for (let i = 0; size < bytes; i++) {
    const part = `(name+CP+'%25web${i}%25')`;
    parts.push(part);
    size += part.length + 5;
  }
  return `where=${parts.join("+AND+")}`;
}

/**
 * The families: name → [input of size n, input of size 10n] (made lazily) and the rounds to time.
 * Sizes are chosen so the small input is past the sizes whose garbage fits V8's young generation
 * (below that, n is cheap for the garbage collector and 10n is not, which reads as up to 19× for a
 * linear parse: 10 000 brackets measured 0.66 ms against 12.4 ms for 100 000).
 */
const FAMILIES = {
  "depth-brackets": { make: (n) => "(".repeat(n) + "a EQ 1" + ")".repeat(n), n: 100_000, unit: "levels" },
  "depth-nots": { make: (n) => "NOT ".repeat(n) + "a EQ 1", n: 100_000, unit: "levels", rounds: 7 },
  conditions: { make: conditions, n: 10_000, unit: "conditions" },
  length: { make: urlConditions, n: MB, unit: "bytes", rounds: 5 },
  "repeat-quote": { make: (n) => "'".repeat(n), n: KB, unit: "bytes" },
  "repeat-percent": { make: (n) => "%".repeat(n), n: KB, unit: "bytes" },
  "repeat-bracket": { make: (n) => "(".repeat(n), n: KB, unit: "bytes" },
  "repeat-backslash": { make: (n) => "\\".repeat(n), n: KB, unit: "bytes" },
  "repeat-minus": { make: (n) => "-".repeat(n), n: KB, unit: "bytes" },
  "repeat-digit": { make: (n) => "7".repeat(n), n: KB, unit: "bytes" },
  "repeat-letter": { make: (n) => "a".repeat(n), n: KB, unit: "bytes" },
  identifier: { make: (n) => `${"a".repeat(n)} EQ 1`, n: KB, unit: "bytes" },
  "url-prefix": { make: (n) => "/" + "/\0".repeat(n / 2) + "=", n: KB, unit: "bytes" },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in FAMILIES)) throw new Error(`limits: no family ${name} (${Object.keys(FAMILIES).join(", ")})`);

for (const [name, family] of Object.entries(FAMILIES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const small = family.make(family.n);
  const large = family.make(family.n * 10);
  const options = { maxLength: large.length + 1, maxDepth: MAX_SAFE_DEPTH };
  // each subject its own loop function (no shared call site); the result feeds the sink
  const m = measureAlternately(
    {
      n: { op: () => parse(small, options).diagnostics.length + 1 },
      "10n": { op: () => parse(large, options).diagnostics.length + 1 },
    },
    { rounds: family.rounds ?? 9, batchMs: 40, warmupMs: 300, alloc: false },
  );
  const ratio = m["10n"].ns / m.n.ns;
  for (const [subject, input] of [
    ["n", small],
    ["10n", large],
  ]) {
    const r = m[subject];
    emit({
      case: "limits",
      input: `${name} ${subject === "n" ? family.n : family.n * 10} ${family.unit}`,
      bytes: input.length,
      parser: "parse",
      nsPerOp: r.ns,
      opsPerSec: 1e9 / r.ns,
      mbPerSec: (input.length * 1e3) / r.ns,
      spread: r.spread,
      rounds: r.perOp.length,
      perBatch: r.perBatch,
      ...(subject === "10n"
        ? {
            ratio,
            ratioTo: "n",
            linearity: ratio / 10,
            linearityTo: "n",
            targets: [{ id: `limits/${name}/ratio`, what: `limits ${name}: parse time at 10n / at n`, value: ratio, limit: LIMIT, cmp: "<=", unit: "×" }],
          }
        : {}),
    });
  }
  process.stderr.write(`limits/${name}: n ${(m.n.ns / 1e6).toFixed(2)} ms, 10n ${(m["10n"].ns / 1e6).toFixed(2)} ms, ratio ${ratio.toFixed(2)}× (target ≤ ${LIMIT}×)\n`);
}
keepAlive();
