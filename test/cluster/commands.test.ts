import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import WebSocket from "ws";
import { docker, post, removeContainers, requireDocker, runContainer, stateOf, waitForContainer } from "../containers/harness.js";
import { postgresDatabase } from "../helpers/database.js";
import { startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { follow, requireNats, startReplica } from "./harness.js";

/** rssMb reads a process's resident memory. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

describe("replicas: commands, live data and revocation across replicas (PostgreSQL + NATS + Docker)", function () {
  this.timeout(300_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  let a: MasterProc;
  let b: MasterProc;
  let w: Proc | undefined;
  let nodeId: string;
  const sockets: WebSocket[] = [];

  before(async function () {
    await requireNats(this);
    requireDocker(this);
    db = await postgresDatabase();
    a = await startReplica(db.url);
    b = await startReplica(db.url);
    const tok = await a.api.post<{ token: string }>("/enrollment-tokens", { name: "relay" });
    // The worker dials A only: B reaches it through A.
    w = startWorker(a, { token: tok.token, args: ["--docker-socket", "/var/run/docker.sock", "--metrics-interval", "1s"] });
    nodeId = (await w.waitForLog((r) => typeof r.node_id === "string", 30_000)).node_id as string;
    await waitFor(async () => (await b.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 30_000, "node online on B");
  });
  after(async () => {
    for (const s of sockets) s.terminate();
    await w?.kill("SIGKILL");
    for (const m of [a, b]) if (m) await m.kill("SIGKILL");
    for (const m of [a, b]) if (m) rmSync(m.dataDir, { recursive: true, force: true });
    try {
      removeContainers();
    } catch {}
    await db?.cleanup();
  });

  it("a container action sent through B reaches the worker connected to A; the record and the inventory follow", async () => {
    const id = runContainer("trap 'exit 0' TERM; while true; do sleep 0.1; done");
    await waitForContainer(b, nodeId, id, "running");
    const stop = await post(b, `/nodes/${nodeId}/containers/${id}/actions`, { action: "stop", stop_timeout_seconds: 2 });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal(stop.body.status, "succeeded");
    assert.equal(stop.body.result.container.state, "exited");
    assert.equal(stateOf(id), "exited", "the engine stopped the container");
    const rec = await a.api.get<{ status: string; requested_by: string }>(`/commands/${stop.body.id}`);
    assert.equal(rec.status, "succeeded", "the record is shared: A sees it");
    assert.equal(rec.requested_by, "admin");
    await waitForContainer(b, nodeId, id, "exited");
    await waitForContainer(a, nodeId, id, "exited");
    const start = await post(b, `/nodes/${nodeId}/containers/${id}/actions`, { action: "start" });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    assert.equal(stateOf(id), "running");
  });

  it("a live log follow through B streams a line printed on A's worker within 1 s, and closes when the container stops", async () => {
    const id = runContainer("sleep 300");
    await waitForContainer(b, nodeId, id, "running");
    const f = await follow(`${b.http.replace(/^http/, "ws")}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=0`, {
      authorization: `Bearer ${b.api.token}`,
    });
    sockets.push(f.ws);
    await new Promise((r) => setTimeout(r, 500));
    const marker = `relay-${Date.now()}`;
    const t0 = Date.now();
    docker("exec", id, "sh", "-c", `echo ${marker} > /proc/1/fd/1`);
    await waitFor(async () => f.lines.some((l) => l.text === marker), 5_000, "the marker line on B's socket", 10);
    const took = Date.now() - t0;
    assert.ok(took < 1_500, `line delivered through two replicas after ${took} ms`);
    docker("kill", id);
    const c = await f.closed;
    assert.equal(c.code, 1000);
    assert.equal(c.reason, "container stopped");
  });

  it("a slow client on B holds the stream back: neither replica buffers a fast container's output, and the stream goes on", async () => {
    // 30 KB lines as fast as the shell writes them.
    const id = runContainer('yes "$(printf "%030000d" 0)"', ["--log-opt", "max-size=20m"]);
    await waitForContainer(b, nodeId, id, "running");
    const f = await follow(`${b.http.replace(/^http/, "ws")}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=0`, {
      authorization: `Bearer ${b.api.token}`,
    });
    sockets.push(f.ws);
    await waitFor(async () => f.lines.length > 100, 20_000, "the flood reaching B's client");
    const n0 = f.lines.length;
    await new Promise((r) => setTimeout(r, 3_000));
    // What the container writes while the client reads nothing would pile up somewhere without backpressure.
    const mbPerS = ((f.lines.length - n0) * 30_000) / 3 / 1048576;
    const before = { a: rssMb(a.child.pid!), b: rssMb(b.child.pid!) };
    const socket = (f.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    await new Promise((r) => setTimeout(r, 20_000));
    const after = { a: rssMb(a.child.pid!), b: rssMb(b.child.pid!) };
    const seen = f.lines.length;
    socket.resume();
    await waitFor(async () => f.lines.length > seen + 100, 20_000, "the stream resuming");
    f.ws.close();
    docker("rm", "-f", id);
    const pausedMb = (mbPerS * 20).toFixed(0);
    assert.ok(after.a - before.a < 16, `A grew ${(after.a - before.a).toFixed(1)} MB while B's client read nothing (flood ~${pausedMb} MB)`);
    assert.ok(after.b - before.b < 16, `B grew ${(after.b - before.b).toFixed(1)} MB while its client read nothing (flood ~${pausedMb} MB)`);
  });

  it("B serves the metric series and container figures of A's node; /metrics shows the node on A only", async () => {
    const id = runContainer("sleep 300");
    await waitForContainer(b, nodeId, id, "running");
    const m = await waitFor(
      async () => {
        const r = await b.api.get<{ latest_ts: string | null; latest: Record<string, number>; series: Array<{ name: string; points: unknown[] }> }>(
          `/nodes/${nodeId}/metrics?names=cpu.usage_ratio,mem.used_bytes&since=-5m`,
        );
        return r.latest_ts && r.series.some((s) => s.points.length >= 2) ? r : null;
      },
      30_000,
      "A's node's series on B",
    );
    assert.ok(Date.now() - Date.parse(m.latest_ts!) < 15_000, `fresh: latest ${m.latest_ts}`);
    assert.ok(m.latest["mem.used_bytes"]! > 0);
    const onA = await a.api.get<{ latest_ts: string }>(`/nodes/${nodeId}/metrics?names=mem.used_bytes&since=-5m`);
    assert.ok(Math.abs(Date.parse(onA.latest_ts) - Date.parse(m.latest_ts!)) <= 5_000, "B is as fresh as A");
    const c = await waitFor(
      async () => {
        const page = await b.api.get<{ items: Array<{ id: string; mem_usage_bytes: number | null }> }>(`/nodes/${nodeId}/containers?limit=500`);
        return page.items.find((x) => x.id === id && x.mem_usage_bytes !== null);
      },
      30_000,
      "container figures on B",
    );
    assert.ok(c.mem_usage_bytes! > 0);
    const node = await b.api.get<{ cpu_usage_ratio: number | null; mem_usage_ratio: number | null }>(`/nodes/${nodeId}`);
    assert.ok(node.mem_usage_ratio !== null, "the node's figures on B");
    const scrape = async (m: MasterProc) => (await fetch(`${m.http}/metrics`)).text();
    const series = (text: string) => text.split("\n").filter((l) => l.startsWith("flotilla_node_memory_used_bytes{") && l.includes(nodeId));
    assert.equal(series(await scrape(a)).length, 1, "A exports the node it holds");
    assert.equal(series(await scrape(b)).length, 0, "B does not export it: no double counting");
  });

  it("deleting an API key through B cuts its feed and log follow on A within 1 s", async () => {
    const key = await a.api.post<{ id: string; key: string }>("/api-keys", { name: "cut me" });
    const id = runContainer("while true; do echo tick; sleep 0.2; done");
    await waitForContainer(a, nodeId, id, "running");
    const feed = await follow(`${a.http.replace(/^http/, "ws")}/api/v1/ws`, { "x-api-key": key.key });
    const logs = await follow(`${a.http.replace(/^http/, "ws")}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=1`, { "x-api-key": key.key });
    sockets.push(feed.ws, logs.ws);
    await waitFor(async () => logs.lines.length >= 2, 10_000, "log lines before the revocation");
    const r = await b.api.call("DELETE", `/api-keys/${key.id}`);
    const answered = Date.now();
    assert.equal(r.status, 204);
    for (const s of [feed, logs]) {
      const c = await Promise.race([s.closed, new Promise<null>((ok) => setTimeout(() => ok(null), 5_000))]);
      assert.ok(c, "the stream on A was closed");
      assert.equal(c.code, 4001);
      assert.equal(c.reason, "credentials revoked: API key deleted");
      assert.ok(c.at - answered < 1_000, `closed ${c.at - answered} ms after B answered`);
    }
  });

  it("a scan started through B runs on A's worker and its result is stored", async () => {
    const scan = await b.api.post<{ scan_id: string }>("/scans", { targets: { node_ids: [nodeId] }, scanners: ["host-census"] });
    const done = await waitFor(
      async () => {
        const s = await b.api.get<{ status: string; nodes: Array<{ node_id: string; status: string; error?: string | null }> }>(
          `/scans/${scan.scan_id}`,
        );
        return ["completed", "failed", "canceled"].includes(s.status) ? s : null;
      },
      60_000,
      "the scan finished",
      250,
    );
    assert.equal(done.status, "completed", JSON.stringify(done));
    assert.equal(done.nodes[0]?.status, "succeeded", JSON.stringify(done.nodes));
    const rec = await a.api.get<{ items: Array<{ kind: string; status: string }> }>(`/commands?node_id=${nodeId}&kind=run_scan&limit=1`);
    assert.equal(rec.items[0]?.status, "succeeded");
  });

  it("a WebSocket ticket issued by B opens the feed on A, once: the same ticket is refused on B afterwards", async () => {
    const { ticket } = await b.api.post<{ ticket: string }>("/ws/tickets", {});
    const q = `?ticket=${encodeURIComponent(ticket)}`;
    const feed = await follow(`${a.http.replace(/^http/, "ws")}/api/v1/ws${q}`, {});
    sockets.push(feed.ws);
    await assert.rejects(follow(`${b.http.replace(/^http/, "ws")}/api/v1/ws${q}`, {}), /401/);
    await assert.rejects(follow(`${a.http.replace(/^http/, "ws")}/api/v1/ws${q}`, {}), /401/);
  });

  it("a node with no session on any replica gets a fast 503 through either replica", async () => {
    const id = runContainer("sleep 300");
    await waitForContainer(b, nodeId, id, "running");
    await w!.kill("SIGKILL");
    w = undefined;
    await waitFor(
      async () => (await b.api.get<{ status: string }>(`/nodes/${nodeId}`)).status !== "online" || null,
      60_000,
      "node offline",
      250,
    ).catch(() => undefined);
    for (const m of [b, a]) {
      const r = await waitFor(
        async () => {
          const res = await post(m, `/nodes/${nodeId}/containers/${id}/actions`, { action: "restart" });
          return res.status === 503 ? res : null;
        },
        30_000,
        "503 once the session is gone",
        500,
      );
      assert.equal(r.body.code, "unavailable", JSON.stringify(r.body));
      assert.ok(r.ms < 2_000, `answered in ${r.ms} ms`);
    }
  });
});
