/**
 * Time, sleep and chance, injected into the Graph client so retries, backoff and throttling can be
 * tested with fake time and a fixed random.
 */
export interface GraphTiming {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemTiming: GraphTiming = {
  now: () => Date.now(),
  sleep,
  random: () => Math.random(),
};

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th wait is between half and all of
 * `base × 2^n` (capped), so retries of many clients spread out but never shrink to nothing.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
