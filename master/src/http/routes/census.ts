import { z } from "zod";
import type { CensusService } from "../../scans/census.js";
import { defineRoute, type RouteDef } from "../route.js";
import { censusDiffSchema, censusSnapshotSchema } from "../schemas/census.js";

const idParams = z.object({ id: z.string().min(1).max(128) });

/** createCensusRoutes returns the host census routes of a node. */
export function createCensusRoutes(svc: CensusService): RouteDef[] {
  return [
    defineRoute({
      method: "GET",
      path: "/nodes/:id/census",
      role: "viewer",
      tag: "census",
      summary: "Latest host census of a node",
      response: censusSnapshotSchema,
      params: idParams,
      handler: async ({ params }) => svc.latest(params.id),
    }),
    defineRoute({
      method: "GET",
      path: "/nodes/:id/census/diff",
      role: "viewer",
      tag: "census",
      summary: "Latest host census compared with the previous one (or ?base=<snapshot id>)",
      response: censusDiffSchema,
      params: idParams,
      query: z.object({ base: z.string().min(1).max(128).optional() }),
      handler: async ({ params, query }) => svc.diff(params.id, query.base),
    }),
  ];
}
