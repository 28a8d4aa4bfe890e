import type { MasterContext } from "../context.js";
import type { UserRecord } from "./user-store.js";

/** ApiKeyRecord is one stored API key; only the hash of the key is kept. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  role: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** ApiKeyStore is the only code that reads and writes API key rows. */
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;

/** createApiKeyStore returns the API key table operations. */
export function createApiKeyStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    create: (data: Omit<ApiKeyRecord, "createdAt" | "lastUsedAt" | "expiresAt"> & { expiresAt?: Date }): Promise<ApiKeyRecord> =>
      db.apiKey.create({ data }),

    /** list returns keys ordered by id, optionally of one user. */
    list: (opts: { userId?: string; afterId?: string; take: number }): Promise<ApiKeyRecord[]> =>
      db.apiKey.findMany({
        where: { ...(opts.userId ? { userId: opts.userId } : {}), ...(opts.afterId ? { id: { gt: opts.afterId } } : {}) },
        orderBy: { id: "asc" },
        take: opts.take,
      }),

    get: (id: string): Promise<ApiKeyRecord | null> => db.apiKey.findUnique({ where: { id } }),
    remove: async (id: string): Promise<void> => void (await db.apiKey.delete({ where: { id } })),

    /** byHash finds a key with its owner by the key's hash. */
    byHash: (keyHash: string): Promise<(ApiKeyRecord & { user: UserRecord }) | null> =>
      db.apiKey.findUnique({ where: { keyHash }, include: { user: true } }),

    /** touch stamps a key's last use. */
    touch: async (id: string): Promise<void> => void (await db.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } })),
  };
}
