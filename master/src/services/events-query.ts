import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { EVENT_TYPES, type FleetEvent } from "../events/types.js";
import { decodeIdCursor, toPage, type ListResponse, type Page } from "./paging.js";

/** EventQuery selects stored events for GET /events. */
export interface EventQuery {
  /** Exact types or prefixes ending in `*` (e.g. `node.*`). */
  types?: string[];
  nodeId?: string;
  /** Types the caller's role may not read (see visibleTo). */
  excludeTypes?: string[];
  /** RFC 3339 time (inclusive) or an event id (exclusive). */
  since?: string;
  /** Text search over type, node id and data. */
  q?: string;
  /** Oldest first instead of newest first. */
  order?: "asc" | "desc";
  limit: number;
  cursor?: string;
}

const TYPE_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?)$/;
const EVENT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** parseTypePatterns validates a comma-separated type filter (`node.*,scan.completed`). */
export function parseTypePatterns(raw: string | string[] | undefined, field = "type"): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : raw.split(",")).map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((t) => !TYPE_PATTERN.test(t));
  if (bad.length)
    throw errors.invalid(
      "invalid event type filter",
      bad.map((t) => ({ field, message: `"${t}" is not an event type or a prefix like node.*` })),
    );
  if (list.includes("*")) return undefined;
  return list.length ? list : undefined;
}

/** typeMatches reports whether an event type matches one pattern (exact, or prefix ending in `*`). */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === "*") return true;
  return pattern.endsWith("*") ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

/** parseSince turns `since` into a time bound or an event id bound. */
export function parseSince(raw: string | undefined): { since?: Date; afterId?: string } {
  if (!raw) return {};
  if (RFC3339.test(raw)) {
    const d = new Date(raw);
    if (!Number.isNaN(d.getTime())) return { since: d };
  }
  if (EVENT_ID.test(raw) && !/^\d{4}-/.test(raw)) return { afterId: raw };
  throw errors.invalid("invalid since", [{ field: "since", message: "expected an RFC 3339 time or an event id" }]);
}

/** createEventQueryService reads the stored event log through the event bus. */
export function createEventQueryService(ctx: MasterContext) {
  return {
    /** list returns events newest first, filtered, with an opaque cursor. */
    async list(q: EventQuery): Promise<ListResponse<FleetEvent> & { page: Page & { total: number } }> {
      const bound = parseSince(q.since);
      const cursor = decodeIdCursor(q.cursor);
      const filter = {
        ...(bound.since ? { since: bound.since } : {}),
        ...(q.types ? { types: q.types } : {}),
        ...(q.nodeId ? { nodeId: q.nodeId } : {}),
        ...(q.excludeTypes?.length ? { excludeTypes: q.excludeTypes } : {}),
        ...(q.q ? { q: q.q } : {}),
      };
      const [rows, total] = await Promise.all([
        ctx.bus.list({
          ...filter,
          ...(bound.afterId ? { afterId: bound.afterId } : {}),
          ...(cursor !== undefined ? { cursor } : {}),
          limit: q.limit + 1,
          order: q.order ?? "desc",
        }),
        // An event-id bound is not a filter the count knows; leave it uncounted then.
        bound.afterId ? Promise.resolve(-1) : ctx.bus.count(filter),
      ]);
      const p = toPage(
        rows,
        q.limit,
        (e) => [e.id],
        (e) => e,
      );
      return { items: p.items, page: total < 0 ? (p.page as Page & { total: number }) : { ...p.page, total } };
    },

    /** types returns the event catalogue. */
    types(): { type: string; description: string }[] {
      return Object.entries(EVENT_TYPES).map(([type, description]) => ({ type, description }));
    },
  };
}

/** EventQueryService is the event log query service's interface. */
export type EventQueryService = ReturnType<typeof createEventQueryService>;
