import { diffCensus, errors, type Census } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { createCensusStore } from "./census-store.js";
import type { CensusRecord } from "./records.js";
import { parseJson } from "./views.js";

/** censusView renders a stored census snapshot. */
export function censusView(s: CensusRecord) {
  return { id: s.id, node_id: s.nodeId, scan_id: s.scanId, taken_at: s.takenAt.toISOString(), census: parseJson<Partial<Census>>(s.data, {}) };
}

/**
 * createCensusService reads the host census snapshots that host-census scans
 * stored per node, and diffs two of them.
 */
export function createCensusService(ctx: Pick<MasterContext, "db">) {
  const store = createCensusStore(ctx);
  const node = async (id: string) => {
    if (!(await store.nodeExists(id))) throw errors.notFound("node");
  };
  const latest = store.latest;
  return {
    /** latest returns the newest snapshot of a node; not_found when there is none. */
    async latest(nodeId: string) {
      await node(nodeId);
      const s = await latest(nodeId);
      if (!s) throw errors.notFound("census (no host-census scan has run on this node yet)");
      return censusView(s);
    },

    /**
     * diff compares the newest snapshot with the previous one, or with
     * `baseId` when given (a snapshot of the same node). With a single
     * snapshot, base is null and everything counts as added.
     */
    async diff(nodeId: string, baseId?: string) {
      await node(nodeId);
      const head = await latest(nodeId);
      if (!head) throw errors.notFound("census (no host-census scan has run on this node yet)");
      let base: CensusRecord | null;
      if (baseId !== undefined) {
        base = await store.get(baseId);
        if (!base || base.nodeId !== nodeId) throw errors.notFound("base census snapshot");
      } else base = await latest(nodeId, 1);
      const b = base ? parseJson<Partial<Census>>(base.data, {}) : null;
      const h = parseJson<Partial<Census>>(head.data, {});
      const meta = (s: CensusRecord | null) => (s ? { id: s.id, scan_id: s.scanId, taken_at: s.takenAt.toISOString() } : null);
      return { node_id: nodeId, base: meta(base), head: meta(head), diff: diffCensus(b, h) };
    },
  };
}

/** CensusService is the service built by {@link createCensusService}. */
export type CensusService = ReturnType<typeof createCensusService>;
