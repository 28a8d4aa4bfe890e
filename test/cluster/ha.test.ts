import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresDatabase } from "../helpers/database.js";
import { openFeed, type Feed } from "../helpers/feed.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { docker, post, removeContainers, requireDocker, runContainer, stateOf, waitForContainer } from "../containers/harness.js";
import { binary, follow, freePort, startDaemon, startNats, stopDaemon, type NatsServer } from "./harness.js";

type Node = { id: string; status: string };
type StoredEvent = { id: string; type: string; ts: string; node_id?: string | null };

const ROOT = new URL("../..", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** holders reads, from a replica's log, the nodes whose liveness it owns now. */
function held(m: MasterProc): Set<string> {
  const out = new Set<string>();
  for (const l of m.lines) {
    if (!l.includes('"node_id"')) continue;
    const id = /"node_id":"([^"]+)"/.exec(l)?.[1];
    if (!id) continue;
    if (l.includes('"node online"') || l.includes('"node taken over from another replica"')) out.add(id);
    else if (l.includes('"node offline"') || l.includes('"node handed over to another replica"')) out.delete(id);
  }
  return out;
}
const leads = (m: MasterProc) => m.lines.some((l) => l.includes("leader lease taken"));

describe("replicas: three masters behind HAProxy, 30 workers, one replica killed, NATS restarted (PostgreSQL + NATS + HAProxy)", function () {
  this.timeout(300_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  let nats: NatsServer | undefined;
  let haproxy: ChildProcess | undefined;
  let lbPort: number;
  let sim: ChildProcess | undefined;
  let simOut = "";
  let pinned: Proc | undefined;
  let rx: Receiver;
  const masters: MasterProc[] = [];
  const feeds: Feed[] = [];
  const dirs: string[] = [];
  const N = 30;

  before(async function () {
    requireDocker(this);
    const haproxyBin = binary("haproxy");
    db = await postgresDatabase();
    nats = await startNats();
    const args = ["--nats-url", nats.url, "--webhook-allowed-hosts", "127.0.0.1"];
    for (let i = 0; i < 3; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "flotilla-replica-"));
      dirs.push(dataDir);
      masters.push(await startMaster({ dbUrl: db.url, dataDir, args }));
    }
    lbPort = await freePort();
    const cfg = join(db.dir, "haproxy.cfg");
    writeFileSync(
      cfg,
      [
        "global",
        "  maxconn 2000",
        "defaults",
        "  mode tcp",
        "  timeout connect 2s",
        "  timeout client 1h",
        "  timeout server 1h",
        "  retries 3",
        "  option redispatch",
        "frontend grpc",
        `  bind 127.0.0.1:${lbPort}`,
        "  default_backend masters",
        "backend masters",
        "  balance roundrobin",
        ...masters.map((m, i) => `  server m${i} ${m.grpc} check inter 1s fall 2 rise 2`),
        "",
      ].join("\n"),
    );
    haproxy = await startDaemon(haproxyBin, ["-db", "-f", cfg], lbPort);
    rx = await startReceiver();
  });
  after(async () => {
    for (const f of feeds) f.close();
    await stopDaemon(sim, "SIGKILL");
    await pinned?.kill("SIGKILL");
    for (const m of masters) await m.kill("SIGKILL");
    await stopDaemon(haproxy, "SIGKILL");
    await nats?.stop();
    await rx?.close();
    try {
      removeContainers();
    } catch {}
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await db?.cleanup();
  });

  it("every replica shows the 30 workers online, sees events of the others, fires each webhook once; a killed replica's nodes move without re-enrollment; a schedule survives its leader; NATS comes back", async () => {
    const [first] = masters as [MasterProc, MasterProc, MasterProc];
    await waitFor(async () => leads(first), 15_000, "the first replica leads");
    const hook = await first.api.post<{ id: string }>("/webhooks", { name: "once", url: rx.url, event_types: ["node.enrolled"] });
    assert.ok(hook.id);
    for (const m of masters) feeds.push(await openFeed(m.http, m.api.token));
    const tok = await first.api.post<{ token: string }>("/enrollment-tokens", { name: "ha", max_uses: N + 5 });

    // One real worker pinned to the leader's own address (it cannot move when its replica dies), with the
    // Docker engine; 29 through HAProxy.
    const pinnedWorker = startWorker(
      { grpc: first.grpc },
      { token: tok.token, args: ["--docker-socket", "/var/run/docker.sock"], env: { FLOTILLA_LOG_LEVEL: "info" } },
    );
    pinned = pinnedWorker;
    const state = mkdtempSync(join(tmpdir(), "flotilla-ha-sim-"));
    dirs.push(state);
    const simArgs = ["--master", `127.0.0.1:${lbPort}`, "--token", tok.token, "--state", state, "--n", String(N - 1), "--procs", "1"];
    const startSim = () => {
      sim = spawn(process.execPath, [join(ROOT, "scripts/fleet-sim.mjs"), ...simArgs, "--ramp", "20", "--interval", "2000", "--json"], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      sim.stdout!.on("data", (d: Buffer) => (simOut = (simOut + d.toString()).slice(-20_000)));
    };
    const simStats = () => {
      const lines = simOut.trim().split("\n");
      try {
        return JSON.parse(lines[lines.length - 1] ?? "{}") as Record<string, number>;
      } catch {
        return JSON.parse(lines[lines.length - 2] ?? "{}") as Record<string, number>;
      }
    };
    startSim();

    const onlineOn = async (m: MasterProc) => (await m.api.get<{ items: Node[] }>("/nodes?limit=200")).items.filter((n) => n.status === "online");
    for (const m of masters)
      await waitFor(async () => (await onlineOn(m)).length === N, 90_000, `${N} online on ${m.http}`, 500).catch(async (err: Error) =>
        assert.fail(`${err.message}: ${(await onlineOn(m)).length}; sim ${JSON.stringify(simStats())}`),
      );
    const nodes = (await first.api.get<{ items: Node[] }>("/nodes?limit=200")).items;
    assert.equal(nodes.length, N, "30 nodes, each enrolled once");
    const pinnedNode = (await pinnedWorker.waitForLog((r, line) => line.includes(`"enrolled"`) && typeof r.node_id === "string", 5_000))
      .node_id as string;
    assert.ok(held(first).has(pinnedNode), "the pinned worker is held by the replica it dials");
    const ofFirst = held(first);
    process.stdout.write(`      holders: ${masters.map((m) => held(m).size).join(" / ")} nodes\n`);
    assert.equal(
      masters.reduce((n, m) => n + held(m).size, 0),
      N,
      "each node held by exactly one replica",
    );
    assert.ok(ofFirst.size >= 2, "the load balancer spread workers onto the first replica too");

    // A client on each other replica receives node.online of workers connected to the first.
    for (const f of feeds.slice(1))
      for (const id of ofFirst) await f.waitFor((e) => e.type === "node.online" && e.node_id === id, 10_000, `node.online of ${id}`);

    // Each node.enrolled is delivered once, whichever replica enrolled it.
    await rx.waitFor((g) => g.length >= N, 60_000, `${N} webhook deliveries`);
    await sleep(2_000);
    const hookIds = rx.got.map((r) => String(r.headers["webhook-id"]));
    const hookNodes = rx.got.map((r) => (JSON.parse(r.body) as { node_id: string }).node_id);
    assert.equal(rx.got.length, N, "one delivery per node.enrolled across three replicas");
    assert.equal(new Set(hookIds).size, N);
    assert.equal(new Set(hookNodes).size, N);

    // A container action and a live log follow sent through C reach the pinned worker, connected to the first replica.
    const viaC = masters[2]!;
    const cid = runContainer("trap 'exit 0' TERM; while true; do sleep 0.1; done");
    await waitForContainer(viaC, pinnedNode, cid, "running");
    const stop = await post(viaC, `/nodes/${pinnedNode}/containers/${cid}/actions`, { action: "stop", stop_timeout_seconds: 2 });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal(stop.body.status, "succeeded");
    assert.equal(stateOf(cid), "exited", "the engine on the first replica's worker stopped the container");
    const logged = runContainer("sleep 300");
    await waitForContainer(viaC, pinnedNode, logged, "running");
    const f = await follow(`${viaC.http.replace(/^http/, "ws")}/api/v1/nodes/${pinnedNode}/containers/${logged}/logs/ws?tail=0`, {
      authorization: `Bearer ${viaC.api.token}`,
    });
    await sleep(500);
    const marker = `ha-${Date.now()}`;
    const m0 = Date.now();
    docker("exec", logged, "sh", "-c", `echo ${marker} > /proc/1/fd/1`);
    await waitFor(async () => f.lines.some((l) => l.text === marker), 5_000, "the marker line on C's log follow", 10);
    process.stdout.write(`      container stop through C: ${stop.ms} ms; log line through C: ${Date.now() - m0} ms\n`);
    docker("kill", logged);
    const closed = await f.closed;
    assert.equal(closed.code, 1000);
    assert.equal(closed.reason, "container stopped");

    // A schedule on a short interval fires once per period with three replicas.
    const period = 5;
    const target = [...ofFirst].find((id) => id !== pinnedNode) ?? nodes[0]!.id;
    const sched = await masters[1]!.api.post<{ id: string }>("/schedules", {
      name: "ha",
      interval_seconds: period,
      targets: { node_ids: [target] },
      scanners: ["host-census"],
    });
    const runs = async () =>
      (await masters[1]!.api.get<{ items: { id: string; schedule_id: string | null; created_at: string }[] }>("/scans?limit=200")).items
        .filter((s) => s.schedule_id === sched.id)
        .map((s) => Date.parse(s.created_at))
        .sort((x, y) => x - y);
    const t0 = Date.now();
    await sleep(4 * period * 1000 + 1_000);
    const before = await runs();
    const windowS = (Date.now() - t0) / 1000;
    assert.ok(
      before.length >= 3 && before.length <= Math.ceil(windowS / period) + 1,
      `about one run per ${period} s: ${before.length} in ${windowS} s`,
    );
    for (let i = 1; i < before.length; i++)
      assert.ok(before[i]! - before[i - 1]! >= period * 1000 * 0.8, `runs ${period} s apart: ${before.join(", ")}`);

    // Telemetry acknowledged before the kill: the series on the survivors hold it.
    const [, b, c] = masters as [MasterProc, MasterProc, MasterProc];
    const probe = [...ofFirst].find((id) => id !== pinnedNode)!;
    const points = async (m: MasterProc) => {
      const r = await m.api.get<{ series: { name: string; points: [number, number][] }[] }>(`/nodes/${probe}/metrics?since=-15m`);
      return new Set(r.series.flatMap((s) => s.points.map((p) => `${s.name}@${p[0]}`)));
    };
    const acked = await points(b);
    assert.ok(acked.size > 0, "the first replica's node has series on B");
    const enrolledBefore = simStats().enrolled;

    // SIGKILL of the leader, holding a third of the workers (and the pinned one).
    const killedAt = Date.now();
    const lastEvent = (await b.api.get<{ items: StoredEvent[] }>("/events?limit=1")).items[0]!;
    await first.kill("SIGKILL");
    pinned.kill("SIGKILL").catch(() => undefined);
    const pinnedOffline = await waitFor(
      async () => (await b.api.get<{ items: Node[] }>(`/nodes?limit=200`)).items.find((n) => n.id === pinnedNode && n.status === "offline"),
      30_000,
      "the pinned worker's node offline within 30 s",
      250,
    );
    assert.ok(pinnedOffline);
    const offlineAfter = Date.now() - killedAt;
    // The worker comes back through the load balancer, as itself.
    pinned = startWorker({ grpc: `127.0.0.1:${lbPort}` }, { stateDir: pinnedWorker.stateDir, env: { FLOTILLA_LOG_LEVEL: "info" } });
    for (const m of [b, c])
      await waitFor(async () => (await onlineOn(m)).length === N, 60_000, `all ${N} online again on ${m.http}`, 250).catch(async (err: Error) =>
        assert.fail(`${err.message}: ${(await onlineOn(m)).length}`),
      );
    const backAfter = Date.now() - killedAt;
    process.stdout.write(`      after SIGKILL: pinned node offline at ${offlineAfter} ms; all ${N} online at ${backAfter} ms\n`);
    assert.ok(backAfter < 60_000);
    assert.equal((await b.api.get<{ items: Node[] }>("/nodes?limit=200")).items.length, N, "no new node: nobody re-enrolled");
    assert.equal(simStats().enrolled, enrolledBefore, "the simulated workers did not enroll again");
    assert.ok(!pinned.lines.some((l) => l.includes('"enrolled"')), "the pinned worker did not enroll again");
    const movedOffline = (await b.api.get<{ items: StoredEvent[] }>(`/events?type=node.offline&since=${encodeURIComponent(lastEvent.id)}&limit=200`))
      .items;
    process.stdout.write(`      node.offline after the kill: ${movedOffline.length} (the pinned worker's included)\n`);
    assert.ok(
      movedOffline.some((e) => e.node_id === pinnedNode),
      "the pinned worker's node.offline is in the store",
    );
    assert.deepEqual(
      movedOffline.filter((e) => e.node_id !== pinnedNode).map((e) => e.node_id),
      [],
      "workers that reconnected to another replica did not flap offline",
    );
    const after = await points(c);
    const lost = [...acked].filter((p) => !after.has(p));
    assert.deepEqual(lost, [], "telemetry acknowledged before the kill is still served");
    assert.ok(after.size > acked.size, "and new points arrive through the new replica");

    // Every event since the kill reached the WebSocket clients of both survivors.
    await sleep(2_000);
    const since = (await c.api.get<{ items: StoredEvent[] }>(`/events?since=${encodeURIComponent(lastEvent.id)}&limit=500`)).items.filter(
      (e) => Date.parse(e.ts) > killedAt + 1_000 && e.type !== "node.metrics",
    );
    assert.ok(since.length > 0, "events after the kill");
    for (const f of feeds.slice(1)) {
      const got = new Set(f.events.map((e) => e.id));
      const missing = since.filter((e) => !got.has(e.id));
      assert.deepEqual(missing, [], "every stored event delivered to the survivors' clients");
    }

    // The schedule keeps firing once per period after its leader died.
    await waitFor(async () => leads(b) || leads(c), 30_000, "a survivor takes the lease");
    const n0 = (await runs()).length;
    await sleep(3 * period * 1000 + 1_000);
    const later = await runs();
    assert.ok(later.length >= n0 + 2, `still firing: ${n0} -> ${later.length}`);
    for (let i = 1; i < later.length; i++)
      assert.ok(later[i]! - later[i - 1]! >= period * 1000 * 0.8, `still one run per period: ${later.join(", ")}`);
    await b.api.call("PATCH", `/schedules/${sched.id}`, { enabled: false });

    // NATS restarted while the replicas run: they reconnect; what happened meanwhile is stored and replayed.
    const mark = (await c.api.get<{ items: StoredEvent[] }>("/events?limit=1")).items[0]!;
    await nats!.stop("SIGKILL");
    await waitFor(async () => [b, c].every((m) => m.lines.some((l) => l.includes("NATS connection lost"))), 15_000, "both notice");
    const patched = await b.api.call("PATCH", `/nodes/${probe}`, { labels: { during: "outage" } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    await nats!.start();
    await waitFor(async () => [b, c].every((m) => m.lines.some((l) => l.includes("NATS connection back"))), 30_000, "both reconnect");
    const replay = await openFeed(c.http, c.api.token, `?since=${encodeURIComponent(mark.id)}`);
    feeds.push(replay);
    await replay.waitFor((e) => e.type === "node.updated" && e.node_id === probe, 15_000, "node.updated made during the outage, replayed on C");
    // And live delivery across replicas works again.
    const replayed = new Set(replay.events.map((e) => e.id));
    await b.api.call("PATCH", `/nodes/${probe}`, { labels: { during: "after" } });
    await feeds[2]!.waitFor((e) => e.type === "node.updated" && e.node_id === probe && !replayed.has(e.id), 15_000, "live again on C");
    assert.equal((await onlineOn(c)).length, N, "no node went offline over the NATS restart");
  });
});
