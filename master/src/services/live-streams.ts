import type { Principal } from "./principal.js";

/**
 * Revocation names the credentials that stopped being valid: every stream
 * and ticket whose principal matches is ended. `userId` matches all of the
 * user's credentials (sessions and API keys) unless `sessionsOnly`;
 * `exceptSessionId` spares the session that made the change.
 */
export interface Revocation {
  userId?: string;
  sessionId?: string;
  apiKeyId?: string;
  sessionsOnly?: boolean;
  exceptSessionId?: string;
  /** Close reason sent to the client, e.g. "logged out". */
  reason: string;
}

/** REVOKED_CLOSE_CODE is the WebSocket close code of a stream whose credentials were revoked. */
export const REVOKED_CLOSE_CODE = 4001;

/** LiveStreamOptions bound what one credential may hold open. */
export interface LiveStreamOptions {
  /** WebSocket connections (feed and log follows) open at once per user session set or API key. */
  maxPerPrincipal: number;
}

/** revocationMatches reports whether a revocation covers `p`. */
export function revocationMatches(r: Revocation, p: Principal): boolean {
  if (r.apiKeyId !== undefined && p.apiKeyId !== r.apiKeyId) return false;
  if (r.sessionId !== undefined && p.sessionId !== r.sessionId) return false;
  if (r.userId !== undefined && p.userId !== r.userId) return false;
  if (r.sessionsOnly && p.via === "api_key") return false;
  if (r.exceptSessionId !== undefined && p.sessionId === r.exceptSessionId) return false;
  return r.apiKeyId !== undefined || r.sessionId !== undefined || r.userId !== undefined;
}

/** ownerKey groups a principal's streams for the per-credential cap: one API key, or one user's logins. */
function ownerKey(p: Principal): string {
  return p.apiKeyId ? `key:${p.apiKeyId}` : `user:${p.userId}`;
}

interface Entry {
  principal: Principal;
  close(code: number, reason: string): void;
}

/**
 * createLiveStreams is the registry of open long-lived streams (WebSocket
 * feed, log follows) by principal. Identity services call revoke() when a
 * credential ends (logout, password change, user deletion, role change, API
 * key deletion); every matching stream is closed with
 * {@link REVOKED_CLOSE_CODE} and listeners (the ticket store) drop what they
 * hold for it. register() also enforces the per-credential connection cap.
 */
export function createLiveStreams(opts: Partial<LiveStreamOptions> = {}) {
  const o: LiveStreamOptions = { maxPerPrincipal: opts.maxPerPrincipal ?? 32 };
  const entries = new Set<Entry>();
  const perOwner = new Map<string, number>();
  const listeners = new Set<(r: Revocation) => void>();

  return {
    /**
     * register records an open stream; returns its unregister function, or
     * null when the principal already holds the maximum number of streams.
     */
    register(principal: Principal, close: Entry["close"]): (() => void) | null {
      const key = ownerKey(principal);
      const n = perOwner.get(key) ?? 0;
      if (n >= o.maxPerPrincipal) return null;
      perOwner.set(key, n + 1);
      const e: Entry = { principal, close };
      entries.add(e);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        entries.delete(e);
        const left = (perOwner.get(key) ?? 1) - 1;
        if (left <= 0) perOwner.delete(key);
        else perOwner.set(key, left);
      };
    },

    /** revoke closes every stream `r` covers and tells the listeners; returns how many streams it closed. */
    revoke(r: Revocation): number {
      let closed = 0;
      for (const e of [...entries]) {
        if (!revocationMatches(r, e.principal)) continue;
        entries.delete(e);
        closed++;
        try {
          e.close(REVOKED_CLOSE_CODE, `credentials revoked: ${r.reason}`);
        } catch {
          // the socket is already gone
        }
      }
      for (const l of listeners) l(r);
      return closed;
    },

    /** onRevoke registers a listener for revocations; returns the unsubscribe function. */
    onRevoke(listener: (r: Revocation) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** open is the number of registered streams. */
    open: () => entries.size,
  };
}

/** LiveStreams is the stream registry's interface. */
export type LiveStreams = ReturnType<typeof createLiveStreams>;

/** Revoker is the part of {@link LiveStreams} identity services use. */
export type Revoker = Pick<LiveStreams, "revoke">;
