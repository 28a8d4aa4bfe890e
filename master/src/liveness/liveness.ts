import type { MasterContext } from "../context.js";
import { heartbeatInterval, heartbeatTtl } from "./interval.js";
import { createTimerWheel } from "./wheel.js";
import { createNodeStore } from "../services/node-store.js";
import { createStatusWriter, type StatusWriterOptions } from "./writer.js";

/** OfflineReason says why a node went offline. */
export type OfflineReason = "heartbeat_timeout" | "goodbye" | "disconnected";

/** Liveness tracks which nodes heartbeat, in memory, with batched DB writes. */
export interface Liveness {
  /** start marks every node offline in the DB, counts nodes and starts the sweep. */
  start(): Promise<void>;
  /**
   * beat records a heartbeat; returns the interval the worker should use.
   * `sessionOpenedAt` (epoch ms) is when the stream carrying the beat opened:
   * right after a stall of the master, beats on streams from before it may
   * have waited in connections whose workers are gone, so they do not bring
   * an offline node online; on such a stream a node comes online from a beat
   * at least half an interval after the first one seen since the stall.
   */
  beat(nodeId: string, sessionOpenedAt?: number): { intervalMs: number };
  /** offline takes a node offline at once (e.g. goodbye). */
  offline(nodeId: string, reason: OfflineReason): void;
  /** nodeAdded counts a newly enrolled (offline) node. */
  nodeAdded(): void;
  /** forget drops a deleted node without an event. */
  forget(nodeId: string): void;
  isOnline(nodeId: string): boolean;
  onlineCount(): number;
  /** lastBeatAt is the time (ms) of the node's last heartbeat while it is online. */
  lastBeatAt(nodeId: string): number | undefined;
  /** intervalMs is the heartbeat interval for the current fleet size. */
  intervalMs(): number;
  /** ttlMs is how long a node stays online after a beat. */
  ttlMs(): number;
  /** onlineIds lists the nodes heartbeating here. */
  onlineIds(): IterableIterator<string>;
  /**
   * release lets a node go without an event or a write: another replica
   * holds its session now and owns its liveness.
   */
  release(nodeId: string): void;
  /** stop ends the sweep and flushes pending writes. */
  stop(): Promise<void>;
}

/** LivenessOptions tune timers (tests shorten them). */
export interface LivenessOptions extends StatusWriterOptions {
  sweepMs: number;
}

/**
 * LivenessPeers is what liveness asks of the other replicas (cluster mode):
 * whether one of them holds a node now, and what it tells them when it comes
 * to hold a node or lets one go.
 */
export interface LivenessPeers {
  /** self is this replica's id, recorded as the holder of the nodes it brings online. */
  self: string;
  /** heldElsewhere says whether another live replica holds the node's session. */
  heldElsewhere(nodeId: string): boolean;
  /** claimed says this replica holds the node now; `handover` when it came from another replica. */
  claimed(nodeId: string, handover: boolean): void;
  /** released says this replica no longer holds the node (it went offline here). */
  released(nodeId: string): void;
}

const DEFAULTS: LivenessOptions = { sweepMs: 250, statusFlushMs: 400, seenFlushMs: 15_000 };

