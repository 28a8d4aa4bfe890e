import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { decodeIdCursor, toPage, type ListResponse } from "../services/paging.js";
import type { FindingRecord as Finding, ScanNodeRecord as ScanNode, ScanRecord as Scan } from "./records.js";
import { summarize, type FindingSummary } from "./summary.js";
import { findingView, scanView, type FindingView } from "./views.js";

/** ACTIVE_SCAN and FINISHED_SCAN partition scan statuses. */
export const ACTIVE_SCAN = ["queued", "running"] as const;
export const FINISHED_SCAN = ["completed", "failed", "canceled"] as const;
/** ACTIVE_TASK are the per-node statuses that are not final. */
export const ACTIVE_TASK = ["queued", "waiting", "running"] as const;

type Ctx = Pick<MasterContext, "db">;

/** NodeUpdate is a change to one per-node task row. */
export type NodeUpdate = Partial<Pick<ScanNode, "status" | "progress" | "commandId" | "error" | "startedAt" | "finishedAt" | "findings">>;

/** getScan reads a scan with its nodes; not_found when missing. */
export async function getScan(ctx: Ctx, id: string): Promise<Scan & { nodes: ScanNode[] }> {
  const s = await ctx.db.scan.findUnique({ where: { id }, include: { nodes: { orderBy: { nodeId: "asc" } } } });
  if (!s) throw errors.notFound("scan");
  return s;
}

/** listScans pages scans newest first. */
export async function listScans(ctx: Ctx, limit: number, cursor?: string): Promise<ListResponse<ReturnType<typeof scanView>>> {
  const after = decodeIdCursor(cursor);
  const rows = await ctx.db.scan.findMany({
    where: after ? { id: { lt: after } } : {},
    orderBy: { id: "desc" },
    take: limit + 1,
    include: { nodes: { orderBy: { nodeId: "asc" } } },
  });
  return toPage(
    rows,
    limit,
    (r) => [r.id],
    (r) => scanView(r, r.nodes),
  );
}

/** updateNode writes one per-node task row. */
export async function updateNode(ctx: Ctx, scanId: string, nodeId: string, data: NodeUpdate): Promise<void> {
  await ctx.db.scanNode.update({ where: { scanId_nodeId: { scanId, nodeId } }, data });
}

/** scanFindings returns every finding a scan saw. */
export async function scanFindings(ctx: Ctx, scanId: string): Promise<Finding[]> {
  const links = await ctx.db.scanFinding.findMany({ where: { scanId }, select: { fingerprint: true } });
  const out: Finding[] = [];
  for (let i = 0; i < links.length; i += 500) {
    const chunk = links.slice(i, i + 500).map((l) => l.fingerprint);
    out.push(...(await ctx.db.finding.findMany({ where: { fingerprint: { in: chunk } } })));
  }
  return out.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
}

/** pageScanFindings pages the findings a scan saw, by fingerprint. */
export async function pageScanFindings(ctx: Ctx, scanId: string, limit: number, cursor?: string): Promise<ListResponse<FindingView>> {
  await getScanRow(ctx, scanId);
  const after = decodeIdCursor(cursor);
  const links = await ctx.db.scanFinding.findMany({
    where: { scanId, ...(after ? { fingerprint: { gt: after } } : {}) },
    orderBy: { fingerprint: "asc" },
    take: limit + 1,
  });
  const rows = await ctx.db.finding.findMany({ where: { fingerprint: { in: links.map((l) => l.fingerprint) } } });
  const byFp = new Map(rows.map((r) => [r.fingerprint, r]));
  const joined = links.map((l) => byFp.get(l.fingerprint)).filter((f): f is Finding => f !== undefined);
  return toPage(joined, limit, (r) => [r.fingerprint], findingView);
}

/** getScanRow reads a scan without nodes; not_found when missing. */
export async function getScanRow(ctx: Ctx, id: string): Promise<Scan> {
  const s = await ctx.db.scan.findUnique({ where: { id } });
  if (!s) throw errors.notFound("scan");
  return s;
}

/** scanSummary summarizes the findings a scan saw. */
export async function scanSummary(ctx: Ctx, scanId: string): Promise<FindingSummary> {
  const rows = await scanFindings(ctx, scanId);
  return summarize(rows.map((f) => ({ ...f, reclaimableBytes: Number(f.reclaimableBytes) })));
}

/** deleteScan removes a finished scan, its per-node rows and its finding links (findings stay). */
export async function deleteScan(ctx: Ctx, id: string): Promise<void> {
  const s = await getScanRow(ctx, id);
  if ((ACTIVE_SCAN as readonly string[]).includes(s.status)) throw errors.conflict("the scan is still running; cancel it first");
  await ctx.db.$transaction([
    ctx.db.scanFinding.deleteMany({ where: { scanId: id } }),
    ctx.db.censusSnapshot.updateMany({ where: { scanId: id }, data: { scanId: null } }),
    ctx.db.scan.delete({ where: { id } }),
  ]);
}

/** knownNodeIds returns which of `ids` name a node. */
export async function knownNodeIds(ctx: Ctx, ids: string[]): Promise<string[]> {
  const rows = await ctx.db.node.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** nodeIdsWithLabels returns the ids of the nodes carrying every label given (all nodes for none), in id order. */
export async function nodeIdsWithLabels(ctx: Ctx, labels: Record<string, string>): Promise<string[]> {
  const entries = Object.entries(labels);
  const where = entries.length ? { AND: entries.map(([key, value]) => ({ labels: { some: { key, value } } })) } : {};
  const rows = await ctx.db.node.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/** NewScan is a scan to create, with the nodes it targets (each task starts queued). */
export type NewScan = Pick<Scan, "id" | "status" | "targets" | "scanners" | "options" | "requestedBy" | "scheduleId" | "deadlineAt"> & {
  nodeIds: string[];
};

/** createScan stores a scan and one queued task per target node. */
export async function createScan(ctx: Ctx, s: NewScan): Promise<Scan> {
  const { nodeIds, ...data } = s;
  return ctx.db.scan.create({ data: { ...data, nodes: { create: nodeIds.map((nodeId) => ({ nodeId, status: "queued" })) } } });
}

/** updateScan writes columns of one scan and returns it. */
export async function updateScan(ctx: Ctx, id: string, data: Partial<Omit<Scan, "id">>): Promise<Scan> {
  return ctx.db.scan.update({ where: { id }, data });
}

/** settleNodes sets status `status` (and full progress) on the given tasks of a scan that do not have it yet. */
export async function settleNodes(ctx: Ctx, scanId: string, nodeIds: string[], status: string): Promise<void> {
  await ctx.db.scanNode.updateMany({ where: { scanId, nodeId: { in: nodeIds }, status: { not: status } }, data: { status, progress: 1 } });
}

/** activeScanIds lists the ids of every scan that is queued or running. */
export async function activeScanIds(ctx: Ctx): Promise<string[]> {
  return (await ctx.db.scan.findMany({ where: { status: { in: [...ACTIVE_SCAN] } }, select: { id: true } })).map((s) => s.id);
}

/** activeScans reads the scans of `ids` that are still queued or running, with their tasks. */
export async function activeScans(ctx: Ctx, ids: string[]): Promise<Array<Scan & { nodes: ScanNode[] }>> {
  return ctx.db.scan.findMany({ where: { id: { in: ids }, status: { in: [...ACTIVE_SCAN] } }, include: { nodes: true } });
}
