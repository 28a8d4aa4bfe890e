import type { MasterContext } from "../context.js";

/** JoinTokenRecord is one stored join token; only the hash of its secret is kept. */
export interface JoinTokenRecord {
  id: string;
  name: string;
  secretHash: string;
  /** JSON object of labels given to the nodes it enrolls. */
  labels: string;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
}

/** EnrollmentAttemptRecord is one recorded enrollment attempt (or a count of rate-limited ones). */
export interface EnrollmentAttemptRecord {
  id: string;
  tokenId: string | null;
  nodeId: string | null;
  outcome: string;
  reason: string;
  sourceAddr: string;
  hostname: string | null;
  machineId: string | null;
  count: number;
  createdAt: Date;
}

/** NewestKey is a `(createdAt, id)` keyset position, newest first. */
export interface NewestKey {
  at: Date;
  id: string;
}

/** newestFirst is the keyset where-clause and order after `key`, newest first. */
function newestFirst(key: NewestKey | undefined) {
  return {
    where: key ? { OR: [{ createdAt: { lt: key.at } }, { createdAt: key.at, id: { lt: key.id } }] } : {},
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
  };
}

/** JoinTokenStore is the only code that reads and writes join tokens and enrollment attempts. */
export type JoinTokenStore = ReturnType<typeof createJoinTokenStore>;

/** createJoinTokenStore returns the join token and enrollment attempt table operations. */
export function createJoinTokenStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    get: (id: string): Promise<JoinTokenRecord | null> => db.joinToken.findUnique({ where: { id } }),
    create: (data: Omit<JoinTokenRecord, "uses" | "revokedAt" | "createdAt">): Promise<JoinTokenRecord> => db.joinToken.create({ data }),
    revoke: (id: string): Promise<JoinTokenRecord> => db.joinToken.update({ where: { id }, data: { revokedAt: new Date() } }),
    /** list returns up to `take` tokens newest first after `after`. */
    list: (take: number, after?: NewestKey): Promise<JoinTokenRecord[]> => {
      const k = newestFirst(after);
      return db.joinToken.findMany({ where: k.where, orderBy: k.orderBy, take });
    },

    attempts: {
      create: async (data: Omit<EnrollmentAttemptRecord, "count" | "createdAt">): Promise<void> => void (await db.enrollmentAttempt.create({ data })),
      setCount: async (id: string, count: number): Promise<void> => void (await db.enrollmentAttempt.update({ where: { id }, data: { count } })),
      /** list returns up to `take` attempts newest first after `after`, optionally by reason and token. */
      list: (take: number, f: { after?: NewestKey; reason?: string; tokenId?: string }): Promise<EnrollmentAttemptRecord[]> => {
        const k = newestFirst(f.after);
        const where = { ...k.where, ...(f.reason ? { reason: f.reason } : {}), ...(f.tokenId ? { tokenId: f.tokenId } : {}) };
        return db.enrollmentAttempt.findMany({ where, orderBy: k.orderBy, take });
      },
    },
  };
}
