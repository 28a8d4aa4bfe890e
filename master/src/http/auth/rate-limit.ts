/** LoginLimits bounds failed password checks per client address and per account from one address. */
export interface LoginLimits {
  /** Failures allowed from one address (any accounts) per window. */
  perIp: number;
  /** Failures allowed for one account from one address per window. */
  perUsername: number;
  windowMs: number;
  /** Longest block after repeated lockouts (the block doubles each time). */
  maxBlockMs: number;
}

/** DEFAULT_LOGIN_LIMITS allows 30 failures per address and 10 per account and address each minute. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 30, perUsername: 10, windowMs: 60_000, maxBlockMs: 3_600_000 };

const MAX_KEYS = 100_000;

interface Bucket {
  /** Failures plus checks in flight in the current window. */
  n: number;
  resetAt: number;
  /** Lockouts so far; each one doubles the next block. */
  strikes: number;
  blockedUntil: number;
}

/**
 * createBackoffCounter counts failures per key in fixed windows, in memory,
 * with a bounded key set. A key is refused while `limit` checks are counted;
 * a failure at the limit blocks it for one window, then two, four, ... up to
 * `maxBlockMs`; `reset` clears it.
 */
export function createBackoffCounter(limit: number, windowMs: number, maxBlockMs: number) {
  const buckets = new Map<string, Bucket>();
  const get = (key: string, now: number): Bucket => {
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX_KEYS) for (const [k, v] of buckets) if (v.resetAt <= now && v.blockedUntil <= now && v.strikes === 0) buckets.delete(k);
      if (buckets.size >= MAX_KEYS) buckets.clear();
      b = { n: 0, resetAt: now + windowMs, strikes: 0, blockedUntil: 0 };
      buckets.set(key, b);
    }
    if (b.resetAt <= now) {
      b.n = 0;
      b.resetAt = now + windowMs;
    }
    return b;
  };
  return {
    /** blocked tells whether the key is over its limit or serving a block. */
    blocked: (key: string, now = Date.now()): boolean => {
      const b = get(key, now);
      return b.blockedUntil > now || b.n >= limit;
    },
    /** add counts one check in flight; it stays counted unless taken back with `remove`. */
    add(key: string, now = Date.now()): void {
      get(key, now).n++;
    },
    /** failed confirms a failure; at the limit it starts a block of one window, doubling with each lockout. */
    failed(key: string, now = Date.now()): void {
      const b = get(key, now);
      if (b.n >= limit && b.blockedUntil <= now) {
        b.strikes++;
        b.blockedUntil = now + Math.min(maxBlockMs, windowMs * 2 ** (b.strikes - 1));
      }
    },
    /** remove takes back one count (a check that turned out good). */
    remove(key: string, now = Date.now()): void {
      const b = get(key, now);
      if (b.n > 0) b.n--;
    },
    reset: (key: string): void => void buckets.delete(key),
  };
}

/** LoginAttempt is one admitted password check; settle it once with its outcome. */
export interface LoginAttempt {
  /** succeeded: the password was right; the account's count from this address is cleared. */
  succeeded(): void;
  /** failed: the password was wrong; the check stays counted. */
  failed(): void;
  /** release: the check ended without a verdict (another error); its count is taken back. */
  release(): void;
}

/**
 * createLoginLimiter admits password checks (login, password change). Every
 * check is counted the moment it is admitted, before the password is
 * verified, so parallel guesses cannot all slip through; a good password
 * takes its count back. Limits are per address and per account from one
 * address, so a third party guessing from elsewhere cannot lock the real
 * user out. Repeated lockouts back off progressively.
 */
export function createLoginLimiter(limits: Partial<LoginLimits> = {}) {
  const l = { ...DEFAULT_LOGIN_LIMITS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) } as LoginLimits;
  const ip = createBackoffCounter(l.perIp, l.windowMs, l.maxBlockMs);
  const account = createBackoffCounter(l.perUsername, l.windowMs, l.maxBlockMs);
  const key = (addr: string, username: string) => `${username.toLowerCase()}\u0000${addr}`;
  return {
    /** begin admits one check, or returns null when the address or account-from-address is blocked. */
    begin(addr: string, username: string): LoginAttempt | null {
      const k = key(addr, username);
      if (ip.blocked(addr) || account.blocked(k)) return null;
      ip.add(addr);
      account.add(k);
      let settled = false;
      return {
        succeeded() {
          if (settled) return;
          settled = true;
          ip.remove(addr);
          account.reset(k);
        },
        release() {
          if (settled) return;
          settled = true;
          ip.remove(addr);
          account.remove(k);
        },
        failed() {
          if (settled) return;
          settled = true;
          ip.failed(addr);
          account.failed(k);
        },
      };
    },
  };
}

/** LoginLimiter is the limiter used by POST /auth/login and PUT /auth/me/password. */
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
