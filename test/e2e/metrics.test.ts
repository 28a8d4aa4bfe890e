import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, statfsSync, watch } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { openFeed, type Feed } from "../helpers/feed.js";
import { startMaster, waitFor, type MasterProc } from "../helpers/processes.js";
import {
  docker,
  dockerReady,
  enrollWorker,
  fetchMetrics,
  IMAGE,
  listSpool,
  pauseMaster,
  promValue,
  removeLabelled,
  runLabelled,
  SOCKET,
  type EnrolledWorker,
  type Series,
} from "./metrics-harness.js";

const INTERVAL_MS = 1_000;
const WORKER_ARGS = ["--metrics-interval", "1s", "--docker-socket", SOCKET];
const RUN = randomBytes(4).toString("hex");
const LABEL = "flotilla.test.metrics";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idOf = (s: Series) => s.labels.id;

describe("metrics pipeline end to end (real master, worker and Docker engine)", function () {
  this.timeout(240_000);
  let master: MasterProc;
  let feed: Feed | undefined;
  let a: EnrolledWorker;
  const extra: EnrolledWorker[] = [];
  let engine = false;

  before(async () => {
    master = await startMaster();
    a = await enrollWorker(master, "metrics-a", WORKER_ARGS);
    feed = await openFeed(master.http, master.api.token);
  });
  after(async () => {
    feed?.close();
    await Promise.all([a, ...extra].filter(Boolean).map((w) => w.proc.kill("SIGKILL")));
    await master?.cleanup();
    if (engine) await removeLabelled(LABEL, RUN);
  });

  it("lists 3 running containers with stats within two intervals, and publishes container.state within 5 s of a docker stop", async function () {
    const why = await dockerReady();
    if (why) {
      if (process.env.CI === "true") throw new Error(why);
      this.skip();
    }
    engine = true;
    const names = [0, 1, 2].map((i) => `metrics-${RUN}-${i}`);
    const ids: string[] = [];
    for (const n of names) ids.push(await runLabelled(n, LABEL, RUN));
    const t0 = Date.now();
    type Row = { id: string; name: string; image: string; state: string; node_id: string; cpu_ratio: number | null; mem_usage_bytes: number | null };
    const listed = await waitFor(
      async () => {
        const rows = (await master.api.get<{ items: Row[] }>(`/nodes/${a.nodeId}/containers?limit=500`)).items.filter((r) => ids.includes(r.id));
        if (rows.length < 3 || rows.some((r) => r.cpu_ratio === null || r.mem_usage_bytes === null)) return null;
        const view = await fetchMetrics(master, a.nodeId, "container.cpu_ratio,container.mem_usage_bytes");
        const has = (name: string, id: string) => view.series.some((s) => s.name === name && idOf(s) === id && s.points.length > 0);
        return ids.every((id) => has("container.cpu_ratio", id) && has("container.mem_usage_bytes", id)) ? { rows, view } : null;
      },
      15_000,
      "3 containers listed with CPU and memory series",
      50,
    );
    const took = Date.now() - t0;
    for (const [i, id] of ids.entries()) {
      const row = listed.rows.find((r) => r.id === id)!;
      assert.deepEqual(
        { name: row.name, image: row.image, state: row.state, node_id: row.node_id },
        { name: names[i], image: IMAGE, state: "running", node_id: a.nodeId },
      );
      assert.ok(row.mem_usage_bytes! > 0, `container ${names[i]} uses memory`);
      const mem = listed.view.series.find((s) => s.name === "container.mem_usage_bytes" && idOf(s) === id)!;
      assert.equal(mem.labels.name, names[i]);
    }
    const fleet = (await master.api.get<{ items: Row[] }>(`/containers?node_id=${a.nodeId}&limit=500`)).items.filter((r) => ids.includes(r.id));
    assert.deepEqual(fleet.map((r) => r.name).sort(), [...names].sort(), "fleet-wide list shows the same containers");
    assert.ok(took <= 2 * INTERVAL_MS + 500, `listed with stats after ${took} ms (two intervals are ${2 * INTERVAL_MS} ms)`);

    const stopped = ids[1]!;
    const t1 = Date.now();
    await docker.getContainer(stopped).stop({ t: 10 });
    const ev = await feed!.waitFor(
      (e) => e.type === "container.state" && e.data.container_id === stopped && e.data.state === "exited",
      5_000,
      "container.state exited",
    );
    const lag = Date.now() - t1;
    assert.equal(ev.node_id, a.nodeId);
    assert.equal(ev.data.name, names[1]);
    assert.equal(ev.data.previous_state, "running");
    assert.ok(lag <= 5_000, `container.state after ${lag} ms`);
  });

  it("reports host values that agree with /proc/meminfo, the CPU count and statfs of /", async () => {
    const view = await waitFor(
      async () => {
        const v = await fetchMetrics(master, a.nodeId, "mem.total_bytes,cpu.count,fs.total_bytes", "-10s");
        return v.latest["mem.total_bytes"] !== undefined ? v : null;
      },
      10_000,
      "host metrics",
    );
    const memKiB = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync("/proc/meminfo", "utf8"))![1]);
    assert.equal(view.latest["mem.total_bytes"], memKiB * 1024);
    const count = view.series.find((s) => s.name === "cpu.count")!;
    assert.ok(count.points.length > 0);
    assert.equal(count.points.at(-1)![1], os.cpus().length);
    const root = view.series.filter((s) => s.name === "fs.total_bytes" && s.labels.mount === "/");
    assert.equal(
      root.length,
      1,
      `one fs.total_bytes series for "/", got ${JSON.stringify(view.series.filter((s) => s.name === "fs.total_bytes").map((s) => s.labels))}`,
    );
    const st = statfsSync("/");
    assert.equal(root[0]!.points.at(-1)![1], st.blocks * st.bsize);
  });

  it("replays a full minute spooled while the master was stopped: one cpu.usage_ratio point per interval, no gap, no duplicate", async function () {
    await waitFor(
      async () => ((await fetchMetrics(master, a.nodeId, "cpu.usage_ratio")).series[0]?.points.length ?? 0) >= 3,
      10_000,
      "live cpu.usage_ratio",
    );
    feed?.close();
    feed = undefined;
    const paused = await pauseMaster(master);
    await sleep(60_000);
    const resumedAt = Date.now();
    master = await paused.resume();
    const from = paused.stoppedAt;
    const series = await waitFor(
      async () => {
        const s = (await fetchMetrics(master, a.nodeId, "cpu.usage_ratio", new Date(from - 10_000).toISOString())).series[0];
        return s && s.points.some(([t]) => t >= resumedAt + 2 * INTERVAL_MS) ? s : null;
      },
      60_000,
      "replayed series reaching past the restart",
      500,
    );
    const ts = series.points.map(([t]) => t);
    assert.equal(new Set(ts).size, ts.length, "no duplicate timestamps");
    const window = ts.filter((t) => t >= from && t <= resumedAt);
    const expected = Math.floor((resumedAt - from) / INTERVAL_MS);
    assert.ok(Math.abs(window.length - expected) <= 1, `${window.length} points in the ${resumedAt - from} ms outage, expected ${expected} ± 1`);
    const covering = ts.filter((t) => t >= from - 2 * INTERVAL_MS && t <= resumedAt + 2 * INTERVAL_MS);
    const gaps = covering.slice(1).map((t, i) => t - covering[i]!);
    const worst = Math.max(...gaps);
    assert.ok(worst <= 2 * INTERVAL_MS, `largest gap ${worst} ms (limit ${2 * INTERVAL_MS} ms)`);
    assert.ok(covering[0]! <= from + INTERVAL_MS && covering.at(-1)! >= resumedAt, "points cover the whole outage");
  });

  it("keeps the spool under --spool-max-bytes while the master is away and reports the dropped samples once it is back", async function () {
    const limit = 64 * 1024;
    const b = await enrollWorker(master, "metrics-spool", [...WORKER_ARGS, "--spool-max-bytes", "64KiB"]);
    extra.push(b);
    const dir = join(b.proc.stateDir, "spool");
    await waitFor(async () => (await fetchMetrics(master, b.nodeId, "cpu.usage_ratio")).series.length > 0, 10_000, "worker b metrics");
    feed?.close();
    feed = undefined;
    const paused = await pauseMaster(master);
    await sleep(500); // let a push acknowledged just before the stop settle
    const seen = new Map<string, number>();
    const dropped = new Set<string>();
    let maxBytes = 0;
    let polls = 0;
    const deadline = Date.now() + 120_000;
    let firstDrop = 0;
    const measure = () => {
      const files = listSpool(dir);
      polls++;
      maxBytes = Math.max(
        maxBytes,
        files.reduce((n, f) => n + f.bytes, 0),
      );
      const batches = files.filter((f) => f.batch);
      const now = new Set(batches.map((f) => f.name));
      for (const [name] of seen) if (!now.has(name)) dropped.add(name);
      for (const f of batches) seen.set(f.name, f.samples);
      if (dropped.size > 0 && !firstDrop) firstDrop = Date.now();
    };
    // Measure on every change of the directory, and every 50 ms in case an event is coalesced.
    const watcher = watch(dir, measure);
    try {
      while (Date.now() < deadline && !(firstDrop && Date.now() - firstDrop > 5_000)) {
        measure();
        await sleep(50);
      }
    } finally {
      watcher.close();
    }
    const awayMs = Date.now() - paused.stoppedAt;
    assert.ok(firstDrop > 0, `spool never reached its limit in ${awayMs} ms (max ${maxBytes} bytes)`);
    assert.ok(maxBytes <= limit, `spool directory held ${maxBytes} bytes (limit ${limit}) over ${polls} polls`);
    const droppedSamples = [...dropped].reduce((n, name) => n + seen.get(name)!, 0);
    assert.ok(droppedSamples > 0);

    master = await paused.resume();
    const reported = await waitFor(
      async () => {
        const text = await (await fetch(`${master.http}/metrics`)).text();
        const v = promValue(text, "flotilla_worker_spool_dropped_samples", { node_id: b.nodeId });
        return v !== undefined && v >= droppedSamples ? v : null;
      },
      60_000,
      "flotilla_worker_spool_dropped_samples for the node",
      500,
    );
    assert.ok(reported >= droppedSamples, `reported ${reported}, observed at least ${droppedSamples} dropped`);
    // The spool kept the newest rounds before the worker reconnected and dropped the oldest ones.
    const connects = b.proc.lines.filter((l) => l.includes('"connected to master"')).map((l) => JSON.parse(l) as { msg?: string; time?: string });
    const reconnectedAt = Date.parse(connects.at(-1)!.time!);
    assert.ok(connects.length >= 2 && reconnectedAt > paused.stoppedAt, "worker reconnected after the outage");
    const cpu = (await fetchMetrics(master, b.nodeId, "cpu.usage_ratio", new Date(paused.stoppedAt - 5_000).toISOString())).series[0]!;
    const spooled = cpu.points.filter(([t]) => t >= paused.stoppedAt && t < reconnectedAt);
    assert.ok(spooled.length > 0, "the newest spooled rounds were replayed");
    assert.ok(spooled[0]![0] > paused.stoppedAt + 2 * INTERVAL_MS, "the oldest rounds of the outage were the ones dropped");
  });
});