/** createLiveness builds the liveness tracker over the master context. */
export function createLiveness(ctx: MasterContext, options: Partial<LivenessOptions> = {}, peers?: LivenessPeers): Liveness {
  const opts = { ...DEFAULTS, ...options };
  const log = ctx.log.child({ component: "liveness" });
  const online = new Map<string, number>();
  const wheel = createTimerWheel(opts.sweepMs);
  const nodes = createNodeStore(ctx);
  const writer = createStatusWriter(nodes, log, { ...opts, owner: peers?.self });
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  // Liveness runs on its own clock that stands still while the master's event
  // loop does not run: a stall of the master is never blamed on its workers.
  let stalledMs = 0;
  let lastTick = Date.now();
  let stallEndedAt = 0;
  const clock = () => Date.now() - stalledMs;

  // With replicas, each one counts the nodes it holds; the offline count is the leader's (see replica-liveness).
  const updateGauge = () => {
    ctx.metrics.nodes.set({ status: "online" }, online.size);
    if (!peers) ctx.metrics.nodes.set({ status: "offline" }, Math.max(0, total - online.size));
  };
  const intervalMs = () => heartbeatInterval(ctx.config.heartbeatIntervalMs, total);
  const ttlMs = () => heartbeatTtl(intervalMs(), ctx.config.heartbeatGraceMs);

  const release = (nodeId: string) => {
    if (!online.delete(nodeId)) return;
    wheel.delete(nodeId);
    afterStall.delete(nodeId);
    updateGauge();
  };
  const goOffline = (nodeId: string, reason: OfflineReason) => {
    const last = online.get(nodeId);
    if (last === undefined) return;
    // Its worker went on through another replica: not offline, just no longer ours.
    if (reason === "heartbeat_timeout" && peers?.heldElsewhere(nodeId)) {
      release(nodeId);
      log.info({ node_id: nodeId }, "node handed over to another replica");
      return;
    }
    online.delete(nodeId);
    wheel.delete(nodeId);
    updateGauge();
    peers?.released(nodeId);
    writer.status(nodeId, "offline", (changed) => {
      // Another replica took the node over before this write landed: it holds it, online.
      if (!changed) return log.info({ node_id: nodeId }, "node held by another replica; left online");
      ctx.bus.publish("node.offline", { reason, last_seen_at: new Date(last).toISOString() }, nodeId);
    });
    log.info({ node_id: nodeId, reason }, "node offline");
  };
  // Nodes that beat on a stream from before the last stall, with the time of
  // the first such beat after it: they come online only on a second beat at
  // least half an interval later, which a burst left in a dead connection
  // cannot give.
  const afterStall = new Map<string, number>();
  /** observe measures how long the loop could not look (from the sweep or a beat, whichever runs first after a stall). */
  const observe = (now: number) => {
    const lag = Math.max(0, now - lastTick - opts.sweepMs);
    lastTick = now;
    if (lag <= opts.sweepMs) return;
    // Every deadline moves by the time the master could not look: timers are extended by the lag.
    stalledMs += lag;
    // Only a stall as long as a heartbeat interval can leave stale beats
    // queued in dead connections; shorter lags (a busy loop) must not delay
    // nodes coming online.
    if (lag >= intervalMs()) stallEndedAt = now;
    if (lag >= 1000) log.warn({ lag_ms: lag, online: online.size }, "event loop stalled; heartbeat deadlines extended by the stall");
  };
  const sweep = () => {
    observe(Date.now());
    for (const nodeId of wheel.expire(clock())) goOffline(nodeId, "heartbeat_timeout");
  };
  /** staleAfterStall says whether an offline node's beat may be one buffered before the last stall. */
  const staleAfterStall = (nodeId: string, sessionOpenedAt: number | undefined, now: number) => {
    if (sessionOpenedAt === undefined || sessionOpenedAt >= stallEndedAt) return false;
    const first = afterStall.get(nodeId);
    if (first === undefined || first < stallEndedAt) {
      afterStall.set(nodeId, now);
      return true;
    }
    if (now - first < intervalMs() / 2) return true;
    afterStall.delete(nodeId);
    return false;
  };

  return {
    async start() {
      // Replicas: the others' nodes are online; the leader takes offline what no replica holds.
      if (!peers) await nodes.markAllOffline();
      total = await nodes.count();
      updateGauge();
      lastTick = Date.now();
      timer = setInterval(sweep, opts.sweepMs);
      timer.unref();
    },
    beat(nodeId, sessionOpenedAt) {
      const now = Date.now();
      observe(now);
      const wasOnline = online.has(nodeId);
      if (!wasOnline && staleAfterStall(nodeId, sessionOpenedAt, now)) {
        log.debug({ node_id: nodeId }, "beat from before the stall ignored");
        return { intervalMs: intervalMs() };
      }
      online.set(nodeId, now);
      wheel.set(nodeId, clock() + ttlMs());
      writer.seen(nodeId, now);
      ctx.metrics.heartbeats.inc();
      if (!wasOnline) {
        afterStall.delete(nodeId);
        if (online.size > total) total = online.size;
        updateGauge();
        if (peers?.heldElsewhere(nodeId)) {
          // Moved from another replica: it never was offline, so no event (the write is a fresh sighting),
          // unless the replica it left (or the leader's sweep) took it offline first: then it is back online.
          writer.status(nodeId, "online", (wasOffline) => wasOffline && ctx.bus.publish("node.online", {}, nodeId));
          peers.claimed(nodeId, true);
          log.info({ node_id: nodeId }, "node taken over from another replica");
        } else {
          writer.status(nodeId, "online", () => ctx.bus.publish("node.online", {}, nodeId));
          peers?.claimed(nodeId, false);
          log.info({ node_id: nodeId }, "node online");
        }
      }
      return { intervalMs: intervalMs() };
    },
    offline: goOffline,
    nodeAdded() {
      total++;
      updateGauge();
    },
    forget(nodeId) {
      online.delete(nodeId);
      wheel.delete(nodeId);
      writer.forget(nodeId);
      afterStall.delete(nodeId);
      total = Math.max(0, total - 1);
      updateGauge();
    },
    isOnline: (nodeId) => online.has(nodeId),
    onlineIds: () => online.keys(),
    release,
    onlineCount: () => online.size,
    lastBeatAt: (nodeId) => online.get(nodeId),
    intervalMs,
    ttlMs,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await writer.stop();
    },
  };
}
