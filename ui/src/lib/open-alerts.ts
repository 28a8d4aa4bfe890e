/**
 * useOpenAlerts follows the alerts that are firing or acknowledged, for the
 * badges on node pages and the open-alerts column of the nodes table.
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { Alert } from "../automation-types.js";
import type { Page } from "../types.js";
import { reconnects } from "./live.js";
import { useLiveEvent } from "./use-live.js";

/** OpenAlerts are the open alerts, with counts per node. */
export interface OpenAlerts {
  items: Alert[];
  byNode: Map<string, Alert[]>;
}

const OPEN = ["firing", "acknowledged"] as const;

/** useOpenAlerts loads open alerts (optionally of one node; not before `enabled`) and reloads on alert events. */
export function useOpenAlerts(nodeId?: string, enabled = true): OpenAlerts {
  const [items, setItems] = useState<Alert[]>([]);
  const [tick, setTick] = useState(0);
  useLiveEvent(["alert.*"], (e) => (!nodeId || e.node_id === nodeId || !e.node_id) && setTick((t) => t + 1));
  const epoch = reconnects.value;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    Promise.all(OPEN.map((state) => api.get<Page<Alert>>("/alerts", { state, node_id: nodeId, limit: 500 })))
      .then((pages) => live && setItems(pages.flatMap((p) => p.items ?? [])))
      // Alerts are an extra on these pages: without them the page still works.
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [nodeId, tick, epoch, enabled]);
  const byNode = new Map<string, Alert[]>();
  for (const a of items) if (a.node_id) byNode.set(a.node_id, [...(byNode.get(a.node_id) ?? []), a]);
  return { items, byNode };
}
