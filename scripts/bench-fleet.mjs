// Fleet benchmark: for each fleet size, one master (with its runtime profile)
// and then the bare grpc-js baseline (scripts/baseline-server.mjs) are loaded
// by the same simulator (scripts/fleet-sim.mjs) with the same identities.
// Prints one table: time until all online, CPU, RSS steady/peak, heap,
// beats/s, batches/s acknowledged, errors, online at the end, false offline
// transitions, REST p50/p99 at a fixed request rate, /metrics size and time,
// WebSocket event latency, and a master restart with the fleet connected
// (time until all online again, re-enrollments, node count); last the
// master/baseline CPU ratio.
//
//   node scripts/bench-fleet.mjs [--n 1000,2000,5000,10000] [--seconds 300] [--procs 4]
//     [--rest-rate 5] [--nice 10] [--state DIR] [--keep]
//
// Identities and the master's data dir are kept under --state (default
// $TMPDIR/flotilla-fleet-<N>), so a second run reconnects without enrolling.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import WebSocket from "ws";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";
import { api, pct, procSample, SIM_NICE, startProcess, table } from "./lib/bench.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SIZES = opt("n", "1000,2000,5000,10000")
  .split(",")
  .map((s) => Number(s.replace(/k$/, "000")));
const SECONDS = Number(opt("seconds", 300));
const PROCS = Number(opt("procs", 4));
const REST_RATE = Number(opt("rest-rate", 5));
const RAMP = Number(opt("ramp", 200));
const NICE = Number(opt("nice", SIM_NICE));
const nodeFlags = process.env.BENCH_NODE_FLAGS !== undefined ? process.env.BENCH_NODE_FLAGS.split(" ").filter(Boolean) : MASTER_NODE_FLAGS;
const password = "bench password 123";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sample = procSample;

async function startMaster(dataDir, grpcAddr = "127.0.0.1:0", httpAddr = "127.0.0.1:0") {
  const { p, line } = await startProcess(
    [
      ...nodeFlags,
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []),
      join(root, "master/dist/main.js"),
      "--http-addr",
      httpAddr,
      "--grpc-addr",
      grpcAddr,
      "--data-dir",
      dataDir,
      "--enroll-rate-limit",
      "100000",
      "--log-level",
      "info",
    ],
    // Every simulated worker connects from 127.0.0.1: the per-source cap on
    // unauthenticated connections must hold the whole fleet reconnecting.
    { ...MASTER_ENV, FLOTILLA_ADMIN_PASSWORD: password, FLOTILLA_GRPC_MAX_CONNECTIONS_PER_SOURCE: String(Math.max(256, 2 * Math.max(...SIZES))) },
    "http_addr",
  );
  return { p, http: `http://${line.http_addr}`, grpc: line.grpc_addr };
}

const stopProcess = (p) => new Promise((r) => (p.exitCode !== null ? r() : (p.once("exit", r), p.kill("SIGTERM"))));

