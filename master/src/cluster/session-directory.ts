import type { ClusterBus } from "./nats.js";

/** DirectoryOptions tune how replicas tell each other which nodes they hold. */
export interface DirectoryOptions {
  /** How often each replica repeats the full list of nodes it holds. */
  announceMs: number;
  /** An entry not repeated for this long is dropped (its replica died or the node left unnoticed). */
  staleMs: number;
  /** Node ids per announcement message (NATS payloads are bounded). */
  chunk: number;
}

const DEFAULTS: DirectoryOptions = { announceMs: 10_000, staleMs: 35_000, chunk: 5_000 };

/** SessionDirectory knows which other replica holds the command session of a node. */
export interface SessionDirectory {
  /** holder names the other replica that holds a node's session, if any. */
  holder(nodeId: string): string | undefined;
  /** attached and detached announce this replica's own session changes. */
  attached(nodeId: string): void;
  detached(nodeId: string): void;
  stop(): void;
}

interface Entry {
  replica: string;
  seenAt: number;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * createSessionDirectory keeps, on every replica, the map of nodes whose
 * session another replica holds: each replica announces a session when it
 * attaches and when it ends, and repeats its full list periodically, so a
 * replica that joins late, missed a message or outlived a dead peer converges
 * within `staleMs`. The map only decides whether a node counts as connected;
 * commands are still routed by NATS subject interest, so a stale entry costs a
 * fast "no responders", never a hang.
 */
export function createSessionDirectory(
  bus: ClusterBus,
  local: { nodeIds(): Iterable<string> },
  options: Partial<DirectoryOptions> = {},
): SessionDirectory {
  const o = { ...DEFAULTS, ...options };
  const remote = new Map<string, Entry>();
  const announce = () => {
    let batch: string[] = [];
    for (const id of local.nodeIds()) {
      if (batch.push(id) >= o.chunk) {
        bus.publish("sessions.held", { nodes: batch });
        batch = [];
      }
    }
    if (batch.length) bus.publish("sessions.held", { nodes: batch });
  };
  const see = (nodeId: string, replica: string) => remote.set(nodeId, { replica, seenAt: Date.now() });

  bus.subscribe("sessions.up", (m) => typeof m.node_id === "string" && see(m.node_id, String(m.origin)));
  bus.subscribe("sessions.held", (m) => {
    for (const id of ids(m.nodes)) see(id, String(m.origin));
  });
  bus.subscribe("sessions.down", (m) => {
    if (typeof m.node_id === "string" && remote.get(m.node_id)?.replica === m.origin) remote.delete(m.node_id);
  });
  bus.subscribe("sessions.sync", () => announce());
  bus.publish("sessions.sync", {});

  const timer = setInterval(() => {
    announce();
    const cutoff = Date.now() - o.staleMs;
    for (const [id, e] of remote) if (e.seenAt < cutoff) remote.delete(id);
  }, o.announceMs);
  timer.unref();

  return {
    holder: (nodeId) => remote.get(nodeId)?.replica,
    attached(nodeId) {
      remote.delete(nodeId);
      bus.publish("sessions.up", { node_id: nodeId });
    },
    detached: (nodeId) => bus.publish("sessions.down", { node_id: nodeId }),
    stop: () => clearInterval(timer),
  };
}
