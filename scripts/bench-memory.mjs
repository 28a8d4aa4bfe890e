// Memory per connected worker, two ways, printed as one table:
//
// - series: the in-memory series store alone, filled in-process with a full
//   retention window of realistic snapshots (scripts/fleet-sim-host.mjs, one
//   round every 15 s, each batch decoded from protobuf as the master does) for
//   --series-nodes nodes (0: skipped); heap after a full GC, per node. This is the steady
//   state a live run only reaches after the whole retention window.
// - live: one master (with its runtime profile) loaded by the fleet simulator
//   with --n N1, then a second simulator adds hosts up to N2; after --settle
//   seconds at each size, RSS and heap are sampled, and MB per worker is
//   (RSS_N2 - RSS_N1) / (N2 - N1). With --heap-snapshot DIR the master writes
//   a heap snapshot at the first size (SIGUSR2, --heapsnapshot-signal).
//
//   node scripts/bench-memory.mjs [--series-nodes 300] [--n 500,2000] [--settle 120]
//     [--procs 2] [--skip-live] [--heap-snapshot DIR]
//
// BENCH_MASTER_MAIN=path/to/master/dist/main.js measures another build (a
// before/after comparison).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";
import { api, procRss, SIM_NICE, startProcess, table } from "./lib/bench.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const flag = (name) => args.includes(`--${name}`);
const MB = 2 ** 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (process.env.BENCH_MEMORY_SERIES) {
  await seriesChild(Number(process.env.BENCH_MEMORY_SERIES));
  process.exit(0);
}

const SERIES_NODES = Number(opt("series-nodes", 300));
const SIZES = opt("n", "500,2000").split(",").map(Number);
const SETTLE = Number(opt("settle", 120));
const PROCS = Number(opt("procs", 2));
const SNAP_DIR = opt("heap-snapshot", "");
const password = "bench password 123";
const load0 = loadavg()[0];
const rows = [];

/** seriesChild fills a series store with a full retention window for `n` nodes and prints heap figures. */
async function seriesChild(n) {
  const { create, toBinary, fromBinary } = await import("@bufbuild/protobuf");
  const { MetricBatchSchema } = await import("@flotilla/shared/gen/flotilla/v1/telemetry_pb.js");
  const { createSeriesStore } = await import(join(root, "master/dist/telemetry/series-store.js"));
  const { simulatedHost } = await import("./fleet-sim-host.mjs");
  const retentionMs = 3_600_000;
  const interval = 15_000;
  const rounds = retentionMs / interval + 8;
  const t0 = Date.now() - rounds * interval;
  let now = t0;
  const store = createSeriesStore({ retentionMs, now: () => now });
  const hosts = Array.from({ length: n }, (_, i) => simulatedHost(i, interval));
  global.gc();
  const before = process.memoryUsage();
  let ingestMs = 0;
  for (let r = 0; r < rounds; r++) {
    now = t0 + r * interval;
    for (let i = 0; i < n; i++) {
      const { points, statuses } = await hosts[i].collect();
      const batch = create(MetricBatchSchema, {
        snapshots: [
          {
            tsMs: BigInt(now + (i % 1000)),
            points: points.map((p) => ({ ...p, labels: Object.entries(p.labels ?? {}).map(([name, value]) => ({ name, value })) })),
          },
        ],
        collectors: statuses,
      });
      const decoded = fromBinary(MetricBatchSchema, toBinary(MetricBatchSchema, batch));
      const t = performance.now();
      store.ingest(`node-${i}`, decoded);
      ingestMs += performance.now() - t;
    }
  }
  global.gc();
  const after = process.memoryUsage();
  const st = store.stats("node-0");
  const q0 = performance.now();
  const all = () => true;
  let pts = 0;
  for (let i = 0; i < Math.min(n, 200); i++) for (const s of store.query(`node-${i}`, all, 0)) pts += s.points.length;
  const queryMs = (performance.now() - q0) / Math.min(n, 200);
  process.stdout.write(
    JSON.stringify({
      n,
      rounds,
      series: st.series,
      points: st.points,
      heap: after.heapUsed - before.heapUsed,
      external: after.external - before.external,
      rss: after.rss - before.rss,
      ingestUs: (ingestMs * 1000) / (n * rounds),
      queryMs,
      queryPoints: pts / Math.min(n, 200),
    }) + "\n",
  );
}

