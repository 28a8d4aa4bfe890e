import { CATALOGUE, errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { ListResponse } from "../services/paging.js";
import { compareFindings, type Comparison } from "./compare.js";
import type { Orchestrator } from "./orchestrator.js";
import { renderCsv } from "./report-csv.js";
import { renderHtml } from "./report-html.js";
import { deleteScan, getScan, getScanRow, listScans, pageScanFindings, scanFindings } from "./scan-store.js";
import type { Targets } from "./targets.js";
import { findingView, scanNodeView, scanView, type FindingView } from "./views.js";

/** DEFAULT_DEADLINE_SECONDS is how long offline targets are waited for unless a scan says otherwise. */
export const DEFAULT_DEADLINE_SECONDS = 3600;

/** checkScanners validates scanner names against the catalogue; empty or absent means every scanner. */
export function checkScanners(names: readonly string[] | undefined, field = "scanners"): string[] {
  const known = CATALOGUE.map((s) => s.name);
  if (!names || names.length === 0) return known;
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw errors.invalid(
      "unknown scanners",
      unknown.map((n) => ({ field, message: `unknown scanner "${n}" (known: ${known.join(", ")})` })),
    );
  }
  return [...new Set(names)];
}

/** NewScan is the POST /scans body after validation. */
export interface NewScan {
  targets: Targets;
  scanners?: string[];
  options?: Record<string, unknown>;
  deadline_seconds?: number;
}

/** ReportFormat is a scan report format. */
export type ReportFormat = "json" | "csv" | "html";

/** createScanService starts, reads, cancels, deletes, compares and reports scans. */
export function createScanService(ctx: Pick<MasterContext, "db">, orch: Orchestrator) {
  const view = async (id: string) => {
    const s = await getScan(ctx, id);
    const live = orch.liveProgress(id);
    const nodes = live
      ? s.nodes.map((n) => (live.has(n.nodeId) && ["running"].includes(n.status) ? { ...n, progress: live.get(n.nodeId)! } : n))
      : s.nodes;
    return scanView(s, nodes);
  };
  return {
    async create(body: NewScan, requestedBy: string | null, scheduleId?: string) {
      const scanners = checkScanners(body.scanners);
      const s = await orch.submit({
        targets: body.targets,
        scanners,
        options: body.options ?? {},
        deadlineSeconds: body.deadline_seconds ?? DEFAULT_DEADLINE_SECONDS,
        requestedBy,
        scheduleId: scheduleId ?? null,
      });
      return { scan_id: s.id, id: s.id, status: "queued" as const };
    },
    get: view,
    list: (limit: number, cursor?: string) => listScans(ctx, limit, cursor),
    async cancel(id: string) {
      await orch.cancel(id);
      return view(id);
    },
    async remove(id: string) {
      if (orch.isActive(id)) throw errors.conflict("the scan is still running; cancel it first");
      await deleteScan(ctx, id);
      return { id, deleted: true };
    },
    findings: (id: string, limit: number, cursor?: string): Promise<ListResponse<FindingView>> => pageScanFindings(ctx, id, limit, cursor),

    /** compare lists findings new in head, fixed since base and unchanged. */
    async compare(baseId: string, headId: string): Promise<Comparison<FindingView>> {
      await getScanRow(ctx, baseId);
      const head = await getScan(ctx, headId);
      const scanned = new Set(head.nodes.filter((n) => n.status === "succeeded").map((n) => n.nodeId));
      const [b, h] = await Promise.all([scanFindings(ctx, baseId), scanFindings(ctx, headId)]);
      const c = compareFindings(b, h, scanned);
      return { new: c.new.map(findingView), fixed: c.fixed.map(findingView), unchanged: c.unchanged.map(findingView) };
    },

    /** report renders a scan and its findings as JSON, CSV or HTML. */
    async report(id: string, format: ReportFormat): Promise<{ contentType: string; body: string | object; filename: string }> {
      const s = await getScan(ctx, id);
      const findings = (await scanFindings(ctx, id)).map(findingView);
      const v = scanView(s, s.nodes);
      if (format === "csv") return { contentType: "text/csv; charset=utf-8", body: renderCsv(findings), filename: `scan-${id}.csv` };
      if (format === "html") {
        const body = renderHtml({ ...v, nodes: s.nodes.map(scanNodeView) }, findings);
        return { contentType: "text/html; charset=utf-8", body, filename: `scan-${id}.html` };
      }
      return { contentType: "application/json; charset=utf-8", body: { scan: v, findings }, filename: `scan-${id}.json` };
    },
  };
}

/** ScanService is the service built by {@link createScanService}. */
export type ScanService = ReturnType<typeof createScanService>;
