import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { create } from "@bufbuild/protobuf";
import { checkQueryString, decodeComponent, FlotillaError } from "@flotilla/shared";
import { CommandSchema, type CommandOutput } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import WebSocket, { WebSocketServer } from "ws";
import type { CommandRecorder } from "../commands/recorder.js";
import type { TargetResolver } from "../containers/targets.js";
import type { MasterContext } from "../context.js";
import { logsQuery, parseSince, requesterOf } from "./routes/container-actions.js";
import { admitStream, pathOf, rejectUpgrade, routeUpgrade } from "./ws/upgrade-router.js";
import { createLiveStreams, type LiveStreams } from "../services/live-streams.js";
import type { Interruption } from "../sessions/index.js";
import type { WsAuthenticator } from "./ws/auth.js";
import { acceptRequestId } from "./middleware/request-id.js";

/** LOGS_WS_PATH matches `/api/v1/nodes/{id}/containers/{cid}/logs/ws`. */
export const LOGS_WS_PATH = /^\/api\/v1\/nodes\/([^/]{1,128})\/containers\/([^/]{1,256})\/logs\/ws$/;

/** LogsFollowOptions bound one follow. */
export interface LogsFollowOptions {
  /** Unsent bytes a browser socket may hold before the master stops granting the worker credit. */
  highWaterBytes: number;
  /** Longest follow; the socket is closed after it. */
  maxFollowMs: number;
  pollMs: number;
}

/** TRY_AGAIN_LATER (1013) closes a follow whose path to the worker was cut: the client should open it again. */
const TRY_AGAIN_LATER = 1013;

/** INTERRUPTED is the close reason of an interrupted follow, by cause. */
const INTERRUPTED: Record<Interruption, string> = {
  session_ended: "interrupted: the node's session ended; reopen the follow",
  relay_lost: "interrupted: relay to the node's replica was lost; reopen the follow",
};
const UNREACHABLE = "interrupted: the node is not reachable now; reopen the follow";

const DEFAULTS: LogsFollowOptions = { highWaterBytes: 256 * 1024, maxFollowMs: 12 * 3_600_000, pollMs: 10 };

/** LogsSocket is the running follow endpoint. */
export interface LogsSocket {
  /** open is the number of follows in progress. */
  open(): number;
  /** close ends every follow (1001) and stops accepting upgrades. */
  close(): Promise<void>;
}

/**
 * attachContainerLogsWebSocket serves live log follow at
 * `/api/v1/nodes/{id}/containers/{cid}/logs/ws` (viewer; same authentication
 * as the event feed, incl. `?ticket=`). Each message is one line
 * `{stream, text, ts}`. Backpressure runs end to end: the next output chunk
 * is accepted from the worker (FlowCredit) only once the browser's socket has
 * drained below the high-water mark. The follow ends with CancelCommand when
 * the client leaves, and the socket closes with a reason when the container
 * stops or the command fails (1011). When the path to the worker is cut (the
 * node's session ends, or the relay to the replica holding it is lost) it
 * closes with 1013 and a reason starting `interrupted:`: the client should
 * reopen the follow (with `since`), not give up.
 */
