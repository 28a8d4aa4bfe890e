import type { Logger } from "@flotilla/shared";
import type { NodeStore } from "../services/node-store.js";

/** StatusWriterOptions sets how often batched writes are flushed. */
export interface StatusWriterOptions {
  statusFlushMs: number;
  seenFlushMs: number;
  /** owner is this replica's id (cluster mode): offline writes apply only to the nodes it still holds. */
  owner?: string;
}

/**
 * StatusWriter batches liveness writes: status transitions are flushed within
 * `statusFlushMs`, last-seen times every `seenFlushMs`, never one write per
 * heartbeat. A write that fails (database unreachable) is kept and retried
 * on every flush until it is stored, unless a newer transition replaced it,
 * so the database catches up with liveness once it is back.
 */
export interface StatusWriter {
  /**
   * status queues a transition; `written` runs once it is stored (events
   * follow the durable state), told whether the stored status changed: an
   * offline write for a node another replica holds now changes nothing.
   */
  status(nodeId: string, status: "online" | "offline", written?: (changed: boolean) => void): void;
  seen(nodeId: string, at: number): void;
  forget(nodeId: string): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** createStatusWriter starts the flush timers (unref'd). */
export function createStatusWriter(nodes: Pick<NodeStore, "setStatus" | "setLastSeen">, log: Logger, opts: StatusWriterOptions): StatusWriter {
  const statuses = new Map<string, "online" | "offline">();
  let after: Array<{ id: string; st: "online" | "offline"; cb: (changed: boolean) => void }> = [];
  const seenAt = new Map<string, number>();
  let chain: Promise<void> = Promise.resolve();
  let failing = false;

  const flushStatus = async () => {
    if (statuses.size === 0) return;
    const batch = [...statuses];
    const callbacks = after;
    statuses.clear();
    after = [];
    const changed = { online: new Set<string>(), offline: new Set<string>() };
    try {
      for (const st of ["online", "offline"] as const) {
        const ids = batch.filter(([, s]) => s === st).map(([id]) => id);
        // Coming online is a fresh sighting: store it with the transition, not 15 s later.
        if (ids.length) changed[st] = await nodes.setStatus(ids, st, st === "online" ? new Date() : undefined, opts.owner);
      }
    } catch (err) {
      // Keep what was not stored (the writes are idempotent); a newer transition wins.
      for (const [id, st] of batch) if (!statuses.has(id)) statuses.set(id, st);
      after = [...callbacks, ...after];
      throw err;
    }
    // Without an owner every write applies; a transition replaced in memory by a newer one is announced as before.
    const stored = new Map(batch);
    for (const c of callbacks) c.cb(!opts.owner || stored.get(c.id) !== c.st || changed[c.st].has(c.id));
  };
  const flushSeen = async () => {
    if (seenAt.size === 0) return;
    const bySecond = new Map<number, string[]>();
    for (const [id, at] of seenAt) {
      const sec = Math.floor(at / 1000) * 1000;
      let ids = bySecond.get(sec);
      if (!ids) bySecond.set(sec, (ids = []));
      ids.push(id);
    }
    const pending = new Map(seenAt);
    seenAt.clear();
    try {
      for (const [sec, ids] of bySecond) await nodes.setLastSeen(ids, new Date(sec));
    } catch (err) {
      for (const [id, at] of pending) if (!seenAt.has(id)) seenAt.set(id, at);
      throw err;
    }
  };
  const run = (fn: () => Promise<void>) => {
    chain = chain.then(fn).then(
      () => {
        if (failing) log.info({ pending: statuses.size }, "liveness writes stored again");
        failing = false;
      },
      (err) => {
        if (!failing) log.error({ err, pending: statuses.size }, "liveness write failed; retrying until stored");
        failing = true;
      },
    );
    return chain;
  };
  const statusTimer = setInterval(() => void run(flushStatus), opts.statusFlushMs);
  const seenTimer = setInterval(() => void run(flushSeen), opts.seenFlushMs);
  statusTimer.unref();
  seenTimer.unref();

  return {
    status(id, s, written) {
      statuses.set(id, s);
      if (written) after.push({ id, st: s, cb: written });
    },
    seen: (id, at) => void seenAt.set(id, at),
    forget(id) {
      statuses.delete(id);
      seenAt.delete(id);
    },
    flush: () =>
      run(async () => {
        await flushSeen();
        await flushStatus();
      }),
    async stop() {
      clearInterval(statusTimer);
      clearInterval(seenTimer);
      await this.flush();
    },
  };
}
