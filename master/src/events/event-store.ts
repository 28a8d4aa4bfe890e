import type { BulkWriter } from "../db/bulk.js";
import type { Db } from "../db/types.js";
import type { EventBus, FleetEvent, StoreWrite } from "./types.js";

/** EventQuery selects stored events (see {@link EventBus.list}). */
export type EventQuery = Parameters<EventBus["list"]>[0];

/** EventStore is the durable event log: the only code that reads or writes the Event table. */
export interface EventStore {
  /** append writes a batch of events, and `extra` writes of other stores in the same transaction. */
  append(batch: FleetEvent[], extra?: StoreWrite[]): Promise<void>;
  /** prune deletes events older than `before`. */
  prune(before: Date): Promise<void>;
  /** list reads stored events in id order (ascending after `afterId`, else descending unless `order` says). */
  list(q: EventQuery): Promise<FleetEvent[]>;
  /** count counts the events matching the filters of a query. */
  count(q: Parameters<EventBus["count"]>[0]): Promise<number>;
}

const EVENT_COLUMNS = ["id", "type", "nodeId", "ts", "data"] as const;

/** createEventStore returns the event log over the database; batches are appended with the bulk writer. */
export function createEventStore({ db, provider, bulk }: { db: Db; provider?: string; bulk: BulkWriter }): EventStore {
  const insensitive = provider === "postgres" ? { mode: "insensitive" } : {};
  const matching = (q: Parameters<EventBus["count"]>[0]) => {
    const types = q.types ?? [];
    const c = { contains: q.q, ...insensitive };
    const and = [
      ...(types.length ? [{ OR: types.map((t) => (t.endsWith("*") ? { type: { startsWith: t.slice(0, -1) } } : { type: t })) }] : []),
      ...(q.q ? [{ OR: [{ type: c }, { nodeId: c }, { data: c }] }] : []),
    ];
    return {
      ...(q.nodeId ? { nodeId: q.nodeId } : {}),
      ...(q.since ? { ts: { gte: q.since } } : {}),
      ...(q.excludeTypes?.length ? { NOT: { type: { in: q.excludeTypes } } } : {}),
      ...(and.length ? { AND: and } : {}),
    };
  };
  return {
    async count(q) {
      return db.event.count({ where: matching(q) });
    },
    async append(batch, extra = []) {
      const rows = batch.map((e) => [e.id, e.type, e.node_id ?? null, new Date(e.ts), JSON.stringify(e.data)]);
      // the participants' statements are built by stores on this same database, for the same writer
      await bulk.run([...bulk.insert("Event", EVENT_COLUMNS, rows), ...extra]);
    },
    async prune(before) {
      await db.event.deleteMany({ where: { ts: { lt: before } } });
    },
    async list(q) {
      const order = q.order ?? (q.afterId ? "asc" : "desc");
      const idFilter: { gt?: string; lt?: string } = {};
      if (q.afterId) idFilter.gt = q.afterId;
      if (q.cursor) {
        if (order === "asc") idFilter.gt = idFilter.gt && idFilter.gt > q.cursor ? idFilter.gt : q.cursor;
        else idFilter.lt = q.cursor;
      }
      const rows = await db.event.findMany({
        where: {
          ...(Object.keys(idFilter).length ? { id: idFilter } : {}),
          ...matching(q),
        },
        orderBy: { id: order },
        take: q.limit,
      });
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        ts: r.ts.toISOString(),
        ...(r.nodeId ? { node_id: r.nodeId } : {}),
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
    },
  };
}
