/** BackoffOptions tune {@link createBackoff}. */
export interface BackoffOptions {
  /** First delay ceiling. */
  baseMs: number;
  /** Largest delay ceiling. */
  capMs: number;
  /** A connection healthy for this long resets the attempt counter. */
  resetAfterMs: number;
  /** Random source in [0, 1); replaceable in tests. */
  random: () => number;
}

/** Backoff computes reconnect delays: exponential growth with full jitter. */
export interface Backoff {
  /** next returns the delay before the next attempt and counts the attempt. */
  next(): number;
  /** healthyFor tells the backoff a connection lasted `ms`; long enough resets it. */
  healthyFor(ms: number): void;
  /** reset forgets every past failure. */
  reset(): void;
  /** attempts is the number of delays handed out since the last reset. */
  readonly attempts: number;
}

const DEFAULTS: BackoffOptions = { baseMs: 500, capMs: 30_000, resetAfterMs: 60_000, random: Math.random };

/**
 * createBackoff returns a backoff whose n-th delay is uniformly drawn from
 * [0, min(cap, base·2ⁿ)] ("full jitter"), so a fleet reconnecting after a
 * master restart spreads out instead of stampeding.
 */
export function createBackoff(options: Partial<BackoffOptions> = {}): Backoff {
  const o = { ...DEFAULTS, ...options };
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(o.capMs, o.baseMs * 2 ** Math.min(attempts, 30));
      attempts++;
      return Math.floor(o.random() * ceiling);
    },
    healthyFor(ms: number) {
      if (ms >= o.resetAfterMs) attempts = 0;
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}

/** sleep waits `ms`, resolving early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
