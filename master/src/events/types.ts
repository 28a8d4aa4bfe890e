import type { Stmt } from "../db/bulk.js";

/**
 * FleetEvent is one event as sent on the WebSocket feed and, for durable
 * types, stored (GET /events) and delivered to webhooks.
 */
export interface FleetEvent {
  /** Time-sortable opaque id: later events compare greater as strings. */
  id: string;
  type: string;
  /** RFC 3339 UTC. */
  ts: string;
  node_id?: string;
  data: Record<string, unknown>;
}

/**
 * EventRetention says what happens to an event after it is fanned out:
 * `durable` events are stored, replayed by `?since=` and sent to webhooks;
 * `live` events reach WebSocket subscribers only and are never stored.
 */
export type EventRetention = "durable" | "live";

/** EventTypeSpec describes one event type of the catalogue. */
export interface EventTypeSpec {
  description: string;
  retention: EventRetention;
  /** Lowest role that may read events of this type (GET /events, the feed, replay); viewer when absent. */
  minRole?: "viewer" | "operator" | "admin";
}

/** EVENT_CATALOGUE is the one table of event types and their retention. */
export const EVENT_CATALOGUE: Readonly<Record<string, EventTypeSpec>> = {
  "node.enrolled": { description: "A worker enrolled and became a node", retention: "durable" },
  "node.online": { description: "A node started heartbeating", retention: "durable" },
  "node.offline": { description: "A node missed its heartbeat TTL or said goodbye", retention: "durable" },
  "node.updated": { description: "A node's name, labels or facts changed", retention: "durable" },
  "node.deleted": { description: "A node was deleted and its certificate revoked", retention: "durable" },
  "node.certificate_renewed": { description: "A node renewed its client certificate", retention: "durable" },
  "node.duplicate_machine_id": { description: "A node enrolled with a machine id another node already has", retention: "durable" },
  "node.metrics": { description: "Latest host metrics of a node (throttled; live only, never stored)", retention: "live" },
  "enrollment.rejected": {
    description: "An enrollment attempt was refused (source address, token id, hostname: admin only, like /enrollment-attempts)",
    retention: "durable",
    minRole: "admin",
  },
  "container.state": { description: "A container changed state", retention: "durable" },
  "command.completed": { description: "A command sent to a worker ended", retention: "durable" },
  "scan.queued": { description: "A scan was requested", retention: "durable" },
  "scan.started": { description: "A scan started on its first node", retention: "durable" },
  "scan.progress": { description: "A scan made progress", retention: "durable" },
  "scan.completed": { description: "A scan finished", retention: "durable" },
  "scan.failed": { description: "A scan failed", retention: "durable" },
  "scan.canceled": { description: "A scan was canceled", retention: "durable" },
  "finding.opened": { description: "A new finding was seen", retention: "durable" },
  "finding.resolved": { description: "A finding is no longer seen", retention: "durable" },
  "finding.triaged": { description: "A finding's triage status changed", retention: "durable" },
  "alert.fired": { description: "An alert rule's condition held for its duration", retention: "durable" },
  "alert.acknowledged": { description: "An operator acknowledged a firing alert", retention: "durable" },
  "alert.resolved": { description: "An alert's condition cleared or an operator resolved it", retention: "durable" },
  "webhook.failed": { description: "A webhook delivery exhausted its retries", retention: "durable" },
  "webhook.disabled": { description: "A webhook was disabled after failing for too long", retention: "durable" },
  "webhook.test": { description: "Synthetic event sent by POST /webhooks/{id}/test (to that webhook only, never published)", retention: "live" },
};

/** EVENT_TYPES maps each event type to its description (GET /events/types). */
export const EVENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(EVENT_CATALOGUE).map(([type, spec]) => [type, spec.description]),
);

/**
 * isDurable reports whether events of `type` are stored and replayed.
 * Types missing from the catalogue are durable, so nothing is lost silently.
 */
export function isDurable(type: string): boolean {
  return EVENT_CATALOGUE[type]?.retention !== "live";
}

const RANK = { viewer: 1, operator: 2, admin: 3 } as const;

/** visibleTo reports whether `role` may read events of `type`. */
export function visibleTo(role: keyof typeof RANK, type: string): boolean {
  return RANK[role] >= RANK[EVENT_CATALOGUE[type]?.minRole ?? "viewer"];
}

/** hiddenTypesFor lists the catalogue types `role` may not read. */
export function hiddenTypesFor(role: keyof typeof RANK): string[] {
  return Object.keys(EVENT_CATALOGUE).filter((t) => !visibleTo(role, t));
}

/** EventSink receives every published event. */
export type EventListener = (e: FleetEvent) => void;

/** EventBus publishes events to the log, live subscribers and webhooks. */
export interface EventBus {
  /** publish assigns id and ts, stores durable events (batched) and fans every event out. */
  publish(type: string, data: Record<string, unknown>, nodeId?: string): FleetEvent;
  /** subscribe registers a live listener; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** list reads stored events after `afterId` (exclusive), oldest first. */
  list(opts: {
    afterId?: string;
    types?: string[];
    excludeTypes?: string[];
    nodeId?: string;
    since?: Date;
    /** Text search over type, node id and data. */
    q?: string;
    limit: number;
    cursor?: string;
    order?: "asc" | "desc";
  }): Promise<FleetEvent[]>;
  /** count counts the stored events a list with the same filters would page through. */
  count(opts: Omit<Parameters<EventBus["list"]>[0], "limit" | "cursor" | "order" | "afterId">): Promise<number>;
  /** flush writes buffered events to the database. */
  flush(): Promise<void>;
  /** join adds a participant to every flush of durable events; returns the leave function. */
  join(participant: FlushParticipant): () => void;
  close(): Promise<void>;
}

/**
 * StoreWrite is a statement built by a store on the master's database for
 * its bulk writer; the event store runs it in its own transaction.
 */
export type StoreWrite = Stmt;

/** FlushWrite is what a participant stores with one batch of events, and what it does once they are committed. */
export interface FlushWrite {
  /** writes run in the same transaction as the events. */
  writes: StoreWrite[];
  /** committed runs after the transaction commits. */
  committed(): void;
}

/**
 * FlushParticipant stores rows derived from durable events together with
 * them (webhook deliveries), so an event is stored if and only if they are.
 */
export interface FlushParticipant {
  /** prepare returns the rows for this batch, or null when there are none. */
  prepare(batch: FleetEvent[]): FlushWrite | null;
}
