import { createHash } from "node:crypto";

/**
 * fingerprint is the stable identity of a finding: the SHA-256 (hex) of its
 * scanner, rule id, node id and resource, each NUL-separated so no two
 * different tuples share a digest input. It stays the same across scans.
 */
export function fingerprint(scanner: string, ruleId: string, nodeId: string, resource: string): string {
  return createHash("sha256").update([scanner, ruleId, nodeId, resource].join("\u0000")).digest("hex");
}

/** isFingerprint tells whether a string has the shape of a fingerprint (64 lowercase hex digits). */
export function isFingerprint(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}
