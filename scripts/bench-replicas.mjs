// Replica benchmark: three masters on one PostgreSQL database and a NATS
// server (cluster mode, --nats-url), a third of the simulated fleet
// (scripts/fleet-sim.mjs) connected directly to each. Over a steady window it
// measures each replica's CPU and RSS, and the cost of crossing replicas
// against the same work within one replica, in the same run:
//   - event latency: an event produced for a worker on replica A, received by
//     a WebSocket client on A (same replica) and by one on C (across
//     replicas); the same events on both clients, from their `ts` to arrival;
//   - command round trip: a container action for a node on A, sent through
//     REST on A (same replica) and on C (across: C asks A over NATS).
// Prints one table.
//
//   node scripts/bench-replicas.mjs [--n 1000] [--seconds 60] [--procs 1] [--ramp 150]
//     [--rate 4] [--online-timeout 2400] [--keep]
//
// --procs is simulator processes per replica; --rate is container actions
// per second on each path. PostgreSQL and NATS come from BENCH_PG_URL
// (default postgresql://postgres@127.0.0.1:5432/test; a fresh schema, dropped
// at the end unless --keep) and BENCH_NATS_URL (default nats://127.0.0.1:4222).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import WebSocket from "ws";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";
import { pct, procSample, SIM_NICE, table } from "./lib/bench.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const N = Number(String(opt("n", "1000")).replace(/k$/, "000"));
const SECONDS = Number(opt("seconds", 60));
const PROCS = Number(opt("procs", 1));
const RAMP = Number(opt("ramp", 150));
const RATE = Number(opt("rate", 4));
const KEEP = args.includes("--keep");
const ONLINE_TIMEOUT = Number(opt("online-timeout", 2400));
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const NATS_URL = process.env.BENCH_NATS_URL ?? "nats://127.0.0.1:4222";
const NAMES = ["a", "b", "c"];
const password = "bench password 123";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const schema = `bench_replicas_${Date.now().toString(36)}`;
const dbUrl = `${PG_URL}?schema=${schema}`;
const state = mkdtempSync(join(tmpdir(), `flotilla-replicas-${N}-`));
const procs = [];

/** startReplica starts one master in cluster mode and resolves with its addresses. */
async function startReplica(name) {
  const dataDir = join(state, `master-${name}`);
  mkdirSync(dataDir, { recursive: true });
  const argv = [
    ...MASTER_NODE_FLAGS,
    join(root, "master/dist/main.js"),
    ...["--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0", "--data-dir", dataDir],
    ...["--database-url", dbUrl, "--nats-url", NATS_URL, "--enroll-rate-limit", "100000", "--log-level", "info"],
  ];
  // Every simulated worker connects from 127.0.0.1.
  const env = {
    ...process.env,
    ...MASTER_ENV,
    FLOTILLA_ADMIN_PASSWORD: password,
    FLOTILLA_GRPC_MAX_CONNECTIONS_PER_SOURCE: String(Math.max(256, 2 * N)),
  };
  const p = spawn(process.execPath, argv, { env, stdio: ["ignore", "pipe", "inherit"] });
  procs.push(p);
  const line = await new Promise((ok, fail) => {
    createInterface({ input: p.stdout }).on("line", (l) => {
      try {
        const r = JSON.parse(l);
        if (r.http_addr) ok(r);
        if (r.level === "fatal" || r.level === 60) console.error(`replica ${name}: ${l}`);
      } catch {}
    });
    p.once("exit", (c) => fail(new Error(`replica ${name} exited ${c}`)));
  });
  p.stdout.resume();
  return { name, p, http: `http://${line.http_addr}`, grpc: line.grpc_addr };
}

async function api(http, token, path, init = {}, tries = 5) {
  const r = await fetch(`${http}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
  });
  // A read answered 503 (the database briefly not answering on a loaded machine) is retried.
  if (r.status === 503 && !init.method && tries > 1) {
    await r.arrayBuffer();
    await sleep(1000);
    return api(http, token, path, init, tries - 1);
  }
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

/** startSim runs fleet-sim.mjs against one replica and keeps its latest counters. */
function startSim(grpc, token, dir, n) {
  const p = spawn(
    process.execPath,
    [
      join(root, "scripts/fleet-sim.mjs"),
      "--master",
      grpc,
      "--token",
      token,
      "--state",
      dir,
      "--n",
      String(n),
      "--procs",
      String(PROCS),
      "--ramp",
      String(RAMP / 3),
      "--nice",
      String(SIM_NICE),
      "--json",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  procs.push(p);
  const sim = { p, last: { online: 0, enrolled: 0, cpu_ticks: 0 } };
  createInterface({ input: p.stdout }).on("line", (l) => {
    try {
      sim.last = JSON.parse(l);
    } catch {}
  });
  createInterface({ input: p.stderr }).on("line", (l) => process.env.BENCH_TRACE && console.error(l));
  return sim;
}

/** watchFeed records, per event id, when this client received it. */
function watchFeed(http, token) {
  const ws = new WebSocket(`${http.replace(/^http/, "ws")}/api/v1/ws`, { headers: { authorization: `Bearer ${token}` } });
  const feed = { got: new Map(), closed: null, close: () => ws.close() };
  ws.on("message", (raw) => {
    const now = Date.now();
    try {
      const e = JSON.parse(raw.toString());
      if (e.id && e.type) feed.got.set(e.id, { at: now, ts: Date.parse(e.ts), type: e.type, node: e.node_id });
    } catch {}
  });
  ws.on("close", (code, reason) => (feed.closed ??= `${code} ${reason}`));
  ws.on("error", () => {});
  return new Promise((ok, fail) => {
    ws.once("open", () => ok(feed));
    ws.once("error", fail);
  });
}

async function nodesWithLabel(http, token, label) {
  const out = [];
  let cursor = "";
  for (;;) {
    const page = await api(
      http,
      token,
      `/api/v1/nodes?limit=500&labels=${encodeURIComponent(label)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    out.push(...page.items);
    if (!page.page.has_more) return out;
    cursor = page.page.next_cursor;
  }
}

// Ctrl-C or SIGTERM still stops the replicas and simulators and drops the schema.
const stop = new AbortController();
for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => stop.abort());

