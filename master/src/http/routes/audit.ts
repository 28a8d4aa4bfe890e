import { z } from "zod";
import type { AuditEntryRecord } from "../../services/audit.js";
import { decodeIdCursor, listResponseSchema, pageQueryShape, toPage } from "../paging.js";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";

const auditSchema = z.object({
  id: z.string(),
  ts: z.string(),
  actor_id: z.string().nullable(),
  actor_name: z.string(),
  actor_type: z.string(),
  action: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  request_id: z.string().nullable(),
  source: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function auditView(a: AuditEntryRecord): z.infer<typeof auditSchema> {
  return {
    id: a.id,
    ts: a.ts.toISOString(),
    actor_id: a.actorId,
    actor_name: a.actorName,
    actor_type: a.actorType,
    action: a.action,
    target_type: a.targetType,
    target_id: a.targetId,
    request_id: a.requestId,
    source: a.sourceAddr,
    details: parseDetails(a.details),
  };
}

/** auditRoutes serves the audit log (admin), newest first. */
export const auditRoutes: RouteFactory = ({ core }) => [
  defineRoute({
    method: "GET",
    path: "/audit",
    role: "admin",
    tag: "audit",
    summary: "Audit log, newest first (filters actor, action, since, target_id, q); page.total counts every match",
    query: z.object({
      ...pageQueryShape,
      actor: z.string().max(200).optional().describe("Actor name or id"),
      action: z.string().max(200).optional().describe("Exact action, or a prefix ending in *"),
      since: z.iso.datetime({ offset: true }).optional().describe("RFC 3339 time"),
      target_id: z.string().min(1).max(200).optional().describe("What the entry acted on, e.g. a node id"),
      q: z.string().max(128).optional().describe("Search action, actor, target and details"),
    }),
    response: listResponseSchema(auditSchema),
    handler: async ({ query }) => {
      const f = {
        actor: query.actor,
        action: query.action,
        since: query.since ? new Date(query.since) : undefined,
        targetId: query.target_id,
        q: query.q || undefined,
      };
      const [rows, total] = await Promise.all([
        core.audit.list({ ...f, beforeId: decodeIdCursor(query.cursor), take: query.limit + 1 }),
        core.audit.count(f),
      ]);
      const p = toPage(rows, query.limit, (a) => [a.id], auditView);
      return { items: p.items, page: { ...p.page, total } };
    },
  }),
];
