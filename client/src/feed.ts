import WebSocket from "ws";

/** FeedEvent is one message of the live feed. */
export interface FeedEvent {
  id: string;
  type: string;
  ts: string;
  node_id?: string;
  data: Record<string, unknown>;
}

/** FeedOptions select what the feed delivers. */
export interface FeedOptions {
  url: string;
  apiKey?: string;
  /** Replay stored events after this id, then go live. */
  since?: string;
  /** Event type patterns (`node.*`, `scan.completed`). */
  types?: string[];
  nodeIds?: string[];
  /** Reconnect (with ?since= the last event seen) when the connection drops. Default true. */
  reconnect?: boolean;
  signal?: AbortSignal;
}

/**
 * followFeed yields live feed events. After a dropped connection it
 * reconnects with `?since=<last id>`, so no event is missed or repeated.
 * Ends when `signal` aborts.
 */
export async function* followFeed(opts: FeedOptions): AsyncGenerator<FeedEvent> {
  let since = opts.since;
  const base = opts.url.replace(/^http/, "ws").replace(/\/+$/, "");
  while (!opts.signal?.aborted) {
    const url = `${base}/api/v1/ws${since ? `?since=${encodeURIComponent(since)}` : ""}`;
    const ws = new WebSocket(url, opts.apiKey ? { headers: { Authorization: `Bearer ${opts.apiKey}` } } : {});
    const queue: FeedEvent[] = [];
    let wake: (() => void) | undefined;
    let closed: { code: number; reason: string } | undefined;
    let failure: Error | undefined;
    const notify = () => wake?.();
    ws.on("open", () => {
      if (opts.types || opts.nodeIds)
        ws.send(
          JSON.stringify({ op: "subscribe", ...(opts.types ? { types: opts.types } : {}), ...(opts.nodeIds ? { node_ids: opts.nodeIds } : {}) }),
        );
    });
    ws.on("message", (raw) => {
      try {
        const e = JSON.parse(String(raw)) as FeedEvent;
        if (e && typeof e.id === "string" && typeof e.type === "string") queue.push(e);
      } catch {
        /* not an event */
      }
      notify();
    });
    ws.on("unexpected-response", (_req, res) => {
      failure = new Error(`feed: HTTP ${res.statusCode}`);
      notify();
    });
    ws.on("error", (err) => {
      failure ??= err;
      notify();
    });
    ws.on("close", (code, reason) => {
      closed = { code, reason: String(reason) };
      notify();
    });
    const abort = () => ws.close(1000, "done");
    opts.signal?.addEventListener("abort", abort, { once: true });
    try {
      for (;;) {
        while (queue.length) {
          const e = queue.shift()!;
          since = e.id;
          yield e;
        }
        if (closed || opts.signal?.aborted) break;
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      opts.signal?.removeEventListener("abort", abort);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
    }
    if (opts.signal?.aborted) return;
    if (failure && !closed) throw failure;
    if (opts.reconnect === false) {
      if (failure) throw failure;
      return;
    }
    if (closed?.code === 1008 || closed?.code === 4401) throw new Error(`feed closed: ${closed.reason || closed.code}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
