import assert from "node:assert/strict";
import { createFleetRoutes } from "../../../master/src/http/routes/fleet.js";
import { createNodeRoutes } from "../../../master/src/http/routes/nodes.js";
import type { SeriesStore } from "../../../master/src/telemetry/series-store.js";
import { createRecordingNodeControl, createTestContext, insertNode, invoke, VIEWER, type TestContext } from "./helpers.js";

describe("nodes and fleet status", () => {
  let t: TestContext;
  let rec: ReturnType<typeof createRecordingNodeControl>;
  let routes: ReturnType<typeof createNodeRoutes>;
  const list = async (query: Record<string, string>) => {
    const r = await invoke(routes, "GET", "/nodes", { query, principal: VIEWER });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const ids = (b: any) => b.items.map((n: any) => n.name).sort();

  beforeEach(async () => {
    t = await createTestContext();
    rec = createRecordingNodeControl();
    routes = createNodeRoutes(t.ctx, { nodeControl: rec.control });
    await insertNode(t.ctx, {
      name: "web-1",
      hostname: "web1.example",
      status: "online",
      labels: { env: "prod", role: "web" },
      os: "linux",
      agentVersion: "0.1.0",
    });
    await insertNode(t.ctx, {
      name: "web-2",
      hostname: "web2.example",
      status: "offline",
      labels: { env: "prod", role: "web" },
      os: "linux",
      agentVersion: "0.2.0",
    });
    await insertNode(t.ctx, {
      name: "db-1",
      hostname: "DB1.example",
      status: "online",
      labels: { env: "staging", role: "db" },
      os: "freebsd",
      agentVersion: "0.2.0",
    });
  });
  afterEach(() => t.close());

  it("renders the node view", async () => {
    const b = await list({ q: "web-1" });
    assert.equal(b.items.length, 1);
    const n = b.items[0];
    assert.equal(n.memory_bytes, 8 * 1024 ** 3);
    assert.deepEqual(n.labels, { env: "prod", role: "web" });
    assert.deepEqual(n.addresses, []);
    assert.equal(n.status, "online");
    assert.match(n.enrolled_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const k of [
      "id",
      "hostname",
      "os",
      "os_version",
      "kernel",
      "arch",
      "cpus",
      "machine_id",
      "agent_version",
      "last_seen_at",
      "cert_expires_at",
      "duplicate_of",
    ])
      assert.ok(k in n, k);
    const one = await invoke(routes, "GET", "/nodes/:id", { params: { id: n.id }, principal: VIEWER });
    assert.deepEqual(one.body, n);
    assert.equal((await invoke(routes, "GET", "/nodes/:id", { params: { id: "missing" } })).status, 404);
  });

  it("filters by status, labels (all must match) and q", async () => {
    assert.deepEqual(ids(await list({ status: "online" })), ["db-1", "web-1"]);
    assert.deepEqual(ids(await list({ status: "offline" })), ["web-2"]);
    assert.deepEqual(ids(await list({ labels: "env=prod" })), ["web-1", "web-2"]);
    assert.deepEqual(ids(await list({ labels: "env=prod,role=db" })), []);
    assert.deepEqual(ids(await list({ labels: "role=web", status: "online" })), ["web-1"]);
    assert.deepEqual(ids(await list({ q: "web" })), ["web-1", "web-2"]);
    assert.deepEqual(ids(await list({ q: "db1.EX" })), ["db-1"], "q is case-insensitive");
    const bad = await invoke(routes, "GET", "/nodes", { query: { labels: "env" } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.details[0].field, "labels");
    assert.equal((await invoke(routes, "GET", "/nodes", { query: { status: "sleeping" } })).status, 400);
  });

  it("pages through every node once, in a stable order", async () => {
    for (let i = 0; i < 23; i++) await insertNode(t.ctx, { name: `bulk-${i}`, labels: { group: "bulk" } });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const b = await list({ limit: "5", labels: "group=bulk", ...(cursor ? { cursor } : {}) });
      seen.push(...b.items.map((n: any) => n.id));
      cursor = b.page.next_cursor ?? undefined;
      assert.equal(b.page.has_more, cursor !== undefined);
      pages++;
    } while (cursor);
    assert.equal(pages, 5);
    assert.equal(seen.length, 23);
    assert.equal(new Set(seen).size, 23);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal((await list({})).page.limit, 50);
    assert.equal((await invoke(routes, "GET", "/nodes", { query: { limit: "0" } })).status, 400);
  });

  it("sorts by any column, live CPU/memory/disk figures included (unknown last), pages sorted lists and counts every match", async () => {
    const all = await list({});
    const idOf = (name: string) => all.items.find((n: any) => n.name === name).id;
    const cpu: Record<string, number> = { [idOf("web-1")]: 0.75, [idOf("db-1")]: 0.2 };
    const store = {
      latest: (id: string) =>
        id in cpu
          ? {
              tsMs: Date.now(),
              points: [
                { name: "cpu.usage_ratio", value: cpu[id], labels: [] },
                { name: "fs.usage_ratio", value: 0.5, labels: [] },
              ],
              collectors: [],
              spoolDropped: 0,
              spoolCorrupt: 0,
            }
          : null,
    } as unknown as SeriesStore;
    routes = createNodeRoutes(t.ctx, { nodeControl: rec.control, telemetry: { store } });
    const names = (b: any) => b.items.map((n: any) => n.name);
    assert.deepEqual(names(await list({ sort: "cpu", order: "desc" })), ["web-1", "db-1", "web-2"]);
    assert.deepEqual(names(await list({ sort: "cpu" })), ["db-1", "web-1", "web-2"], "unknown figures stay last");
    const b = await list({ sort: "cpu", order: "desc" });
    assert.equal(b.items[0].cpu_usage_ratio, 0.75);
    assert.equal(b.items[0].fs_max_usage_ratio, 0.5);
    assert.equal(b.items[2].cpu_usage_ratio, null);
    assert.deepEqual(names(await list({ sort: "name", order: "desc" })), ["web-2", "web-1", "db-1"]);
    assert.deepEqual(names(await list({ sort: "agent_version", status: "online" })), ["web-1", "db-1"]);
    assert.equal((await list({ q: "web" })).page.total, 2);
    assert.equal((await list({ q: "web", sort: "name" })).page.total, 2);

    for (let i = 0; i < 12; i++) await insertNode(t.ctx, { name: `bulk-${String(i).padStart(2, "0")}`, labels: { group: "bulk" } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await list({ limit: "5", labels: "group=bulk", sort: "name", order: "desc", ...(cursor ? { cursor } : {}) });
      assert.equal(p.page.total, 12);
      seen.push(...names(p));
      cursor = p.page.next_cursor ?? undefined;
    } while (cursor);
    assert.deepEqual(
      seen,
      Array.from({ length: 12 }, (_, i) => `bulk-${String(11 - i).padStart(2, "0")}`),
    );
    const bad = await invoke(routes, "GET", "/nodes", { query: { sort: "shoe size" } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.details[0].field, "sort");
    const keyset = (await list({ limit: "1" })).page.next_cursor;
    assert.equal(
      (await invoke(routes, "GET", "/nodes", { query: { sort: "name", cursor: keyset } })).status,
      400,
      "a keyset cursor is not an offset",
    );
  });

  it("PATCH renames and replaces labels, validates them and publishes node.updated", async () => {
    const [n] = (await list({ q: "web-2" })).items;
    const events: any[] = [];
    const off = t.ctx.bus.subscribe((e) => events.push(e));
    const r = await invoke(routes, "PATCH", "/nodes/:id", { params: { id: n.id }, body: { name: "web-2b", labels: { tier: "gold" } } });
    off();
    assert.equal(r.status, 200);
    assert.equal(r.body.name, "web-2b");
    assert.deepEqual(r.body.labels, { tier: "gold" });
    assert.deepEqual(ids(await list({ labels: "tier=gold" })), ["web-2b"]);
    assert.deepEqual(ids(await list({ labels: "env=prod" })), ["web-1"]);
    assert.equal(events.length, 1);
    assert.equal(events[0].type, "node.updated");
    assert.equal(events[0].node_id, n.id);

    const bad = await invoke(routes, "PATCH", "/nodes/:id", { params: { id: n.id }, body: { labels: { "bad key": "v", ok: "spaces not allowed" } } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, "invalid_argument");
    assert.deepEqual(bad.body.details.map((d: any) => d.field).sort(), ["labels.bad key", "labels.ok"]);
    assert.deepEqual((await list({ labels: "tier=gold" })).items.length, 1, "failed update changed nothing");
    assert.equal((await invoke(routes, "PATCH", "/nodes/:id", { params: { id: n.id }, body: { name: "  " } })).status, 400);
    assert.equal((await invoke(routes, "PATCH", "/nodes/:id", { params: { id: n.id }, body: { labels: ["x"] } })).status, 400);
    assert.equal((await invoke(routes, "PATCH", "/nodes/:id", { params: { id: "missing" }, body: { name: "x" } })).status, 404);
  });

  it("DELETE revokes the certificate, removes the node and tells the gRPC side", async () => {
    const [n] = (await list({ q: "db-1" })).items;
    const row = await t.ctx.db.node.findUniqueOrThrow({ where: { id: n.id } });
    const r = await invoke(routes, "DELETE", "/nodes/:id", { params: { id: n.id } });
    assert.equal(r.status, 200);
    const revoked = await t.ctx.db.revokedCert.findUniqueOrThrow({ where: { serial: row.certSerial } });
    assert.equal(revoked.nodeId, n.id);
    assert.equal(revoked.expiresAt.getTime(), row.certExpiresAt.getTime());
    assert.deepEqual(rec.deleted, [{ nodeId: n.id, serial: row.certSerial }]);
    assert.equal(await t.ctx.db.nodeLabel.count({ where: { nodeId: n.id } }), 0);
    assert.equal((await invoke(routes, "GET", "/nodes/:id", { params: { id: n.id } })).status, 404);
    assert.equal((await invoke(routes, "DELETE", "/nodes/:id", { params: { id: n.id } })).status, 404);
    const stored = await t.ctx.bus.list({ types: ["node.deleted"], limit: 10 });
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.node_id, n.id);
  });

  it("counts the fleet by status, OS and agent version", async () => {
    const r = await invoke(createFleetRoutes(t.ctx), "GET", "/fleet/status", { principal: VIEWER });
    assert.deepEqual(r.body, { total: 3, online: 2, offline: 1, by_os: { linux: 2, freebsd: 1 }, by_agent_version: { "0.1.0": 1, "0.2.0": 2 } });
  });
});
