/** LoginLimits bounds failed login attempts per client address and per username. */
export interface LoginLimits {
  perIp: number;
  perUsername: number;
  windowMs: number;
}

/** DEFAULT_LOGIN_LIMITS allows 30 failures per address and 10 per username each minute. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 30, perUsername: 10, windowMs: 60_000 };

const MAX_KEYS = 100_000;

/** createWindowCounter counts hits per key in fixed windows, in memory, with a bounded key set. */
export function createWindowCounter(windowMs: number) {
  const hits = new Map<string, { n: number; resetAt: number }>();
  const live = (key: string, now: number) => {
    const h = hits.get(key);
    return h && h.resetAt > now ? h : undefined;
  };
  return {
    count: (key: string, now = Date.now()): number => live(key, now)?.n ?? 0,
    hit(key: string, now = Date.now()): void {
      let h = live(key, now);
      if (!h) {
        if (hits.size >= MAX_KEYS) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
        if (hits.size >= MAX_KEYS) hits.clear();
        h = { n: 0, resetAt: now + windowMs };
        hits.set(key, h);
      }
      h.n++;
    },
    reset: (key: string): void => void hits.delete(key),
  };
}

/**
 * createLoginLimiter blocks logins from an address or for a username once
 * too many attempts failed within the window; a good login clears the
 * username's count.
 */
export function createLoginLimiter(limits: Partial<LoginLimits> = {}) {
  const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  const ip = createWindowCounter(l.windowMs);
  const user = createWindowCounter(l.windowMs);
  const name = (u: string) => u.toLowerCase();
  return {
    /** blocked tells whether an attempt must be refused without checking the password. */
    blocked: (addr: string, username: string): boolean => ip.count(addr) >= l.perIp || user.count(name(username)) >= l.perUsername,
    /** failed records a failed attempt. */
    failed(addr: string, username: string): void {
      ip.hit(addr);
      user.hit(name(username));
    },
    /** succeeded clears the username's count after a good login. */
    succeeded: (username: string): void => user.reset(name(username)),
  };
}

/** LoginLimiter is the limiter used by POST /auth/login. */
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
