import { z } from "zod";
import type { FleetEvent } from "../../events/types.js";
import { parseTypePatterns, typeMatches } from "../../services/events-query.js";

/** Subscription is a client's event filter; empty lists match everything. */
export interface Subscription {
  types: string[];
  nodeIds: string[];
}

/** MATCH_ALL is the subscription of a client that did not send one. */
export const MATCH_ALL: Subscription = { types: [], nodeIds: [] };

const subscribeMessage = z
  .object({
    op: z.literal("subscribe"),
    types: z.array(z.string().max(128)).max(100).optional(),
    node_ids: z.array(z.string().min(1).max(128)).max(1000).optional(),
  })
  .strict();

/** ClientMessageError is the frame sent back for a bad client message. */
export interface ClientMessageError {
  op: "error";
  code: "invalid_argument";
  error: string;
  details: { field: string; message: string }[];
}

/** parseClientMessage parses one client frame into a subscription, or an error frame. */
export function parseClientMessage(raw: string): Subscription | ClientMessageError {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail("message is not JSON", [{ field: "", message: "expected a JSON object" }]);
  }
  const r = subscribeMessage.safeParse(json);
  if (!r.success) {
    return fail(
      'unsupported message: expected {"op":"subscribe","types":[...],"node_ids":[...]}',
      r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    );
  }
  try {
    return { types: parseTypePatterns(r.data.types ?? [], "types") ?? [], nodeIds: r.data.node_ids ?? [] };
  } catch (err) {
    const details = (err as { details?: { field: string; message: string }[] }).details ?? [];
    return fail("invalid event type filter", details);
  }
}

function fail(error: string, details: ClientMessageError["details"]): ClientMessageError {
  return { op: "error", code: "invalid_argument", error, details };
}

/** matches reports whether an event passes a subscription. */
export function matches(s: Subscription, e: FleetEvent): boolean {
  if (s.types.length && !s.types.some((t) => typeMatches(t, e.type))) return false;
  if (s.nodeIds.length && (!e.node_id || !s.nodeIds.includes(e.node_id))) return false;
  return true;
}
