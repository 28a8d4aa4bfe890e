import type { IncomingMessage, Server } from "node:http";
import { WebSocketServer } from "ws";
import type { MasterContext } from "../context.js";
import type { EventBus } from "../events/types.js";
import { createWsTicketService, type WsTicketService } from "../services/ws-tickets.js";
import type { Principal } from "./route.js";
import { createWsAuthenticator, type WsAuthenticator } from "./ws/auth.js";
import { FEED_DEFAULTS, serveFeedClient, type FeedOptions } from "./ws/feed-client.js";
import { admitStream, rejectUpgrade, routeUpgrade } from "./ws/upgrade-router.js";
import { createLiveStreams, type LiveStreams } from "../services/live-streams.js";
import { acceptRequestId } from "./middleware/request-id.js";

export { routeUpgrade, rejectUpgrade, admitStream } from "./ws/upgrade-router.js";
export { createWsAuthenticator, type WsAuthenticator } from "./ws/auth.js";
export { createWsTicketRoutes } from "./ws/ticket-routes.js";
export { SLOW_CONSUMER, FEED_DEFAULTS, type FeedOptions } from "./ws/feed-client.js";

/** WS_PATH is where the live event feed upgrades (SPEC §5). */
export const WS_PATH = "/api/v1/ws";

/** AttachWebSocketOptions are the feed's dependencies and limits. */
export interface AttachWebSocketOptions {
  /** Resolves the session cookie or Authorization header of an upgrade request. */
  authenticate: (req: IncomingMessage) => Principal | null | Promise<Principal | null>;
  bus: EventBus;
  /** Ticket store shared with POST /ws/tickets (created when omitted). */
  tickets?: WsTicketService;
  /** Registry that closes streams whose credentials are revoked and caps them per credential (created when omitted). */
  streams?: LiveStreams;
  feed?: Partial<FeedOptions>;
}

/** AttachedWebSocket is the running feed: its auth hook for other WebSocket endpoints, and stop. */
export interface AttachedWebSocket {
  tickets: WsTicketService;
  /** authenticate is the feed's upgrade authentication (ticket, cookie, header), reusable by other endpoints. */
  authenticate: WsAuthenticator;
  /** clients is the number of open feed connections. */
  clients(): number;
  /** bufferedBytes is what the feed's sockets hold unsent in the master's memory. */
  bufferedBytes(): number;
  /** close disconnects every client (1001) and stops accepting upgrades. */
  close(): Promise<void>;
}

const EVENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * attachWebSocket serves the live event feed at `/api/v1/ws` on `server`:
 * authenticates the upgrade (401 otherwise), optionally replays `?since=`,
 * then streams live events filtered by the client's subscription.
 */
export function attachWebSocket(server: Server, ctx: MasterContext, opts: AttachWebSocketOptions): AttachedWebSocket {
  const feed = { ...FEED_DEFAULTS, ...opts.feed };
  const tickets = opts.tickets ?? createWsTicketService();
  const streams = opts.streams ?? createLiveStreams();
  const authenticate = createWsAuthenticator({ authenticate: opts.authenticate, tickets });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let open = 0;

  const unroute = routeUpgrade(server, WS_PATH, (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const requestId = acceptRequestId(req.headers["x-request-id"]);
    const since = new URL(req.url ?? "/", "http://localhost").searchParams.get("since") ?? undefined;
    if (since !== undefined && !EVENT_ID.test(since)) {
      return rejectUpgrade(socket, 400, "invalid_argument", "since must be an event id", requestId);
    }
    authenticate(req).then(
      (principal) => {
        if (!principal) return rejectUpgrade(socket, 401, "unauthenticated", "authentication required", requestId);
        const admitted = admitStream(streams, principal, socket, requestId);
        if (!admitted) return;
        wss.handleUpgrade(req, socket, head, (ws) => {
          admitted.bind(ws);
          open++;
          ctx.metrics.websocketConnections.inc();
          const log = ctx.log.child({ request_id: requestId, user: principal.username, via: principal.via });
          log.info({ since }, "websocket feed connected");
          ws.on("close", (code, reason) => {
            open--;
            ctx.metrics.websocketConnections.dec();
            log.info({ code, reason: reason.toString() }, "websocket feed closed");
          });
          serveFeedClient(ws, { bus: opts.bus, log, role: principal.role, ...(since ? { since } : {}) }, feed);
        });
      },
      (err: unknown) => {
        ctx.log.error({ err, request_id: requestId }, "websocket authentication failed");
        rejectUpgrade(socket, 503, "unavailable", "authentication unavailable", requestId);
      },
    );
  });

  return {
    tickets,
    authenticate,
    clients: () => open,
    bufferedBytes: () => [...wss.clients].reduce((n, ws) => n + ws.bufferedAmount, 0),
    async close() {
      unroute();
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          resolve();
        }, 2000);
        const check = () => (wss.clients.size === 0 ? (clearTimeout(deadline), resolve()) : setTimeout(check, 20));
        check();
      });
      wss.close();
    },
  };
}
