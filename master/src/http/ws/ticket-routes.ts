import { errors } from "@flotilla/shared";
import type { WsTicketService } from "../../services/ws-tickets.js";
import { defineRoute, type RouteDef } from "../route.js";
import { wsTicketSchema } from "../schemas/events.js";

/** createWsTicketRoutes returns POST /ws/tickets: a single-use, 30 s ticket for `GET /api/v1/ws?ticket=`. */
export function createWsTicketRoutes(tickets: WsTicketService): RouteDef<any, any, any>[] {
  return [
    defineRoute({
      method: "POST",
      path: "/ws/tickets",
      role: "viewer",
      tag: "events",
      status: 201,
      summary: "Issue a single-use WebSocket ticket (valid 30 s)",
      response: wsTicketSchema,
      handler: async ({ principal }) => {
        if (!principal) throw errors.unauthenticated();
        const t = tickets.issue(principal);
        return { ticket: t.ticket, expires_at: t.expiresAt.toISOString() };
      },
    }),
  ];
}
