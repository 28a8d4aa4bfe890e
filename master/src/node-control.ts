/**
 * NodeControl is what the gRPC side (liveness, sessions, revocation) offers
 * to services that manage nodes. Implemented in grpc/, wired in master.ts.
 */
export interface NodeControl {
  /** nodeDeleted revokes the serial in memory, cuts the node's streams within 1 s and forgets its liveness. */
  nodeDeleted(nodeId: string, certSerial: string): void;
  /** isOnline reports the in-memory liveness of a node. */
  isOnline(nodeId: string): boolean;
  /** lastBeatAt is the time (ms) of a node's last heartbeat held in memory, fresher than the batched last_seen_at. */
  lastBeatAt?(nodeId: string): number | undefined;
  /** onlineCount is the number of nodes heartbeating now. */
  onlineCount(): number;
}
