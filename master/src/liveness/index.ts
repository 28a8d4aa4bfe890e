/** Public surface of node liveness tracking. */
export { createLiveness, type Liveness, type LivenessOptions, type LivenessPeers, type OfflineReason } from "./liveness.js";
export { heartbeatInterval, heartbeatTtl } from "./interval.js";
