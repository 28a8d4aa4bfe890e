import { SEVERITIES } from "@flotilla/shared";
import { z } from "zod";
import { FINDING_SORTS, TRIAGE_STATUSES, type FindingFilter, type FindingService } from "../../scans/findings.js";
import { listResponseSchema, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { findingSchema, fleetFindingsSummarySchema } from "../schemas/scans.js";

const fpParams = z.object({ fingerprint: z.string().min(1).max(128) });

const filterShape = {
  severity: z.enum(SEVERITIES as unknown as [string, ...string[]]).optional(),
  scanner: z.string().min(1).max(64).optional(),
  node_id: z.string().min(1).max(128).optional(),
  status: z
    .enum([...TRIAGE_STATUSES, "resolved", "all"])
    .optional()
    .describe("Triage status, resolved, or all; current (unresolved) findings by default"),
  rule_id: z.string().min(1).max(128).optional(),
  q: z.string().max(128).optional().describe("Search title, rule, resource, message and node id"),
};

const triageBody = z.object({ status: z.enum(TRIAGE_STATUSES), note: z.string().max(4000).optional() }).strict();

function filter(q: {
  severity?: string;
  scanner?: string;
  node_id?: string;
  status?: FindingFilter["status"];
  rule_id?: string;
  q?: string;
}): FindingFilter {
  return {
    ...(q.rule_id ? { ruleId: q.rule_id } : {}),
    ...(q.q ? { q: q.q } : {}),
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
      summary: "List current findings (filters severity, scanner, node_id, status, rule_id, q; sort, order); page.total counts every match",
      response: listResponseSchema(findingSchema),
      query: z.object({
        ...pageQueryShape,
        ...filterShape,
        sort: z.enum(FINDING_SORTS).optional().describe("Sort column; severity desc lists critical first. Sorted lists are offset paged"),
        order: z.enum(["asc", "desc"]).optional().describe("Sort direction (default asc)"),
      }),
      handler: async ({ query }) => svc.list(filter(query), { limit: query.limit, cursor: query.cursor, sort: query.sort, order: query.order }),
    }),
    defineRoute({
      method: "GET",
      path: "/findings/summary",
      role: "viewer",
      tag: "findings",
      summary:
        "Counts by severity, scanner, node and rule (by_rule: findings and nodes affected, most severe first); reclaimable bytes; monthly savings",
      response: fleetFindingsSummarySchema,
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
