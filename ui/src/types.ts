/**
 * Response shapes of the REST API (SPEC §4), snake_case as on the wire.
 * Optional fields are ones the UI copes without.
 */

/** Page is the envelope of every list. */
export interface Page<T> {
  items: T[];
  page: { limit: number; next_cursor: string | null; has_more: boolean; total?: number };
}

/** Role is an operator's role, lowest to highest. */
export type Role = "viewer" | "operator" | "admin";

/** Me is the signed-in user (GET /auth/me). */
export interface Me {
  id: string;
  username: string;
  role: Role;
}

/** User is one operator account. */
export interface User extends Me {
  created_at?: string;
  last_login_at?: string | null;
}

/** Labels are a node's key/value labels. */
export type Labels = Record<string, string>;

/** FleetNode is one enrolled host. */
export interface FleetNode {
  id: string;
  name: string;
  hostname: string;
  status: "online" | "offline" | string;
  labels: Labels;
  os?: string;
  os_version?: string;
  kernel?: string;
  arch?: string;
  cpus?: number;
  memory_bytes?: number | string;
  agent_version?: string;
  addresses?: string[];
  machine_id?: string;
  enrolled_at?: string;
  last_seen_at?: string | null;
  duplicate_of?: string | null;
  /** Latest host figures (0-1), null when the master has none. */
  cpu_usage_ratio?: number | null;
  mem_usage_ratio?: number | null;
  fs_max_usage_ratio?: number | null;
}

/** FleetStatus is GET /fleet/status. */
export interface FleetStatus {
  total: number;
  online: number;
  offline: number;
  by_os?: Record<string, number>;
  by_agent_version?: Record<string, number>;
}

/** Severity of a finding, highest first. */
export type Severity = "critical" | "high" | "medium" | "low" | "info";
export const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];

/** FindingsSummary is GET /findings/summary and a scan's `summary`. */
export interface FindingsSummary {
  total: number;
  by_severity: Partial<Record<Severity, number>>;
  by_scanner: Record<string, number>;
  by_node: Record<string, number>;
  reclaimable_bytes: number;
  /** Estimated monthly savings in US dollars. */
  monthly_savings: number;
}

/** TriageStatus is a finding's triage state. */
export const TRIAGE_STATUSES = ["open", "acknowledged", "false_positive", "accepted_risk", "handled"] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Finding is one current observation of a rule on a resource. */
export interface Finding {
  fingerprint: string;
  scanner: string;
  rule_id: string;
  node_id: string;
  resource: string;
  severity: Severity;
  title: string;
  message: string;
  evidence?: Record<string, unknown>;
  reclaimable_bytes?: number | string;
  monthly_cost?: number;
  /** The triage status, or "resolved" once a later scan no longer sees it. */
  status: TriageStatus | "resolved" | string;
  /** The triage status even when resolved. */
  triage_status: TriageStatus;
  triage_note?: string | null;
  triaged_by?: string | null;
  triaged_at?: string | null;
  first_seen_at?: string;
  last_seen_at?: string;
  resolved_at?: string | null;
}

/** Container is one container on one node. */
export interface Container {
  id: string;
  node_id: string;
  name: string;
  image: string;
  state: string;
  status?: string;
  created_at?: string;
  restart_count?: number;
}

/** CommandResult is the command record a container action answers. */
export interface CommandResult {
  id: string;
  node_id: string;
  kind: string;
  /** pending, sent, running, succeeded, failed, timed_out, canceled */
  status: string;
  error_code: string | null;
  error_message: string | null;
  result?: unknown;
}

/** JoinToken is one enrollment token (the secret only at creation). */
export interface JoinToken {
  id: string;
  name: string;
  labels?: Labels;
  max_uses: number;
  uses: number;
  expires_at: string;
  revoked_at?: string | null;
  created_at?: string;
  status?: string;
  token?: string;
  join_command?: string;
}

/** EnrollmentAttempt is one recorded enrollment try. */
export interface EnrollmentAttempt {
  id: string;
  token_id?: string | null;
  node_id?: string | null;
  outcome: string;
  reason: string;
  source_addr?: string;
  hostname?: string | null;
  created_at: string;
}

/** ScanNodeStatus is one node's part of a scan. */
export interface ScanNodeStatus {
  node_id: string;
  status: string;
  progress?: number;
  error?: string | null;
  /** Why a node was skipped or failed. */
  reason?: string | null;
  findings?: number;
  started_at?: string | null;
  finished_at?: string | null;
}

/** Scan is one scan run. */
export interface Scan {
  id: string;
  status: string;
  targets?: { node_ids?: string[]; labels?: Labels; all?: boolean };
  scanners?: string[];
  created_at?: string;
  started_at?: string | null;
  finished_at?: string | null;
  progress?: number;
  error?: string | null;
  requested_by?: string | null;
  summary?: FindingsSummary;
  nodes?: ScanNodeStatus[];
}

/** ScanCompare is GET /scans/compare. */
export interface ScanCompare {
  new: Finding[];
  fixed: Finding[];
  unchanged: Finding[] | number;
}

/** ScannerInfo is one entry of GET /scanners. */
export interface ScannerInfo {
  name: string;
  description?: string;
  rules?: { id: string; title: string; severity: Severity }[];
}

/** Schedule is a recurring scan. */
export interface Schedule {
  id: string;
  name: string;
  enabled: boolean;
  interval_seconds?: number | null;
  cron?: string | null;
  timezone?: string;
  targets?: Scan["targets"];
  scanners?: string[];
  next_run_at?: string | null;
  last_run_at?: string | null;
  last_status?: string | null;
}

/** FleetEvent is one event of the log and the live feed. */
export interface FleetEvent {
  id: string;
  type: string;
  ts: string;
  node_id?: string;
  data: Record<string, unknown>;
}

/** ApiKey is one API key (the secret only at creation). */
export interface ApiKey {
  id: string;
  name: string;
  prefix?: string;
  role: Role;
  user_id?: string;
  created_at?: string;
  last_used_at?: string | null;
  expires_at?: string | null;
  key?: string;
}

/** CensusSnapshot is GET /nodes/{id}/census: the newest host census of a node. */
export interface CensusSnapshot {
  id: string;
  node_id: string;
  scan_id: string;
  taken_at: string;
  census: Record<string, unknown>;
}
