import assert from "node:assert/strict";
import { createAuditService } from "../../../master/src/services/audit.js";
import { createContainerService } from "../../../master/src/services/containers.js";
import { createContainerRoutes } from "../../../master/src/http/routes/containers.js";
import { createEventRoutes } from "../../../master/src/http/routes/events.js";
import { createFindingRoutes } from "../../../master/src/http/routes/findings.js";
import { auditRoutes } from "../../../master/src/http/routes/audit.js";
import { createFindingService } from "../../../master/src/scans/findings.js";
import { createSeriesStore } from "../../../master/src/telemetry/series-store.js";
import type { Services } from "../../../master/src/http/services.js";
import { createTestContext, insertNode, invoke, VIEWER, type TestContext } from "./helpers.js";

/*
 * The query parameters the UI's long lists use: server-side search (q),
 * sorting by a column, and page.total, on findings, containers, events and
 * the audit log.
 */
describe("list search, sort and totals (findings, containers, events, audit)", () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(() => t.close());

  const finding = (fp: string, o: { severity: string; rule: string; node: string; title: string; resource?: string }) => ({
    fingerprint: fp,
    scanner: "docker-security",
    ruleId: o.rule,
    nodeId: o.node,
    resource: o.resource ?? `container:${fp}`,
    severity: o.severity,
    title: o.title,
    message: "m",
    firstSeenAt: new Date(),
    lastSeenAt: new Date(),
    firstScanId: "s1",
    lastScanId: "s1",
  });

  it("findings: severity sort puts critical first, q searches, rule groups count findings and nodes, total counts all", async () => {
    await t.ctx.db.finding.createMany({
      data: [
        finding("a".repeat(64), { severity: "low", rule: "r/low", node: "n1", title: "Low thing" }),
        finding("b".repeat(64), { severity: "critical", rule: "r/priv", node: "n1", title: "Privileged container" }),
        finding("c".repeat(64), { severity: "critical", rule: "r/priv", node: "n2", title: "Privileged container" }),
        finding("d".repeat(64), { severity: "medium", rule: "r/mid", node: "n2", title: "Medium thing", resource: "image:web" }),
      ],
    });
    const routes = createFindingRoutes(createFindingService(t.ctx));
    const get = async (query: Record<string, string>, path = "/findings") => {
      const r = await invoke(routes, "GET", path, { query, principal: VIEWER });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const sorted = await get({ sort: "severity", order: "desc", limit: "3" });
    assert.deepEqual(
      sorted.items.map((f: any) => f.severity),
      ["critical", "critical", "medium"],
    );
    assert.equal(sorted.page.total, 4);
    assert.equal(sorted.page.has_more, true);
    const rest = await get({ sort: "severity", order: "desc", limit: "3", cursor: sorted.page.next_cursor });
    assert.deepEqual(
      rest.items.map((f: any) => f.severity),
      ["low"],
    );
    // Search covers title and resource, case-insensitively; rule_id filters exactly.
    assert.deepEqual(
      (await get({ q: "PRIVILEGED" })).items.map((f: any) => f.node_id),
      ["n1", "n2"],
    );
    assert.equal((await get({ q: "image:web" })).page.total, 1);
    assert.equal((await get({ rule_id: "r/priv" })).page.total, 2);
    const summary = await get({}, "/findings/summary");
    assert.deepEqual(
      summary.by_rule.map((g: any) => [g.rule_id, g.severity, g.findings, g.nodes]),
      [
        ["r/priv", "critical", 2, 2],
        ["r/mid", "medium", 1, 1],
        ["r/low", "low", 1, 1],
      ],
    );
    const bad = await invoke(routes, "GET", "/findings", { query: { sort: "colour" }, principal: VIEWER });
    assert.equal(bad.status, 400);
  });

  it("containers: q over name and image, sort by name either way, total", async () => {
    const node = await insertNode(t.ctx, {});
    const containers = createContainerService(t.ctx);
    const rec = (id: string, name: string, image: string, state = "running") => ({
      id,
      name,
      image,
      imageId: "",
      state,
      status: "",
      createdMs: Date.now(),
      ports: [],
      labels: {},
      restartCount: 0,
    });
    await containers.apply(node, [rec("c1", "web-1", "nginx:1"), rec("c2", "db", "postgres:16"), rec("c3", "web-2", "nginx:1", "exited")], []);
    const routes = createContainerRoutes({ store: createSeriesStore(), containers });
    const get = async (query: Record<string, string>) => {
      const r = await invoke(routes, "GET", "/containers", { query, principal: VIEWER });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const names = (b: any) => b.items.map((c: any) => c.name);
    assert.equal((await get({})).page.total, 3);
    assert.deepEqual(names(await get({ q: "WEB", sort: "name" })), ["web-1", "web-2"]);
    assert.deepEqual(names(await get({ q: "postgres" })), ["db"]);
    const desc = await get({ sort: "name", order: "desc", limit: "2" });
    assert.deepEqual(names(desc), ["web-2", "web-1"]);
    assert.equal(desc.page.total, 3);
    assert.deepEqual(names(await get({ sort: "name", order: "desc", limit: "2", cursor: desc.page.next_cursor })), ["db"]);
    assert.equal((await get({ q: "web", state: "exited" })).page.total, 1);
  });

  it("events: q searches type and data, order asc lists oldest first, total", async () => {
    const routes = createEventRoutes(t.ctx);
    t.ctx.bus.publish("node.online", {}, "n1");
    t.ctx.bus.publish("scan.completed", { scan_id: "scan-needle" });
    t.ctx.bus.publish("node.offline", {}, "n2");
    const get = async (query: Record<string, string>) => {
      const r = await invoke(routes, "GET", "/events", { query, principal: VIEWER });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const types = (b: any) => b.items.map((e: any) => e.type);
    assert.deepEqual(types(await get({ q: "needle" })), ["scan.completed"]);
    assert.deepEqual(types(await get({ order: "asc" })), ["node.online", "scan.completed", "node.offline"]);
    const page = await get({ limit: "1", q: "node" });
    assert.equal(page.page.total, 2);
    assert.deepEqual(types(page), ["node.offline"]);
  });

  it("audit: q searches action, actor and details; total", async () => {
    const audit = createAuditService(t.ctx);
    await audit.record({ actor: { name: "alice", type: "user" }, action: "nodes.update", target_id: "n1", details: { name: "edge-7" } });
    await audit.record({ actor: { name: "bob", type: "user" }, action: "scans.create", details: {} });
    const routes = auditRoutes({ core: { audit } } as unknown as Services);
    const get = async (query: Record<string, string>) => {
      const r = await invoke(routes, "GET", "/audit", { query });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    assert.equal((await get({})).page.total, 2);
    assert.deepEqual(
      (await get({ q: "EDGE-7" })).items.map((a: any) => a.actor_name),
      ["alice"],
    );
    assert.deepEqual(
      (await get({ q: "bob" })).items.map((a: any) => a.action),
      ["scans.create"],
    );
  });
});
