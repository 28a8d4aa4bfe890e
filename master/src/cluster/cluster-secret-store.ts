import type { MasterContext } from "../context.js";

/** IDENTITY_LOCK_KEY is the PostgreSQL advisory lock held while replicas agree on the identity. */
const IDENTITY_LOCK_KEY = 7_463_551_002;

/** LockedSecrets reads and adds cluster secrets inside the store's locked transaction. */
export interface LockedSecrets {
  /** all maps every stored secret name to its value. */
  all(): Promise<Map<string, string>>;
  /** publish stores a secret the cluster lacks. */
  publish(name: string, value: string): Promise<void>;
}

/** ClusterSecretStore is the only code that reads and writes ClusterSecret (PostgreSQL replicas). */
export type ClusterSecretStore = ReturnType<typeof createClusterSecretStore>;

/** createClusterSecretStore returns the ClusterSecret table operations. */
export function createClusterSecretStore(ctx: Pick<MasterContext, "db">) {
  return {
    /**
     * underLock runs `fn` in one transaction holding the identity advisory
     * lock, so replicas starting together agree on one identity; a throw
     * rolls back what `fn` published.
     */
    underLock: <T>(fn: (secrets: LockedSecrets) => Promise<T>): Promise<T> =>
      ctx.db.$transaction(
        async (tx) => {
          await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${IDENTITY_LOCK_KEY})::text`);
          return fn({
            all: async () => new Map((await tx.clusterSecret.findMany()).map((r) => [r.name, r.value])),
            publish: async (name, value) => void (await tx.clusterSecret.create({ data: { name, value } })),
          });
        },
        { maxWait: 30_000, timeout: 60_000 },
      ),
  };
}
