import type { PushRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { ContainerInfo } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type { MasterContext } from "../context.js";
import { createContainerService } from "../services/containers.js";
import { createInventory } from "./inventory.js";
import { createNodeNames } from "./node-names.js";
import { registerNodeGauges } from "./prometheus.js";
import { createSeriesStore, type SeriesStoreOptions } from "./series-store.js";
import { createIngestCounters } from "./counters.js";
import { createMetricsEvents } from "./metrics-events.js";

export { createSeriesStore, type SeriesStore, type LatestSnapshot } from "./series-store.js";
export { createNodeSeries, downsample, type SeriesData } from "./node-series.js";
export { compileNameFilter, seriesKey } from "./series-key.js";
export { summarize, type NodeMetricsSummary } from "./summary.js";

/** TelemetryOptions tune the telemetry pipeline (defaults suit production). */
export interface TelemetryOptions {
  store: Partial<SeriesStoreOptions>;
  /** Lower bound between two node.metrics events of one node. */
  nodeMetricsMinIntervalMs: number;
}

/** TelemetryDeps are optional collaborators. */
export interface TelemetryDeps {
  options?: Partial<TelemetryOptions>;
  /** exports picks the nodes `/metrics` shows (default all held in memory); replicas show only their own. */
  exports?: (nodeId: string) => boolean;
}

/**
 * createTelemetry builds the master side of the metrics pipeline: the
 * in-memory series store, the container inventory, `node.metrics` events,
 * and the per-node Prometheus gauges (the REST routes read `store` and
 * `containers`).
 * `ingest` is the NodeService Push hook; it runs after the push was
 * authenticated, validated and de-duplicated by sequence number.
 */
export function createTelemetry(ctx: MasterContext, deps: TelemetryDeps = {}) {
  const opts = deps.options ?? {};
  const store = createSeriesStore({ retentionMs: ctx.config.metricsRetentionMs, ...opts.store });
  const containers = createContainerService(ctx);
  const inventory = createInventory(ctx, containers);
  const names = createNodeNames({ load: () => containers.nodeNames(), bus: ctx.bus, log: ctx.log });
  void names.refresh();
  const counters = createIngestCounters(ctx.metrics.registry);
  const events = createMetricsEvents({ bus: ctx.bus, store, minIntervalMs: opts.nodeMetricsMinIntervalMs ?? 1_000 });
  const unregister = registerNodeGauges(ctx.metrics.registry, {
    entries: () => (deps.exports ? filterEntries(store.entries(), deps.exports) : store.entries()),
    nodeName: (id) => names.name(id),
    containerImage: (nodeId, id) => inventory.known(nodeId, id)?.image ?? "",
    containerMetrics: ctx.config.containerMetrics,
  });
  const unsubscribe = ctx.bus.subscribe((e) => {
    if (e.type === "node.deleted" && e.node_id) void forgetNode(e.node_id);
  });

  const forgetNode = async (nodeId: string): Promise<void> => {
    store.forget(nodeId);
    events.forget(nodeId);
    await inventory.forget(nodeId);
  };

  return {
    store,
    inventory,
    containers,

    /** ingest applies one push from a node (metrics, inventory or events). */
    async ingest(nodeId: string, push: PushRequest): Promise<void> {
      const p = push.payload;
      if (p.case === "metrics") {
        const r = store.ingest(nodeId, p.value);
        counters.record(r);
        if (r.newLatest) events.maybePublish(nodeId);
      } else if (p.case === "inventory") {
        await inventory.applyInventory(nodeId, p.value);
      } else if (p.case === "events") {
        await inventory.applyEvents(nodeId, p.value);
      }
    },

    /** applyContainer records one container's new state at once (container actions). */
    applyContainer(nodeId: string, info: ContainerInfo): Promise<void> {
      return inventory.applyContainer(nodeId, info);
    },

    /** forgetNode drops everything kept for a deleted node. */
    forgetNode,

    /** close unregisters the gauges and listeners and waits for pending container writes. */
    async close(): Promise<void> {
      unsubscribe();
      names.close();
      unregister();
      counters.close();
      await inventory.idle();
    },
  };
}

function* filterEntries<T>(all: Iterable<[string, T]>, keep: (nodeId: string) => boolean): Iterable<[string, T]> {
  for (const e of all) if (keep(e[0])) yield e;
}

/** Telemetry is the master's telemetry pipeline. */
export type Telemetry = ReturnType<typeof createTelemetry>;
