import type { EventBus } from "../events/types.js";
import type { SeriesStore } from "./series-store.js";
import { summarize } from "./summary.js";

/**
 * createMetricsEvents publishes `node.metrics` with a small summary of a
 * node's newest snapshot, at most once per node per collection interval (the
 * interval the node's snapshots show, never below `minIntervalMs`). A spool
 * replay of many snapshots therefore yields at most one event.
 */
export function createMetricsEvents(deps: { bus: EventBus; store: SeriesStore; minIntervalMs: number; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const last = new Map<string, number>();
  return {
    /** maybePublish emits node.metrics for a node unless one went out within its interval. */
    maybePublish(nodeId: string): boolean {
      const t = now();
      const gap = Math.max(deps.minIntervalMs, deps.store.intervalMs(nodeId) * 0.9);
      const prev = last.get(nodeId);
      if (prev !== undefined && t - prev < gap) return false;
      const snap = deps.store.latest(nodeId);
      if (!snap) return false;
      last.set(nodeId, t);
      deps.bus.publish("node.metrics", { ...summarize(snap) }, nodeId);
      return true;
    },
    forget(nodeId: string): void {
      last.delete(nodeId);
    },
  };
}
