import type { IncomingMessage } from "node:http";
import type { Principal } from "../route.js";
import type { WsTicketService } from "../../services/ws-tickets.js";

/** WsAuthenticator resolves who opens a WebSocket, or null when nobody is authenticated. */
export type WsAuthenticator = (req: IncomingMessage) => Promise<Principal | null>;

/**
 * createWsAuthenticator accepts a `?ticket=` (single use) first, then the
 * request's session cookie or Authorization header via `authenticate`.
 * Cookie sessions must come from the same origin (no cross-site WebSocket
 * hijacking). Shared by every WebSocket endpoint of the master.
 */
export function createWsAuthenticator(deps: {
  authenticate: (req: IncomingMessage) => Principal | null | Promise<Principal | null>;
  tickets: WsTicketService;
}): WsAuthenticator {
  return async (req) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const ticket = url.searchParams.get("ticket");
    if (ticket) return deps.tickets.redeem(ticket);
    const p = await deps.authenticate(req);
    if (p && p.via === "session" && !sameOrigin(req)) return null;
    return p;
  };
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
