import type { MasterContext } from "../context.js";
import type { AuditEntry } from "../generated/sqlite/client.js";
import { newId } from "../ids.js";

/** AuditActor is who did something: a user, an API key, the system or nobody known. */
export interface AuditActor {
  id?: string;
  name: string;
  type: "user" | "api_key" | "anonymous" | "system";
}

/** AuditRecord is one entry to write. */
export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target_type?: string;
  target_id?: string;
  request_id?: string;
  source?: string;
  details?: Record<string, unknown>;
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

/** AuditService writes and reads the audit log. */
export type AuditService = ReturnType<typeof createAuditService>;

/** createAuditService returns record and list over the AuditEntry table. */
export function createAuditService(ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>) {
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
    /** record writes one audit entry. */
    record: (r: AuditRecord): Promise<AuditEntry> =>
      db.auditEntry.create({
        data: {
          id: newId("aud"),
          actorId: r.actor.id ?? null,
          actorName: r.actor.name.slice(0, 200),
          actorType: r.actor.type,
          action: r.action,
          targetType: r.target_type ?? null,
          targetId: r.target_id?.slice(0, 200) ?? null,
          requestId: r.request_id ?? null,
          sourceAddr: r.source ?? null,
          details: JSON.stringify(r.details ?? {}),
        },
      }),

    /** updateDetails replaces an entry's details (the count of an aggregated refusal). */
    updateDetails: async (id: string, details: Record<string, unknown>): Promise<void> =>
      void (await db.auditEntry.update({ where: { id }, data: { details: JSON.stringify(details) } })),

    /** list returns entries newest first. */
    list(f: AuditFilter): Promise<AuditEntry[]> {
      return db.auditEntry.findMany({
        where: { ...where(f), ...(f.beforeId ? { id: { lt: f.beforeId } } : {}) },
        orderBy: { id: "desc" },
        take: f.take,
      });
    },

    /** count counts the entries matching a filter (paging ignored). */
    count: (f: Omit<AuditFilter, "beforeId" | "take">): Promise<number> => db.auditEntry.count({ where: where(f) }),
  };
}
