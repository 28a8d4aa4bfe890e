/**
 * PushTracker remembers, per node, the highest push sequence ingested, so
 * resent batches are acknowledged without being ingested twice.
 */
export interface PushTracker {
  acked(nodeId: string): bigint;
  /** accept returns false when `seq` was already ingested. */
  accept(nodeId: string, seq: bigint): boolean;
  /** commit records `seq` as ingested. */
  commit(nodeId: string, seq: bigint): void;
  forget(nodeId: string): void;
}

/** createPushTracker makes an in-memory tracker. */
export function createPushTracker(): PushTracker {
  const acked = new Map<string, bigint>();
  return {
    acked: (nodeId) => acked.get(nodeId) ?? 0n,
    accept: (nodeId, seq) => seq > (acked.get(nodeId) ?? 0n),
    commit(nodeId, seq) {
      if (seq > (acked.get(nodeId) ?? 0n)) acked.set(nodeId, seq);
    },
    forget: (nodeId) => void acked.delete(nodeId),
  };
}
