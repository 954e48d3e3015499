/// <reference lib="dom" />
/**
 * Retrying while an instance wakes up (HTTP 503), as the official page's sample does, and an
 * abortable sleep between the tries.
 * @module
 */
import type { RetryOptions } from "./options.js";

/** Most retries after the first 503, as the official sample (`for attempt in range(1, 11)`). */
export const DEFAULT_RETRIES = 10;

/** The official sample's sleep before retry `attempt`: `0.1 × attempt` seconds. */
export const defaultDelay = (attempt: number): number => 100 * attempt;

/** Resolves after `ms` milliseconds; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    function aborted() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

/**
 * Sends a request, and while the answer is 503 sends it again after a sleep, up to
 * `retries` more times; returns the first answer that is not 503, or the last 503. The body of a
 * 503 that is retried is discarded (so its connection is freed).
 */
export async function sendWithRetries(send: () => Promise<Response>, url: string, retry: RetryOptions | false | undefined, signal?: AbortSignal): Promise<Response> {
  let response = await send();
  if (response.status !== 503 || retry === false) return response;
  const retries = retry?.retries ?? DEFAULT_RETRIES;
  const delayOf = retry?.delay ?? defaultDelay;
  for (let attempt = 1; attempt <= retries && response.status === 503; attempt++) {
    await response.arrayBuffer().catch(() => undefined);
    const delay = Math.max(0, delayOf(attempt));
    retry?.onRetry?.({ attempt, url, delay });
    await sleep(delay, signal);
    response = await send();
  }
  return response;
}
