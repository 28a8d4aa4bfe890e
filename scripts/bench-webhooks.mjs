// Webhook benchmark: one real master (SQLite, its runtime profile), a fleet
// of simulated workers (scripts/fleet-sim.mjs: real enrollment, mTLS gRPC
// sessions, heartbeats, telemetry) whose containers change state at --rate
// per minute in all (container.start/die through the worker's event buffer
// and pusher → container.state events on the master), and five webhook
// endpoints subscribed to container.*: four live HTTP receivers and one dead
// endpoint (connection refused, or a receiver that never answers with
// --dead hang). The baseline in the same run is a WebSocket feed client
// subscribed to the same events: the event bus fan-out without webhooks.
// Prints a table: delivery lag p50/p99/max per live receiver (receive time −
// event ts) and for the feed, deliveries per minute, duplicates (by
// webhook-id), the master's RSS at start, middle and end, the delivery queue
// depth (flotilla_webhook_queue_depth) and the load average.
//
//   node scripts/bench-webhooks.mjs [--rate 10000] [--seconds 120] [--workers 100] [--dead refused|hang|none]
//
// BENCH_CPU_PROF=DIR writes a CPU profile of the master there.
// A benchmark, not a test: it is not run by npm test or CI.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import WebSocket from "ws";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";
import { pct, procRss, procTicks, startProcess, table } from "./lib/bench.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const RATE = Number(opt("rate", 10_000));
const SECONDS = Number(opt("seconds", 120));
const DEAD = opt("dead", "refused");
const LIVE = Number(opt("live", 4));
const WORKERS = Number(opt("workers", 20));
const WARMUP_S = Number(opt("warmup", 10));
/** The measured win: events published in it are counted by every receiver. */
const win = { from: Infinity, to: Infinity };
const inWindow = (ts) => ts >= win.from && ts < win.to;
const password = "bench password 123";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssOf = procRss;
const cpuTicks = (pid) => procTicks(pid) ?? 0;
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

/** receiver is a live endpoint recording the lag of every delivery and duplicate webhook-ids. */
async function receiver(name) {
  const r = { name, lag: [], count: 0, dup: 0, seen: new Set(), url: "" };
  const srv = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const now = Date.now();
      try {
        const e = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const ts = Date.parse(e.ts);
        if (e.type === "container.state" && inWindow(ts)) {
          r.count++;
          r.lag.push(now - ts);
          const id = req.headers["webhook-id"];
          if (r.seen.has(id)) r.dup++;
          else r.seen.add(id);
        }
      } catch {}
      res.end("ok");
    });
  });
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  r.url = `http://127.0.0.1:${srv.address().port}/${name}`;
  r.close = () => new Promise((ok) => (srv.closeAllConnections(), srv.close(() => ok())));
  return r;
}

/** feedClient is the baseline: a WebSocket feed client subscribed to container.*, recording the lag of each event. */
async function feedClient(http, token) {
  const f = { count: 0, lag: [], close: () => ws.close() };
  const ws = new WebSocket(`${http.replace(/^http/, "ws")}/api/v1/ws`, { headers: { authorization: `Bearer ${token}` } });
  ws.on("message", (raw) => {
    const now = Date.now();
    try {
      const e = JSON.parse(raw.toString());
      const ts = Date.parse(e.ts);
      if (e.type === "container.state" && inWindow(ts)) {
        f.count++;
        f.lag.push(now - ts);
      }
    } catch {}
  });
  await new Promise((ok, fail) => (ws.once("open", ok), ws.once("error", fail)));
  ws.send(JSON.stringify({ op: "subscribe", types: ["container.*"] }));
  return f;
}

