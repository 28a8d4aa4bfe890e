/** LoginLimits bounds login attempts per client address and per username. */
export interface LoginLimits {
  perIp: number;
  perUsername: number;
  windowMs: number;
}

/** DEFAULT_LOGIN_LIMITS allows 30 attempts per address and 10 per username each minute. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 30, perUsername: 10, windowMs: 60_000 };

const MAX_KEYS = 100_000;

/**
 * createWindowLimiter counts hits per key in fixed windows, in memory.
 * `hit` returns false once a key has used up its allowance.
 */
export function createWindowLimiter(max: number, windowMs: number) {
  const hits = new Map<string, { n: number; resetAt: number }>();
  return {
    hit(key: string, now = Date.now()): boolean {
      let h = hits.get(key);
      if (!h || h.resetAt <= now) {
        if (hits.size >= MAX_KEYS) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
        if (hits.size >= MAX_KEYS) hits.clear();
        h = { n: 0, resetAt: now + windowMs };
        hits.set(key, h);
      }
      h.n++;
      return h.n <= max;
    },
    reset(key: string): void {
      hits.delete(key);
    },
  };
}

/** createLoginLimiter combines the per-address and per-username limiters. */
export function createLoginLimiter(limits: Partial<LoginLimits> = {}) {
  const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  const ip = createWindowLimiter(l.perIp, l.windowMs);
  const user = createWindowLimiter(l.perUsername, l.windowMs);
  return {
    /** allow records an attempt and tells whether it may proceed. */
    allow(addr: string, username: string): boolean {
      const a = ip.hit(addr);
      const b = user.hit(username.toLowerCase());
      return a && b;
    },
    /** succeeded clears the username's counter after a good login. */
    succeeded(username: string): void {
      user.reset(username.toLowerCase());
    },
  };
}

/** LoginLimiter is the limiter used by POST /auth/login. */
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
