import type { Db } from "../db/types.js";

/** RetentionStore deletes old rows of the append-only tables. */
export interface RetentionStore {
  /** prune deletes rows older than `before` from one table; returns how many went. */
  prune(table: RetainedTable, before: Date): Promise<number>;
}

/** RetainedTable names a table with a retention setting. */
export type RetainedTable = "events" | "audit" | "enrollment_attempts";

/** createRetentionStore returns the retention deletes over the database. */
export function createRetentionStore(db: Db): RetentionStore {
  return {
    async prune(table, before) {
      if (table === "events") return (await db.event.deleteMany({ where: { ts: { lt: before } } })).count;
      if (table === "audit") return (await db.auditEntry.deleteMany({ where: { ts: { lt: before } } })).count;
      return (await db.enrollmentAttempt.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
  };
}
