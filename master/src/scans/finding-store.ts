import type { MasterContext } from "../context.js";
import type { Prisma } from "../generated/sqlite/client.js";
import type { FindingRecord } from "./records.js";

/** FindingQuery selects findings; status "resolved" selects resolved ones, "all" every one, otherwise current ones. */
export interface FindingQuery {
  severity?: string;
  scanner?: string;
  nodeId?: string;
  status?: string;
  ruleId?: string;
  /** Text search over title, rule, resource, message and node id (case-insensitive on PostgreSQL). */
  q?: string;
}

/** FindingSeen is what one scan saw of a finding: the columns it refreshes. */
export type FindingSeen = Pick<
  FindingRecord,
  "severity" | "title" | "message" | "evidence" | "reclaimableBytes" | "monthlyCost" | "lastSeenAt" | "lastScanId"
>;

/** FindingStore is the only code that reads and writes findings and their links to scans. */
export type FindingStore = ReturnType<typeof createFindingStore>;

/** createFindingStore returns the Finding and ScanFinding table operations. */
export function createFindingStore(ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>) {
  const { db } = ctx;
  const insensitive = ctx.provider === "postgres" ? { mode: "insensitive" } : {};
  const whereOf = (f: FindingQuery): Prisma.FindingWhereInput => {
    const w: Prisma.FindingWhereInput = {};
    if (f.ruleId) w.ruleId = f.ruleId;
    if (f.q) {
      const c = { contains: f.q, ...insensitive };
      w.OR = [{ title: c }, { ruleId: c }, { resource: c }, { message: c }, { nodeId: c }];
    }
    if (f.severity) w.severity = f.severity;
    if (f.scanner) w.scanner = f.scanner;
    if (f.nodeId) w.nodeId = f.nodeId;
    if (f.status === "resolved") w.resolvedAt = { not: null };
    else if (f.status !== "all") {
      w.resolvedAt = null;
      if (f.status) w.status = f.status;
    }
    return w;
  };
  return {
    get: (fingerprint: string): Promise<FindingRecord | null> => db.finding.findUnique({ where: { fingerprint } }),
    all: (f: FindingQuery): Promise<FindingRecord[]> => db.finding.findMany({ where: whereOf(f) }),
    count: (f: FindingQuery): Promise<number> => db.finding.count({ where: whereOf(f) }),
    /** page returns up to `take` matching findings by fingerprint after `after`. */
    page: (f: FindingQuery, take: number, after?: string): Promise<FindingRecord[]> => {
      const w = whereOf(f);
      return db.finding.findMany({ where: after ? { AND: [w, { fingerprint: { gt: after } }] } : w, orderBy: { fingerprint: "asc" }, take });
    },
    /** summaryRows reads the columns a summary counts. */
    summaryRows: (f: FindingQuery) =>
      db.finding.findMany({
        where: whereOf(f),
        select: { severity: true, scanner: true, nodeId: true, reclaimableBytes: true, monthlyCost: true, ruleId: true, title: true },
      }),
    /** triage stores a triage decision. */
    triage: (fingerprint: string, data: Pick<FindingRecord, "status" | "triageNote" | "triagedBy" | "triagedAt">): Promise<FindingRecord> =>
      db.finding.update({ where: { fingerprint }, data }),

    /** state reads what ingest needs of a known finding, or null. */
    state: (fingerprint: string): Promise<Pick<FindingRecord, "resolvedAt" | "status"> | null> =>
      db.finding.findUnique({ where: { fingerprint }, select: { resolvedAt: true, status: true } }),
    /** open stores a finding seen for the first time. */
    open: async (
      data: Pick<FindingRecord, "fingerprint" | "scanner" | "ruleId" | "nodeId" | "resource" | "firstSeenAt" | "firstScanId"> & FindingSeen,
    ) => void (await db.finding.create({ data })),
    /** seen refreshes a known finding; `reopen` clears its resolution (and `status` resets its triage). */
    seen: async (fingerprint: string, data: FindingSeen & { resolvedAt?: null; status?: string }): Promise<void> =>
      void (await db.finding.update({ where: { fingerprint }, data })),
    /** link records that a scan saw a finding. */
    link: async (scanId: string, fingerprint: string, severity: string): Promise<void> =>
      void (await db.scanFinding.upsert({
        where: { scanId_fingerprint: { scanId, fingerprint } },
        create: { scanId, fingerprint, severity },
        update: { severity },
      })),
    /** unresolvedExcept lists a node's current findings of one scanner other than `seen`. */
    unresolvedExcept: (nodeId: string, scanner: string, seen: string[]) =>
      db.finding.findMany({
        where: { nodeId, scanner, resolvedAt: null, fingerprint: { notIn: seen } },
        select: { fingerprint: true, ruleId: true, resource: true, severity: true, title: true },
      }),
    /** resolve marks findings resolved at `at`. */
    resolve: async (fingerprints: string[], at: Date): Promise<void> =>
      void (await db.finding.updateMany({ where: { fingerprint: { in: fingerprints } }, data: { resolvedAt: at } })),
  };
}
