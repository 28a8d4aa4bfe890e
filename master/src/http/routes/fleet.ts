import type { MasterContext } from "../../context.js";
import { createFleetService } from "../../services/fleet.js";
import { defineRoute, type RouteDef } from "../route.js";
import { fleetStatusSchema } from "../schemas/nodes.js";

/** createFleetRoutes returns GET /fleet/status (viewer). */
export function createFleetRoutes(ctx: MasterContext): RouteDef<any, any, any>[] {
  const svc = createFleetService(ctx);
  return [
    defineRoute({
      method: "GET",
      path: "/fleet/status",
      role: "viewer",
      tag: "nodes",
      summary: "Fleet totals: online, offline, counts by OS and agent version",
      response: fleetStatusSchema,
      handler: () => svc.status(),
    }),
  ];
}