async function runSeries() {
  const p = spawn(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname], {
    env: { ...process.env, BENCH_MEMORY_SERIES: String(SERIES_NODES) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  await new Promise((r) => p.once("exit", r));
  return JSON.parse(out);
}

async function runLive() {
  const [n1, n2] = SIZES;
  const state = join(tmpdir(), `flotilla-memory-${n2}`);
  const dataDir = join(state, "master");
  mkdirSync(dataDir, { recursive: true });
  if (SNAP_DIR) mkdirSync(SNAP_DIR, { recursive: true });
  const { p, line } = await startProcess(
    [
      ...MASTER_NODE_FLAGS,
      ...(SNAP_DIR ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${SNAP_DIR}`] : []),
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []),
      process.env.BENCH_MASTER_MAIN ?? join(root, "master/dist/main.js"),
      "--http-addr",
      "127.0.0.1:0",
      "--grpc-addr",
      "127.0.0.1:0",
      "--data-dir",
      dataDir,
      "--enroll-rate-limit",
      "100000",
    ],
    { ...MASTER_ENV, FLOTILLA_ADMIN_PASSWORD: password, FLOTILLA_GRPC_MAX_CONNECTIONS_PER_SOURCE: String(2 * n2) },
    "http_addr",
  );
  const http = `http://${line.http_addr}`;
  const login = async () =>
    (await api(http, "", "/api/v1/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password }) })).access_token;
  let tok = await login();
  // Access tokens are short-lived: the fleet status poll logs in again when its token expired.
  const online = async () => {
    try {
      return (await api(http, tok, "/api/v1/fleet/status")).online;
    } catch (err) {
      if (!/HTTP 401/.test(String(err))) throw err;
      tok = await login();
      return (await api(http, tok, "/api/v1/fleet/status")).online;
    }
  };
  const join_ = await api(http, tok, "/api/v1/enrollment-tokens", {
    method: "POST",
    body: JSON.stringify({ name: `memory-${Date.now()}`, max_uses: 0, ttl_seconds: 86_400 }),
  });
  const sims = [];
  const sim = (n, offset) => {
    const c = spawn(
      process.execPath,
      [
        join(root, "scripts/fleet-sim.mjs"),
        ...["--master", line.grpc_addr, "--token", join_.token, "--state", join(state, "workers")],
        ...["--n", String(n), "--offset", String(offset), "--procs", String(PROCS), "--ramp", "200", "--nice", String(SIM_NICE)],
      ],
      { stdio: ["ignore", "ignore", process.env.BENCH_TRACE ? "inherit" : "ignore"] },
    );
    sims.push(c);
  };
  const heapUsed = async () => {
    const prom = await (await fetch(`${http}/metrics`)).text();
    return Number(/^nodejs_heap_size_used_bytes ([0-9.e+]+)$/m.exec(prom)?.[1] ?? NaN);
  };
  const measure = async (n) => {
    const t0 = Date.now();
    while ((await online()) < n) {
      if (Date.now() - t0 > 600_000) throw new Error(`only part of ${n} online after 10 min`);
      await sleep(1000);
    }
    const onlineAfter = (Date.now() - t0) / 1000;
    await sleep(SETTLE * 1000);
    // Mean over the last 20 s: RSS moves with each young-generation cycle.
    const rss = [];
    const heap = [];
    for (let i = 0; i < 10; i++) {
      rss.push(procRss(p.pid));
      heap.push(await heapUsed());
      await sleep(2000);
    }
    if (SNAP_DIR && n === SIZES[0]) {
      const had = readdirSync(SNAP_DIR).length;
      p.kill("SIGUSR2");
      while (readdirSync(SNAP_DIR).length === had) await sleep(1000);
      await sleep(5000);
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return { n, online: onlineAfter, rss: mean(rss), heap: mean(heap) };
  };
  sim(n1, 0);
  const a = await measure(n1);
  sim(n2 - n1, n1);
  const b = await measure(n2);
  for (const c of sims) c.kill("SIGTERM");
  await Promise.all(sims.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once("exit", r)))));
  p.kill("SIGTERM");
  await new Promise((r) => p.once("exit", r));
  return [a, b];
}

const s = SERIES_NODES > 0 ? await runSeries() : null;
if (s)
  rows.push([
    `series store, ${s.n} nodes x ${s.rounds} rounds (${s.series} series, ${s.points} points kept)`,
    `${(s.heap / MB).toFixed(1)} heap + ${(s.external / MB).toFixed(1)} buffers`,
    `${((s.heap + s.external) / MB / s.n).toFixed(3)} MB/node`,
    `ingest ${s.ingestUs.toFixed(1)} µs/snapshot, full query ${s.queryMs.toFixed(2)} ms/node`,
  ]);
if (!flag("skip-live")) {
  const [a, b] = await runLive();
  for (const x of [a, b])
    rows.push([
      `live master, ${x.n} workers (all online after ${x.online.toFixed(0)} s, +${SETTLE} s)`,
      `RSS ${(x.rss / MB).toFixed(0)}`,
      `heap ${(x.heap / MB).toFixed(0)}`,
      "",
    ]);
  rows.push([
    `live master, per worker ${a.n} -> ${b.n}`,
    `${((b.rss - a.rss) / MB / (b.n - a.n)).toFixed(3)} MB RSS/worker`,
    `${((b.heap - a.heap) / MB / (b.n - a.n)).toFixed(3)} MB heap/worker`,
    "",
  ]);
}
console.log(`memory benchmark: load average ${load0.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
console.log(table(["", "MB", "per node / worker", "notes"], rows));
process.exit(0);
