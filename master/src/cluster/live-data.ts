import { fromBinary, toBinary } from "@bufbuild/protobuf";
import type { Logger } from "@flotilla/shared";
import type { PushRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { ContainerInfoSchema, MetricBatchSchema, type ContainerInfo } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type { ContainerInventoryPort } from "../containers/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { ClusterSessions } from "./command-relay.js";
import { pack, subjectSafe, unpack } from "./command-wire.js";
import type { ClusterBus } from "./nats.js";

/** LiveData is the live-data side of cluster mode. */
export interface LiveData {
  /** ingest is the push hook: applied here, metric batches also sent to the other replicas. */
  ingest(nodeId: string, push: PushRequest): Promise<void>;
  /** exported reports whether `/metrics` on this replica shows a node: only where its metrics arrive from the worker. */
  exported(nodeId: string): boolean;
  /** inventory is the container inventory for container operations, read fresh from the database for other replicas' nodes. */
  inventory: ContainerInventoryPort;
  stop(): void;
}

/**
 * replicateLiveData makes a node's live data readable through every replica.
 * The metric batches a replica receives from its workers are published on
 * NATS and ingested into every other replica's series store, so the series,
 * the latest figures (node list, container stats) and the REST metrics of any
 * node are served from memory anywhere, unchanged. `/metrics` shows only the
 * nodes whose metrics reach this replica from the worker, so Prometheus
 * scraping every replica counts each node once. The container inventory is
 * the shared Container table: another replica's node is read from it, and a
 * container update after an action goes to the replica holding the node,
 * which keeps the inventory in memory and publishes `container.state` once.
 */
export function replicateLiveData(deps: { bus: ClusterBus; sessions: ClusterSessions; telemetry: () => Telemetry; log: Logger }): LiveData {
  const { bus, sessions } = deps;
  const telemetry = deps.telemetry;
  const log = deps.log.child({ component: "live-data" });
  /** fromWorker: true where this replica ingested the node's latest batch from the worker itself. */
  const fromWorker = new Map<string, boolean>();

  const sub = bus.nc.subscribe(`${bus.prefix}.metrics.*.*`, {
    callback: (err, msg) => {
      if (err) return log.warn({ err: err.message }, "metrics replication subscription failed");
      const [, replica, nodeId] = msg.subject.slice(bus.prefix.length + 1).split(".");
      if (!replica || !nodeId || replica === bus.replicaId || sessions.holdsLocally(nodeId)) return;
      try {
        telemetry().store.ingest(nodeId, fromBinary(MetricBatchSchema, msg.data));
        fromWorker.set(nodeId, false);
      } catch {
        log.warn({ node_id: nodeId }, "malformed replicated metrics ignored");
      }
    },
  });
  bus.subscribe("node.deleted", (m) => {
    if (typeof m.node_id !== "string") return;
    telemetry().store.forget(m.node_id);
    fromWorker.delete(m.node_id);
  });
  sessions.owner.handle("apply_container", async (nodeId, body) => {
    await telemetry().applyContainer(nodeId, unpack(ContainerInfoSchema, String(body.info)));
    return null;
  });

  const applyContainer = async (nodeId: string, info: ContainerInfo): Promise<void> => {
    if (sessions.holdsLocally(nodeId) || !sessions.isConnected(nodeId)) return telemetry().applyContainer(nodeId, info);
    try {
      await sessions.ask(nodeId, "apply_container", { info: pack(ContainerInfoSchema, info) });
    } catch (err) {
      // The node moved or its replica went away: the worker's next inventory corrects whatever is written here.
      log.warn({ err, node_id: nodeId }, "container update not taken by the node's replica; applied here");
      await telemetry().applyContainer(nodeId, info);
    }
  };

  return {
    async ingest(nodeId, push) {
      await telemetry().ingest(nodeId, push);
      if (push.payload.case !== "metrics") return;
      fromWorker.set(nodeId, true);
      if (subjectSafe(nodeId)) bus.nc.publish(`${bus.prefix}.metrics.${bus.replicaId}.${nodeId}`, toBinary(MetricBatchSchema, push.payload.value));
    },
    exported: (nodeId) => fromWorker.get(nodeId) !== false,
    inventory: {
      inventory: {
        containers: (nodeId) => (sessions.holdsLocally(nodeId) ? telemetry().inventory.containers(nodeId) : telemetry().containers.loadNode(nodeId)),
      },
      containers: { requireNode: (nodeId) => telemetry().containers.requireNode(nodeId) },
      applyContainer,
    },
    stop: () => sub.unsubscribe(),
  };
}
