import type { ClusterBus } from "./nats.js";

const SUBJECT = "node.certificates_superseded";

/** Supersede revokes, from `atMs` on, certificates a node replaced by renewing, and cuts the live calls made with them then. */
export type Supersede = (nodeId: string, serials: string[], atMs: number) => void;

/**
 * announceSupersedes publishes each renewal's superseded serials and the time
 * their revocation takes effect, so every replica applies the same revocation
 * at the same moment: a worker that renewed through replica B while its old
 * certificate still holds a call on replica A loses that call at the end of
 * the overlap, not when A next re-reads the revoked serials (30 s). The
 * database row written by the renewal stays the durable record (a replica
 * that missed the message while NATS was away still reads it).
 */
export function announceSupersedes(bus: ClusterBus): Supersede {
  return (nodeId, serials, atMs) => {
    if (serials.length > 0) bus.publish(SUBJECT, { node_id: nodeId, serials, revoke_at_ms: atMs });
  };
}

/** applySupersedes applies, on this replica, the supersedes the other replicas announce. */
export function applySupersedes(bus: ClusterBus, supersede: Supersede): void {
  bus.subscribe(SUBJECT, (m) => {
    const serials = Array.isArray(m.serials) ? m.serials.filter((s): s is string => typeof s === "string" && s !== "") : [];
    if (typeof m.node_id !== "string" || typeof m.revoke_at_ms !== "number" || !Number.isFinite(m.revoke_at_ms) || serials.length === 0) return;
    supersede(m.node_id, serials, m.revoke_at_ms);
  });
}
