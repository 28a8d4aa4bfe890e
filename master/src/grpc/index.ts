/** Public surface of the master's gRPC side. */
export { createGrpcServer, type GrpcServer, type GrpcServerDeps } from "./server.js";
export type { IngestHook } from "./node-service.js";
export { serviceDefinition } from "./adapter.js";
export { FLOTILLA_SERVICES, PROTO_DIR } from "./reflection.js";
