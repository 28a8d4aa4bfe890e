import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";

/** UserRecord is one stored operator account. */
export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

/** NewUser is what the store needs to create an account (the username already canonical). */
export interface NewUser {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
}

/**
 * AdminGuard decides inside the store's transaction whether a change to user
 * `u` may go ahead; `otherAdmins` counts the other admins under the
 * admin-change lock. It throws to refuse (the transaction rolls back).
 */
export type AdminGuard = (u: UserRecord, otherAdmins: () => Promise<number>) => Promise<void>;

/** ADMIN_LOCK_KEY is the PostgreSQL advisory lock held while an admin is demoted or removed. */
const ADMIN_LOCK_KEY = 0x466c6164; // "Flad"

/** UserStore is the only code that reads and writes user rows. */
export type UserStore = ReturnType<typeof createUserStore>;

/** createUserStore returns the user table operations. */
export function createUserStore(ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>) {
  const { db } = ctx;
  type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

  /**
   * otherAdmins counts admins other than `id` inside a transaction that
   * holds the admin-change lock, so two concurrent demotions or removals
   * cannot both see the other admin and leave none. SQLite transactions
   * already serialise (BEGIN IMMEDIATE); PostgreSQL takes a
   * transaction-scoped advisory lock.
   */
  async function otherAdmins(tx: Tx, id: string): Promise<number> {
    if (ctx.provider === "postgres") await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${ADMIN_LOCK_KEY})::text`);
    return tx.user.count({ where: { role: "admin", NOT: { id } } });
  }

  return {
    /** get reads a user; not_found when missing. */
    async get(id: string): Promise<UserRecord> {
      const u = await db.user.findUnique({ where: { id } });
      if (!u) throw errors.notFound("user");
      return u;
    },
    count: (): Promise<number> => db.user.count(),
    findByUsername: (username: string): Promise<UserRecord | null> => db.user.findUnique({ where: { username } }),

    /** list returns users ordered by id after `afterId`. */
    list: (opts: { afterId?: string; take: number }): Promise<UserRecord[]> =>
      db.user.findMany({ where: opts.afterId ? { id: { gt: opts.afterId } } : {}, orderBy: { id: "asc" }, take: opts.take }),

    create: (data: NewUser): Promise<UserRecord> => db.user.create({ data }),

    /** createIfNone creates a user only while the table is empty (one transaction); null when a user exists. */
    createIfNone: (data: NewUser): Promise<UserRecord | null> =>
      db.$transaction(async (tx) => ((await tx.user.count()) > 0 ? null : tx.user.create({ data }))),

    /**
     * update changes a user's role and/or password hash in one transaction
     * after `guard` agreed; `revokeSessions` also ends the user's open
     * sessions. Returns the row before and after.
     */
    update: (
      id: string,
      data: { role?: string; passwordHash?: string },
      opts: { guard: AdminGuard; revokeSessions: boolean },
    ): Promise<{ before: UserRecord; after: UserRecord }> =>
      db.$transaction(async (tx) => {
        const u = await tx.user.findUnique({ where: { id } });
        if (!u) throw errors.notFound("user");
        await opts.guard(u, () => otherAdmins(tx, id));
        if (opts.revokeSessions) await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
        return { before: u, after: await tx.user.update({ where: { id }, data }) };
      }),

    /** remove deletes a user (their sessions and API keys cascade) after `guard` agreed, in one transaction. */
    remove: (id: string, guard: AdminGuard): Promise<void> =>
      db.$transaction(async (tx) => {
        const u = await tx.user.findUnique({ where: { id } });
        if (!u) throw errors.notFound("user");
        await guard(u, () => otherAdmins(tx, id));
        await tx.user.delete({ where: { id } });
      }),

    setPasswordHash: async (id: string, passwordHash: string): Promise<void> =>
      void (await db.user.update({ where: { id }, data: { passwordHash } })),

    /** touchLogin stamps the login time and returns the updated user. */
    touchLogin: (id: string): Promise<UserRecord> => db.user.update({ where: { id }, data: { lastLoginAt: new Date() } }),
  };
}
