import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { compareFindings } from "../../master/src/scans/compare.js";
import { fingerprint } from "../../master/src/scans/fingerprint.js";
import { CSV_COLUMNS, renderCsv } from "../../master/src/scans/report-csv.js";
import { renderHtml } from "../../master/src/scans/report-html.js";
import { checkCron, nextRunAt } from "../../master/src/scans/schedule-time.js";
import { summarize } from "../../master/src/scans/summary.js";
import type { FindingView } from "../../master/src/scans/views.js";
import { parseCsv } from "./csv-parse.js";

function view(over: Partial<FindingView>): FindingView {
  return {
    fingerprint: "f".repeat(64),
    scanner: "docker-security",
    rule_id: "docker-security/privileged",
    node_id: "node_1",
    resource: "container:/web",
    severity: "critical",
    title: "Privileged container",
    message: "runs privileged",
    evidence: {},
    reclaimable_bytes: 0,
    monthly_cost: 0,
    status: "open",
    triage_status: "open",
    triage_note: null,
    triaged_by: null,
    triaged_at: null,
    first_seen_at: "2024-01-01T00:00:00.000Z",
    last_seen_at: "2024-01-02T00:00:00.000Z",
    first_scan_id: "scan_a",
    last_scan_id: "scan_b",
    resolved_at: null,
    ...over,
  };
}

describe("scans: fingerprints", () => {
  it("is the sha256 hex of scanner, rule, node and resource, stable across calls", () => {
    const fp = fingerprint("docker-security", "docker-security/privileged", "node_1", "container:/web");
    assert.match(fp, /^[0-9a-f]{64}$/);
    assert.equal(fp, fingerprint("docker-security", "docker-security/privileged", "node_1", "container:/web"));
    assert.equal(fp, createHash("sha256").update("docker-security\0docker-security/privileged\0node_1\0container:/web").digest("hex"));
  });

  it("changes when any part changes, and parts cannot be shifted into each other", () => {
    const base = ["s", "r", "n", "x"] as const;
    const seen = new Set([fingerprint(...base)]);
    for (let i = 0; i < 4; i++) {
      const parts = [...base] as [string, string, string, string];
      parts[i] += "2";
      seen.add(fingerprint(...parts));
    }
    seen.add(fingerprint("s", "r", "nx", ""));
    assert.equal(seen.size, 6);
  });
});

describe("scans: compare", () => {
  const f = (fp: string, nodeId = "n1") => ({ fingerprint: fp, nodeId });
  it("splits findings into new, fixed and unchanged by fingerprint", () => {
    const c = compareFindings([f("a"), f("b"), f("c")], [f("c"), f("b"), f("d")], new Set(["n1"]));
    assert.deepEqual(
      c.new.map((x) => x.fingerprint),
      ["d"],
    );
    assert.deepEqual(
      c.fixed.map((x) => x.fingerprint),
      ["a"],
    );
    assert.deepEqual(
      c.unchanged.map((x) => x.fingerprint),
      ["b", "c"],
    );
  });

  it("does not call a finding fixed when head did not scan its node", () => {
    const c = compareFindings([f("a", "n1"), f("b", "n2")], [], new Set(["n1"]));
    assert.deepEqual(
      c.fixed.map((x) => x.fingerprint),
      ["a"],
    );
  });
});

describe("scans: summary", () => {
  it("counts by severity, scanner and node and totals bytes and savings", () => {
    const s = summarize([
      { severity: "critical", scanner: "docker-security", nodeId: "n1", reclaimableBytes: 0, monthlyCost: 0 },
      { severity: "low", scanner: "docker-waste", nodeId: "n1", reclaimableBytes: 1000, monthlyCost: 0.105 },
      { severity: "low", scanner: "docker-waste", nodeId: "n2", reclaimableBytes: 500, monthlyCost: 0.2 },
    ]);
    assert.equal(s.total, 3);
    assert.deepEqual(s.by_severity, { critical: 1, high: 0, medium: 0, low: 2, info: 0 });
    assert.deepEqual(s.by_scanner, { "docker-security": 1, "docker-waste": 2 });
    assert.deepEqual(s.by_node, { n1: 2, n2: 1 });
    assert.equal(s.reclaimable_bytes, 1500);
    assert.equal(s.monthly_savings, 0.31);
  });
});

