/** RateLimiter admits at most `limit` events per key per window. */
export interface RateLimiter {
  /** take consumes one slot for the key; returns false when the key is over its limit. */
  take(key: string, now?: number): boolean;
}

/** RateLimiterOptions sets the limit per window. */
export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  /** Keys tracked at most; beyond it, expired keys are pruned. */
  maxKeys: number;
}

/**
 * createRateLimiter returns a sliding-window limiter (two fixed windows,
 * weighted) per key, e.g. enrollment attempts per source address per minute.
 */
export function createRateLimiter(options: Partial<RateLimiterOptions> & { limit: number }): RateLimiter {
  const opts: RateLimiterOptions = { windowMs: 60_000, maxKeys: 10_000, ...options };
  const state = new Map<string, { window: number; current: number; previous: number }>();
  const prune = (window: number) => {
    for (const [k, s] of state) if (s.window < window - 1) state.delete(k);
  };
  return {
    take(key, now = Date.now()) {
      const window = Math.floor(now / opts.windowMs);
      if (state.size >= opts.maxKeys && !state.has(key)) prune(window);
      let s = state.get(key);
      if (!s) state.set(key, (s = { window, current: 0, previous: 0 }));
      if (s.window !== window) {
        s.previous = s.window === window - 1 ? s.current : 0;
        s.current = 0;
        s.window = window;
      }
      const elapsed = (now % opts.windowMs) / opts.windowMs;
      const estimate = s.previous * (1 - elapsed) + s.current;
      if (estimate >= opts.limit) return false;
      s.current++;
      return true;
    },
  };
}
