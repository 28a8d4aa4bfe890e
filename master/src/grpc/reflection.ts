import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Server } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import { HealthImplementation, protoPath as healthProto, type ServingStatus } from "grpc-health-check";

/** PROTO_DIR is the repository's proto/ directory, valid from src/ and dist/ alike. */
export const PROTO_DIR = fileURLToPath(new URL("../../../proto/", import.meta.url));

/** FLOTILLA_SERVICES are the services the master serves, by full name. */
export const FLOTILLA_SERVICES = ["flotilla.v1.EnrollmentService", "flotilla.v1.NodeService"];

/**
 * addHealth registers grpc.health.v1.Health, SERVING for "" and every
 * Flotilla service; the returned function changes all of them (shutdown).
 */
export function addHealth(server: Server): (status: ServingStatus) => void {
  const names = ["", ...FLOTILLA_SERVICES];
  const health = new HealthImplementation(Object.fromEntries(names.map((n) => [n, "SERVING" as ServingStatus])));
  health.addToServer(server as never);
  return (status) => names.forEach((n) => health.setStatus(n, status));
}

/**
 * addReflection registers server reflection (v1 and v1alpha) over the
 * Flotilla protos and the health proto, so stock tools can list and call
 * the services.
 */
export function addReflection(server: Server): void {
  const files = readdirSync(`${PROTO_DIR}flotilla/v1`).filter((f) => f.endsWith(".proto")).map((f) => `flotilla/v1/${f}`);
  const pkg = loadSync([...files, healthProto], { includeDirs: [PROTO_DIR], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  new ReflectionService(pkg).addToServer(server);
}
