import { SEVERITIES, type Severity } from "@flotilla/shared";

/** SummaryInput is the part of a finding a summary counts. */
export interface SummaryInput {
  severity: string;
  scanner: string;
  nodeId: string;
  reclaimableBytes: number;
  monthlyCost: number;
}

/** FindingSummary counts findings by severity, scanner and node, with reclaimable bytes and savings. */
export interface FindingSummary {
  total: number;
  by_severity: Record<Severity, number>;
  by_scanner: Record<string, number>;
  by_node: Record<string, number>;
  reclaimable_bytes: number;
  /** Estimated monthly savings: the sum of the findings' monthly cost, rounded to cents. */
  monthly_savings: number;
}

/** emptySummary returns a summary of no findings. */
export function emptySummary(): FindingSummary {
  return summarize([]);
}

/**
 * summarize counts findings by severity (every severity present, zero when
 * none), scanner and node, and totals reclaimable bytes and monthly savings.
 */
export function summarize(findings: readonly SummaryInput[]): FindingSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byScanner: Record<string, number> = {};
  const byNode: Record<string, number> = {};
  let bytes = 0;
  let cost = 0;
  for (const f of findings) {
    if (f.severity in bySeverity) bySeverity[f.severity as Severity]++;
    byScanner[f.scanner] = (byScanner[f.scanner] ?? 0) + 1;
    byNode[f.nodeId] = (byNode[f.nodeId] ?? 0) + 1;
    bytes += Math.max(0, f.reclaimableBytes);
    cost += Math.max(0, f.monthlyCost);
  }
  return {
    total: findings.length,
    by_severity: bySeverity,
    by_scanner: byScanner,
    by_node: byNode,
    reclaimable_bytes: bytes,
    monthly_savings: Math.round(cost * 100) / 100,
  };
}
