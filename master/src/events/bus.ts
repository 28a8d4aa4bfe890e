import type { Logger } from "@flotilla/shared";
import type { Db } from "../db/types.js";
import { newId } from "../ids.js";
import type { Metrics } from "../metrics/registry.js";
import { isDurable, type EventBus, type EventListener, type FleetEvent } from "./types.js";

/** BusOptions tune batching and retention of the stored event log. */
export interface BusOptions {
  /** Flush buffered events at least this often. */
  flushIntervalMs: number;
  /** Flush at once when this many events are buffered. */
  maxBuffer: number;
  /** Stored events older than this are pruned. */
  retentionMs: number;
}

const DEFAULTS: BusOptions = { flushIntervalMs: 200, maxBuffer: 500, retentionMs: 14 * 24 * 3_600_000 };

/**
 * createEventBus returns the master's EventBus: events get a time-sortable
 * id, reach live listeners at once and, when their type is durable, are
 * written to the Event table in batches; live-only types are never stored. Reads flush first, so a stored read never misses a published event.
 */
export function createEventBus(deps: { db: Db; log: Logger; metrics: Metrics }, opts: Partial<BusOptions> = {}): EventBus {
  const o = { ...DEFAULTS, ...opts };
  const listeners = new Set<EventListener>();
  let buffer: FleetEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  const write = async (batch: FleetEvent[]) => {
    try {
      await deps.db.event.createMany({
        data: batch.map((e) => ({ id: e.id, type: e.type, nodeId: e.node_id ?? null, ts: new Date(e.ts), data: JSON.stringify(e.data) })),
      });
    } catch (err) {
      deps.log.error({ err, count: batch.length }, "event log write failed");
    }
  };
  const flush = (): Promise<void> => {
    if (buffer.length === 0) return flushing;
    const batch = buffer;
    buffer = [];
    flushing = flushing.then(() => write(batch));
    return flushing;
  };
  const timer = setInterval(() => void flush(), o.flushIntervalMs);
  timer.unref();
  const prune = setInterval(() => {
    deps.db.event.deleteMany({ where: { ts: { lt: new Date(Date.now() - o.retentionMs) } } }).catch((err) => deps.log.warn({ err }, "event prune failed"));
  }, 3_600_000);
  prune.unref();

  return {
    publish(type, data, nodeId) {
      const e: FleetEvent = { id: newId("evt"), type, ts: new Date().toISOString(), ...(nodeId ? { node_id: nodeId } : {}), data };
      deps.metrics.events.inc({ type });
      if (!closed && isDurable(type)) {
        buffer.push(e);
        if (buffer.length >= o.maxBuffer) void flush();
      }
      for (const l of listeners) {
        try {
          l(e);
        } catch (err) {
          deps.log.error({ err, type }, "event listener failed");
        }
      }
      return e;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async list(q) {
      await flush();
      const types = q.types ?? [];
      const order = q.order ?? (q.afterId ? "asc" : "desc");
      const idFilter: { gt?: string; lt?: string } = {};
      if (q.afterId) idFilter.gt = q.afterId;
      if (q.cursor) {
        if (order === "asc") idFilter.gt = idFilter.gt && idFilter.gt > q.cursor ? idFilter.gt : q.cursor;
        else idFilter.lt = q.cursor;
      }
      const rows = await deps.db.event.findMany({
        where: {
          ...(Object.keys(idFilter).length ? { id: idFilter } : {}),
          ...(q.nodeId ? { nodeId: q.nodeId } : {}),
          ...(q.since ? { ts: { gte: q.since } } : {}),
          ...(types.length
            ? { OR: types.map((t) => (t.endsWith("*") ? { type: { startsWith: t.slice(0, -1) } } : { type: t })) }
            : {}),
        },
        orderBy: { id: order },
        take: q.limit,
      });
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        ts: r.ts.toISOString(),
        ...(r.nodeId ? { node_id: r.nodeId } : {}),
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
    },
    flush,
    async close() {
      clearInterval(timer);
      clearInterval(prune);
      await flush();
      closed = true;
      listeners.clear();
    },
  };
}
