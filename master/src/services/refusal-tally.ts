import type { Logger } from "@flotilla/shared";

/** RefusalTallyOptions set the aggregation window and how often counts are written. */
export interface RefusalTallyOptions {
  /** One stored row per key and window. */
  windowMs: number;
  /** Counts of open windows are written at most this often. */
  flushMs: number;
  /** Keys tracked at once; the oldest window is closed early beyond it. */
  maxKeys: number;
}

const DEFAULTS: RefusalTallyOptions = { windowMs: 60_000, flushMs: 5_000, maxKeys: 10_000 };

/** RefusalSink stores one aggregated row: `create` writes it (count 1) and returns its id, `update` sets its count. */
export interface RefusalSink {
  create(): Promise<string>;
  update(id: string, count: number): Promise<void>;
}

interface Window {
  id: Promise<string | null>;
  sink: RefusalSink;
  count: number;
  stored: number;
  endsAt: number;
}

/**
 * createRefusalTally aggregates refusals that an unauthenticated client can
 * cause at will (rate-limited logins and enrollments): the first refusal of a
 * key (e.g. action and source address) in a window writes one row, later ones
 * in the same window only raise that row's count, written in the background.
 * Stored rows grow with windows × sources, never with requests.
 */
export function createRefusalTally(log: Logger, opts: Partial<RefusalTallyOptions> = {}) {
  const o = { ...DEFAULTS, ...opts };
  const windows = new Map<string, Window>();

  const write = async (w: Window) => {
    if (w.count === w.stored) return;
    const id = await w.id;
    const count = w.count;
    if (!id) return;
    try {
      await w.sink.update(id, count);
      w.stored = Math.max(w.stored, count);
    } catch (err) {
      log.warn({ err }, "refusal count write failed");
    }
  };

  const flush = async (now = Date.now()) => {
    const all = [...windows.entries()];
    await Promise.all(all.map(([, w]) => write(w)));
    for (const [k, w] of all) if (w.endsAt <= now && w.count === w.stored && windows.get(k) === w) windows.delete(k);
  };
  const timer = setInterval(() => void flush(), o.flushMs);
  timer.unref();

  return {
    /**
     * note counts one refusal for `key`; resolves once the window's row
     * exists (at once when it already did).
     */
    async note(key: string, sink: RefusalSink, now = Date.now()): Promise<void> {
      const open = windows.get(key);
      if (open && open.endsAt > now) {
        open.count++;
        await open.id;
        return;
      }
      if (open) void write(open);
      windows.delete(key);
      if (windows.size >= o.maxKeys) {
        const [oldestKey, oldest] = windows.entries().next().value as [string, Window];
        windows.delete(oldestKey);
        void write(oldest);
      }
      const w: Window = { sink, count: 1, stored: 1, endsAt: now + o.windowMs, id: Promise.resolve(null) };
      w.id = sink.create().catch((err: unknown) => {
        log.warn({ err }, "refusal row write failed");
        return null;
      });
      windows.set(key, w);
      await w.id;
    },
    /** flush writes every pending count. */
    flush: () => flush(),
    /** close writes pending counts and stops the timer. */
    async close() {
      clearInterval(timer);
      await flush(Number.POSITIVE_INFINITY);
    },
  };
}

/** RefusalTally is the aggregator's interface. */
export type RefusalTally = ReturnType<typeof createRefusalTally>;