/** deadEndpoint is a URL nothing listens on (refused) or a server that never answers (hang). */
async function deadEndpoint() {
  const srv = createServer(() => {});
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${srv.address().port}/dead`;
  if (DEAD === "refused") {
    await new Promise((ok) => srv.close(() => ok()));
    return { url, close: async () => {} };
  }
  return { url, close: () => new Promise((ok) => (srv.closeAllConnections(), srv.close(() => ok()))) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "flotilla-bench-webhooks-"));
  const { p: master, line } = await startProcess(
    [
      ...MASTER_NODE_FLAGS,
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []),
      join(root, "master/dist/main.js"),
      "--http-addr",
      "127.0.0.1:0",
      "--grpc-addr",
      "127.0.0.1:0",
      "--data-dir",
      join(dir, "master"),
      "--log-level",
      "info",
      "--webhook-allowed-hosts",
      "127.0.0.1",
      // the simulated fleet enrolls from one address
      "--enroll-rate-limit",
      "100000",
    ],
    { ...MASTER_ENV, FLOTILLA_ADMIN_PASSWORD: password, FLOTILLA_LOG_LEVEL: "info" },
    "http_addr",
  );
  const http = `http://${line.http_addr}`;
  let sim;
  let feed;
  const live = [];
  let dead;
  try {
    const login = await (
      await fetch(`${http}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      })
    ).json();
    const h = { "content-type": "application/json", authorization: `Bearer ${login.access_token}` };
    const api = async (method, path, body) => {
      const r = await fetch(`${http}/api/v1${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };

    // every worker flips one container every `churn` ms: WORKERS / churn × 60 000 = RATE per minute
    const churn = Math.round((WORKERS * 60_000) / RATE);
    const tok = await api("POST", "/enrollment-tokens", { name: "bench", max_uses: 0, ttl_seconds: 86_400 });
    const simArgs = ["--master", line.grpc_addr, "--token", tok.token, "--state", join(dir, "workers"), "--n", String(WORKERS)];
    sim = spawn(
      process.execPath,
      [join(root, "scripts/fleet-sim.mjs"), ...simArgs, "--procs", "2", "--ramp", "50", "--churn", String(churn), "--json"],
      {
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let simLast = { online: 0 };
    createInterface({ input: sim.stdout }).on("line", (l) => {
      try {
        simLast = JSON.parse(l);
      } catch {}
    });
    for (let i = 0; i < 600 && simLast.online < WORKERS; i++) await sleep(200);
    if (simLast.online < WORKERS) throw new Error(`only ${simLast.online} of ${WORKERS} simulated workers came online: ${JSON.stringify(simLast)}`);
    // the endpoints join a fleet already churning at the full rate
    for (let i = 1; i <= LIVE; i++) live.push(await receiver(`live-${i}`));
    dead = await deadEndpoint();
    for (const r of live) await api("POST", "/webhooks", { name: r.name, url: r.url, event_types: ["container.*"] });
    if (DEAD !== "none") await api("POST", "/webhooks", { name: `dead (${DEAD})`, url: dead.url, event_types: ["container.*"] });
    feed = await feedClient(http, login.access_token);
    await sleep(WARMUP_S * 1000);

    const gauge = async (name, labels = "") => {
      const text = await (await fetch(`${http}/metrics`)).text();
      const re = new RegExp(`^${name}${labels ? `\\{${labels}\\}` : "(?:\\{[^}]*\\})?"} (\\S+)`, "m");
      return Number(re.exec(text)?.[1] ?? NaN);
    };
    const samples = [];
    const sample = async (label) =>
      samples.push({
        label,
        rss: rssOf(master.pid),
        queue: await gauge("flotilla_webhook_queue_depth"),
        queries: await gauge("flotilla_db_queries_total"),
        events: await gauge("flotilla_events_total", 'type="container.state"'),
        load: loadavg()[0],
        delivered: live.map((r) => r.count),
      });
    // only events published inside the win are counted (ts ≥ t0 and < t1)
    const t0 = Date.now();
    win.from = t0;
    win.to = Infinity;
    await sample("start");
    const cpu0 = cpuTicks(master.pid);
    await sleep((SECONDS * 1000) / 2);
    await sample("middle");
    await sleep((SECONDS * 1000) / 2);
    win.to = Date.now();
    const cpuS = (cpuTicks(master.pid) - cpu0) / 100;
    const windowS = (win.to - t0) / 1000;
    await sample("end");
    // the live receivers should have every event of the win the feed saw; give stragglers 30 s
    for (let i = 0; i < 300 && live.some((r) => r.count < feed.count); i++) await sleep(100);
    const caughtUpMs = Date.now() - win.to;
    await sleep(2_500);
    const queueAfter = await gauge("flotilla_webhook_queue_depth");

    const perMin = (n) => ((n / windowS) * 60).toFixed(0);
    const feedP99 = pct(feed.lag, 99);
    const rows = [
      [
        "feed (baseline)",
        String(feed.count),
        perMin(feed.count),
        "-",
        `${pct(feed.lag, 50)} ms`,
        `${feedP99} ms`,
        `${Math.max(...feed.lag)} ms`,
        "1.0",
      ],
      ...live.map((r) => [
        r.name,
        String(r.count),
        perMin(r.count),
        String(r.dup),
        `${pct(r.lag, 50)} ms`,
        `${pct(r.lag, 99)} ms`,
        `${Math.max(...r.lag)} ms`,
        (pct(r.lag, 99) / Math.max(1, feedP99)).toFixed(1),
      ]),
    ];
    const accepted = samples.at(-1).events - samples[0].events;
    console.log(
      `\nwebhook benchmark: ${WORKERS} simulated workers, one container flip per worker every ${churn} ms; ${accepted} container.state events in ${windowS.toFixed(0)} s = ${perMin(accepted)}/min accepted (target ${RATE}/min)`,
    );
    console.log(
      `5 endpoints on container.*: ${LIVE} live, 1 dead (${DEAD}); master CPU ${((cpuS / windowS) * 100).toFixed(0)} % of a core; ${
        live.some((r) => r.count < feed.count)
          ? `live receivers NOT caught up 30 s after the window (${Math.min(...live.map((r) => r.count))} of ${feed.count} events)`
          : `live receivers caught up ${caughtUpMs} ms after the window`
      }`,
    );
    console.log(
      `load average (1 min): start ${samples[0].load.toFixed(2)}, middle ${samples[1].load.toFixed(2)}, end ${samples[2].load.toFixed(2)} on ${cpus().length} cores`,
    );
    // load-independent cost: database operations per event and per delivery (all of the master's queries, telemetry included)
    const q = samples.at(-1).queries - samples[0].queries;
    const delivered = live.reduce((a, r) => a + r.count, 0);
    console.log(
      `database operations: ${q} in the win, ${(q / Math.max(1, accepted)).toFixed(2)} per event, ${(q / Math.max(1, delivered)).toFixed(2)} per live delivery\n`,
    );
    console.log(table(["receiver", "received", "per min", "duplicates", "lag p50", "lag p99", "lag max", "p99 ÷ feed p99"], rows));
    console.log("");
    console.log(
      table(
        ["sample", "master RSS", "queue depth", "load avg", `received in the window (live 1..${LIVE})`],
        samples.map((s) => [s.label, mb(s.rss), String(s.queue), s.load.toFixed(2), s.delivered.join(" / ")]),
      ),
    );
    console.log(`\nqueue depth after the live receivers caught up: ${queueAfter} (the dead endpoint's deliveries waiting for their retries)`);
  } finally {
    feed?.close();
    if (sim && sim.exitCode === null) {
      sim.kill("SIGTERM");
      await new Promise((r) => (sim.exitCode !== null ? r() : sim.once("exit", r)));
    }
    await new Promise((r) => (master.exitCode !== null ? r() : (master.once("exit", r), master.kill("SIGTERM"))));
    for (const r of live) await r.close();
    await dead?.close();
    if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