/** startSim runs fleet-sim.mjs and keeps its latest counters. */
function startSim(grpc, token, state, n) {
  const p = spawn(
    process.execPath,
    [
      join(root, "scripts/fleet-sim.mjs"),
      "--master",
      grpc,
      "--token",
      token,
      "--state",
      state,
      "--n",
      String(n),
      "--procs",
      String(PROCS),
      "--ramp",
      String(RAMP),
      "--nice",
      String(NICE),
      "--json",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const sim = { p, last: { online: 0, enrolled: 0 }, history: [] };
  createInterface({ input: p.stdout }).on("line", (l) => {
    try {
      sim.last = JSON.parse(l);
      sim.history.push(sim.last);
    } catch {}
  });
  createInterface({ input: p.stderr }).on("line", (l) => process.env.BENCH_TRACE && console.error(l));
  return sim;
}

async function waitUntil(pred, timeoutMs) {
  const t0 = Date.now();
  while (!(await pred().catch(() => false))) {
    if (Date.now() - t0 > timeoutMs) return NaN;
    await sleep(250);
  }
  return (Date.now() - t0) / 1000;
}

/** restLoad requests each route at `rate` per second and records latencies. */
function restLoad(http, token, routes, rate) {
  const lat = Object.fromEntries(routes.map((r) => [r, []]));
  let errors = 0;
  const timers = routes.map((route) =>
    setInterval(() => {
      const t = performance.now();
      fetch(`${http}${route}`, { headers: { authorization: `Bearer ${token}` } })
        .then((r) => r.arrayBuffer().then(() => (r.ok ? lat[route].push(performance.now() - t) : errors++)))
        .catch(() => errors++);
    }, 1000 / rate),
  );
  return { lat, stop: () => timers.forEach(clearInterval), errors: () => errors };
}

/** watchFeed follows the WebSocket feed: delivery latency and offline transitions. */
function watchFeed(http, token) {
  const ws = new WebSocket(`${http.replace(/^http/, "ws")}/api/v1/ws`, { headers: { authorization: `Bearer ${token}` } });
  const feed = { latency: [], offline: 0, online: 0, close: () => ws.close() };
  ws.on("message", (raw) => {
    try {
      const e = JSON.parse(raw.toString());
      if (!e.type) return;
      feed.latency.push(Date.now() - Date.parse(e.ts));
      if (e.type === "node.offline") feed.offline++;
      if (e.type === "node.online") feed.online++;
    } catch {}
  });
  ws.on("error", () => {});
  return feed;
}

/** steady measures a server's CPU and RSS and the simulator's rates over `seconds`. */
async function steady(pid, sim, seconds) {
  const a = sample(pid);
  const s0 = sim.last;
  let peak = a.rss;
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    await sleep(1000);
    peak = Math.max(peak, sample(pid).rss);
  }
  const b = sample(pid);
  const secs = (Date.now() - t0) / 1000;
  const s1 = sim.last;
  return {
    cpu: (b.ticks - a.ticks) / secs,
    rss: b.rss,
    peak,
    beats: (s1.beats - s0.beats) / secs,
    batches: (s1.pushed - s0.pushed) / secs,
    errors: s1.beatErrors + s1.pushErrors - (s0.beatErrors + s0.pushErrors),
    shed: s1.rateLimited - s0.rateLimited,
    simCpu: (s1.cpu_ticks - s0.cpu_ticks) / secs,
  };
}

const results = [];
const loadStart = loadavg()[0];
for (const N of SIZES) {
  const state = opt("state", join(tmpdir(), `flotilla-fleet-${N}`));
  const dataDir = join(state, "master");
  const simState = join(state, "workers");
  mkdirSync(dataDir, { recursive: true });
  console.error(`== N=${N}: master`);
  let m = await startMaster(dataDir);
  let runPeak = 0;
  const peakTimer = setInterval(() => (runPeak = Math.max(runPeak, sample(m.p.pid).rss)), 1000);
  const login = await api(m.http, "", "/api/v1/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password }) });
  const tok = login.access_token;
  const join_ = await api(m.http, tok, "/api/v1/enrollment-tokens", {
    method: "POST",
    body: JSON.stringify({ name: `bench-${Date.now()}`, max_uses: 0, ttl_seconds: 86_400 }),
  });
  const t0 = Date.now();
  const sim = startSim(m.grpc, join_.token, simState, N);
  const fleet = () => api(m.http, tok, "/api/v1/fleet/status");
  const onlineAll = await waitUntil(async () => (await fleet()).online >= N, 600_000);
  const r = { N, master: {}, baseline: {} };
  r.master.online_s = Number.isNaN(onlineAll) ? NaN : (Date.now() - t0) / 1000;
  r.master.enrolled = sim.last.enrolled;
  await sleep(5_000);
  const feed = watchFeed(m.http, tok);
  await sleep(500);
  const routes = ["/api/v1/nodes?limit=50", "/api/v1/fleet/status", "/api/v1/containers?limit=50"];
  const load = { lat: {}, stop() {} };
  // A few container actions per minute over the command streams.
  const nodes = (await api(m.http, tok, "/api/v1/nodes?limit=100")).items;
  const cmdLat = [];
  const cmdTimer = setInterval(async () => {
    const n = nodes[Math.floor(Math.random() * nodes.length)];
    try {
      const cs = (await api(m.http, tok, `/api/v1/nodes/${n.id}/containers`)).items;
      if (!cs.length) return;
      const t = performance.now();
      await api(m.http, tok, `/api/v1/nodes/${n.id}/containers/${cs[0].id}/actions`, { method: "POST", body: JSON.stringify({ action: "restart" }) });
      cmdLat.push(performance.now() - t);
    } catch {}
  }, 10_000);
  // The CPU compared with the baseline is measured without REST load first;
  // then the same length again with REST requests at the fixed rate.
  load.stop();
  const mst = await steady(m.p.pid, sim, SECONDS);
  const load2 = restLoad(m.http, tok, routes, REST_RATE);
  const mrest = await steady(m.p.pid, sim, SECONDS);
  load2.stop();
  for (const rt of routes) load.lat[rt] = load2.lat[rt];
  clearInterval(cmdTimer);
  feed.close();
  const metricsT = [];
  let metricsBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    try {
      metricsBytes = (await (await fetch(`${m.http}/metrics`)).arrayBuffer()).byteLength;
      metricsT.push(performance.now() - t);
    } catch (err) {
      console.error(`/metrics scrape failed after ${(performance.now() - t).toFixed(0)} ms: ${err.message}`);
    }
  }
  const prom = await fetch(`${m.http}/metrics`).then(
    (r) => r.text(),
    () => "",
  );
  const g = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, "m").exec(prom)?.[1] ?? NaN);
  Object.assign(r.master, {
    cpu: mst.cpu,
    rss: mst.rss,
    peak: Math.max(runPeak, mst.peak, mrest.peak),
    heap: g("nodejs_heap_size_used_bytes"),
    beats: mst.beats,
    batches: mst.batches,
    errors: mst.errors + mrest.errors + load2.errors(),
    shed: mst.shed + mrest.shed,
    cpu_rest: mrest.cpu,
    sim_cpu: mst.simCpu,
    sim_rss: sim.last.rssBytes,
    online_end: (await fleet()).online,
    false_offline: feed.offline,
    rest: Object.fromEntries(routes.map((rt) => [rt.split("?")[0].replace("/api/v1", ""), [pct(load.lat[rt], 50), pct(load.lat[rt], 99)]])),
    metrics_bytes: metricsBytes,
    metrics_ms: [pct(metricsT, 50), Math.max(...metricsT)],
    ws_ms: [pct(feed.latency, 50), pct(feed.latency, 99)],
    commands: cmdLat.length,
    command_ms: pct(cmdLat, 50),
  });
  // Restart with the fleet connected: same ports, same data dir.
  console.error(`== N=${N}: master restart`);
  const enrolledBefore = sim.last.enrolled;
  const [httpAddr, grpcAddr] = [m.http.replace("http://", ""), m.grpc];
  await stopProcess(m.p);
  const tr = Date.now();
  m = await startMaster(dataDir, grpcAddr, httpAddr);
  const tok2 = (await api(m.http, "", "/api/v1/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password }) })).access_token;
  await waitUntil(async () => (await api(m.http, tok2, "/api/v1/fleet/status")).online >= N, 600_000);
  r.master.restart_s = (Date.now() - tr) / 1000;
  r.master.reenrolled = sim.last.enrolled - enrolledBefore;
  r.master.nodes_total = (await api(m.http, tok2, "/api/v1/fleet/status")).total;
  clearInterval(peakTimer);
  sim.p.kill("SIGTERM");
  await new Promise((ok) => sim.p.once("exit", ok));
  await stopProcess(m.p);

  console.error(`== N=${N}: baseline`);
  const { p: bp, line } = await startProcess(
    [join(root, "scripts/baseline-server.mjs"), "--data-dir", dataDir, "--fleet", String(N)],
    {},
    "grpc_addr",
  );
  const tb = Date.now();
  const bsim = startSim(line.grpc_addr, join_.token, simState, N);
  await waitUntil(async () => bsim.last.online >= N, 600_000);
  r.baseline.online_s = (Date.now() - tb) / 1000;
  await sleep(5_000);
  const bst = await steady(bp.pid, bsim, SECONDS);
  Object.assign(r.baseline, {
    cpu: bst.cpu,
    rss: bst.rss,
    peak: bst.peak,
    beats: bst.beats,
    batches: bst.batches,
    errors: bst.errors,
    online_end: bsim.last.online,
    sim_cpu: bst.simCpu,
    sim_rss: bsim.last.rssBytes,
  });
  bsim.p.kill("SIGTERM");
  await new Promise((ok) => bsim.p.once("exit", ok));
  await stopProcess(bp);
  results.push(r);
}

const MB = (b) => (b / 2 ** 20).toFixed(0);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "-");
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : "-");
const rows = [
  ["workers", (r) => r.N, (r) => r.N],
  ["all online after (s)", (r) => f1(r.master.online_s), (r) => f1(r.baseline.online_s)],
  ["CPU (% of a core, steady)", (r) => f1(r.master.cpu), (r) => f1(r.baseline.cpu)],
  ["CPU with REST load (%)", (r) => f1(r.master.cpu_rest), () => ""],
  ["RSS steady / peak (MB)", (r) => `${MB(r.master.rss)} / ${MB(r.master.peak)}`, (r) => `${MB(r.baseline.rss)} / ${MB(r.baseline.peak)}`],
  ["heap used (MB)", (r) => MB(r.master.heap), () => ""],
  ["heartbeats/s", (r) => f1(r.master.beats), (r) => f1(r.baseline.beats)],
  ["batches/s acked", (r) => f1(r.master.batches), (r) => f1(r.baseline.batches)],
  ["errors / shed pushes", (r) => `${r.master.errors} / ${r.master.shed}`, (r) => `${r.baseline.errors}`],
  ["online at end", (r) => `${r.master.online_end}/${r.N}`, (r) => `${r.baseline.online_end}/${r.N}`],
  ["false offline transitions", (r) => r.master.false_offline, () => ""],
  ...["/nodes", "/fleet/status", "/containers"].map((k) => [`REST ${k} p50/p99 (ms)`, (r) => r.master.rest[k].map(f0).join(" / "), () => ""]),
  ["/metrics size (KB), p50/max (ms)", (r) => `${(r.master.metrics_bytes / 1024).toFixed(0)}, ${r.master.metrics_ms.map(f0).join(" / ")}`, () => ""],
  ["WebSocket event p50/p99 (ms)", (r) => r.master.ws_ms.map(f0).join(" / "), () => ""],
  ["container actions, p50 (ms)", (r) => `${r.master.commands}, ${f0(r.master.command_ms)}`, () => ""],
  ["restart: all online after (s)", (r) => f1(r.master.restart_s), () => ""],
  ["restart: re-enrollments, nodes", (r) => `${r.master.reenrolled}, ${r.master.nodes_total}`, () => ""],
  ["simulator CPU (% of a core)", (r) => f1(r.master.sim_cpu), (r) => f1(r.baseline.sim_cpu)],
  ["CPU per 1,000 workers (% of a core)", (r) => f1((r.master.cpu * 1000) / r.N), (r) => f1((r.baseline.cpu * 1000) / r.N)],
  ["simulator RSS, sum (MB)", (r) => MB(r.master.sim_rss), (r) => MB(r.baseline.sim_rss)],
  ["CPU ratio master/baseline", (r) => f1(r.master.cpu / r.baseline.cpu), () => ""],
];
console.log(
  `fleet benchmark: ${SECONDS} s steady window, REST ${REST_RATE}/s per route, simulator at nice ${NICE}, master node ${nodeFlags.join(" ") || "(default flags)"}, load average ${loadStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`,
);
const header = ["", ...results.flatMap((r) => [`master ${r.N}`, `baseline ${r.N}`])];
console.log(
  table(
    header,
    rows.slice(1).map(([label, fm, fb]) => [label, ...results.flatMap((r) => [String(fm(r)), String(fb(r))])]),
  ),
);
process.exit(0);