const loadStart = loadavg();
const t0 = Date.now();
let exitCode = 0;
try {
  console.error(`== replicas on ${schema}, NATS ${NATS_URL}`);
  // The first replica creates the cluster's identity; the others adopt it.
  const first = await startReplica("a");
  const reps = [first, ...(await Promise.all(["b", "c"].map(startReplica)))];
  const [A, , C] = reps;
  const tok = (await api(A.http, "", "/api/v1/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password }) })).access_token;
  const per = NAMES.map((_, i) => Math.floor(N / 3) + (i < N % 3 ? 1 : 0));
  const sims = [];
  for (const [i, r] of reps.entries()) {
    const join_ = await api(A.http, tok, "/api/v1/enrollment-tokens", {
      method: "POST",
      body: JSON.stringify({ name: `bench-${r.name}`, max_uses: 0, ttl_seconds: 86_400, labels: { replica: r.name } }),
    });
    sims.push(startSim(r.grpc, join_.token, join(state, `workers-${r.name}`), per[i]));
  }
  const online = () => sims.reduce((s, x) => s + x.last.online, 0);
  const deadline = Date.now() + ONLINE_TIMEOUT * 1000;
  while (online() < N && Date.now() < deadline) {
    if (stop.signal.aborted) throw new Error("interrupted");
    await sleep(1000);
    if ((Date.now() - t0) % 10_000 < 1000) console.error(`   ${online()}/${N} online`);
  }
  const allOnline = (Date.now() - t0) / 1000;
  if (online() < N) throw new Error(`only ${online()}/${N} workers online after ${ONLINE_TIMEOUT} s`);
  console.error(`== ${N} online after ${allOnline.toFixed(1)} s; settling`);
  await sleep(10_000);

  // A's nodes and a few of their containers (read through C: any replica serves any node).
  const onA = await nodesWithLabel(C.http, tok, "replica=a");
  const aIds = new Set(onA.map((n) => n.id));
  const targets = [];
  for (const n of onA.filter((x) => x.status === "online").slice(0, 40)) {
    const cs = (await api(C.http, tok, `/api/v1/nodes/${n.id}/containers`)).items;
    if (cs.length) targets.push({ node: n.id, container: cs[0].id });
  }
  if (!targets.length) throw new Error("no containers on the nodes of replica A");

  const feedA = await watchFeed(A.http, tok);
  const feedC = await watchFeed(C.http, tok);
  // Only events produced once both clients were listening count.
  const bothOpen = Date.now() + 500;
  const counted = (e) => e.ts >= bothOpen && aIds.has(e.node);
  const cmd = { same: [], across: [], errors: 0 };
  const act = async (via, kind) => {
    const t = targets[Math.floor(Math.random() * targets.length)];
    const s = performance.now();
    try {
      await api(via.http, tok, `/api/v1/nodes/${t.node}/containers/${t.container}/actions`, {
        method: "POST",
        body: JSON.stringify({ action: "restart" }),
      });
      cmd[kind].push(performance.now() - s);
    } catch (err) {
      cmd.errors++;
      if (process.env.BENCH_TRACE || cmd.errors <= 3) console.error(`${kind}: ${err.message}`);
    }
  };
  const cmdTimer = setInterval(() => {
    void act(A, "same");
    void act(C, "across");
  }, 1000 / RATE);

  console.error(`== steady window ${SECONDS} s`);
  const s0 = reps.map((r) => procSample(r.p.pid));
  const sim0 = sims.map((s) => s.last.cpu_ticks);
  const peaks = reps.map((r, i) => s0[i].rss);
  const w0 = Date.now();
  while (Date.now() - w0 < SECONDS * 1000 && !stop.signal.aborted) {
    await sleep(1000);
    reps.forEach((r, i) => (peaks[i] = Math.max(peaks[i], procSample(r.p.pid).rss)));
  }
  const secs = (Date.now() - w0) / 1000;
  const s1 = reps.map((r) => procSample(r.p.pid));
  clearInterval(cmdTimer);
  // Events late on one client are waited for (up to 30 s), so "only on A"
  // below means lost, not slow.
  const stopAt = Date.now();
  const behind = () =>
    [...feedA.got].some(([id, a]) => counted(a) && a.ts <= stopAt && !feedC.got.has(id)) ||
    [...feedC.got].some(([id, c]) => counted(c) && c.ts <= stopAt && !feedA.got.has(id));
  for (let i = 0; i < 30 && behind(); i++) await sleep(1000);
  await sleep(1000);
  feedA.close();
  feedC.close();
  const simCpu = sims.reduce((sum, s, i) => sum + (s.last.cpu_ticks - sim0[i]), 0) / secs;

  // The same events on both clients: those of A's nodes that both received.
  const same = [];
  const across = [];
  const hop = [];
  const types = new Map();
  for (const [id, a] of feedA.got) {
    const c = feedC.got.get(id);
    if (!c || !counted(a)) continue;
    same.push(a.at - a.ts);
    across.push(c.at - c.ts);
    hop.push(c.at - a.at);
    types.set(a.type, (types.get(a.type) ?? 0) + 1);
  }
  const onlyA = new Map();
  for (const [id, a] of feedA.got) if (counted(a) && !feedC.got.has(id)) onlyA.set(a.type, (onlyA.get(a.type) ?? 0) + 1);
  const onlyC = new Map();
  for (const [id, c] of feedC.got) if (counted(c) && !feedA.got.has(id)) onlyC.set(c.type, (onlyC.get(c.type) ?? 0) + 1);
  const kinds = (m) => [...m].map(([t, n]) => `${t} ${n}`).join(", ") || "none";
  const sessions = await Promise.all(
    reps.map(async (r) => {
      const text = await (await fetch(`${r.http}/metrics`)).text();
      return Number(/^flotilla_grpc_sessions (\S+)$/m.exec(text)?.[1] ?? NaN);
    }),
  );

  const MB = (b) => (b / 2 ** 20).toFixed(0);
  const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : "-");
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "-");
  const pp = (xs) => `${f0(pct(xs, 50))} / ${f0(pct(xs, 99))}`;
  const ratio = (a, b) => `${f1(pct(a, 50) / pct(b, 50))} / ${f1(pct(a, 99) / pct(b, 99))}`;
  const rows = [
    ...reps.map((r, i) => [
      `replica ${r.name.toUpperCase()}: workers, CPU (% of a core), RSS / peak (MB)`,
      `${sessions[i]}, ${f1((s1[i].ticks - s0[i].ticks) / secs)}, ${MB(s1[i].rss)} / ${MB(peaks[i])}`,
    ]),
    ["all online after (s)", f1(allOnline)],
    ["events of A's nodes on both clients", `${same.length} (${kinds(types)})`],
    ["... on the client of A only / of C only (after waiting up to 30 s)", `${kinds(onlyA)} / ${kinds(onlyC)}`],
    ["event latency, same replica (worker on A, client on A) p50 / p99 (ms)", pp(same)],
    ["event latency, across replicas (worker on A, client on C) p50 / p99 (ms)", pp(across)],
    ["event latency across / same, p50 / p99", ratio(across, same)],
    ["same event: arrival on C minus arrival on A, p50 / p99 (ms)", pp(hop)],
    [`container action, same replica (REST on A, node on A), p50 / p99 (ms), n`, `${pp(cmd.same)}, ${cmd.same.length}`],
    [`container action, across replicas (REST on C, node on A), p50 / p99 (ms), n`, `${pp(cmd.across)}, ${cmd.across.length}`],
    ["command round trip across / same, p50 / p99", ratio(cmd.across, cmd.same)],
    ["command errors, feed closes", `${cmd.errors}, ${[feedA.closed, feedC.closed].filter((x) => x && !x.startsWith("1005")).length}`],
    ["simulators CPU (% of a core, all three)", f1(simCpu)],
  ];
  const la = (l) => l.map((x) => x.toFixed(2)).join(" ");
  console.log(
    `replica benchmark: 3 replicas (PostgreSQL + NATS), ${N} workers (${per.join(" + ")}, each replica its own), ${f0(secs)} s window, ${RATE} container actions/s per path; load average ${la(loadStart)} at start, ${la(loadavg())} at end`,
  );
  console.log(table(["", `${N} workers`], rows));
} catch (err) {
  console.error(`bench-replicas: ${err.stack ?? err.message}`);
  exitCode = 1;
} finally {
  for (const p of procs.reverse()) {
    if (p.exitCode === null) {
      const gone = new Promise((r) => p.once("exit", r));
      p.kill("SIGTERM");
      await Promise.race([gone, sleep(12_000)]);
      if (p.exitCode === null) p.kill("SIGKILL");
    }
  }
  if (!KEEP) {
    rmSync(state, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  } else console.error(`kept ${state} and schema ${schema}`);
}
process.exit(exitCode);
