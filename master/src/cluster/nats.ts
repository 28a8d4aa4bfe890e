import { createHash, randomUUID } from "node:crypto";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ConfigError, type Logger } from "@flotilla/shared";

/** SUBJECT_PREFIX starts every subject the replicas use among themselves. */
export const SUBJECT_PREFIX = "flotilla.cluster";

/**
 * clusterScope names one installation on a NATS server: replicas of the same
 * database and schema share it, so installations (or test databases) using
 * one NATS server never hear each other's broadcasts.
 */
export function clusterScope(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  const schema = u.searchParams.get("schema") ?? "public";
  const db = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  return createHash("sha256").update(`${u.host}\0${db}\0${schema}`).digest("hex").slice(0, 16);
}

/** ClusterBus is this replica's NATS connection, with its replica id. */
export interface ClusterBus {
  /** replicaId names this process among the replicas (a new one per start). */
  replicaId: string;
  /** prefix starts this installation's broadcast subjects (SUBJECT_PREFIX and the cluster scope). */
  prefix: string;
  nc: NatsConnection;
  /**
   * link is aborted when the NATS connection is lost and replaced by a fresh
   * one when it is back: what relies on the connection in use now (a relayed
   * command) listens to it. While NATS is away it is already aborted.
   */
  link(): AbortSignal;
  /** publish sends a JSON message to every replica, this one included. */
  publish(subject: string, body: Record<string, unknown>): void;
  /** subscribe calls `fn` with each JSON message another replica published on `subject`. */
  subscribe(subject: string, fn: (body: Record<string, unknown>) => void): void;
  close(): Promise<void>;
}

/**
 * connectCluster opens the NATS connection of cluster mode. It reconnects
 * forever with the client's backoff (replicas keep serving their own workers
 * while NATS is away); a server that cannot be reached at start stops the
 * master with exit 2 naming --nats-url.
 */
export async function connectCluster(natsUrl: string, log: Logger, scope: string): Promise<ClusterBus> {
  const replicaId = randomUUID();
  const prefix = `${SUBJECT_PREFIX}.${scope}`;
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: natsUrl.split(","),
      name: `flotilla-master ${replicaId}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      timeout: 5_000,
    });
  } catch (err) {
    throw ConfigError.startup("--nats-url", `${natsUrl}: ${err instanceof Error ? err.message : String(err)}`);
  }
  log.info({ replica_id: replicaId, nats: nc.getServer() }, "joined the replicas through NATS");
  let link = new AbortController();
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === "disconnect") {
        link.abort();
        log.warn({ server: s.server }, "NATS connection lost; reconnecting");
      } else if (s.type === "reconnect") {
        if (link.signal.aborted) link = new AbortController();
        log.info({ server: s.server }, "NATS connection back");
      }
    }
  })().catch(() => undefined);
  void nc.closed().then(() => link.abort());
  const enc = new TextEncoder();
  return {
    replicaId,
    prefix,
    nc,
    link: () => link.signal,
    publish(subject, body) {
      nc.publish(`${prefix}.${subject}`, enc.encode(JSON.stringify({ ...body, origin: replicaId })));
    },
    subscribe(subject, fn) {
      nc.subscribe(`${prefix}.${subject}`, {
        callback: (err, msg) => {
          if (err) return log.warn({ err: err.message, subject }, "cluster subscription failed");
          let body: Record<string, unknown>;
          try {
            body = msg.json<Record<string, unknown>>();
          } catch {
            return log.warn({ subject }, "malformed cluster message ignored");
          }
          if (body.origin !== replicaId) fn(body);
        },
      });
    },
    async close() {
      await nc.drain().catch(() => undefined);
    },
  };
}
