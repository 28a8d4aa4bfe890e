import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { startHarness, push, type Harness } from "./harness.js";

const label = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

function hostSnapshot(ts: number, i: number) {
  return {
    tsMs: BigInt(ts),
    points: [
      { name: "cpu.usage_ratio", value: 0.1 * i },
      { name: "mem.used_bytes", value: 1000 + i },
      { name: "mem.total_bytes", value: 4000 },
      { name: "mem.usage_ratio", value: (1000 + i) / 4000 },
      { name: "load.1", value: 0.5 },
      { name: "fs.used_bytes", value: 100, labels: label({ mount: "/", device: "/dev/sda1" }) },
      { name: "fs.total_bytes", value: 400, labels: label({ mount: "/", device: "/dev/sda1" }) },
      { name: "fs.usage_ratio", value: 0.25, labels: label({ mount: "/", device: "/dev/sda1" }) },
      { name: "fs.usage_ratio", value: 0.75, labels: label({ mount: "/var", device: "/dev/sdb1" }) },
      { name: "net.rx_bytes", value: 5000 + i, labels: label({ iface: "eth0" }) },
      { name: "net.tx_bytes", value: 7000 + i, labels: label({ iface: "eth0" }) },
      { name: "net.rx_bytes_per_second", value: 10, labels: label({ iface: "eth0" }) },
      { name: "net.rx_bytes_per_second", value: 99, labels: label({ iface: "lo" }) },
      { name: "container.cpu_ratio", value: 0.5, labels: label({ id: "c1", name: "web" }) },
      { name: "container.mem_usage_bytes", value: 2048, labels: label({ id: "c1", name: "web" }) },
    ],
  };
}

const metrics = (snaps: ReturnType<typeof hostSnapshot>[], spoolDropped = 0) =>
  push({ case: "metrics", value: { snapshots: snaps, collectors: [], spoolDropped: BigInt(spoolDropped) } as never });

