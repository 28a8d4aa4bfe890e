import type { Principal } from "../services/principal.js";
import { ticketKey, type WsTicketService } from "../services/ws-tickets.js";
import type { ClusterBus } from "./nats.js";

const ROLES = new Set(["viewer", "operator", "admin"]);
const VIA = new Set(["session", "jwt", "api_key"]);

/** principalOf reads a principal another replica published; null when malformed. */
function principalOf(v: unknown): Principal | null {
  const p = v as Partial<Principal> | null;
  if (!p || typeof p.userId !== "string" || typeof p.username !== "string" || !ROLES.has(String(p.role)) || !VIA.has(String(p.via))) return null;
  const out: Principal = { userId: p.userId, username: p.username, role: p.role!, via: p.via! };
  if (typeof p.apiKeyId === "string") out.apiKeyId = p.apiKeyId;
  if (typeof p.sessionId === "string") out.sessionId = p.sessionId;
  return out;
}

/**
 * clusterTickets lets a WebSocket ticket issued by one replica open a
 * stream on any other (a browser behind an HTTP load balancer asks one
 * replica for the ticket and may upgrade on another). Replicas exchange the
 * ticket's SHA-256 with its principal and expiry, never the ticket itself;
 * a redeemed ticket is voided everywhere, so it stays single-use.
 */
export function clusterTickets(local: WsTicketService, bus: ClusterBus): WsTicketService {
  bus.subscribe("tickets.issued", (m) => {
    const p = principalOf(m.principal);
    if (p && typeof m.key === "string" && typeof m.expires_at === "number") local.adopt(m.key, p, m.expires_at);
  });
  bus.subscribe("tickets.redeemed", (m) => typeof m.key === "string" && local.forget(m.key));
  return {
    ...local,
    issue(principal) {
      const t = local.issue(principal);
      bus.publish("tickets.issued", { key: ticketKey(t.ticket), principal: { ...principal }, expires_at: t.expiresAt.getTime() });
      return t;
    },
    redeem(ticket) {
      const p = local.redeem(ticket);
      if (p) bus.publish("tickets.redeemed", { key: ticketKey(ticket) });
      return p;
    },
  };
}
