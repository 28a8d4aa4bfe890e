import type { MasterContext } from "../context.js";
import type { UserRecord } from "./user-store.js";

/** SessionRecord is one stored login session; only hashes of its refresh tokens are kept. */
export interface SessionRecord {
  id: string;
  userId: string;
  refreshHash: string;
  previousRefreshHash: string | null;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string | null;
}

/** SessionStore is the only code that reads and writes sessions and spent refresh tokens. */
export type SessionStore = ReturnType<typeof createSessionStore>;

/** createSessionStore returns the session table operations. */
export function createSessionStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    create: (
      data: Pick<SessionRecord, "id" | "userId" | "refreshHash" | "csrfToken" | "expiresAt"> & { userAgent?: string },
    ): Promise<SessionRecord> => db.session.create({ data }),

    get: (id: string): Promise<SessionRecord> => db.session.findUniqueOrThrow({ where: { id } }),
    withUser: (id: string): Promise<(SessionRecord & { user: UserRecord }) | null> =>
      db.session.findUnique({ where: { id }, include: { user: true } }),
    byRefreshHash: (hash: string): Promise<(SessionRecord & { user: UserRecord }) | null> =>
      db.session.findUnique({ where: { refreshHash: hash }, include: { user: true } }),

    /** replacedBy finds the session whose rotations already replaced the token with this hash, or null. */
    async replacedBy(hash: string): Promise<SessionRecord | null> {
      const spent = await db.spentRefreshToken.findUnique({ where: { hash }, include: { session: true } });
      return spent?.session ?? (await db.session.findUnique({ where: { previousRefreshHash: hash } }));
    },

    /** findId returns the id of the session with this id or refresh hash, or undefined. */
    findId: async (where: { id: string } | { refreshHash: string }): Promise<string | undefined> =>
      (await db.session.findFirst({ where, select: { id: true } }))?.id,

    /** revoke ends one session (a no-op when it already ended). */
    revoke: async (id: string): Promise<void> =>
      void (await db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } })),

    /** revokeForUser ends every open session of a user except `exceptId`. */
    revokeForUser: async (userId: string, exceptId?: string): Promise<void> =>
      void (await db.session.updateMany({
        where: { userId, revokedAt: null, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
        data: { revokedAt: new Date() },
      })),

    /**
     * rotate replaces the session's refresh hash if it is still `s.refreshHash`
     * and the session is open, and keeps the old hash as spent, in one
     * transaction. Returns whether this call won the rotation.
     */
    rotate: (s: Pick<SessionRecord, "id" | "refreshHash">, nextHash: string, expiresAt: Date): Promise<boolean> =>
      db.$transaction(async (tx) => {
        const r = await tx.session.updateMany({
          where: { id: s.id, refreshHash: s.refreshHash, revokedAt: null },
          data: { refreshHash: nextHash, previousRefreshHash: s.refreshHash, expiresAt },
        });
        if (r.count === 1) await tx.spentRefreshToken.create({ data: { hash: s.refreshHash, sessionId: s.id } });
        return r.count === 1;
      }),
  };
}
