import type { Logger } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { Liveness, LivenessPeers } from "../liveness/index.js";
import { createNodeStore } from "../services/node-store.js";
import type { ClusterBus } from "./nats.js";

/** ReplicaLivenessOptions tune the heartbeat between replicas (tests shorten them). */
export interface ReplicaLivenessOptions {
  /** How often each replica says it is alive, with the nodes and scans it holds. */
  aliveMs: number;
  /** A replica not heard for this long is gone; the nodes it held are orphans. */
  goneMs: number;
  /** What no live replica has held for this long is taken offline (nodes) or adopted (scans) by the leader. */
  orphanMs: number;
  /** Node ids per `replica.alive` message (NATS payloads are bounded). */
  chunk: number;
}

const DEFAULTS: ReplicaLivenessOptions = { aliveMs: 2_000, goneMs: 10_000, orphanMs: 6_000, chunk: 5_000 };

/** ReplicaLiveness is liveness ownership across the replicas. */
export interface ReplicaLiveness {
  /** peers is what this replica's liveness asks of the others. */
  peers: LivenessPeers;
  /** attach hands over this replica's liveness and scans (built after the bus). */
  attach(deps: { liveness: Liveness; scans: { activeIds(): string[]; adopt(orphaned: (scanId: string) => boolean): Promise<number> } }): void;
  /** isOnline says whether some replica (this one included) holds the node. */
  isOnline(nodeId: string): boolean;
  /** onlineCount is the number of nodes held across the replicas. */
  onlineCount(): number;
  /** sweep is the leader's singleton: it takes orphaned nodes offline and adopts orphaned scans. */
  sweep: { name: string; start(): void; stop(): Promise<void> };
  stop(): void;
}

