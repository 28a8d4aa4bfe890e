import type { MasterContext } from "../context.js";

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
  return {
    /** status counts nodes by liveness status, OS and agent version. */
    async status(): Promise<FleetStatus> {
      const [byStatus, byOs, byVersion] = await Promise.all([
        ctx.db.node.groupBy({ by: ["status"], _count: { _all: true } }),
        ctx.db.node.groupBy({ by: ["os"], _count: { _all: true } }),
        ctx.db.node.groupBy({ by: ["agentVersion"], _count: { _all: true } }),
      ]);
      const total = byStatus.reduce((n, r) => n + r._count._all, 0);
      const online = byStatus.find((r) => r.status === "online")?._count._all ?? 0;
      return {
        total,
        online,
        offline: total - online,
        by_os: Object.fromEntries(byOs.map((r) => [r.os || "unknown", r._count._all])),
        by_agent_version: Object.fromEntries(byVersion.map((r) => [r.agentVersion || "unknown", r._count._all])),
      };
    },
  };
}

/** FleetService is the fleet summary service's interface. */
export type FleetService = ReturnType<typeof createFleetService>;