describe("scans: reports", () => {
  const tricky = view({ fingerprint: "a".repeat(64), title: 'Say "hi", then\r\nleave', message: "=cmd|' /C calc'!A0", resource: "container:/a,b" });
  const plain = view({ fingerprint: "b".repeat(64), reclaimable_bytes: 2048, monthly_cost: 1.5 });

  it("CSV has a header row and parses back to the same values", () => {
    const rows = parseCsv(renderCsv([tricky, plain]));
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 3);
    const obj = (r: string[]) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]));
    assert.equal(obj(rows[1]!).title, tricky.title);
    assert.equal(obj(rows[1]!).resource, "container:/a,b");
    assert.equal(obj(rows[1]!).message, "'=cmd|' /C calc'!A0", "formula text is neutralized");
    assert.equal(obj(rows[2]!).reclaimable_bytes, "2048");
    assert.equal(obj(rows[2]!).monthly_cost, "1.5");
  });

  it("HTML is one self-contained file with every value escaped", () => {
    const evil = view({ title: "<script>alert(1)</script>", resource: 'container:/"><img src=x onerror=alert(1)>', node_id: "<b>n</b>" });
    const html = renderHtml(
      {
        id: "scan_<x>",
        status: "completed",
        created_at: "2024-01-01T00:00:00Z",
        finished_at: null,
        scanners: ["docker-security"],
        nodes: [{ node_id: "<b>n</b>", status: "succeeded", findings: 1, reason: null }],
        summary: summarize([{ severity: "critical", scanner: "docker-security", nodeId: "n", reclaimableBytes: 0, monthlyCost: 0 }]),
      },
      [evil],
    );
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b>/);
    assert.doesNotMatch(html, /<[^>]*\s(src|href)\s*=/i, "no external resources");
    assert.doesNotMatch(html, /<link|@import|url\(/i);
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /<style>/);
  });
});

describe("scans: schedule next run", () => {
  it("interval: keeps the cadence, and a missed run executes once then continues from now", () => {
    const now = new Date("2024-05-01T12:00:00Z");
    assert.equal(nextRunAt({ intervalSeconds: 60 }, now).toISOString(), "2024-05-01T12:01:00.000Z");
    const prev = new Date("2024-05-01T11:59:30Z");
    assert.equal(nextRunAt({ intervalSeconds: 60 }, now, prev).toISOString(), "2024-05-01T12:00:30.000Z");
    const longAgo = new Date("2024-04-30T00:00:00Z");
    const next = nextRunAt({ intervalSeconds: 60 }, now, longAgo);
    assert.equal(next.toISOString(), "2024-05-01T12:01:00.000Z", "one run now, not one per missed interval");
  });

  it("cron: fires at the wall-clock time of its time zone, across DST", () => {
    const c = { cron: "30 2 * * *", timezone: "Europe/Berlin" };
    // 2024-01-15: CET (UTC+1) → 01:30Z
    assert.equal(nextRunAt(c, new Date("2024-01-15T00:00:00Z")).toISOString(), "2024-01-15T01:30:00.000Z");
    // 2024-07-15: CEST (UTC+2) → 00:30Z
    assert.equal(nextRunAt(c, new Date("2024-07-15T00:00:00Z")).toISOString(), "2024-07-15T00:30:00.000Z");
    const ny = { cron: "0 9 * * 1", timezone: "America/New_York" };
    assert.equal(nextRunAt(ny, new Date("2024-03-06T00:00:00Z")).toISOString(), "2024-03-11T13:00:00.000Z");
  });

  it("rejects bad cron expressions and unknown zones with invalid_argument naming the field", () => {
    assert.throws(
      () => checkCron("* * * *", "UTC"),
      (e: any) => e.code === "invalid_argument" && e.details[0].field === "cron",
    );
    assert.throws(
      () => checkCron("61 * * * *", "UTC"),
      (e: any) => e.code === "invalid_argument" && e.details[0].field === "cron",
    );
    assert.throws(
      () => checkCron("0 * * * *", "Mars/Olympus"),
      (e: any) => e.code === "invalid_argument" && e.details[0].field === "timezone",
    );
    assert.doesNotThrow(() => checkCron("*/5 * * * 1-5", "Asia/Tokyo"));
  });
});
