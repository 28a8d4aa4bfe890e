/**
 * Record types of the scan component: plain objects as the scan, finding,
 * schedule and census stores return them. JSON columns stay text here;
 * views.ts renders them.
 */

/** ScanRecord is one stored scan; `targets`, `scanners`, `options` and `summary` are JSON text. */
export interface ScanRecord {
  id: string;
  status: string;
  targets: string;
  scanners: string;
  options: string;
  requestedBy: string | null;
  scheduleId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  deadlineAt: Date;
  error: string | null;
  summary: string;
}

/** ScanNodeRecord is the task of one scan on one node. */
export interface ScanNodeRecord {
  scanId: string;
  nodeId: string;
  status: string;
  progress: number;
  commandId: string | null;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  findings: number;
}

/** FindingRecord is one stored finding, keyed by fingerprint; `evidence` is JSON text. */
export interface FindingRecord {
  fingerprint: string;
  scanner: string;
  ruleId: string;
  nodeId: string;
  resource: string;
  severity: string;
  title: string;
  message: string;
  evidence: string;
  reclaimableBytes: bigint;
  monthlyCost: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  firstScanId: string;
  lastScanId: string;
  resolvedAt: Date | null;
  status: string;
  triageNote: string | null;
  triagedBy: string | null;
  triagedAt: Date | null;
}

/** ScheduleRecord is one stored scan schedule; `targets` and `scanners` are JSON text. */
export interface ScheduleRecord {
  id: string;
  name: string;
  enabled: boolean;
  intervalSeconds: number | null;
  cron: string | null;
  timezone: string;
  targets: string;
  scanners: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
  lastScanId: string | null;
}

/** CensusRecord is one stored census snapshot of a node; `data` is JSON text. */
export interface CensusRecord {
  id: string;
  nodeId: string;
  scanId: string | null;
  takenAt: Date;
  data: string;
}
