import type { FindingView } from "./views.js";

/** CSV_COLUMNS are the columns of a findings CSV report, in order (also the header row). */
export const CSV_COLUMNS = [
  "fingerprint",
  "node_id",
  "scanner",
  "rule_id",
  "severity",
  "status",
  "resource",
  "title",
  "message",
  "reclaimable_bytes",
  "monthly_cost",
  "first_seen_at",
  "last_seen_at",
  "triage_note",
] as const;

/**
 * csvCell quotes one value per RFC 4180 (quotes doubled, fields with commas,
 * quotes or line breaks enclosed). Text that a spreadsheet would run as a
 * formula (leading =, +, -, @, tab or CR) is prefixed with a single quote.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "number" ? String(v) : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** renderCsv renders findings as CSV with a header row and CRLF line ends. */
export function renderCsv(findings: readonly FindingView[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const f of findings) lines.push(CSV_COLUMNS.map((c) => csvCell(f[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}