export function attachContainerLogsWebSocket(
  server: Server,
  ctx: Pick<MasterContext, "log" | "metrics">,
  deps: {
    authenticate: WsAuthenticator;
    recorder: CommandRecorder;
    targets: TargetResolver;
    streams?: LiveStreams;
    options?: Partial<LogsFollowOptions>;
  },
): LogsSocket {
  const opts = { ...DEFAULTS, ...deps.options };
  const streams = deps.streams ?? createLiveStreams();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const follows = new Set<AbortController>();
  let closed = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const m = LOGS_WS_PATH.exec(pathOf(req));
    if (!m) return;
    socket.on("error", () => socket.destroy());
    const requestId = acceptRequestId(req.headers["x-request-id"]);
    if (closed) return rejectUpgrade(socket, 503, "unavailable", "server shutting down", requestId);
    void (async () => {
      const principal = await deps.authenticate(req);
      if (!principal) return rejectUpgrade(socket, 401, "unauthenticated", "authentication required", requestId);
      const url = new URL(req.url ?? "/", "http://localhost");
      checkQueryString(url.search.slice(1));
      const q = logsQuery.safeParse({ tail: url.searchParams.get("tail") ?? undefined, since: url.searchParams.get("since") ?? undefined });
      if (!q.success)
        return rejectUpgrade(socket, 400, "invalid_argument", "tail must be 0-10000 and since an RFC 3339 time or Unix seconds", requestId);
      const [nodeId, ref] = [decodeComponent(m[1]!, "id"), decodeComponent(m[2]!, "container")];
      const target = await deps.targets.resolve(nodeId, ref);
      deps.targets.requireConnected(nodeId);
      const admitted = admitStream(streams, principal, socket, requestId);
      if (!admitted) return;
      wss.handleUpgrade(
        req,
        socket,
        head,
        (ws) => (
          admitted.bind(ws),
          serve(ws, {
            nodeId,
            containerId: target.container.id,
            tail: q.data.tail,
            sinceMs: q.data.since ? parseSince(q.data.since)! : 0,
            requestId,
            who: requesterOf(principal),
          })
        ),
      );
    })().catch((err: unknown) => {
      const e = FlotillaError.from(err);
      if (e.code === "internal") ctx.log.error({ err, request_id: requestId }, "log follow upgrade failed");
      rejectUpgrade(socket, e.httpStatus, e.code, e.code === "internal" ? "internal error" : e.message, requestId);
    });
  };

  function serve(
    ws: WebSocket,
    f: { nodeId: string; containerId: string; tail: number; sinceMs: number; requestId: string; who: ReturnType<typeof requesterOf> },
  ) {
    const log = ctx.log.child({ request_id: f.requestId, node_id: f.nodeId, container_id: f.containerId, user: f.who.requestedBy });
    const abort = new AbortController();
    follows.add(abort);
    ctx.metrics.websocketConnections.inc();
    log.info("log follow started");
    ws.on("message", () => undefined);
    ws.on("error", () => undefined);
    ws.once("close", () => {
      follows.delete(abort);
      ctx.metrics.websocketConnections.dec();
      abort.abort();
    });
    const drained = async () => {
      while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount > opts.highWaterBytes) await new Promise((r) => setTimeout(r, opts.pollMs));
    };
    const onOutput = async (o: CommandOutput) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      for (const l of o.lines)
        ws.send(JSON.stringify({ stream: l.stream === "stderr" ? "stderr" : "stdout", text: l.text, ts: new Date(Number(l.tsMs)).toISOString() }));
      await drained();
    };
    const command = create(CommandSchema, {
      kind: { case: "containerLogs", value: { containerId: f.containerId, tail: f.tail, sinceMs: BigInt(f.sinceMs), follow: true } },
    });
    const end = (code: number, reason: string) => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason.slice(0, 120));
    };
    let interrupted: Interruption | undefined;
    const onInterrupted = (why: Interruption) => (interrupted = why);
    deps.recorder
      .runCommand(f.nodeId, command, { ...f.who, requestId: f.requestId, timeoutMs: opts.maxFollowMs, onOutput, onInterrupted, signal: abort.signal })
      .then(({ record }) => {
        log.info({ command_id: record.id, status: record.status, ...(interrupted ? { interrupted } : {}) }, "log follow ended");
        if (interrupted) end(TRY_AGAIN_LATER, INTERRUPTED[interrupted]);
        else if (record.status === "succeeded") end(1000, "container stopped");
        else if (record.status === "timed_out") end(1000, "follow time limit reached");
        else if (record.status !== "canceled") end(1011, record.error_message ?? "log follow failed");
        else end(1001, "log follow canceled");
      })
      .catch((err: unknown) => {
        const e = FlotillaError.from(err);
        // Thrown `unavailable` is always the master's: no replica could reach the node (the worker's own errors come as results).
        if (e.code === "unavailable") end(TRY_AGAIN_LATER, UNREACHABLE);
        else end(1011, e.code === "internal" ? "internal error" : e.message);
      });
  }

  const unroute = routeUpgrade(server, LOGS_WS_PATH, onUpgrade);
  return {
    open: () => follows.size,
    async close() {
      closed = true;
      unroute();
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      for (const a of follows) a.abort();
      const deadline = Date.now() + 2_000;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