const container = (id: string, state: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `/${id}-name`,
  image: "local/busybox:1",
  imageId: "sha256:abc",
  state,
  status: state === "running" ? "Up 1 minute" : "Exited (0)",
  createdMs: 1_700_000_000_000n,
  ports: [{ ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" }],
  labels: { app: id },
  restartCount: 0,
  ...extra,
});

const inventory = (ts: number, containers: ReturnType<typeof container>[]) =>
  push({ case: "inventory", value: { tsMs: BigInt(ts), containers } as never });

describe("telemetry ingest", () => {
  let h: Harness;
  // Set per test: the suite may run long after this file is loaded.
  let now = Date.now();
  let t0 = now - 10 * 15_000;

  beforeEach(async () => {
    h = await startHarness({ containerMetrics: true, telemetry: { nodeMetricsMinIntervalMs: 1_000 } });
    await h.addNode("n1", "alpha");
    // After the harness is up: a slow start must not age the test's samples.
    now = Date.now();
    t0 = now - 10 * 15_000;
  });
  afterEach(async () => h.close());

  it("serves pushed series over REST with names, prefixes, since and step; replays add no doubles", async () => {
    const snaps = [...Array(10).keys()].map((i) => hostSnapshot(t0 + i * 15_000, i));
    await h.telemetry.ingest("n1", metrics(snaps.slice(0, 6)));
    await h.telemetry.ingest("n1", metrics(snaps.slice(8)));
    await h.telemetry.ingest("n1", metrics(snaps.slice(4, 10)));
    const r = await h.get("/api/v1/nodes/n1/metrics?names=cpu.usage_ratio,fs.*");
    assert.equal(r.status, 200);
    assert.equal(r.body.node_id, "n1");
    assert.deepEqual(
      r.body.series.map((s: any) => s.name),
      ["cpu.usage_ratio", "fs.total_bytes", "fs.usage_ratio", "fs.usage_ratio", "fs.used_bytes"],
    );
    const cpu = r.body.series[0];
    assert.deepEqual(
      cpu.points.map((p: number[]) => p[0]),
      snaps.map((s) => Number(s.tsMs)),
      "in order, no gap, no double",
    );
    assert.deepEqual(r.body.series[2].labels, { device: "/dev/sda1", mount: "/" });
    assert.equal(r.body.latest["cpu.usage_ratio"], 0.9);
    assert.equal(r.body.latest["fs.used_bytes{device=/dev/sda1,mount=/}"], 100);
    assert.equal(r.body.latest["load.1"], undefined, "latest follows the names filter");

    const recent = await h.get("/api/v1/nodes/n1/metrics?names=cpu.usage_ratio&since=-50s");
    assert.ok(recent.body.series[0].points.length >= 3 && recent.body.series[0].points.length <= 4);
    const abs = await h.get(`/api/v1/nodes/n1/metrics?names=cpu.usage_ratio&since=${new Date(t0 + 8 * 15_000).toISOString()}`);
    assert.equal(abs.body.series[0].points.length, 2);
    const stepped = await h.get("/api/v1/nodes/n1/metrics?names=mem.used_bytes&step=3600");
    const pts = stepped.body.series[0].points;
    assert.ok(pts.length >= 1 && pts.length <= 2);
    const total = pts.reduce((a: number, p: number[]) => a + (p[1] ?? 0), 0) / pts.length;
    assert.ok(total > 1000 && total < 1010, "averaged");
  });

  it("answers 404 for an unknown node and 400 for bad parameters", async () => {
    assert.equal((await h.get("/api/v1/nodes/nope/metrics")).status, 404);
    assert.equal((await h.get("/api/v1/nodes/nope/containers")).status, 404);
    for (const q of ["since=yesterday", "since=-5x", "step=0", "step=abc", "names=a%20b", "names=%3Cscript%3E"]) {
      const r = await h.get(`/api/v1/nodes/n1/metrics?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.body.code, "invalid_argument");
    }
    assert.equal((await h.get("/api/v1/containers?cursor=%%%")).status, 400);
    assert.equal((await h.get("/api/v1/containers?state=flying")).status, 400);
    const empty = await h.get("/api/v1/nodes/n1/metrics");
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body.series, []);
  });

  it("mirrors inventory changes into Container rows and emits container.state", async () => {
    await h.telemetry.ingest("n1", inventory(now - 3000, [container("c1", "running"), container("c2", "exited")]));
    let rows = await h.ctx.db.container.findMany({ orderBy: { id: "asc" } });
    assert.deepEqual(
      rows.map((r) => [r.id, r.state, r.name]),
      [
        ["c1", "running", "c1-name"],
        ["c2", "exited", "c2-name"],
      ],
    );
    const firstUpdate = rows[0]!.updatedAt.getTime();
    const stateEvents = () => h.events.filter((e) => e.type === "container.state");
    assert.equal(stateEvents().length, 2);

    await new Promise((ok) => setTimeout(ok, 20));
    await h.telemetry.ingest("n1", inventory(now - 2000, [container("c1", "running"), container("c2", "exited")]));
    rows = await h.ctx.db.container.findMany({ orderBy: { id: "asc" } });
    assert.equal(rows[0]!.updatedAt.getTime(), firstUpdate, "unchanged inventory writes nothing");
    assert.equal(stateEvents().length, 2);

    await h.telemetry.ingest("n1", inventory(now - 1000, [container("c1", "exited"), container("c3", "running")]));
    rows = await h.ctx.db.container.findMany({ orderBy: { id: "asc" } });
    assert.deepEqual(
      rows.map((r) => [r.id, r.state]),
      [
        ["c1", "exited"],
        ["c3", "running"],
      ],
      "c2 vanished",
    );
    const ev = stateEvents()
      .slice(2)
      .map((e) => [e.data.container_id, e.data.previous_state, e.data.state, e.node_id]);
    assert.deepEqual(ev, [
      ["c1", "running", "exited", "n1"],
      ["c3", null, "running", "n1"],
      ["c2", "exited", "removed", "n1"],
    ]);

    const stale = await h.telemetry.ingest("n1", inventory(now - 5000, [container("c1", "running")]));
    void stale;
    assert.equal(await h.ctx.db.container.count(), 2, "an older inventory is ignored");
  });

  it("applies worker events and direct updates at once", async () => {
    await h.telemetry.ingest("n1", inventory(now - 5000, [container("c1", "running"), container("c2", "running")]));
    const evs = (list: Array<[string, string, Record<string, string>?]>) =>
      push({
        case: "events",
        value: {
          events: list.map(([type, id, attributes]) => ({ tsMs: BigInt(now - 1000), type, containerId: id, attributes: attributes ?? {} })),
        } as never,
      });
    await h.telemetry.ingest(
      "n1",
      evs([
        ["container.die", "c1", { exitCode: "137" }],
        ["container.destroy", "c2"],
        ["container.start", "c9", { name: "new", image: "img:2" }],
      ]),
    );
    const rows = await h.ctx.db.container.findMany({ orderBy: { id: "asc" } });
    assert.deepEqual(
      rows.map((r) => [r.id, r.state, r.status]),
      [
        ["c1", "exited", "Exited (137)"],
        ["c9", "running", "Up"],
      ],
    );
    const last = h.events
      .filter((e) => e.type === "container.state")
      .slice(2)
      .map((e) => [e.data.container_id, e.data.state]);
    assert.deepEqual(last, [
      ["c1", "exited"],
      ["c2", "removed"],
      ["c9", "running"],
    ]);

    await h.telemetry.applyContainer("n1", container("c1", "running") as never);
    assert.equal((await h.ctx.db.container.findUnique({ where: { nodeId_id: { nodeId: "n1", id: "c1" } } }))!.state, "running");
    assert.equal(h.events.at(-1)!.data.previous_state, "exited");
    await h.telemetry.ingest("n1", inventory(now - 2000, [container("c1", "exited")]));
    assert.equal(
      (await h.ctx.db.container.findUnique({ where: { nodeId_id: { nodeId: "n1", id: "c1" } } }))!.state,
      "running",
      "an inventory older than the direct update does not revert it",
    );
  });

  it("lists containers fleet-wide with filters, paging and latest usage", async () => {
    await h.addNode("n2", "beta");
    await h.telemetry.ingest("n1", inventory(now, [container("c1", "running"), container("c2", "exited")]));
    await h.telemetry.ingest("n2", inventory(now, [container("c3", "running", { image: "other:1" })]));
    await h.telemetry.ingest("n1", metrics([hostSnapshot(now - 1000, 1)]));
    const all = await h.get("/api/v1/containers?limit=2");
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.items.map((c: any) => [c.node_id, c.id]),
      [
        ["n1", "c1"],
        ["n1", "c2"],
      ],
    );
    assert.equal(all.body.page.has_more, true);
    const c1 = all.body.items[0];
    assert.equal(c1.cpu_ratio, 0.5);
    assert.equal(c1.mem_usage_bytes, 2048);
    assert.equal(c1.mem_limit_bytes, null);
    assert.deepEqual(c1.ports, [{ ip: "0.0.0.0", private_port: 80, public_port: 8080, type: "tcp" }]);
    assert.deepEqual(c1.labels, { app: "c1" });
    assert.equal(c1.created_at, "2023-11-14T22:13:20.000Z");
    const next = await h.get(`/api/v1/containers?limit=2&cursor=${all.body.page.next_cursor}`);
    assert.deepEqual(
      next.body.items.map((c: any) => c.id),
      ["c3"],
    );
    assert.equal(next.body.page.has_more, false);
    assert.deepEqual(
      (await h.get("/api/v1/containers?state=running")).body.items.map((c: any) => c.id),
      ["c1", "c3"],
    );
    assert.deepEqual(
      (await h.get("/api/v1/containers?image=other:1")).body.items.map((c: any) => c.id),
      ["c3"],
    );
    assert.deepEqual(
      (await h.get("/api/v1/nodes/n2/containers")).body.items.map((c: any) => c.id),
      ["c3"],
    );
  });

  it("publishes node.metrics at most once per node per collection interval", async () => {
    const nm = () => h.events.filter((e) => e.type === "node.metrics");
    await h.telemetry.ingest("n1", metrics([hostSnapshot(now - 30_000, 1), hostSnapshot(now - 15_000, 2), hostSnapshot(now, 3)]));
    assert.equal(nm().length, 1, "a replayed batch yields one event");
    const d = nm()[0]!.data;
    assert.equal(d.cpu_usage_ratio, 0.30000000000000004);
    assert.equal(d.mem_total_bytes, 4000);
    assert.equal(d.fs_max_usage_ratio, 0.75);
    assert.equal(d.net_rx_bytes_per_second, 10, "loopback excluded");
    assert.equal(d.ts, new Date(now).toISOString());
    await h.telemetry.ingest("n1", metrics([hostSnapshot(now + 1, 4)]));
    assert.equal(nm().length, 1, "throttled within the interval");
    await h.addNode("n2", "beta");
    await h.telemetry.ingest("n2", metrics([hostSnapshot(now, 1)]));
    assert.equal(nm().length, 2, "other nodes are throttled separately");
  });

  it("exports per-node gauges that pass promtool check metrics", async function () {
    if (!existsSync("/usr/bin/promtool")) this.skip();
    await h.telemetry.ingest("n1", inventory(now, [container("c1", "running")]));
    await h.telemetry.ingest("n1", metrics([hostSnapshot(now, 1)], 3));
    const text = await h.ctx.metrics.registry.metrics();
    assert.match(text, /flotilla_node_cpu_usage_ratio\{node_id="n1",node="alpha"\} 0\.1/);
    assert.match(text, /flotilla_node_filesystem_used_bytes\{node_id="n1",node="alpha",mount="\/"\} 100/);
    assert.match(text, /flotilla_node_network_receive_bytes_total\{node_id="n1",node="alpha",iface="eth0"\} 5001/);
    assert.match(text, /flotilla_node_memory_total_bytes\{node_id="n1",node="alpha"\} 4000/);
    assert.match(text, /flotilla_worker_spool_dropped_samples\{node_id="n1",node="alpha"\} 3/);
    assert.match(text, /flotilla_container_cpu_usage_ratio\{node_id="n1",node="alpha",container="web",image="local\/busybox:1"\} 0\.5/);
    const ours =
      text
        .split("\n")
        .filter((l) => /^(# (HELP|TYPE) )?flotilla_/.test(l))
        .join("\n") + "\n";
    const out = await new Promise<{ code: number | null; text: string }>((ok) => {
      const p = spawn("/usr/bin/promtool", ["check", "metrics"], { stdio: ["pipe", "pipe", "pipe"] });
      let buf = "";
      p.stdout.on("data", (c) => (buf += c));
      p.stderr.on("data", (c) => (buf += c));
      p.on("close", (code) => ok({ code, text: buf }));
      p.stdin.end(ours);
    });
    assert.equal(out.code, 0, out.text);
    assert.equal(out.text.trim(), "", out.text);

    await h.ctx.db.node.update({ where: { id: "n1" }, data: { name: "renamed" } });
    h.ctx.bus.publish("node.updated", { name: "renamed" }, "n1");
    await new Promise((ok) => setTimeout(ok, 150));
    assert.match(await h.ctx.metrics.registry.metrics(), /flotilla_node_load1\{node_id="n1",node="renamed"\} 0\.5/);
  });
});
