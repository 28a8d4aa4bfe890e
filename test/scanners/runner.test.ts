import assert from "node:assert/strict";
import path from "node:path";
import { fromJsonString, toJsonString } from "@bufbuild/protobuf";
import { ScanResultSchema } from "@flotilla/shared/gen/flotilla/v1/scans_pb.js";
import { SCANNERS, catalogue, runScanners, toScanResult, type ScanProgress } from "../../worker/src/scanners/index.js";
import { FIXTURES, captureLogger } from "./helpers.js";

const ROOT = path.join(FIXTURES, "a");

describe("scanner registry and runner", () => {
  it("catalogues every registered scanner with kebab-case rule ids prefixed by the scanner", () => {
    const cat = catalogue();
    assert.deepEqual(cat.map((s) => s.name).sort(), SCANNERS.map((s) => s.name).sort());
    for (const s of cat) {
      assert.ok(s.rules.length > 0);
      for (const r of s.rules) {
        assert.match(r.id, new RegExp(`^${s.name}/[a-z0-9]+(-[a-z0-9]+)*$`));
        assert.ok(r.title && r.description && r.remediation, r.id);
      }
    }
  });

  it("runs the named scanners in turn with progress, and reports unknown or failing ones", async () => {
    const { log } = captureLogger();
    const progress: ScanProgress[] = [];
    const runs = await runScanners(["host-census", "docker-security", "no-such-scanner", "mcp-inventory"], {
      hostRoot: ROOT,
      docker: null,
      log,
      onProgress: (p) => progress.push(p),
    });
    assert.deepEqual(
      runs.map((r) => [r.scanner, r.success]),
      [
        ["host-census", true],
        ["docker-security", false],
        ["no-such-scanner", false],
        ["mcp-inventory", true],
      ],
    );
    assert.equal(runs[1]!.error, "docker is not available on this node");
    assert.match(runs[2]!.error, /unknown scanner "no-such-scanner"/);
    assert.ok(runs[0]!.findings.length > 0 && runs[0]!.durationSeconds >= 0);
    const overall = progress.map((p) => p.overall);
    assert.deepEqual(
      [...overall].sort((a, b) => a - b),
      overall,
      "overall progress never goes back",
    );
    assert.equal(overall.at(-1), 1);
  });

  it("passes per-scanner options and rejects invalid ones as a failed scanner", async () => {
    const { log } = captureLogger();
    const runs = await runScanners(["mcp-inventory"], { hostRoot: ROOT, docker: null, log, options: { "mcp-inventory": { max_depth: -1 } } });
    assert.equal(runs[0]!.success, false);
    assert.match(runs[0]!.error, /max_depth/);
  });

  it("stops with a canceled error when the signal is aborted", async () => {
    const { log } = captureLogger();
    const ac = new AbortController();
    const p = runScanners([], { hostRoot: ROOT, docker: null, log, signal: ac.signal, onProgress: () => ac.abort() });
    await assert.rejects(p, (err: Error & { code?: string }) => err.code === "canceled");
  });

  it("converts runs to the ScanResult wire message with JSON evidence and snapshot", async () => {
    const { log } = captureLogger();
    const runs = await runScanners(["host-census"], { hostRoot: ROOT, docker: null, log });
    const msg = toScanResult("scan_1", runs);
    const back = fromJsonString(ScanResultSchema, toJsonString(ScanResultSchema, msg));
    const r = back.scanners[0]!;
    assert.equal(r.scanner, "host-census");
    assert.equal(JSON.parse(r.snapshotJson).kernel, "6.1.0-18-amd64");
    const f = r.findings.find((x) => x.ruleId === "host-census/extra-root-user")!;
    assert.equal(f.severity, "critical");
    assert.equal(JSON.parse(f.evidenceJson).name, "toor");
  });
});
