import WebSocket from "ws";

/** FeedEvent is one message of the WebSocket live feed. */
export interface FeedEvent {
  id: string;
  type: string;
  ts: string;
  node_id?: string;
  data: Record<string, any>;
}

/** Feed is an open WebSocket feed that records every event it receives. */
export interface Feed {
  events: FeedEvent[];
  waitFor(pred: (e: FeedEvent) => boolean, timeoutMs?: number, what?: string): Promise<FeedEvent>;
  close(): void;
}

/** openFeed connects to /api/v1/ws with a bearer token and records events. */
export async function openFeed(httpBase: string, token: string, query = ""): Promise<Feed> {
  const ws = new WebSocket(`${httpBase.replace(/^http/, "ws")}/api/v1/ws${query}`, { headers: { authorization: `Bearer ${token}` } });
  const events: FeedEvent[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (raw) => {
    try {
      const e = JSON.parse(raw.toString()) as FeedEvent;
      if (e.type) events.push(e);
    } catch {}
    for (const w of waiters) w();
  });
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok());
    ws.once("error", fail);
  });
  return {
    events,
    waitFor(pred, timeoutMs = 10_000, what = "event") {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((ok, fail) => {
        const t = setTimeout(() => {
          waiters.delete(w);
          fail(new Error(`timed out waiting for ${what}; got: ${events.map((e) => e.type).join(", ")}`));
        }, timeoutMs);
        const w = () => {
          const f = events.find(pred);
          if (f) {
            clearTimeout(t);
            waiters.delete(w);
            ok(f);
          }
        };
        waiters.add(w);
      });
    },
    close() {
      ws.close();
    },
  };
}
