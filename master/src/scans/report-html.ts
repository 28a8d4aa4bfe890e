import { SEVERITIES } from "@flotilla/shared";
import type { FindingSummary } from "./summary.js";
import type { FindingView } from "./views.js";

/** escapeHtml escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(v: unknown): string {
  return String(v ?? "").replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** ReportScan is what the HTML header shows about a scan. */
export interface ReportScan {
  id: string;
  status: string;
  created_at: string;
  finished_at: string | null;
  scanners: string[];
  nodes: { node_id: string; status: string; findings: number; reason: string | null }[];
  summary: FindingSummary;
}

const CSS = `body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#111}h1{font-size:20px;margin:0 0 4px}
h2{font-size:15px;margin:20px 0 6px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2}.meta{color:#555}.sev{font-weight:600;text-transform:uppercase;font-size:11px}
.critical{color:#a00}.high{color:#c50}.medium{color:#a80}.low{color:#357}.info{color:#555}code{font-size:12px;word-break:break-all}
@media print{body{margin:0}tr{page-break-inside:avoid}}`;

function bytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) ((v /= 1024), i++);
  return `${i ? v.toFixed(1) : v} ${units[i]}`;
}

/**
 * renderHtml renders a scan report as one self-contained printable HTML
 * file: inline CSS, no scripts, no external resources, every value escaped.
 */
export function renderHtml(scan: ReportScan, findings: readonly FindingView[]): string {
  const e = escapeHtml;
  const s = scan.summary;
  const sev = SEVERITIES.map((k) => `<td>${e(s.by_severity[k] ?? 0)}</td>`).join("");
  const nodes = scan.nodes
    .map((n) => `<tr><td><code>${e(n.node_id)}</code></td><td>${e(n.status)}</td><td>${e(n.findings)}</td><td>${e(n.reason ?? "")}</td></tr>`)
    .join("\n");
  const rows = findings
    .map(
      (f) =>
        `<tr><td class="sev ${e(f.severity)}">${e(f.severity)}</td><td>${e(f.title)}<br><span class="meta">${e(f.message)}</span></td>` +
        `<td><code>${e(f.rule_id)}</code></td><td><code>${e(f.resource)}</code></td><td><code>${e(f.node_id)}</code></td><td>${e(f.status)}</td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Flotilla scan report ${e(scan.id)}</title>
<style>${CSS}</style></head><body>
<h1>Scan report</h1>
<div class="meta">Scan <code>${e(scan.id)}</code> · status ${e(scan.status)} · created ${e(scan.created_at)} · finished ${e(scan.finished_at ?? "-")} · scanners ${e(scan.scanners.join(", ") || "all")}</div>
<h2>Summary</h2>
<table><tr><th>Findings</th>${SEVERITIES.map((k) => `<th>${e(k)}</th>`).join("")}<th>Reclaimable</th><th>Monthly savings</th></tr>
<tr><td>${e(s.total)}</td>${sev}<td>${e(bytes(s.reclaimable_bytes))}</td><td>${e(s.monthly_savings.toFixed(2))}</td></tr></table>
<h2>Nodes</h2>
<table><tr><th>Node</th><th>Status</th><th>Findings</th><th>Reason</th></tr>
${nodes}
</table>
<h2>Findings</h2>
<table><tr><th>Severity</th><th>Finding</th><th>Rule</th><th>Resource</th><th>Node</th><th>Status</th></tr>
${rows}
</table>
</body></html>
`;
}
