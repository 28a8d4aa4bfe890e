import type { Logger } from "@flotilla/shared";
import { newId } from "../ids.js";
import type { Metrics } from "../metrics/registry.js";
import type { EventStore } from "./event-store.js";
import { isDurable, type EventBus, type EventListener, type FleetEvent, type FlushParticipant, type FlushWrite } from "./types.js";

/** BusOptions tune batching and retention of the stored event log. */
export interface BusOptions {
  /** Flush buffered events at least this often. */
  flushIntervalMs: number;
  /** Flush at once when this many events are buffered. */
  maxBuffer: number;
  /** Stored events older than this are pruned hourly; 0 leaves pruning to the retention component. */
  retentionMs: number;
}

const DEFAULTS: BusOptions = { flushIntervalMs: 100, maxBuffer: 500, retentionMs: 14 * 24 * 3_600_000 };

/**
 * createEventBus returns the master's EventBus: events get a time-sortable
 * id, reach live listeners at once and, when their type is durable, are
 * written to the event store in batches; live-only types are never stored.
 * Participants (webhook deliveries) store their rows for a batch in the same
 * transaction and hear when it committed. Reads flush first, so a stored read
 * never misses a published event.
 */
export function createEventBus(deps: { store: EventStore; log: Logger; metrics: Metrics }, opts: Partial<BusOptions> = {}): EventBus {
  const o = { ...DEFAULTS, ...opts };
  const listeners = new Set<EventListener>();
  const participants = new Set<FlushParticipant>();
  let buffer: FleetEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  const write = async (batch: FleetEvent[]) => {
    const joined: FlushWrite[] = [];
    for (const p of participants) {
      try {
        const w = p.prepare(batch);
        if (w) joined.push(w);
      } catch (err) {
        deps.log.error({ err }, "event flush participant failed");
      }
    }
    try {
      await deps.store.append(
        batch,
        joined.flatMap((w) => w.writes),
      );
    } catch (err) {
      deps.log.error({ err, count: batch.length }, "event log write failed");
      return;
    }
    for (const w of joined) {
      try {
        w.committed();
      } catch (err) {
        deps.log.error({ err }, "event flush participant failed after commit");
      }
    }
  };
  // At most one write waits behind the one in progress, and it takes the
  // whole buffer when it starts: a timer tick or a full buffer while the
  // database is slow joins that write instead of queueing one more, so a
  // slow store makes batches larger, not the queue longer.
  let next: Promise<void> | undefined;
  const flush = (): Promise<void> => {
    if (buffer.length === 0) return flushing;
    if (next) return next;
    next = flushing.then(() => {
      next = undefined;
      const batch = buffer;
      buffer = [];
      return batch.length ? write(batch) : undefined;
    });
    flushing = next;
    return next;
  };
  const timer = setInterval(() => void flush(), o.flushIntervalMs);
  timer.unref();
  const prune = setInterval(() => {
    if (o.retentionMs <= 0) return;
    deps.store.prune(new Date(Date.now() - o.retentionMs)).catch((err) => deps.log.warn({ err }, "event prune failed"));
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
      return deps.store.list(q);
    },
    async count(q) {
      await flush();
      return deps.store.count(q);
    },
    flush,
    join(p) {
      participants.add(p);
      return () => participants.delete(p);
    },
    async close() {
      clearInterval(timer);
      clearInterval(prune);
      await flush();
      closed = true;
      listeners.clear();
    },
  };
}
