import type { EventBus, EventListener, FleetEvent } from "../events/types.js";
import type { ClusterBus } from "./nats.js";

const SUBJECT = "events";

/** EventRelay is the feed of every replica's events, and the relay's stop. */
export interface EventRelay {
  /** feed is the bus the WebSocket feed reads: this replica's events and every other replica's. */
  feed: EventBus;
  stop(): void;
}

function isEvent(v: unknown): v is FleetEvent {
  const e = v as FleetEvent | null;
  return !!e && typeof e.id === "string" && typeof e.type === "string" && typeof e.ts === "string" && typeof e.data === "object";
}

/**
 * relayEvents publishes every event this replica produces on NATS and hands
 * the other replicas' events to WebSocket subscribers, so a client on any
 * replica sees the whole fleet. Only the feed gets remote events: webhooks,
 * alerts and the event log stay with the replica that produced an event, so
 * each is delivered and stored once fleet-wide. Replay (`?since=`) reads the
 * shared store, which every replica writes.
 */
export function relayEvents(bus: EventBus, cluster: ClusterBus): EventRelay {
  const remote = new Set<EventListener>();
  // An event goes out only once it is in the shared store, so a client on
  // another replica that sees it live can also replay it with `?since=`.
  let outbox: FleetEvent[] = [];
  let sending: Promise<void> = Promise.resolve();
  const send = () => {
    const batch = outbox;
    outbox = [];
    sending = sending
      .then(() => bus.flush())
      .catch(() => {})
      .then(() => {
        for (const e of batch) cluster.publish(SUBJECT, { event: e });
      });
  };
  const unsubscribe = bus.subscribe((e) => {
    if (outbox.push(e) === 1) setImmediate(send);
  });
  cluster.subscribe(SUBJECT, (m) => {
    if (!isEvent(m.event)) return;
    for (const l of remote) l(m.event);
  });
  const feed: EventBus = {
    ...bus,
    subscribe(listener) {
      const local = bus.subscribe(listener);
      remote.add(listener);
      return () => {
        local();
        remote.delete(listener);
      };
    },
  };
  return { feed, stop: () => (unsubscribe(), remote.clear()) };
}
