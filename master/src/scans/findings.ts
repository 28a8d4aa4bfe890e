import { errors, SEVERITIES } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { offsetPage, type SortKey } from "../services/offset-page.js";
import { decodeIdCursor, toPage, type ListResponse, type Page } from "../services/paging.js";
import { createFindingStore } from "./finding-store.js";
import { isFingerprint } from "./fingerprint.js";
import type { FindingRecord } from "./records.js";
import { groupByRule, severityRank, type RuleGroup } from "./rule-groups.js";
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
  ruleId?: string;
  /** Text search over title, rule, resource, message and node id. */
  q?: string;
}

/** FINDING_SORTS are the columns GET /findings sorts by (`?sort=`); severity ranks critical highest. */
export const FINDING_SORTS = ["severity", "title", "rule", "node", "resource", "status", "last_seen", "savings"] as const;
/** FindingSort is one of {@link FINDING_SORTS}. */
export type FindingSort = (typeof FINDING_SORTS)[number];

/** FindingListOptions page and order GET /findings. */
export interface FindingListOptions {
  limit: number;
  cursor?: string | undefined;
  sort?: FindingSort | undefined;
  order?: "asc" | "desc" | undefined;
}

function sortKey(f: FindingRecord, sort: FindingSort): SortKey {
  switch (sort) {
    case "severity":
      // Higher is more severe, so "desc" lists critical first.
      return SEVERITIES.length - severityRank(f.severity);
    case "title":
      return f.title.toLowerCase();
    case "rule":
      return f.ruleId;
    case "node":
      return f.nodeId;
    case "resource":
      return f.resource.toLowerCase();
    case "status":
      return f.resolvedAt ? "resolved" : f.status;
    case "last_seen":
      return f.lastSeenAt.getTime();
    case "savings":
      return f.monthlyCost;
  }
}

/**
 * createFindingService reads findings, their summary, and records triage.
 * Triage (status, note, author, time) lives on the finding and is never
 * touched by scans.
 */
export function createFindingService(ctx: Pick<MasterContext, "db" | "bus" | "provider">) {
  const { bus } = ctx;
  const store = createFindingStore(ctx);
  const get = async (fp: string) => {
    const row = isFingerprint(fp) ? await store.get(fp) : null;
    if (!row) throw errors.notFound("finding");
    return row;
  };
  return {
    /**
     * list pages findings, current (unresolved) by default, with the count of
     * every match: by fingerprint (keyset paged), or sorted by a column
     * (offset paged).
     */
    async list(f: FindingFilter, o: FindingListOptions): Promise<ListResponse<FindingView> & { page: Page & { total: number } }> {
      const { limit, cursor } = o;
      if (o.sort) {
        const sort = o.sort;
        const all = await store.all(f);
        const p = offsetPage(all, { key: (r) => sortKey(r, sort), idOf: (r) => r.fingerprint, order: o.order ?? "asc", limit, cursor });
        return { items: p.items.map(findingView), page: { ...p.page, total: all.length } };
      }
      const total = await store.count(f);
      const rows = await store.page(f, limit + 1, decodeIdCursor(cursor));
      const p = toPage(rows, limit, (r) => [r.fingerprint], findingView);
      return { items: p.items, page: { ...p.page, total } };
    },

    /** get returns one finding by fingerprint. */
    async get(fp: string): Promise<FindingView> {
      return findingView(await get(fp));
    },

    /** summary counts current findings (same filters as list), also by rule. */
    async summary(f: FindingFilter): Promise<FindingSummary & { by_rule: RuleGroup[] }> {
      const rows = await store.summaryRows(f);
      return { ...summarize(rows.map((r) => ({ ...r, reclaimableBytes: Number(r.reclaimableBytes) }))), by_rule: groupByRule(rows) };
    },

    /** triage sets a finding's triage status and note and publishes finding.triaged. */
    async triage(fp: string, status: TriageStatus, note: string | undefined, author: string): Promise<FindingView> {
      const old = await get(fp);
      const row = await store.triage(fp, { status, triageNote: note ?? old.triageNote, triagedBy: author, triagedAt: new Date() });
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