interface Peer {
  seenAt: number;
  nodes: Set<string>;
  scans: Set<string>;
  /** The round being received (a round spans several messages for large fleets). */
  pending?: { round: number; nodes: Set<string> };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * createReplicaLiveness makes the replica holding a node's session the owner
 * of its liveness. Every `aliveMs` each replica publishes `replica.alive`
 * with the nodes heartbeating on it and the scans it drives; when a node
 * comes online on a replica it publishes `node.claimed` (the replica it left
 * lets it go without an event: no offline/online flap), and `node.released`
 * when it goes offline there. A replica not heard for `goneMs` is gone. The
 * leader takes offline (`node.offline`, reason `heartbeat_timeout`) every
 * node the database shows online that no live replica has held for
 * `orphanMs`, so a dead replica's nodes are offline within about
 * goneMs + orphanMs + aliveMs, and come back online when their workers
 * reconnect elsewhere; it also adopts the active scans no live replica
 * drives.
 */
export function createReplicaLiveness(ctx: MasterContext, bus: ClusterBus, options: Partial<ReplicaLivenessOptions> = {}): ReplicaLiveness {
  const o = { ...DEFAULTS, ...options };
  const log: Logger = ctx.log.child({ component: "replica-liveness" });
  const nodes = createNodeStore(ctx);
  const peers = new Map<string, Peer>();
  let local: Liveness | undefined;
  let scans: { activeIds(): string[]; adopt(orphaned: (scanId: string) => boolean): Promise<number> } | undefined;
  let round = 0;
  let quietUntil = 0;

  const peer = (id: string) => {
    let p = peers.get(id);
    if (!p) {
      peers.set(id, (p = { seenAt: Date.now(), nodes: new Set(), scans: new Set() }));
      log.info({ replica: id }, "replica joined");
    }
    return p;
  };
  const alive = (p: Peer) => Date.now() < quietUntil || Date.now() - p.seenAt < o.goneMs;
  const heldElsewhere = (nodeId: string) => {
    for (const p of peers.values()) if (p.nodes.has(nodeId) && alive(p)) return true;
    return false;
  };
  const scanElsewhere = (scanId: string) => {
    for (const p of peers.values()) if (p.scans.has(scanId) && alive(p)) return true;
    return false;
  };
  const forgetGone = () => {
    for (const [id, p] of peers)
      if (!alive(p)) {
        peers.delete(id);
        log.warn({ replica: id, nodes: p.nodes.size, silent_ms: Date.now() - p.seenAt }, "replica gone");
      }
  };

  const announce = () => {
    if (!local) return;
    round++;
    const ids = [...local.onlineIds()];
    const scanIds = scans?.activeIds() ?? [];
    const parts = Math.max(1, Math.ceil(ids.length / o.chunk));
    for (let i = 0; i < parts; i++)
      bus.publish("replica.alive", {
        round,
        part: i,
        parts,
        nodes: ids.slice(i * o.chunk, (i + 1) * o.chunk),
        ...(i === 0 ? { scans: scanIds } : {}),
      });
  };

  bus.subscribe("replica.alive", (m) => {
    const p = peer(String(m.origin));
    p.seenAt = Date.now();
    const r = Number(m.round);
    const parts = Number(m.parts) || 1;
    if (Number(m.part) === 0) {
      p.pending = { round: r, nodes: new Set() };
      p.scans = new Set(strings(m.scans));
    }
    if (!p.pending || p.pending.round !== r) return;
    for (const id of strings(m.nodes)) p.pending.nodes.add(id);
    if (Number(m.part) === parts - 1) {
      p.nodes = p.pending.nodes;
      p.pending = undefined;
    }
  });
  bus.subscribe("node.claimed", (m) => {
    if (typeof m.node_id !== "string") return;
    const nodeId = m.node_id;
    const p = peer(String(m.origin));
    p.seenAt = Date.now();
    p.nodes.add(nodeId);
    p.pending?.nodes.add(nodeId);
    for (const [id, q] of peers) if (id !== m.origin) q.nodes.delete(nodeId);
    // The worker reconnected to another replica before its beats ran out here.
    if (local?.isOnline(nodeId)) {
      local.release(nodeId);
      log.info({ node_id: nodeId, replica: m.origin }, "node handed over to another replica");
    }
  });
  bus.subscribe("node.released", (m) => {
    if (typeof m.node_id !== "string") return;
    const p = peers.get(String(m.origin));
    p?.nodes.delete(m.node_id);
    p?.pending?.nodes.delete(m.node_id);
  });

  // While NATS is away no replica hears the others: nothing is judged gone until they had time to speak again.
  void (async () => {
    for await (const st of bus.nc.status()) {
      if (st.type !== "disconnect" && st.type !== "reconnect") continue;
      const now = Date.now();
      quietUntil = st.type === "disconnect" ? Number.MAX_SAFE_INTEGER : now + 2 * o.aliveMs;
      if (st.type === "reconnect") for (const p of peers.values()) p.seenAt = now;
    }
  })().catch(() => undefined);

  const aliveTimer = setInterval(() => {
    announce();
    forgetGone();
  }, o.aliveMs);
  aliveTimer.unref();

  // The leader's sweep: what the database shows online (or running) that no live replica holds.
  const unheldSince = new Map<string, number>();
  const unownedScanSince = new Map<string, number>();
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  const overdue = (since: Map<string, number>, ids: string[], now: number) => {
    const seen = new Set(ids);
    for (const id of since.keys()) if (!seen.has(id)) since.delete(id);
    const out: string[] = [];
    for (const id of ids) {
      const first = since.get(id) ?? (since.set(id, now), now);
      if (now - first >= o.orphanMs) out.push(id);
    }
    return out;
  };
  const sweepOnce = async () => {
    const now = Date.now();
    if (now < quietUntil) {
      unheldSince.clear();
      unownedScanSince.clear();
      return;
    }
    forgetGone();
    const rows = await nodes.onlineNodes();
    const unheld = rows.filter((r) => !local?.isOnline(r.id) && !heldElsewhere(r.id));
    const orphans = overdue(
      unheldSince,
      unheld.map((r) => r.id),
      now,
    ).filter((id) => !local?.isOnline(id) && !heldElsewhere(id));
    if (orphans.length) {
      const seen = new Map(unheld.map((r) => [r.id, r]));
      // Only while the holder is still the one seen: a worker that reconnected meanwhile stays online.
      const taken = await nodes.takeOffline(orphans.map((id) => seen.get(id)!));
      for (const id of orphans) unheldSince.delete(id);
      for (const id of taken) {
        const at = seen.get(id)?.lastSeenAt;
        ctx.bus.publish("node.offline", { reason: "heartbeat_timeout", ...(at ? { last_seen_at: at.toISOString() } : {}) }, id);
      }
      log.warn({ nodes: taken.length, claimed_meanwhile: orphans.length - taken.length }, "nodes no replica holds taken offline");
    }
    const total = await nodes.count();
    ctx.metrics.nodes.set({ status: "offline" }, Math.max(0, total - onlineCount()));
    if (scans) {
      const candidates = new Set<string>();
      const n = await scans.adopt((id) => {
        if (scanElsewhere(id)) return false;
        candidates.add(id);
        const first = unownedScanSince.get(id) ?? (unownedScanSince.set(id, now), now);
        return now - first >= o.orphanMs;
      });
      for (const id of unownedScanSince.keys()) if (!candidates.has(id)) unownedScanSince.delete(id);
      if (n) log.warn({ scans: n }, "scans no live replica drives adopted");
    }
  };
  const tick = () => {
    if (sweeping) return;
    sweeping = sweepOnce()
      .catch((err: unknown) => log.warn({ err }, "replica sweep failed"))
      .finally(() => (sweeping = undefined));
  };

  const onlineCount = () => {
    const all = new Set(local?.onlineIds() ?? []);
    for (const p of peers.values()) if (alive(p)) for (const id of p.nodes) all.add(id);
    return all.size;
  };

  return {
    peers: {
      self: bus.replicaId,
      heldElsewhere,
      claimed: (nodeId) => bus.publish("node.claimed", { node_id: nodeId }),
      released: (nodeId) => bus.publish("node.released", { node_id: nodeId }),
    },
    attach(deps) {
      local = deps.liveness;
      scans = deps.scans;
      bus.publish("replica.alive", { round: 0, part: 0, parts: 1, nodes: [], scans: [] });
    },
    isOnline: (nodeId) => (local?.isOnline(nodeId) ?? false) || heldElsewhere(nodeId),
    onlineCount,
    sweep: {
      name: "orphan sweep",
      start() {
        unheldSince.clear();
        unownedScanSince.clear();
        sweepTimer = setInterval(tick, o.aliveMs);
        sweepTimer.unref();
      },
      async stop() {
        if (sweepTimer) clearInterval(sweepTimer);
        sweepTimer = undefined;
        await sweeping;
        // A follower counts only the nodes it holds.
        ctx.metrics.nodes.set({ status: "offline" }, 0);
      },
    },
    stop: () => clearInterval(aliveTimer),
  };
}
