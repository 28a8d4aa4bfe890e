import WebSocket from "ws";

/** LogLine is one line of a followed container log. */
export interface LogLine {
  stream: "stdout" | "stderr";
  text: string;
  ts: string;
}

/**
 * followContainerLogs yields a container's log lines live until the
 * container stops (the master closes the socket) or `signal` aborts.
 */
export async function* followContainerLogs(opts: {
  url: string;
  apiKey?: string;
  nodeId: string;
  containerId: string;
  signal?: AbortSignal;
}): AsyncGenerator<LogLine> {
  const base = opts.url.replace(/^http/, "ws").replace(/\/+$/, "");
  const ws = new WebSocket(
    `${base}/api/v1/nodes/${encodeURIComponent(opts.nodeId)}/containers/${encodeURIComponent(opts.containerId)}/logs/ws`,
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
  ws.on("close", () => {
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
  if (failure && !opts.signal?.aborted) throw failure;
}
