import { errors, type FieldViolation } from "@flotilla/shared";

/** RULE_KINDS are the alert rule kinds (SPEC §4). */
export const RULE_KINDS = [
  "node_offline",
  "group_offline_ratio",
  "metric_threshold",
  "container_down",
  "finding_opened",
  "scan_failed",
  "enrollment_rejections",
  "cert_expiring",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** SEVERITIES from highest to lowest. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** METRICS a metric_threshold rule may watch, with the node.metrics field each reads. */
export const METRICS: Record<string, string> = {
  cpu: "cpu_usage_ratio",
  memory: "mem_usage_ratio",
  filesystem: "fs_max_usage_ratio",
  load: "load1_per_cpu",
};

/** RuleParams are the kind-specific parameters, validated by {@link checkParams}. */
export interface RuleParams {
  metric?: string;
  threshold?: number;
  ratio?: number;
  container?: string;
  restarts?: number;
  min_severity?: Severity;
  count?: number;
  window_seconds?: number;
  days?: number;
}

/**
 * checkParams validates the params of a rule kind under `params.*` and
 * returns them with defaults filled in.
 */
export function checkParams(kind: RuleKind, p: Record<string, unknown>): RuleParams {
  const bad: FieldViolation[] = [];
  const num = (k: string, min: number, max: number, dflt?: number): number | undefined => {
    const v = p[k] ?? dflt;
    if (v === undefined) return void bad.push({ field: `params.${k}`, message: "required" });
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max)
      return void bad.push({ field: `params.${k}`, message: `must be a number from ${min} to ${max}` });
    return v;
  };
  const allowed: Record<RuleKind, string[]> = {
    node_offline: [],
    group_offline_ratio: ["ratio"],
    metric_threshold: ["metric", "threshold"],
    container_down: ["container", "restarts", "window_seconds"],
    finding_opened: ["min_severity"],
    scan_failed: [],
    enrollment_rejections: ["count", "window_seconds"],
    cert_expiring: ["days"],
  };
  for (const k of Object.keys(p)) if (!allowed[kind].includes(k)) bad.push({ field: `params.${k}`, message: `not a parameter of ${kind} rules` });
  const out: RuleParams = {};
  switch (kind) {
    case "group_offline_ratio":
      out.ratio = num("ratio", 0.01, 1);
      break;
    case "metric_threshold":
      if (typeof p.metric !== "string" || !(p.metric in METRICS))
        bad.push({ field: "params.metric", message: `one of ${Object.keys(METRICS).join(", ")}` });
      else out.metric = p.metric;
      out.threshold = num("threshold", 0, 1_000);
      break;
    case "container_down":
      if (p.container !== undefined && (typeof p.container !== "string" || !/^[A-Za-z0-9_.*-]{1,128}$/.test(p.container)))
        bad.push({ field: "params.container", message: "a container name or glob (*)" });
      else if (p.container !== undefined) out.container = p.container as string;
      out.restarts = num("restarts", 1, 1_000, 3);
      out.window_seconds = num("window_seconds", 10, 86_400, 600);
      break;
    case "finding_opened":
      if (p.min_severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(p.min_severity))
        bad.push({ field: "params.min_severity", message: `one of ${SEVERITIES.join(", ")}` });
      out.min_severity = (p.min_severity as Severity | undefined) ?? "high";
      break;
    case "enrollment_rejections":
      out.count = num("count", 1, 100_000, 10);
      out.window_seconds = num("window_seconds", 10, 86_400, 300);
      break;
    case "cert_expiring":
      out.days = num("days", 1, 365, 7);
      break;
  }
  if (bad.length) throw errors.invalid("invalid alert rule parameters", bad);
  return out;
}

/** severityAtLeast tells whether `s` is at or above `min`. */
export const severityAtLeast = (s: string, min: string) =>
  SEVERITIES.indexOf(s as Severity) !== -1 && SEVERITIES.indexOf(s as Severity) <= SEVERITIES.indexOf(min as Severity);
