import type { MasterContext } from "../context.js";
import { createNodeStore } from "./node-store.js";

/** FleetStatus is the body of GET /fleet/status. */
export interface FleetStatus {
  total: number;
  online: number;
  offline: number;
  by_os: Record<string, number>;
  by_agent_version: Record<string, number>;
}

/** createFleetService summarizes the fleet from the node table (kept current by liveness). */
export function createFleetService(ctx: MasterContext) {
  const store = createNodeStore(ctx);
  return {
    /** status counts nodes by liveness status, OS and agent version. */
    async status(): Promise<FleetStatus> {
      const by = await store.countBy();
      const total = [...by.status.values()].reduce((n, c) => n + c, 0);
      const online = by.status.get("online") ?? 0;
      return {
        total,
        online,
        offline: total - online,
        by_os: Object.fromEntries([...by.os].map(([os, n]) => [os || "unknown", n])),
        by_agent_version: Object.fromEntries([...by.agentVersion].map(([v, n]) => [v || "unknown", n])),
      };
    },
  };
}

/** FleetService is the fleet summary service's interface. */
export type FleetService = ReturnType<typeof createFleetService>;
