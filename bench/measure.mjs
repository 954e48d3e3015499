/**
 * Timing and allocation helpers shared by the benchmark cases: batches timed with
 * `process.hrtime.bigint()`, calibrated to a target duration, summarised by median and quantiles;
 * allocated bytes per operation from the V8 heap's used size around a batch, corrected for any
 * garbage collection during it (`measureAllocation`, method in bench/README.md).
 */
import { GCProfiler } from "node:v8";

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
 * Bytes allocated on the V8 heap by one batch of `n` calls `op(i)`: the heap's used size after the
 * batch minus before it, plus what every garbage collection during the batch freed (used size
 * before minus after each collection, from `v8.GCProfiler`, which reports them synchronously).
 * With no collection during the batch this is the plain difference; with collections it is still
 * exact (objects promoted by a scavenge are moved, not freed, and count once). Strings, objects,
 * arrays, closures and typed arrays of up to 64 bytes live on the heap; larger ArrayBuffer backing
 * stores do not (they are `external` memory) and are not counted.
 * Returns `{ bytes, gcs }`.
 */
export function allocatedBytes(op, n) {
  const profiler = new GCProfiler();
  profiler.start();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) sink += op(i);
  const after = process.memoryUsage().heapUsed;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const s of statistics) freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
  return { bytes: after - before + freed, gcs: statistics.length };
}

/**
 * Allocated bytes per call of `op(i)` (already warm): `samples` batches of `n` calls, each after
 * `prepare(n)` (untimed, unmeasured) and a full `gc()`, minus the cost of measuring an empty batch;
 * the median per call. `n` is capped so a batch allocates about `budgetBytes` at most (a first
 * one-call batch estimates it), which keeps most batches free of collections.
 * Returns `{ bytesPerOp, gcs, n }` (`gcs`: collections seen over all samples, corrected for).
 */
export function measureAllocation(op, { n = 1000, samples = 5, prepare, budgetBytes = 16 << 20 } = {}) {
  const gc = globalThis.gc ?? (() => {});
  const empty = () => 0;
  gc();
  const overhead = allocatedBytes(empty, 0).bytes;
  prepare?.(1);
  gc();
  const first = allocatedBytes(op, 1);
  const one = Math.max(1, first.bytes - overhead);
  const size = Math.max(1, Math.min(n, Math.floor(budgetBytes / one)));
  const perOp = size === 1 ? [one] : []; // a one-call batch is already a sample
  let gcs = size === 1 ? first.gcs : 0;
  for (let k = perOp.length; k < samples; k++) {
    prepare?.(size);
    gc();
    const r = allocatedBytes(op, size);
    gcs += r.gcs;
    perOp.push(Math.max(0, r.bytes - overhead) / size);
  }
  return { bytesPerOp: median(perOp), gcs, n: size };
}

/**
 * Times several subjects in the same process, alternately, as the parse case does: a warm-up of
 * `warmupMs` (the subjects alternating in slices of at least `sliceMs` and `warmupOps` calls), a
 * calibration so that one
 * timed batch lasts about `batchMs`, then `rounds` rounds; each round runs, per subject, its
 * `prepare(n)` (untimed: e.g. fresh trees for a batch of n), `gc()` and one timed batch, the
 * subjects' order flipping every round. Then, unless `alloc` is false, the allocated bytes per op of
 * each subject (`measureAllocation`, untimed).
 *
 * `subjects`: name → `{ op(i) → number, prepare?(n), warmupOps?, rounds?, allocSamples? }`; `op`
 * must do one whole operation (give each subject its own loop function, so no call site inside the
 * timed work is shared between subjects). A subject's own `rounds` (fewer) lets a slow subject sit
 * out the last rounds; `allocSamples` how many batches its allocation is measured on. Returns per subject the per-op times of every round, the median, the interquartile
 * spread (a share of the median), the batch size and `alloc` (`{ bytesPerOp, gcs, n }`).
 */
export function measureAlternately(subjects, { rounds = 21, batchMs = 40, warmupMs = 1500, sliceMs = 10, alloc = true } = {}) {
  const gc = globalThis.gc ?? (() => {});
  const names = Object.keys(subjects);
  const warmEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  // Each subject's slice lasts at least `sliceMs` (and `warmupOps` calls), so a fast subject gets
  // as much warm-up time as a slow one beside it, not as few calls.
  const sliceNs = BigInt(Math.round(sliceMs * 1e6));
  while (process.hrtime.bigint() < warmEnd) {
    for (const name of names) {
      const { op, prepare, warmupOps = 1 } = subjects[name];
      const sliceEnd = process.hrtime.bigint() + sliceNs;
      do {
        prepare?.(warmupOps);
        timeOps(op, warmupOps);
      } while (process.hrtime.bigint() < sliceEnd);
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
      const { op, prepare, rounds: own = rounds } = subjects[name];
      if (round >= own) continue;
      const n = perBatch[name];
      prepare?.(n);
      gc();
      perOp[name].push(timeOps(op, n) / n);
    }
  }
  const result = {};
  for (const name of names) {
    const ns = median(perOp[name]);
    const { op, prepare } = subjects[name];
    result[name] = {
      perOp: perOp[name],
      ns,
      spread: (quantile(perOp[name], 0.75) - quantile(perOp[name], 0.25)) / ns,
      perBatch: perBatch[name],
      alloc: alloc ? measureAllocation(op, { n: perBatch[name], prepare, samples: subjects[name].allocSamples ?? (perBatch[name] > 1 ? 5 : 3) }) : undefined,
    };
  }
  return result;
}

/** Writes one result row for bench/run.mjs (`BENCH_RESULT <json>` on stdout). */
export function emit(row) {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(row)}\n`);
}
