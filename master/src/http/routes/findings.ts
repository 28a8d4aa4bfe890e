import { SEVERITIES } from "@flotilla/shared";
import { z } from "zod";
import { TRIAGE_STATUSES, type FindingFilter, type FindingService } from "../../scans/findings.js";
import { listResponseSchema, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { findingSchema, findingsSummarySchema } from "../schemas/scans.js";

const fpParams = z.object({ fingerprint: z.string().min(1).max(128) });

const filterShape = {
  severity: z.enum(SEVERITIES as unknown as [string, ...string[]]).optional(),
  scanner: z.string().min(1).max(64).optional(),
  node_id: z.string().min(1).max(128).optional(),
  status: z
    .enum([...TRIAGE_STATUSES, "resolved", "all"])
    .optional()
    .describe("Triage status, resolved, or all; current (unresolved) findings by default"),
};

const triageBody = z.object({ status: z.enum(TRIAGE_STATUSES), note: z.string().max(4000).optional() }).strict();

function filter(q: { severity?: string; scanner?: string; node_id?: string; status?: FindingFilter["status"] }): FindingFilter {
  return {
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.scanner ? { scanner: q.scanner } : {}),
    ...(q.node_id ? { nodeId: q.node_id } : {}),
    ...(q.status ? { status: q.status } : {}),
  };
}

/** createFindingRoutes returns the fleet-wide finding routes (summary before /:fingerprint). */
export function createFindingRoutes(svc: FindingService): RouteDef[] {
  return [
    defineRoute({
      method: "GET",
      path: "/findings",
      role: "viewer",
      tag: "findings",
      summary: "List current findings (filters severity, scanner, node_id, status)",
      response: listResponseSchema(findingSchema),
      query: z.object({ ...pageQueryShape, ...filterShape }),
      handler: async ({ query }) => svc.list(filter(query), query.limit, query.cursor),
    }),
    defineRoute({
      method: "GET",
      path: "/findings/summary",
      role: "viewer",
      tag: "findings",
      summary: "Counts by severity, scanner and node; reclaimable bytes; monthly savings",
      response: findingsSummarySchema,
      query: z.object(filterShape),
      handler: async ({ query }) => svc.summary(filter(query)),
    }),
    defineRoute({
      method: "GET",
      path: "/findings/:fingerprint",
      role: "viewer",
      tag: "findings",
      summary: "Get a finding",
      response: findingSchema,
      params: fpParams,
      handler: async ({ params }) => svc.get(params.fingerprint),
    }),
    defineRoute({
      method: "PATCH",
      path: "/findings/:fingerprint",
      role: "operator",
      tag: "findings",
      summary: "Triage a finding: status and note",
      response: findingSchema,
      params: fpParams,
      body: triageBody,
      handler: async ({ params, body, principal }) => svc.triage(params.fingerprint, body.status, body.note, principal?.username ?? "unknown"),
    }),
  ];
}
