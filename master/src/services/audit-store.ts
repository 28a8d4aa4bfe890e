import type { MasterContext } from "../context.js";

/** AuditEntryRecord is one stored audit entry; `details` is JSON text. */
export interface AuditEntryRecord {
  id: string;
  ts: Date;
  actorId: string | null;
  actorName: string;
  actorType: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  sourceAddr: string | null;
  details: string;
}

/** AuditFilter narrows an audit listing. */
export interface AuditFilter {
  /** Actor name or id. */
  actor?: string;
  /** Exact action, or a prefix ending in `*` (e.g. `users.*`). */
  action?: string;
  since?: Date;
  /** What the entry acted on (a node id, a user id...). */
  targetId?: string;
  /** Text search over action, actor, target and details. */
  q?: string;
  /** Return entries with an id lower than this (newest first paging). */
  beforeId?: string;
  take: number;
}

/** AuditStore is the only code that reads and writes the audit table. */
export type AuditStore = ReturnType<typeof createAuditStore>;

/** createAuditStore returns the audit table operations. */
export function createAuditStore(ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>) {
  const { db } = ctx;
  const insensitive = ctx.provider === "postgres" ? { mode: "insensitive" } : {};
  const where = (f: Omit<AuditFilter, "beforeId" | "take">) => {
    const action = f.action?.endsWith("*") ? { startsWith: f.action.slice(0, -1) } : f.action;
    const c = { contains: f.q, ...insensitive };
    const and: object[] = [
      ...(f.actor ? [{ OR: [{ actorName: f.actor }, { actorId: f.actor }] }] : []),
      ...(f.q ? [{ OR: [{ action: c }, { actorName: c }, { targetId: c }, { details: c }] }] : []),
    ];
    return {
      ...(and.length ? { AND: and } : {}),
      ...(action ? { action } : {}),
      ...(f.since ? { ts: { gte: f.since } } : {}),
      ...(f.targetId ? { targetId: f.targetId } : {}),
    };
  };
  return {
    create: (data: Omit<AuditEntryRecord, "ts">): Promise<AuditEntryRecord> => db.auditEntry.create({ data }),

    setDetails: async (id: string, details: string): Promise<void> => void (await db.auditEntry.update({ where: { id }, data: { details } })),

    /** list returns entries newest first. */
    list: (f: AuditFilter): Promise<AuditEntryRecord[]> =>
      db.auditEntry.findMany({
        where: { ...where(f), ...(f.beforeId ? { id: { lt: f.beforeId } } : {}) },
        orderBy: { id: "desc" },
        take: f.take,
      }),

    /** count counts the entries matching a filter (paging ignored). */
    count: (f: Omit<AuditFilter, "beforeId" | "take">): Promise<number> => db.auditEntry.count({ where: where(f) }),
  };
}
