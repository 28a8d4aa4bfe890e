import { FlotillaError } from "@flotilla/shared";
import type { Liveness } from "../liveness/index.js";
import type { NodeControl } from "../node-control.js";
import type { SessionRegistry } from "../sessions/index.js";
import type { Authenticator } from "./auth.js";
import type { PushTracker } from "./push-tracker.js";

/**
 * createNodeControl is the gRPC side's NodeControl: deleting a node revokes
 * its certificate in memory, ends its calls and stream UNAUTHENTICATED at
 * once, and forgets its liveness and push state.
 */
export function createNodeControl(deps: { auth: Authenticator; sessions: SessionRegistry; liveness: Liveness; pushes: PushTracker }): NodeControl {
  return {
    nodeDeleted(nodeId, certSerial) {
      deps.auth.revoke(nodeId, certSerial);
      deps.sessions.disconnect(nodeId, new FlotillaError("unauthenticated", "the node was deleted and its certificate revoked"));
      deps.liveness.forget(nodeId);
      deps.pushes.forget(nodeId);
    },
    isOnline: (nodeId) => deps.liveness.isOnline(nodeId),
    onlineCount: () => deps.liveness.onlineCount(),
    lastBeatAt: (nodeId) => deps.liveness.lastBeatAt(nodeId),
  };
}
