import type { HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { errors, type FieldViolation } from "@flotilla/shared";
import type { NodeFacts } from "./enrollment.js";

const MAX_TEXT = 256;
const MAX_ADDRESSES = 64;

/**
 * factsFromWire validates wire host facts and converts them for services;
 * returns null when absent. Over-long fields are invalid_argument.
 */
export function factsFromWire(f: HostFacts | undefined): NodeFacts | null {
  if (!f) return null;
  const bad: FieldViolation[] = [];
  const text = (field: string, v: string, max = MAX_TEXT) => {
    if (v.length > max) bad.push({ field: `facts.${field}`, message: `longer than ${max} characters` });
    return v.trim();
  };
  const out: NodeFacts = {
    hostname: text("hostname", f.hostname, 253),
    os: text("os", f.os),
    osVersion: text("os_version", f.osVersion),
    kernel: text("kernel", f.kernel),
    arch: text("arch", f.arch),
    cpus: f.cpus,
    memoryBytes: f.memoryBytes,
    machineId: text("machine_id", f.machineId, 128),
    agentVersion: text("agent_version", f.agentVersion, 64),
    addresses: f.addresses.slice(0, MAX_ADDRESSES).map((a) => text("addresses", a, 64)),
  };
  if (f.cpus > 65_536) bad.push({ field: "facts.cpus", message: "out of range" });
  if (f.memoryBytes > 2n ** 62n) bad.push({ field: "facts.memory_bytes", message: "out of range" });
  if (bad.length) throw errors.invalid(`invalid host facts: ${bad.map((b) => b.field).join(", ")}`, bad);
  return out;
}
