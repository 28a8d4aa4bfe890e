import { z } from "zod";
import type { MasterContext } from "../../context.js";
import { hiddenTypesFor } from "../../events/types.js";
import { createEventQueryService, parseTypePatterns } from "../../services/events-query.js";
import { listResponseSchema, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { eventSchema, eventTypesSchema } from "../schemas/events.js";

const listQuery = z.object({
  ...pageQueryShape,
  type: z.string().max(1024).optional(),
  node_id: z.string().min(1).max(128).optional(),
  since: z.string().max(64).optional(),
  q: z.string().max(128).optional().describe("Search type, node id and event data"),
  order: z.enum(["asc", "desc"]).optional().describe("Time order (default desc: newest first)"),
});

/** createEventRoutes returns GET /events and GET /events/types (viewer). */
export function createEventRoutes(ctx: MasterContext): RouteDef<any, any, any>[] {
  const svc = createEventQueryService(ctx);
  return [
    defineRoute({
      method: "GET",
      path: "/events",
      role: "viewer",
      tag: "events",
      summary:
        "List stored events newest first (filters type: exact or prefix like node.*, node_id, since: RFC 3339 time or event id, q; order); page.total counts every match; types above the caller's role (enrollment.rejected: admin) are left out",
      response: listResponseSchema(eventSchema),
      query: listQuery,
      handler: async ({ query, principal }) => {
        const types = parseTypePatterns(query.type);
        const p = await svc.list({
          limit: query.limit,
          excludeTypes: hiddenTypesFor(principal!.role),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          ...(types ? { types } : {}),
          ...(query.node_id ? { nodeId: query.node_id } : {}),
          ...(query.since ? { since: query.since } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.order ? { order: query.order } : {}),
        });
        return p;
      },
    }),
    defineRoute({
      method: "GET",
      path: "/events/types",
      role: "viewer",
      tag: "events",
      summary: "Catalogue of event types",
      response: eventTypesSchema,
      handler: async () => ({ items: svc.types() }),
    }),
  ];
}
