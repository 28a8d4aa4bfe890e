import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

/** UpgradeHandler takes over one HTTP upgrade request. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const routers = new WeakMap<Server, Map<string, UpgradeHandler>>();

/**
 * routeUpgrade registers `handler` for upgrades of exactly `path` on `server`.
 * One 'upgrade' listener per server dispatches by path; paths nobody claimed
 * are left to other 'upgrade' listeners, or answered 404 when there are none.
 * Returns the function that unregisters the handler.
 */
export function routeUpgrade(server: Server, path: string, handler: UpgradeHandler): () => void {
  let table = routers.get(server);
  if (!table) {
    const t = new Map<string, UpgradeHandler>();
    table = t;
    routers.set(server, t);
    const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const h = t.get(pathOf(req));
      if (h) return h(req, socket, head);
      if (server.listenerCount("upgrade") <= 1) rejectUpgrade(socket, 404, "not_found", "no WebSocket endpoint at this path");
    };
    server.on("upgrade", listener);
  }
  table.set(path, handler);
  return () => {
    if (table.get(path) === handler) table.delete(path);
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
  const reason = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable" }[status] ?? "Error";
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${requestId ? `X-Request-ID: ${requestId}\r\n` : ""}Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
