import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FIXTURES } from "../scanners/helpers.js";
import { parseCsv } from "./csv-parse.js";
import { startHarness, until, type Harness } from "./harness.js";

const SECRET = "ghp_fixtureLiteralValue9f8e7d6c5b4a";
const SCANNERS = ["host-census", "mcp-inventory"];

describe("scans: orchestration, findings, triage, compare, census (in-process workers)", function () {
  this.timeout(60_000);
  let h: Harness;
  let root: string;

  const finished = (id: string) =>
    until(async () => {
      const r = await h.call("GET", `/scans/${id}`);
      return ["completed", "failed", "canceled"].includes(r.body.status) ? r.body : undefined;
    }, `scan ${id} to finish`);
  const scan = async (body: object) => {
    const r = await h.call("POST", "/scans", body);
    assert.equal(r.status, 202, r.text);
    assert.equal(r.body.status, "queued");
    return r.body.scan_id as string;
  };

  before(async () => {
    h = await startHarness();
    root = await mkdtemp(path.join(os.tmpdir(), "flotilla-scan-root-"));
    await cp(path.join(FIXTURES, "a"), root, { recursive: true });
    for (const id of ["n1", "n2", "n3", "n4"]) await h.addNode(id);
    h.attachWorker("n1", root);
  });
  after(async () => {
    await h?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("serves the scanner catalogue and rejects unknown scanners and targets with 400 details", async () => {
    const cat = await h.call("GET", "/scanners");
    assert.deepEqual(cat.body.items.map((s: any) => s.name).sort(), ["docker-security", "docker-waste", "host-census", "mcp-inventory"]);
    const rule = cat.body.items.find((s: any) => s.name === "docker-security").rules.find((r: any) => r.id === "docker-security/privileged");
    assert.deepEqual(Object.keys(rule).sort(), ["description", "id", "remediation", "severity", "title"]);
    const bad = await h.call("POST", "/scans", { targets: { all: true }, scanners: ["nope"] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, "invalid_argument");
    assert.match(bad.body.details[0].message, /nope/);
    const unknownNode = await h.call("POST", "/scans", { targets: { node_ids: ["ghost"] } });
    assert.equal(unknownNode.status, 400);
    const twoSelectors = await h.call("POST", "/scans", { targets: { all: true, node_ids: ["n1"] } });
    assert.equal(twoSelectors.status, 400);
  });

  let first: string;
  let triaged: string;
  it("runs a scan on a connected node and stores findings with stable fingerprints, never secret values", async () => {
    first = await scan({ targets: { node_ids: ["n1"] }, scanners: SCANNERS });
    const s = await finished(first);
    assert.equal(s.status, "completed");
    assert.equal(s.nodes[0].status, "succeeded");
    assert.ok(s.summary.total > 0 && s.summary.by_scanner["mcp-inventory"] > 0, JSON.stringify(s.summary));
    assert.equal(s.summary.by_severity.critical, s.summary.by_severity.critical | 0);
    const types = h.events.map((e) => e.type);
    for (const t of ["scan.queued", "scan.started", "scan.completed", "finding.opened"]) assert.ok(types.includes(t), t);
    const f = await h.call("GET", "/findings?node_id=n1&limit=500");
    const rules = f.body.items.map((x: any) => `${x.rule_id} ${x.resource}`);
    assert.ok(
      rules.some((r: string) => r.startsWith("host-census/extra-root-user")),
      rules.join("\n"),
    );
    assert.ok(
      rules.some((r: string) => r.startsWith("mcp-inventory/secret-in-config") && r.includes("github")),
      rules.join("\n"),
    );
    const shell = f.body.items.find((x: any) => x.rule_id === "mcp-inventory/shell-access");
    triaged = shell.fingerprint;
    // Nothing stored, rendered or logged holds the secret value.
    const big = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
    const dump =
      JSON.stringify(await h.ctx.db.finding.findMany(), big) +
      JSON.stringify(await h.ctx.db.censusSnapshot.findMany()) +
      JSON.stringify(h.events) +
      h.logs.join("") +
      (await h.call("GET", `/scans/${first}/report?format=csv`)).text +
      (await h.call("GET", `/scans/${first}/report?format=html`)).text +
      (await h.call("GET", `/scans/${first}/report?format=json`)).text;
    assert.ok(dump.includes("GITHUB_PERSONAL_ACCESS_TOKEN"), "the variable name is reported");
    assert.ok(!dump.includes(SECRET), "the secret value leaked");
  });

  it("triages a finding (operator), emits finding.triaged and serves the summary", async () => {
    const bad = await h.call("PATCH", `/findings/${triaged}`, { status: "bogus" });
    assert.equal(bad.status, 400);
    const r = await h.call("PATCH", `/findings/${triaged}`, { status: "acknowledged", note: "known, tracked" });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, "acknowledged");
    assert.equal(r.body.triaged_by, "admin");
    assert.ok(h.events.some((e) => e.type === "finding.triaged" && e.data.fingerprint === triaged));
    const sum = await h.call("GET", "/findings/summary");
    const all = await h.call("GET", "/findings?limit=500");
    assert.equal(sum.body.total, all.body.items.length);
    assert.equal((await h.call("GET", `/findings/${"0".repeat(64)}`)).status, 404);
  });

  let second: string;
  it("a rescan after a fix resolves what is gone, keeps triage, and compare shows it fixed", async () => {
    const passwd = path.join(root, "etc/passwd");
    await writeFile(
      passwd,
      (await readFile(passwd, "utf8"))
        .split("\n")
        .filter((l) => !l.startsWith("toor:"))
        .join("\n") + "carol:x:1001:1001::/home/carol:/bin/bash\n",
    );
    const cfg = path.join(root, "home/alice/.config/Claude/claude_desktop_config.json");
    const json = JSON.parse(await readFile(cfg, "utf8"));
    delete json.mcpServers.github;
    await writeFile(cfg, JSON.stringify(json));
    second = await scan({ targets: { labels: {} }, scanners: SCANNERS, deadline_seconds: 2 });
    const s = await finished(second);
    assert.equal(s.status, "completed");
    assert.deepEqual(
      s.nodes.filter((n: any) => n.status === "skipped").map((n: any) => [n.node_id, n.reason]),
      [
        ["n2", "offline"],
        ["n3", "offline"],
        ["n4", "offline"],
      ],
    );
    const c = await h.call("GET", `/scans/compare?base=${first}&head=${second}`);
    assert.equal(c.status, 200, c.text);
    const fixed = c.body.fixed.map((x: any) => x.rule_id).sort();
    assert.ok(fixed.includes("host-census/extra-root-user"), fixed.join());
    assert.ok(fixed.includes("mcp-inventory/secret-in-config"), fixed.join());
    assert.ok(c.body.unchanged.some((x: any) => x.fingerprint === triaged));
    const gone = c.body.fixed.find((x: any) => x.rule_id === "mcp-inventory/secret-in-config");
    const g = await h.call("GET", `/findings/${gone.fingerprint}`);
    assert.equal(g.body.status, "resolved");
    assert.ok(g.body.resolved_at);
    assert.ok(h.events.some((e) => e.type === "finding.resolved" && e.data.fingerprint === gone.fingerprint && e.data.scan_id === second));
    assert.ok(
      !(await h.call("GET", "/findings?limit=500")).body.items.some((x: any) => x.fingerprint === gone.fingerprint),
      "current list excludes resolved",
    );
    assert.ok((await h.call("GET", "/findings?status=resolved&limit=500")).body.items.some((x: any) => x.fingerprint === gone.fingerprint));
    const t = await h.call("GET", `/findings/${triaged}`);
    assert.equal(t.body.status, "acknowledged");
    assert.equal(t.body.triage_note, "known, tracked");
    assert.equal(t.body.last_scan_id, second);
    assert.equal(t.body.first_scan_id, first);
  });

  it("stores the host census per scan and diffs the latest two", async () => {
    const latest = await h.call("GET", "/nodes/n1/census");
    assert.equal(latest.status, 200);
    assert.equal(latest.body.scan_id, second);
    const d = await h.call("GET", "/nodes/n1/census/diff");
    assert.deepEqual(
      d.body.diff.users.added.map((u: any) => u.name),
      ["carol"],
    );
    assert.deepEqual(
      d.body.diff.users.removed.map((u: any) => u.name),
      ["toor"],
    );
    assert.equal((await h.call("GET", "/nodes/n2/census")).status, 404);
    assert.equal((await h.call("GET", "/nodes/n1/census/diff?base=nope")).status, 404);
  });

  it("serves CSV and HTML reports and paged scan findings", async () => {
    const csv = await h.call("GET", `/scans/${second}/report?format=csv`);
    assert.match(csv.type, /text\/csv/);
    const rows = parseCsv(csv.text);
    const all = await h.call("GET", `/scans/${second}/findings?limit=500`);
    assert.equal(rows.length - 1, all.body.items.length);
    assert.equal(rows[0]![0], "fingerprint");
    assert.deepEqual(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
      all.body.items.map((x: any) => x.fingerprint).sort(),
    );
    const html = await h.call("GET", `/scans/${second}/report?format=html`);
    assert.match(html.type, /text\/html/);
    assert.doesNotMatch(html.text, /<script|<link|<img|<iframe|\ssrc=|\shref=/i);
    const page = await h.call("GET", `/scans/${second}/findings?limit=2`);
    assert.equal(page.body.items.length, 2);
    const next = await h.call("GET", `/scans/${second}/findings?limit=2&cursor=${page.body.page.next_cursor}`);
    assert.notEqual(next.body.items[0].fingerprint, page.body.items[0].fingerprint);
    assert.equal((await h.call("GET", "/scans?limit=1")).body.items[0].id, second, "newest first");
  });

  it("a waiting node runs the scan when it connects before the deadline", async () => {
    const id = await scan({ targets: { node_ids: ["n1", "n3"] }, scanners: ["host-census"], deadline_seconds: 30 });
    await until(async () => (await h.call("GET", `/scans/${id}`)).body.nodes.find((n: any) => n.node_id === "n3").status === "waiting", "n3 waiting");
    h.attachWorker("n3", root);
    const s = await finished(id);
    assert.deepEqual(
      s.nodes.map((n: any) => n.status),
      ["succeeded", "succeeded"],
    );
  });

  it("cancel sends CancelCommand; delete is 409 while running; finished scans cannot be canceled", async () => {
    const silent = h.attachSilent("n4");
    const id = await scan({ targets: { node_ids: ["n4"] }, scanners: ["host-census"] });
    await until(async () => (await h.call("GET", `/scans/${id}`)).body.status === "running", "running");
    assert.equal((await h.call("DELETE", `/scans/${id}`)).status, 409);
    const c = await h.call("POST", `/scans/${id}/cancel`);
    assert.equal(c.status, 200, c.text);
    assert.equal(c.body.status, "canceled");
    assert.ok(
      silent.received.some((m) => m.kind.case === "cancel"),
      "CancelCommand sent",
    );
    assert.ok(h.events.some((e) => e.type === "scan.canceled" && e.data.scan_id === id));
    assert.equal((await h.call("POST", `/scans/${id}/cancel`)).status, 409);
    assert.equal((await h.call("DELETE", `/scans/${id}`)).status, 200);
    assert.equal((await h.call("GET", `/scans/${id}`)).status, 404);
    silent.detach();
  });

  it("a graceful stop fails interrupted node tasks with 'master shutting down' and finishes their scans", async () => {
    const silent = h.attachSilent("n4");
    const id = await scan({ targets: { node_ids: ["n4"] }, scanners: ["host-census"] });
    await until(async () => (await h.call("GET", `/scans/${id}`)).body.status === "running", "running");
    await h.restartScans();
    const s = await finished(id);
    assert.equal(s.status, "failed");
    assert.equal(s.nodes[0].status, "failed");
    assert.equal(s.nodes[0].reason, "master shutting down");
    silent.detach();
  });
});
