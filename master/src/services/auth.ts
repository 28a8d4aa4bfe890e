import { createHash, randomBytes } from "node:crypto";
import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import type { Revoker } from "./live-streams.js";
import { burnPasswordCheck, verifyPassword } from "./passwords.js";
import { createSessionStore, type SessionRecord } from "./session-store.js";
import type { UserRecord, UserService } from "./users.js";

export type { SessionRecord };

/** SESSION_TTL_MS is how long a login session (and its refresh token) lives. */
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

/** SESSION_MAX_LIFETIME_MS is the default absolute lifetime of a session, however often it is refreshed. */
export const SESSION_MAX_LIFETIME_MS = 30 * 24 * 3_600_000;

/** IssuedSession is what a login or refresh hands back to the caller. */
export interface IssuedSession {
  user: UserRecord;
  session: SessionRecord;
  /** Plain refresh token (only its SHA-256 is stored). */
  refreshToken: string;
}

/** sha256Hex hashes a secret for storage. */
export function sha256Hex(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

const token = () => randomBytes(32).toString("base64url");

/** AuthService manages login sessions and refresh tokens. */
export type AuthService = ReturnType<typeof createAuthService>;

/** createAuthService returns login, refresh, logout and password change. */
export function createAuthService(
  ctx: Pick<MasterContext, "db">,
  deps: {
    users: UserService;
    /** onReuse hears of a session revoked for a reused refresh token. */
    onReuse?: (s: { sessionId: string; userId: string }) => Promise<void>;
    /** streams closes the live streams of revoked sessions. */
    streams?: Revoker;
    /** Absolute session lifetime from login; refreshes never extend a session past it. */
    maxLifetimeMs?: number;
  },
) {
  const store = createSessionStore(ctx);
  const revoke = (r: Parameters<Revoker["revoke"]>[0]) => void deps.streams?.revoke(r);

  async function issue(user: UserRecord, userAgent?: string): Promise<IssuedSession> {
    const refreshToken = token();
    const session = await store.create({
      id: newId("ses"),
      userId: user.id,
      refreshHash: sha256Hex(refreshToken),
      csrfToken: token(),
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: userAgent?.slice(0, 256),
    });
    return { user, session, refreshToken };
  }

  return {
    /** login checks credentials and opens a session; unauthenticated on any mismatch. */
    async login(input: { username: string; password: string; userAgent?: string }): Promise<IssuedSession> {
      const user = await deps.users.findByUsername(input.username);
      if (!user) {
        await burnPasswordCheck(input.password);
        throw errors.unauthenticated("invalid username or password");
      }
      if (!(await verifyPassword(input.password, user.passwordHash))) throw errors.unauthenticated("invalid username or password");
      const updated = await deps.users.touchLogin(user.id);
      return issue(updated, input.userAgent);
    },

    /**
     * refresh rotates a refresh token: the old one stops working. Presenting
     * any token a rotation already replaced (the whole family is kept) means
     * two parties hold it (a copied token): the session is revoked for both,
     * and its access tokens and live streams stop at once. A refresh never
     * extends a session past its absolute lifetime from login.
     */
    async refresh(refreshToken: string): Promise<IssuedSession> {
      const hash = sha256Hex(refreshToken);
      const s = await store.byRefreshHash(hash);
      if (!s) {
        const reused = await store.replacedBy(hash);
        if (reused && !reused.revokedAt) {
          await store.revoke(reused.id);
          revoke({ sessionId: reused.id, reason: "refresh token reused" });
          await deps.onReuse?.({ sessionId: reused.id, userId: reused.userId });
          throw errors.unauthenticated("this refresh token was already used; the session has been revoked, log in again");
        }
        throw errors.unauthenticated("invalid or expired refresh token");
      }
      if (s.revokedAt || s.expiresAt <= new Date()) throw errors.unauthenticated("invalid or expired refresh token");
      const next = token();
      const until = Math.min(Date.now() + SESSION_TTL_MS, s.createdAt.getTime() + (deps.maxLifetimeMs ?? SESSION_MAX_LIFETIME_MS));
      if (until <= Date.now()) throw errors.unauthenticated("the session reached its maximum lifetime; log in again");
      if (!(await store.rotate(s, sha256Hex(next), new Date(until)))) throw errors.unauthenticated("invalid or expired refresh token");
      const session = await store.get(s.id);
      return { user: s.user, session, refreshToken: next };
    },

    /** activeSession returns a live session with its user, or null. */
    async activeSession(sessionId: string): Promise<(SessionRecord & { user: UserRecord }) | null> {
      const s = await store.withUser(sessionId);
      if (!s || s.revokedAt || s.expiresAt <= new Date()) return null;
      return s;
    },

    /** logout revokes one session (by id or by refresh token). */
    async logout(by: { sessionId?: string; refreshToken?: string }): Promise<void> {
      const where = by.sessionId ? { id: by.sessionId } : by.refreshToken ? { refreshHash: sha256Hex(by.refreshToken) } : null;
      if (!where) return;
      const id = await store.findId(where);
      if (!id) return;
      await store.revoke(id);
      revoke({ sessionId: id, reason: "logged out" });
    },

    /** changePassword checks the current password, sets the new one and revokes the user's other sessions. */
    async changePassword(input: { userId: string; current: string; next: string; keepSessionId?: string }): Promise<void> {
      const user = await deps.users.get(input.userId);
      if (!(await verifyPassword(input.current, user.passwordHash)))
        throw errors.invalid("current password is wrong", [{ field: "current_password", message: "does not match" }]);
      await deps.users.setPassword(user.id, input.next);
      await store.revokeForUser(user.id, input.keepSessionId);
      revoke({
        userId: user.id,
        sessionsOnly: true,
        ...(input.keepSessionId ? { exceptSessionId: input.keepSessionId } : {}),
        reason: "password changed",
      });
    },
  };
}
