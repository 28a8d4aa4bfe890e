import { create } from "@bufbuild/protobuf";
import { FindingSchema, ScanResultSchema, ScannerResultSchema, type ScanResult } from "@flotilla/shared/gen/flotilla/v1/scans_pb.js";
import type { ScannerRun } from "./runner.js";

/** toScanResult converts scanner runs into the ScanResult wire message. */
export function toScanResult(scanId: string, runs: readonly ScannerRun[]): ScanResult {
  return create(ScanResultSchema, {
    scanId,
    scanners: runs.map((r) =>
      create(ScannerResultSchema, {
        scanner: r.scanner,
        success: r.success,
        error: r.error,
        durationSeconds: r.durationSeconds,
        snapshotJson: r.snapshot === undefined ? "" : JSON.stringify(r.snapshot),
        findings: r.findings.map((f) =>
          create(FindingSchema, {
            ruleId: f.ruleId,
            severity: f.severity,
            title: f.title,
            resource: f.resource,
            message: f.message,
            evidenceJson: JSON.stringify(f.evidence),
            reclaimableBytes: BigInt(Math.max(0, Math.round(f.reclaimableBytes ?? 0))),
            monthlyCost: f.monthlyCost ?? 0,
          }),
        ),
      }),
    ),
  });
}
