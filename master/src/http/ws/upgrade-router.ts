import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { LiveStreams } from "../../services/live-streams.js";
import type { Principal } from "../../services/principal.js";

/** UpgradeHandler takes over one HTTP upgrade request. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

interface UpgradeRoute {
  match: string | RegExp;
  handler: UpgradeHandler;
}

const routers = new WeakMap<Server, UpgradeRoute[]>();

/**
 * routeUpgrade registers `handler` for upgrades whose path equals `match`
 * (a string) or matches it (a RegExp) on `server`. One 'upgrade' listener per
 * server dispatches by path, first match wins; a path nobody claimed is
 * answered 404. Returns the function that unregisters the handler.
 */
export function routeUpgrade(server: Server, match: string | RegExp, handler: UpgradeHandler): () => void {
  let table = routers.get(server);
  if (!table) {
    const t: UpgradeRoute[] = [];
    table = t;
    routers.set(server, t);
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = pathOf(req);
      const route = t.find((r) => (typeof r.match === "string" ? r.match === path : r.match.test(path)));
      if (route) return route.handler(req, socket, head);
      rejectUpgrade(socket, 404, "not_found", "no WebSocket endpoint at this path");
    });
  }
  const route: UpgradeRoute = { match, handler };
  table.push(route);
  return () => {
    const i = table.indexOf(route);
    if (i >= 0) table.splice(i, 1);
  };
}

/** pathOf returns the path of a request URL without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q >= 0 ? url.slice(0, q) : url;
}

/** rejectUpgrade answers an upgrade with an HTTP error in the REST error envelope and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, code: string, message: string, requestId?: string): void {
  const body = JSON.stringify({ error: message, code, ...(requestId ? { request_id: requestId } : {}) });
  const reason =
    { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" }[status] ??
    "Error";
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${requestId ? `X-Request-ID: ${requestId}\r\n` : ""}Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * admitStream registers an upgrading socket with the stream registry before
 * the handshake: it answers 429 and returns false when the principal holds
 * its maximum of open streams. Otherwise the registration lasts until the
 * socket closes, and a revocation closes the socket (with the WebSocket
 * close code once `bind` has handed over the upgraded WebSocket).
 */
export function admitStream(
  streams: Pick<LiveStreams, "register">,
  principal: Principal,
  socket: Duplex,
  requestId: string,
): { bind(ws: { close(code: number, reason: string): void }): void } | null {
  let ws: { close(code: number, reason: string): void } | null = null;
  const unregister = streams.register(principal, (code, reason) => (ws ? ws.close(code, reason) : socket.destroy()));
  if (!unregister) {
    rejectUpgrade(socket, 429, "rate_limited", "too many open WebSocket connections for these credentials", requestId);
    return null;
  }
  socket.once("close", unregister);
  return { bind: (w) => void (ws = w) };
}
