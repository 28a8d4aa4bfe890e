import WebSocket from "ws";

/** LogLine is one line of a followed container log. */
export interface LogLine {
  stream: "stdout" | "stderr";
  text: string;
  ts: string;
}

/** Close codes after which reopening the follow can succeed. */
const RETRYABLE = new Set([1001, 1006, 1012, 1013]);

/**
 * LogFollowClosedError ends a follow the master closed other than normally
 * (normal: the container stopped, or the follow's time limit was reached).
 * `code` and `reason` are the WebSocket close frame's. `retryable` is true
 * when the path to the worker was cut (1013 "interrupted: …"), the master
 * shut down or restarted (1001, 1012) or the connection dropped (1006):
 * open the follow again, with `since` set to the last line's time.
 * Otherwise the follow failed (1011) and reopening it will fail the same way.
 */
export class LogFollowClosedError extends Error {
  override name = "LogFollowClosedError";
  readonly retryable: boolean;
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`log follow closed by the master (${code}${reason ? `: ${reason}` : ""})`);
    this.retryable = RETRYABLE.has(code);
  }
}

/**
 * followContainerLogs yields a container's log lines live until the
 * container stops (the master closes the socket normally) or `signal`
 * aborts. Any other close throws {@link LogFollowClosedError}, whose
 * `retryable` says whether to reopen the follow.
 */
export async function* followContainerLogs(opts: {
  url: string;
  apiKey?: string;
  nodeId: string;
  containerId: string;
  /** Lines of history first (0-10000; the master's default when unset). */
  tail?: number;
  /** Only lines from this time on (RFC 3339): the last line's `ts` when reopening an interrupted follow. */
  since?: string;
  signal?: AbortSignal;
}): AsyncGenerator<LogLine> {
  const base = opts.url.replace(/^http/, "ws").replace(/\/+$/, "");
  const query = new URLSearchParams();
  if (opts.tail !== undefined) query.set("tail", String(opts.tail));
  if (opts.since !== undefined) query.set("since", opts.since);
  const qs = query.toString();
  const ws = new WebSocket(
    `${base}/api/v1/nodes/${encodeURIComponent(opts.nodeId)}/containers/${encodeURIComponent(opts.containerId)}/logs/ws${qs ? `?${qs}` : ""}`,
    opts.apiKey ? { headers: { Authorization: `Bearer ${opts.apiKey}` } } : {},
  );
  const queue: LogLine[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let failure: Error | undefined;
  ws.on("message", (raw) => {
    try {
      queue.push(JSON.parse(String(raw)) as LogLine);
    } catch {
      /* not a line */
    }
    wake?.();
  });
  ws.on("unexpected-response", (_req, res) => {
    failure = new Error(`logs: HTTP ${res.statusCode}`);
    done = true;
    wake?.();
  });
  ws.on("error", (err) => {
    failure ??= err;
    done = true;
    wake?.();
  });
  let closedBy: LogFollowClosedError | undefined;
  ws.on("close", (code, reason) => {
    if (code !== 1000 && code !== 1005) closedBy = new LogFollowClosedError(code, reason.toString());
    done = true;
    wake?.();
  });
  const abort = () => {
    done = true;
    ws.close(1000, "done");
    wake?.();
  };
  opts.signal?.addEventListener("abort", abort, { once: true });
  try {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (done) break;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    opts.signal?.removeEventListener("abort", abort);
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
  }
  if (opts.signal?.aborted) return;
  if (failure) throw failure;
  if (closedBy) throw closedBy;
}
