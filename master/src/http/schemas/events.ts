import { z } from "zod";
import { timestamp } from "./common.js";

/** eventSchema is one event of the log (GET /events) and of the live feed. */
export const eventSchema = z.object({
  id: z.string().describe("Time-sortable opaque id: later events compare greater"),
  type: z.string(),
  ts: timestamp,
  node_id: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

/** eventTypesSchema is GET /events/types: the event catalogue. */
export const eventTypesSchema = z.object({ items: z.array(z.object({ type: z.string(), description: z.string() })) });

/** wsTicketSchema is POST /ws/tickets: a single-use ticket for `GET /api/v1/ws?ticket=`. */
export const wsTicketSchema = z.object({ ticket: z.string(), expires_at: timestamp });
