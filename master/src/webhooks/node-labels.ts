import type { EventBus } from "../events/types.js";

/** LabelIndex keeps every node's labels in memory, refreshed from node events. */
export interface LabelIndex {
  /** labelsOf returns a node's labels ({} when unknown). */
  labelsOf(nodeId: string): Record<string, string>;
  /** nodes lists the known node ids. */
  nodes(): string[];
  start(): Promise<void>;
  stop(): void;
}

/** selectorMatches tells whether labels carry every k=v pair of the selector. */
export function selectorMatches(selector: Record<string, string> | null, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

const REFRESH_ON = new Set(["node.enrolled", "node.updated", "node.deleted"]);

/**
 * createLabelIndex seeds the index from the database once and then follows
 * node.enrolled / node.updated / node.deleted on the bus, re-reading only the
 * node concerned, and nothing when the event carries the labels.
 */
export function createLabelIndex(bus: EventBus, load: (nodeId?: string) => Promise<Map<string, Record<string, string>>>): LabelIndex {
  const labels = new Map<string, Record<string, string>>();
  let unsubscribe: (() => void) | null = null;
  const refresh = (nodeId: string, deleted: boolean) => {
    if (deleted) return void labels.delete(nodeId);
    load(nodeId).then(
      (m) => labels.set(nodeId, m.get(nodeId) ?? {}),
      () => undefined,
    );
  };
  return {
    labelsOf: (id) => labels.get(id) ?? {},
    nodes: () => [...labels.keys()],
    async start() {
      unsubscribe = bus.subscribe((e) => {
        if (!e.node_id || !REFRESH_ON.has(e.type)) return;
        // an operator's update carries the new labels: no read needed
        const l = e.data.labels;
        if (e.type === "node.updated" && l && typeof l === "object") return void labels.set(e.node_id, { ...(l as Record<string, string>) });
        refresh(e.node_id, e.type === "node.deleted");
      });
      for (const [id, l] of await load()) labels.set(id, l);
    },
    stop() {
      unsubscribe?.();
    },
  };
}
