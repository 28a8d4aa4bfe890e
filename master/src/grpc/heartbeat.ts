import { create } from "@bufbuild/protobuf";
import { HeartbeatResponseSchema, type HeartbeatRequest, type HeartbeatResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { Liveness } from "../liveness/index.js";
import type { PushTracker } from "./push-tracker.js";

/** SpoolReportHook receives a worker's spool counters from each heartbeat. */
export type SpoolReportHook = (nodeId: string, dropped: number, corrupt: number) => void;

/**
 * answerHeartbeat records one beat of a node and returns the answer, the same
 * whether the beat came as a Heartbeat call or on the Session stream: when to
 * beat next and the highest push sequence ingested for the node.
 */
export function answerHeartbeat(
  deps: { liveness: Liveness; pushes: PushTracker; spool?: SpoolReportHook },
  nodeId: string,
  req: HeartbeatRequest,
  sessionOpenedAt?: number,
): HeartbeatResponse {
  const { intervalMs } = deps.liveness.beat(nodeId, sessionOpenedAt);
  deps.spool?.(nodeId, Number(req.spoolDropped), Number(req.spoolCorrupt));
  return create(HeartbeatResponseSchema, { intervalMs, ackedSeq: deps.pushes.acked(nodeId) });
}
