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
