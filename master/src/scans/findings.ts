import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { Prisma } from "../generated/sqlite/client.js";
import { decodeIdCursor, toPage, type ListResponse } from "../services/paging.js";
import { isFingerprint } from "./fingerprint.js";
import { summarize, type FindingSummary } from "./summary.js";
import { findingView, type FindingView } from "./views.js";

/** TRIAGE_STATUSES are the statuses an operator may set on a finding. */
export const TRIAGE_STATUSES = ["open", "acknowledged", "false_positive", "accepted_risk", "handled"] as const;
/** TriageStatus is one of {@link TRIAGE_STATUSES}. */
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** FindingFilter selects findings for GET /findings; status "resolved" lists resolved ones, "all" everything. */
export interface FindingFilter {
  severity?: string;
  scanner?: string;
  nodeId?: string;
  status?: TriageStatus | "resolved" | "all";
}

function where(f: FindingFilter): Prisma.FindingWhereInput {
  const w: Prisma.FindingWhereInput = {};
  if (f.severity) w.severity = f.severity;
  if (f.scanner) w.scanner = f.scanner;
  if (f.nodeId) w.nodeId = f.nodeId;
  if (f.status === "resolved") w.resolvedAt = { not: null };
  else if (f.status !== "all") {
    w.resolvedAt = null;
    if (f.status) w.status = f.status;
  }
  return w;
}

/**
 * createFindingService reads findings, their summary, and records triage.
 * Triage (status, note, author, time) lives on the finding and is never
 * touched by scans.
 */
export function createFindingService(ctx: Pick<MasterContext, "db" | "bus">) {
  const { db, bus } = ctx;
  const get = async (fp: string) => {
    const row = isFingerprint(fp) ? await db.finding.findUnique({ where: { fingerprint: fp } }) : null;
    if (!row) throw errors.notFound("finding");
    return row;
  };
  return {
    /** list pages findings by fingerprint; current (unresolved) by default. */
    async list(f: FindingFilter, limit: number, cursor?: string): Promise<ListResponse<FindingView>> {
      const after = decodeIdCursor(cursor);
      const w = where(f);
      const rows = await db.finding.findMany({
        where: after ? { AND: [w, { fingerprint: { gt: after } }] } : w,
        orderBy: { fingerprint: "asc" },
        take: limit + 1,
      });
      return toPage(rows, limit, (r) => [r.fingerprint], findingView);
    },

    /** get returns one finding by fingerprint. */
    async get(fp: string): Promise<FindingView> {
      return findingView(await get(fp));
    },

    /** summary counts current findings (same filters as list). */
    async summary(f: FindingFilter): Promise<FindingSummary> {
      const rows = await db.finding.findMany({
        where: where(f),
        select: { severity: true, scanner: true, nodeId: true, reclaimableBytes: true, monthlyCost: true },
      });
      return summarize(rows.map((r) => ({ ...r, reclaimableBytes: Number(r.reclaimableBytes) })));
    },

    /** triage sets a finding's triage status and note and publishes finding.triaged. */
    async triage(fp: string, status: TriageStatus, note: string | undefined, author: string): Promise<FindingView> {
      const old = await get(fp);
      const row = await db.finding.update({
        where: { fingerprint: fp },
        data: { status, triageNote: note ?? old.triageNote, triagedBy: author, triagedAt: new Date() },
      });
      bus.publish(
        "finding.triaged",
        { fingerprint: fp, status, previous_status: old.status, note: row.triageNote, triaged_by: author, rule_id: row.ruleId, scanner: row.scanner },
        row.nodeId,
      );
      return findingView(row);
    },
  };
}

/** FindingService is the service built by {@link createFindingService}. */
export type FindingService = ReturnType<typeof createFindingService>;
