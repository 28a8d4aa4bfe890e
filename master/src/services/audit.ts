import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import { createAuditStore, type AuditEntryRecord, type AuditFilter } from "./audit-store.js";

export type { AuditEntryRecord, AuditFilter };

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

/** AuditService writes and reads the audit log. */
export type AuditService = ReturnType<typeof createAuditService>;

/** createAuditService returns record and list over the AuditEntry table. */
export function createAuditService(ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>) {
  const store = createAuditStore(ctx);
  return {
    /** record writes one audit entry. */
    record: (r: AuditRecord): Promise<AuditEntryRecord> =>
      store.create({
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
      }),

    /** updateDetails replaces an entry's details (the count of an aggregated refusal). */
    updateDetails: (id: string, details: Record<string, unknown>): Promise<void> => store.setDetails(id, JSON.stringify(details)),

    /** list returns entries newest first. */
    list: (f: AuditFilter): Promise<AuditEntryRecord[]> => store.list(f),

    /** count counts the entries matching a filter (paging ignored). */
    count: (f: Omit<AuditFilter, "beforeId" | "take">): Promise<number> => store.count(f),
  };
}
