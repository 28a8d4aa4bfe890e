import type { FindingRecord as Finding, ScanNodeRecord as ScanNode, ScanRecord as Scan, ScheduleRecord as Schedule } from "./records.js";
import { emptySummary, type FindingSummary } from "./summary.js";

/** FindingView is a finding as the REST API renders it. */
export interface FindingView {
  fingerprint: string;
  scanner: string;
  rule_id: string;
  node_id: string;
  resource: string;
  severity: string;
  title: string;
  message: string;
  evidence: unknown;
  reclaimable_bytes: number;
  monthly_cost: number;
  /** Triage status, or "resolved" once a later scan no longer sees it. */
  status: string;
  triage_status: string;
  triage_note: string | null;
  triaged_by: string | null;
  triaged_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
  first_scan_id: string;
  last_scan_id: string;
  resolved_at: string | null;
}

/** parseJson reads a stored JSON column, falling back when it is unreadable. */
export function parseJson<T>(raw: string | null | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** findingView renders a Finding row. */
export function findingView(f: Finding): FindingView {
  return {
    fingerprint: f.fingerprint,
    scanner: f.scanner,
    rule_id: f.ruleId,
    node_id: f.nodeId,
    resource: f.resource,
    severity: f.severity,
    title: f.title,
    message: f.message,
    evidence: parseJson<unknown>(f.evidence, {}),
    reclaimable_bytes: Number(f.reclaimableBytes),
    monthly_cost: f.monthlyCost,
    status: f.resolvedAt ? "resolved" : f.status,
    triage_status: f.status,
    triage_note: f.triageNote,
    triaged_by: f.triagedBy,
    triaged_at: iso(f.triagedAt),
    first_seen_at: f.firstSeenAt.toISOString(),
    last_seen_at: f.lastSeenAt.toISOString(),
    first_scan_id: f.firstScanId,
    last_scan_id: f.lastScanId,
    resolved_at: iso(f.resolvedAt),
  };
}

/** scanNodeView renders one node task of a scan. */
export function scanNodeView(n: ScanNode) {
  const skipped = n.status === "skipped";
  // A node whose scan ran but where a scanner errored is a partial failure, with the scanner's error as the reason.
  const partial = n.status === "succeeded" && !!n.error;
  return {
    node_id: n.nodeId,
    status: partial ? "partial" : n.status,
    progress: n.progress,
    command_id: n.commandId,
    error: skipped ? null : n.error,
    reason: skipped || partial || n.status === "failed" ? n.error : null,
    findings: n.findings,
    started_at: iso(n.startedAt),
    finished_at: iso(n.finishedAt),
  };
}

/** scanView renders a scan; nodes are included when given. */
export function scanView(s: Scan, nodes?: ScanNode[]) {
  const active = nodes?.filter((n) => ["queued", "waiting", "running"].includes(n.status)) ?? [];
  return {
    id: s.id,
    scan_id: s.id,
    status: s.status,
    targets: parseJson<unknown>(s.targets, {}),
    scanners: parseJson<string[]>(s.scanners, []),
    options: parseJson<Record<string, unknown>>(s.options, {}),
    requested_by: s.requestedBy,
    schedule_id: s.scheduleId,
    created_at: s.createdAt.toISOString(),
    started_at: iso(s.startedAt),
    finished_at: iso(s.finishedAt),
    deadline_at: s.deadlineAt.toISOString(),
    error: s.error,
    summary: parseJson<FindingSummary>(s.summary, emptySummary()),
    ...(nodes
      ? {
          progress: nodes.length ? nodes.reduce((a, n) => a + (active.includes(n) ? n.progress : 1), 0) / nodes.length : 1,
          nodes: nodes.map(scanNodeView),
        }
      : {}),
  };
}

/** scheduleView renders a schedule. */
export function scheduleView(s: Schedule) {
  return {
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    interval_seconds: s.intervalSeconds,
    cron: s.cron,
    timezone: s.timezone,
    targets: parseJson<unknown>(s.targets, {}),
    scanners: parseJson<string[]>(s.scanners, []),
    created_by: s.createdBy,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    next_run_at: iso(s.nextRunAt),
    last_run_at: iso(s.lastRunAt),
    last_status: s.lastStatus,
    last_error: s.lastError,
    last_scan_id: s.lastScanId,
  };
}
