import type { Logger } from "@flotilla/shared";
import type { EventBus } from "../events/types.js";

/**
 * createNodeNames caches node id → name for the `node` label of the
 * per-node gauges. The cache is loaded once and reloaded (debounced) after
 * node.enrolled, node.updated and node.deleted events; an update that
 * carries the name is applied in place.
 */
export function createNodeNames(deps: { load: () => Promise<Map<string, string>>; bus: EventBus; log: Logger }) {
  let names = new Map<string, string>();
  let pending: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const refresh = (): Promise<void> => {
    pending ??= deps
      .load()
      .then((m) => {
        names = m;
      })
      .catch((err) => deps.log.warn({ err }, "node names refresh failed"))
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  const unsubscribe = deps.bus.subscribe((e) => {
    if (e.type !== "node.updated" && e.type !== "node.enrolled" && e.type !== "node.deleted") return;
    // an operator's update carries the name: set it in place instead of reloading every name
    if (e.type === "node.updated" && e.node_id && typeof e.data.name === "string") {
      const [id, name] = [e.node_id, e.data.name];
      names.set(id, name);
      void pending?.then(() => names.set(id, name));
      return;
    }
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, 50);
    timer.unref();
  });

  return {
    refresh,
    /** name returns the cached name of a node (its id when unknown). */
    name(nodeId: string): string {
      return names.get(nodeId) ?? nodeId;
    },
    close(): void {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}

/** NodeNames is the node name cache. */
export type NodeNames = ReturnType<typeof createNodeNames>;
