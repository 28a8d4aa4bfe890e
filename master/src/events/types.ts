/**
 * FleetEvent is one event as stored (GET /events), sent on the WebSocket feed
 * and delivered to webhooks.
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

/** EVENT_TYPES is the catalogue served by GET /events/types. */
export const EVENT_TYPES: Record<string, string> = {
  "node.enrolled": "A worker enrolled and became a node",
  "node.online": "A node started heartbeating",
  "node.offline": "A node missed its heartbeat TTL or said goodbye",
  "node.updated": "A node's name, labels or facts changed",
  "node.deleted": "A node was deleted and its certificate revoked",
  "node.duplicate_machine_id": "A node enrolled with a machine id another node already has",
  "node.metrics": "Latest host metrics of a node (throttled)",
  "enrollment.rejected": "An enrollment attempt was refused",
  "container.state": "A container changed state",
  "command.completed": "A command sent to a worker ended",
  "scan.queued": "A scan was requested",
  "scan.started": "A scan started on its first node",
  "scan.progress": "A scan made progress",
  "scan.completed": "A scan finished",
  "scan.failed": "A scan failed",
  "scan.canceled": "A scan was canceled",
  "finding.opened": "A new finding was seen",
  "finding.resolved": "A finding is no longer seen",
  "finding.triaged": "A finding's triage status changed",
};

/** EventSink receives every published event. */
export type EventListener = (e: FleetEvent) => void;

/** EventBus publishes events to the log, live subscribers and webhooks. */
export interface EventBus {
  /** publish assigns id and ts, stores the event (batched) and fans it out. */
  publish(type: string, data: Record<string, unknown>, nodeId?: string): FleetEvent;
  /** subscribe registers a live listener; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** list reads stored events after `afterId` (exclusive), oldest first. */
  list(opts: { afterId?: string; types?: string[]; nodeId?: string; since?: Date; limit: number; cursor?: string; order?: "asc" | "desc" }): Promise<FleetEvent[]>;
  /** flush writes buffered events to the database. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
