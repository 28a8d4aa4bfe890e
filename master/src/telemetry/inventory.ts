import type { ContainerInfo, ContainerInventory, EventBatch } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type { MasterContext } from "../context.js";
import type { ContainerRecord, ContainerService } from "../services/containers.js";
import { applyEvent, REMOVED, sameRecord, toRecord } from "./container-record.js";

interface NodeInventory {
  containers: Map<string, ContainerRecord>;
  /** Timestamp of the newest inventory applied. */
  tsMs: number;
  /** Per container, the timestamp of the newest event or direct update applied. */
  touchedMs: Map<string, number>;
}

/** health is the health check verdict in a Docker status text ("Up 3 minutes (unhealthy)"), or "". */
const health = (status: string) => /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1] ?? "";

/**
 * createInventory keeps the latest container inventory of every node in
 * memory and mirrors changes into the Container table (changed rows upserted,
 * vanished rows deleted, nothing written when nothing changed). Every state
 * change, whether seen in an inventory, a worker event or a direct update,
 * publishes `container.state`; so do a changed health verdict and a grown
 * restart count (alert rules follow both). Work is serialised per node.
 */
export function createInventory(ctx: MasterContext, svc: ContainerService) {
  const nodes = new Map<string, NodeInventory>();
  const chains = new Map<string, Promise<unknown>>();

  const serial = <T>(nodeId: string, fn: () => Promise<T>): Promise<T> => {
    const prev = chains.get(nodeId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    chains.set(nodeId, tail);
    void tail.then(() => {
      if (chains.get(nodeId) === tail) chains.delete(nodeId);
    });
    return next;
  };

  const load = async (nodeId: string): Promise<NodeInventory> => {
    let n = nodes.get(nodeId);
    if (!n) {
      const rows = await svc.loadNode(nodeId);
      n = { containers: new Map(rows.map((r) => [r.id, r])), tsMs: 0, touchedMs: new Map() };
      nodes.set(nodeId, n);
    }
    return n;
  };

  const emit = (nodeId: string, next: ContainerRecord, previous: string | null, reason?: string) => {
    ctx.bus.publish(
      "container.state",
      {
        container_id: next.id,
        name: next.name,
        image: next.image,
        state: next.state,
        previous_state: previous,
        status: next.status,
        restart_count: next.restartCount,
        ...(reason ? { reason } : {}),
      },
      nodeId,
    );
  };

  /** announce publishes what changed between `prev` and `next`: a new state, an OOM kill, a health verdict or a grown restart count. */
  const announce = (nodeId: string, prev: ContainerRecord | undefined, next: ContainerRecord, reason?: string) => {
    if (prev?.state !== next.state) emit(nodeId, next, prev?.state ?? null, reason);
    else if (reason === "oom") emit(nodeId, next, prev.state, reason);
    else if (health(prev.status) !== health(next.status) || next.restartCount > prev.restartCount) emit(nodeId, next, prev.state, reason);
  };

  /** commit writes changes, then updates memory and publishes state changes. */
  const commit = async (nodeId: string, n: NodeInventory, changed: ContainerRecord[], reason?: string) => {
    const upserts = changed.filter((c) => c.state !== REMOVED);
    const deletes = changed.filter((c) => c.state === REMOVED).map((c) => c.id);
    await svc.apply(nodeId, upserts, deletes);
    for (const c of changed) {
      const prev = n.containers.get(c.id);
      if (c.state === REMOVED) n.containers.delete(c.id);
      else n.containers.set(c.id, c);
      announce(nodeId, prev, c, reason);
    }
  };

  return {
    /** applyInventory reconciles a node's full container list; an older inventory than the last applied is ignored. */
    applyInventory(nodeId: string, inv: ContainerInventory): Promise<void> {
      return serial(nodeId, async () => {
        const n = await load(nodeId);
        const ts = Number(inv.tsMs);
        if (ts < n.tsMs) return;
        const seen = new Set<string>();
        const changed: ContainerRecord[] = [];
        for (const info of inv.containers) {
          if (!info.id || seen.has(info.id)) continue;
          seen.add(info.id);
          if ((n.touchedMs.get(info.id) ?? 0) > ts) continue;
          const next = toRecord(info);
          const prev = n.containers.get(info.id);
          if (!prev || !sameRecord(prev, next)) changed.push(next);
        }
        for (const [id, prev] of n.containers) {
          if (!seen.has(id) && (n.touchedMs.get(id) ?? 0) <= ts) changed.push({ ...prev, state: REMOVED, status: "" });
        }
        await commit(nodeId, n, changed);
        n.tsMs = ts;
      });
    },

    /**
     * applyEvents updates containers at once from worker events (start, die,
     * destroy, …): a batch is one write (each container's last state), then
     * every transition in it is published in order.
     */
    applyEvents(nodeId: string, batch: EventBatch): Promise<void> {
      return serial(nodeId, async () => {
        const n = await load(nodeId);
        /** Each touched container's state after the events so far. */
        const after = new Map<string, ContainerRecord>();
        const steps: { prev: ContainerRecord | undefined; next: ContainerRecord; reason?: string }[] = [];
        for (const e of batch.events) {
          const seen = after.get(e.containerId);
          const prev = seen ? (seen.state === REMOVED ? undefined : seen) : n.containers.get(e.containerId);
          const next = applyEvent(prev, e);
          if (!next || (prev && sameRecord(prev, next))) continue;
          if (!prev && next.state === REMOVED) continue;
          const ts = Number(e.tsMs);
          if (ts < (n.touchedMs.get(e.containerId) ?? 0)) continue;
          n.touchedMs.set(e.containerId, ts);
          after.set(e.containerId, next);
          steps.push({ prev, next, reason: e.type === "container.oom" ? "oom" : undefined });
        }
        if (!steps.length) return;
        const last = [...after.values()];
        await svc.apply(
          nodeId,
          last.filter((c) => c.state !== REMOVED),
          last.filter((c) => c.state === REMOVED).map((c) => c.id),
        );
        for (const c of last) {
          if (c.state === REMOVED) n.containers.delete(c.id);
          else n.containers.set(c.id, c);
        }
        for (const s of steps) announce(nodeId, s.prev, s.next, s.reason);
      });
    },

    /** applyContainer records one container's new state immediately (e.g. after a container action). */
    applyContainer(nodeId: string, info: ContainerInfo): Promise<void> {
      return serial(nodeId, async () => {
        const n = await load(nodeId);
        const next = toRecord(info);
        const prev = n.containers.get(info.id);
        n.touchedMs.set(info.id, Date.now());
        if (prev && sameRecord(prev, next)) return;
        if (!prev && next.state === REMOVED) return;
        await commit(nodeId, n, [next]);
      });
    },

    /** containers returns a node's containers (from memory, loading from the database once). */
    containers(nodeId: string): Promise<ContainerRecord[]> {
      return serial(nodeId, async () => [...(await load(nodeId)).containers.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
    },

    /** known returns a node's container if held in memory (no database read). */
    known(nodeId: string, containerId: string): ContainerRecord | undefined {
      return nodes.get(nodeId)?.containers.get(containerId);
    },

    /** forget drops a node's inventory from memory and its rows from the database. */
    forget(nodeId: string): Promise<void> {
      return serial(nodeId, async () => {
        nodes.delete(nodeId);
        await svc.removeNode(nodeId);
      });
    },

    /** idle resolves when every queued write has finished. */
    async idle(): Promise<void> {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}

/** Inventory is the container inventory tracker. */
export type Inventory = ReturnType<typeof createInventory>;
