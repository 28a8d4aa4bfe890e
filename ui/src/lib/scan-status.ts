/**
 * Scan status helpers shared by the scan pages.
 */
import type { Scan } from "../types.js";

const BY_EVENT: Record<string, Scan["status"]> = {
  "scan.queued": "queued",
  "scan.started": "running",
  "scan.progress": "running",
  "scan.completed": "completed",
  "scan.failed": "failed",
  "scan.canceled": "canceled",
};

/** scanStatusOf maps a scan.* event type to a scan status. */
export function scanStatusOf(type: string): Scan["status"] | null {
  return BY_EVENT[type] ?? null;
}

/** isFinished reports whether a scan status is final. */
export function isFinished(status: string): boolean {
  return ["completed", "failed", "canceled", "partial"].includes(status);
}
