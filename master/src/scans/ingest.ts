import type { ScanResult, Finding as WireFinding } from "@flotilla/shared/gen/flotilla/v1/scans_pb.js";
import { SEVERITIES } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import { createCensusStore } from "./census-store.js";
import { createFindingStore } from "./finding-store.js";
import { fingerprint } from "./fingerprint.js";

/** MAX_FINDINGS_PER_SCANNER bounds what one scanner result may store. */
export const MAX_FINDINGS_PER_SCANNER = 5000;
const MAX_EVIDENCE = 16 * 1024;
const MAX_SNAPSHOT = 8 * 1024 * 1024;

/** IngestOutcome is what storing one node's ScanResult produced. */
export interface IngestOutcome {
  findings: number;
  opened: number;
  resolved: number;
  /** Scanners that failed on the node, with their error. */
  failed: { scanner: string; error: string }[];
}

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

function evidenceOf(f: WireFinding): string {
  if (!f.evidenceJson || f.evidenceJson.length > MAX_EVIDENCE) return "{}";
  try {
    return JSON.stringify(JSON.parse(f.evidenceJson));
  } catch {
    return "{}";
  }
}

/**
 * ingestScanResult stores one node's ScanResult for a scan: it upserts every
 * finding by fingerprint (first/last seen, first/last scan; triage is never
 * touched except that a `handled` finding seen again is open again), links
 * it to the scan (ScanFinding), reopens findings that had been resolved,
 * resolves the node's findings of each SUCCESSFUL scanner that this result
 * no longer reports, stores the host census snapshot, and publishes
 * `finding.opened` / `finding.resolved`. Calls for one node must not overlap.
 */
export async function ingestScanResult(
  ctx: Pick<MasterContext, "db" | "bus">,
  scanId: string,
  nodeId: string,
  result: ScanResult,
  now = new Date(),
): Promise<IngestOutcome> {
  const { bus } = ctx;
  const findings = createFindingStore(ctx);
  const census = createCensusStore(ctx);
  const out: IngestOutcome = { findings: 0, opened: 0, resolved: 0, failed: [] };
  const events: Array<[string, Record<string, unknown>]> = [];
  for (const sr of result.scanners) {
    const scanner = cut(sr.scanner, 64);
    if (!sr.success) {
      out.failed.push({ scanner, error: cut(sr.error || "failed", 300) });
      continue;
    }
    const seen = new Set<string>();
    for (const f of sr.findings.slice(0, MAX_FINDINGS_PER_SCANNER)) {
      const resource = cut(f.resource, 1000);
      const ruleId = cut(f.ruleId, 128);
      const fp = fingerprint(scanner, ruleId, nodeId, resource);
      if (seen.has(fp)) continue;
      seen.add(fp);
      const severity = (SEVERITIES as readonly string[]).includes(f.severity) ? f.severity : "info";
      const data = {
        severity,
        title: cut(f.title, 300),
        message: cut(f.message, 2000),
        evidence: evidenceOf(f),
        reclaimableBytes: f.reclaimableBytes,
        monthlyCost: Number.isFinite(f.monthlyCost) ? Math.max(0, f.monthlyCost) : 0,
        lastSeenAt: now,
        lastScanId: scanId,
      };
      const old = await findings.state(fp);
      const info = { scan_id: scanId, fingerprint: fp, scanner, rule_id: ruleId, resource, severity, title: data.title };
      if (!old) {
        await findings.open({ fingerprint: fp, scanner, ruleId, nodeId, resource, ...data, firstSeenAt: now, firstScanId: scanId });
        events.push(["finding.opened", info]);
      } else if (old.resolvedAt) {
        await findings.seen(fp, { ...data, resolvedAt: null, ...(old.status === "handled" ? { status: "open" } : {}) });
        events.push(["finding.opened", { ...info, reopened: true }]);
      } else {
        await findings.seen(fp, data);
      }
      await findings.link(scanId, fp, severity);
    }
    out.findings += seen.size;
    const gone = await findings.unresolvedExcept(nodeId, scanner, [...seen]);
    if (gone.length) {
      await findings.resolve(
        gone.map((g) => g.fingerprint),
        now,
      );
      for (const g of gone)
        events.push([
          "finding.resolved",
          { scan_id: scanId, fingerprint: g.fingerprint, scanner, rule_id: g.ruleId, resource: g.resource, severity: g.severity, title: g.title },
        ]);
    }
    if (scanner === "host-census" && sr.snapshotJson && sr.snapshotJson.length <= MAX_SNAPSHOT) {
      try {
        const data = JSON.stringify(JSON.parse(sr.snapshotJson));
        await census.create({ id: newId("cen"), nodeId, scanId, takenAt: now, data });
      } catch {
        out.failed.push({ scanner, error: "unreadable census snapshot" });
      }
    }
  }
  for (const [type, data] of events) {
    if (type === "finding.opened") out.opened++;
    else out.resolved++;
    bus.publish(type, data, nodeId);
  }
  return out;
}
