/**
 * Timing helpers shared by the benchmark cases: batches timed with `process.hrtime.bigint()`,
 * calibrated to a target duration, summarised by median and quantiles.
 */

let sink = 0; // results feed this, so no call is optimised away

/** Runs `fn(arg)` `n` times (each result must have `loc.end`); returns the elapsed nanoseconds. */
export function batch(fn, arg, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += fn(arg).loc.end;
  return Number(process.hrtime.bigint() - start);
}

/** How many calls make one batch of about `batchMs`, measured on an already warm function. */
export function calibrate(fn, arg, batchMs) {
  for (let n = 1; ; n *= 4) {
    const ns = batch(fn, arg, n);
    if (ns >= 10e6 || n >= 1 << 24) return Math.max(1, Math.round((n * batchMs * 1e6) / ns));
  }
}

/** The median of a list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The `q` quantile (0–1) of a list of numbers, nearest rank. */
export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** Reads the sink so it cannot be dropped (call once at the end of a case). */
export function keepAlive() {
  if (sink === 0.5) process.stderr.write("");
}

/** Runs `op(i)` for i = 0 … n-1 (each returns a number); returns the elapsed nanoseconds. */
export function timeOps(op, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += op(i);
  return Number(process.hrtime.bigint() - start);
}

/**
 * Times several subjects in the same process, alternately, as the parse case does: a warm-up of
 * `warmupMs` (the subjects alternating in slices of `warmupOps` calls), a calibration so that one
 * timed batch lasts about `batchMs`, then `rounds` rounds; each round runs, per subject, its
 * `prepare(n)` (untimed: e.g. fresh trees for a batch of n), `gc()` and one timed batch, the
 * subjects' order flipping every round.
 *
 * `subjects`: name → `{ op(i) → number, prepare?(n), warmupOps? }`; `op` must do one whole
 * operation (give each subject its own loop function, so no call site inside the timed work is
 * shared between subjects). Returns per subject the per-op times of every round, the median, the
 * interquartile spread (a share of the median) and the batch size.
 */
export function measureAlternately(subjects, { rounds = 21, batchMs = 40, warmupMs = 1500 } = {}) {
  const gc = globalThis.gc ?? (() => {});
  const names = Object.keys(subjects);
  const warmEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  while (process.hrtime.bigint() < warmEnd) {
    for (const name of names) {
      const { op, prepare, warmupOps = 1 } = subjects[name];
      prepare?.(warmupOps);
      timeOps(op, warmupOps);
    }
  }
  const perBatch = {};
  for (const name of names) {
    const { op, prepare } = subjects[name];
    for (let n = 1; ; n *= 2) {
      prepare?.(n);
      const ns = timeOps(op, n);
      if (ns >= 10e6 || n >= 1 << 24) {
        perBatch[name] = Math.max(1, Math.round((n * batchMs * 1e6) / ns));
        break;
      }
    }
  }
  const perOp = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const { op, prepare } = subjects[name];
      const n = perBatch[name];
      prepare?.(n);
      gc();
      perOp[name].push(timeOps(op, n) / n);
    }
  }
  const result = {};
  for (const name of names) {
    const ns = median(perOp[name]);
    result[name] = { perOp: perOp[name], ns, spread: (quantile(perOp[name], 0.75) - quantile(perOp[name], 0.25)) / ns, perBatch: perBatch[name] };
  }
  return result;
}
