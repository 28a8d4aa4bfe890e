import type { Logger } from "@flotilla/shared";
import type { WebSocket } from "ws";
import { hiddenTypesFor, visibleTo, type EventBus, type FleetEvent } from "../../events/types.js";
import { matches, MATCH_ALL, parseClientMessage, type Subscription } from "./subscription.js";

/** FeedOptions bound what one feed client may cost the master. */
export interface FeedOptions {
  /** Close the client when this many bytes wait in its socket. */
  maxBufferedBytes: number;
  /** Close the client when this many live events queue up during replay. */
  maxPending: number;
  /** Events read per page while replaying `?since=`. */
  replayPageSize: number;
  /** Ping period; a client that misses one pong is dropped. */
  pingIntervalMs: number;
}

/** FEED_DEFAULTS are the production limits of the live feed. */
export const FEED_DEFAULTS: FeedOptions = { maxBufferedBytes: 1 << 20, maxPending: 10_000, replayPageSize: 500, pingIntervalMs: 30_000 };

/** SLOW_CONSUMER is the close code and reason sent to a client that cannot keep up. */
export const SLOW_CONSUMER = { code: 1008, reason: "consumer too slow" } as const;

/**
 * serveFeedClient streams events to one WebSocket: optional replay of stored
 * events after `since`, then live events, with no gap and no duplicate (the
 * bus is subscribed before the replay starts; live events wait in a bounded
 * queue and are drained after it, skipping what was replayed). A client whose
 * socket backs up beyond the limits is closed with {@link SLOW_CONSUMER}.
 */
export function serveFeedClient(
  ws: WebSocket,
  deps: {
    bus: EventBus;
    log: Logger;
    since?: string;
    /** Role of the client: event types above it are never sent. */ role: "viewer" | "operator" | "admin";
  },
  o: FeedOptions,
): void {
  let sub: Subscription = MATCH_ALL;
  let pending: FleetEvent[] | null = deps.since ? [] : null;
  let closed = false;
  let alive = true;

  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(ping);
  };
  const tooSlow = () => {
    if (closed) return;
    stop();
    deps.log.warn({ buffered_bytes: ws.bufferedAmount }, "websocket consumer too slow; closing");
    ws.close(SLOW_CONSUMER.code, SLOW_CONSUMER.reason);
  };
  const send = (e: FleetEvent) => {
    if (closed || !visibleTo(deps.role, e.type) || !matches(sub, e)) return;
    if (ws.bufferedAmount > o.maxBufferedBytes) return tooSlow();
    ws.send(JSON.stringify(e));
  };

  const unsubscribe = deps.bus.subscribe((e) => {
    if (!pending) return send(e);
    if (pending.length >= o.maxPending) return tooSlow();
    pending.push(e);
  });
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, o.pingIntervalMs);
  ping.unref();

  ws.on("pong", () => (alive = true));
  ws.on("close", stop);
  ws.on("error", (err) => deps.log.debug({ err }, "websocket error"));
  ws.on("message", (data, isBinary) => {
    alive = true;
    const r = isBinary ? parseClientMessage("\u0000") : parseClientMessage(data.toString());
    if ("op" in r) {
      if (!closed && ws.bufferedAmount <= o.maxBufferedBytes) ws.send(JSON.stringify(r));
    } else sub = r;
  });

  const waitForDrain = async () => {
    while (!closed && ws.bufferedAmount > o.maxBufferedBytes / 2) await new Promise((r) => setTimeout(r, 20));
  };

  const replay = async (since: string) => {
    let after = since;
    for (;;) {
      const page = await deps.bus.list({ afterId: after, limit: o.replayPageSize, order: "asc", excludeTypes: hiddenTypesFor(deps.role) });
      for (const e of page) {
        await waitForDrain();
        if (closed) return;
        send(e);
        after = e.id;
      }
      if (page.length < o.replayPageSize) break;
    }
    const queued = pending ?? [];
    pending = null;
    for (const e of queued) if (e.id > after) send(e);
  };

  if (deps.since) {
    replay(deps.since).catch((err) => {
      deps.log.error({ err }, "websocket replay failed");
      stop();
      ws.close(1011, "replay failed");
    });
  }
}
