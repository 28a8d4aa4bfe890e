import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Server, ServerDuplexStream } from "@grpc/grpc-js";
import { loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { HealthImplementation, type ServingStatus } from "grpc-health-check";
import { descriptorIndex, type DescriptorIndex } from "./descriptor-index.js";

/** PROTO_DIR is the repository's proto/ directory, valid from src/ and dist/ alike. */
export const PROTO_DIR = fileURLToPath(new URL("../../../proto/", import.meta.url));

/**
 * DESCRIPTOR_SET is the FileDescriptorSet `buf build` writes at build time
 * (flotilla.v1, grpc.health.v1, grpc.reflection.v1 and v1alpha), exactly as
 * protoc would describe the files; valid from src/ and dist/ alike.
 */
export const DESCRIPTOR_SET = fileURLToPath(new URL("../../dist/descriptors.binpb", import.meta.url));

/** REFLECTION_PROTO_DIR holds the reflection protos shipped with @grpc/reflection. */
const REFLECTION_PROTO_DIR = fileURLToPath(new URL("../proto/", import.meta.resolve("@grpc/reflection")));

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

interface ReflectionRequest {
  host?: string;
  message_request?: string;
  file_by_filename?: string;
  file_containing_symbol?: string;
  file_containing_extension?: { containing_type?: string; extension_number?: number };
  all_extension_numbers_of_type?: string;
  list_services?: string;
}

/** answer builds one ServerReflectionResponse (snake_case, as proto-loader keeps it). */
function answer(index: DescriptorIndex, req: ReflectionRequest): Record<string, unknown> {
  const res: Record<string, unknown> = { valid_host: req.host ?? "", original_request: req };
  const files = (list: Uint8Array[] | undefined, what: string) => {
    if (list) res.file_descriptor_response = { file_descriptor_proto: list.map((b) => Buffer.from(b)) };
    else res.error_response = { error_code: 5, error_message: `${what} not found` };
  };
  switch (req.message_request) {
    case "list_services":
      res.list_services_response = { service: index.services.map((name) => ({ name })) };
      break;
    case "file_by_filename":
      files(index.byFile(req.file_by_filename ?? ""), `file ${req.file_by_filename}`);
      break;
    case "file_containing_symbol":
      files(index.bySymbol(req.file_containing_symbol ?? ""), `symbol ${req.file_containing_symbol}`);
      break;
    case "file_containing_extension": {
      const e = req.file_containing_extension ?? {};
      files(index.byExtension(e.containing_type ?? "", e.extension_number ?? 0), `extension ${e.containing_type}:${e.extension_number}`);
      break;
    }
    case "all_extension_numbers_of_type": {
      const name = req.all_extension_numbers_of_type ?? "";
      const numbers = index.extensionNumbers(name);
      if (numbers) res.all_extension_numbers_response = { base_type_name: name, extension_number: numbers };
      else res.error_response = { error_code: 5, error_message: `type ${name} not found` };
      break;
    }
    default:
      res.error_response = { error_code: 12, error_message: "unsupported reflection request" };
  }
  return res;
}

/**
 * addReflection registers server reflection (v1 and v1alpha) answering from
 * the buf-built descriptor set: real file names (`flotilla/v1/node.proto`),
 * map entries as `LabelsEntry`, each file with its transitive imports, so
 * strict descriptor pools (grpcurl, python grpcio) accept them.
 */
export function addReflection(server: Server): void {
  const index = descriptorIndex(readFileSync(DESCRIPTOR_SET));
  for (const version of ["v1", "v1alpha"]) {
    const def = loadSync(`grpc/reflection/${version}/reflection.proto`, {
      includeDirs: [REFLECTION_PROTO_DIR],
      keepCase: true,
      oneofs: true,
      longs: Number,
      enums: Number,
      defaults: false,
    });
    const pkg = loadPackageDefinition(def) as unknown as Record<string, any>;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access -- the loaded package definition is untyped
    server.addService(pkg.grpc.reflection[version].ServerReflection.service, {
      ServerReflectionInfo: (call: ServerDuplexStream<ReflectionRequest, unknown>) => {
        call.on("data", (req: ReflectionRequest) => call.write(answer(index, req)));
        call.on("end", () => call.end());
        call.on("error", () => undefined);
      },
    });
  }
}
