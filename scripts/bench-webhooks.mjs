// Webhook benchmark: one real master (SQLite, its runtime profile), one real
// worker joined to it, five webhook endpoints subscribed to node.*: four live
// HTTP receivers and one dead endpoint (connection refused, or a receiver
// that never answers with --dead hang). Events are produced through the REST
// API (PATCH /nodes/{id} labels → node.updated) at --rate per minute.
// Prints a table: delivery lag p50/p99/max per live receiver (receive time −
// event ts), deliveries received, duplicates, the master's RSS at start,
// middle and end, and the delivery queue depth (flotilla_webhook_queue_depth).
//
//   node scripts/bench-webhooks.mjs [--rate 10000] [--seconds 120] [--dead refused|hang]
//
// A benchmark, not a test: it is not run by npm test or CI.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";
import { pct, procRss, procTicks, table } from "./lib/bench.mjs";

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
const password = "bench password 123";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssOf = procRss;
const cpuTicks = (pid) => procTicks(pid) ?? 0;
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

/** startProcess spawns a JSON-logging node process and resolves with its first line holding `key`. */
async function startProcess(argv, env, key) {
  const p = spawn(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((ok, fail) => {
    createInterface({ input: p.stdout }).on("line", (l) => {
      try {
        const r = JSON.parse(l);
        if (r[key]) ok(r);
      } catch {}
    });
    p.once("exit", (c) => fail(new Error(`${argv.join(" ")} exited ${c}`)));
  });
  p.stdout.resume();
  return { p, line };
}

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
        if (e.type === "node.updated") {
          r.count++;
          r.lag.push(now - Date.parse(e.ts));
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
    ],
    { ...MASTER_ENV, FLOTILLA_ADMIN_PASSWORD: password, FLOTILLA_LOG_LEVEL: "info" },
    "http_addr",
  );
  const http = `http://${line.http_addr}`;
  let worker;
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
    const tok = await api("POST", "/enrollment-tokens", { name: "bench" });
    worker = spawn(
      process.execPath,
      [
        join(root, "worker/dist/main.js"),
        "--master",
        line.grpc_addr,
        "--join-token",
        tok.token,
        "--state-dir",
        join(dir, "worker"),
        "--docker-socket",
        join(dir, "no-docker.sock"),
      ],
      { stdio: "ignore" },
    );
    let node;
    for (let i = 0; i < 100 && !node; i++, await sleep(200)) node = (await api("GET", "/nodes")).items.find((n) => n.status === "online");
    if (!node) throw new Error("the worker did not come online");

    for (let i = 1; i <= LIVE; i++) live.push(await receiver(`live-${i}`));
    dead = await deadEndpoint();
    for (const r of live) await api("POST", "/webhooks", { name: r.name, url: r.url, event_types: ["node.*"] });
    if (DEAD !== "none") await api("POST", "/webhooks", { name: `dead (${DEAD})`, url: dead.url, event_types: ["node.*"] });

    const gauge = async (name) => {
      const text = await (await fetch(`${http}/metrics`)).text();
      return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, "m").exec(text)?.[1] ?? NaN);
    };
    const samples = [];
    const sample = async (label) =>
      samples.push({
        label,
        rss: rssOf(master.pid),
        queue: await gauge("flotilla_webhook_queue_depth"),
        queries: await gauge("flotilla_db_queries_total"),
        delivered: live.map((r) => r.count),
      });
    await sleep(2_000);
    await sample("start");

    // producer: PATCH the node's labels at RATE per minute, alternating values so every call changes them
    const intervalMs = 60_000 / RATE;
    let sent = 0;
    let errors = 0;
    let inflight = 0;
    const restLat = [];
    const t0 = Date.now();
    const cpu0 = cpuTicks(master.pid);
    let middleTaken = false;
    while (Date.now() - t0 < SECONDS * 1000) {
      const due = Math.floor((Date.now() - t0) / intervalMs);
      while (sent < due && inflight < Number(opt("inflight", 64))) {
        const n = sent++;
        inflight++;
        const t = performance.now();
        api("PATCH", `/nodes/${node.id}`, { labels: { bench: String(n % 2), seq: String(n) } })
          .then(
            () => restLat.push(performance.now() - t),
            () => errors++,
          )
          .finally(() => inflight--);
      }
      if (!middleTaken && Date.now() - t0 >= (SECONDS * 1000) / 2) {
        middleTaken = true;
        await sample("middle");
      }
      await sleep(5);
    }
    const produceS = (Date.now() - t0) / 1000;
    const cpuS = (cpuTicks(master.pid) - cpu0) / 100;
    while (inflight > 0) await sleep(20);
    // let the live receivers catch up (they should already have)
    for (let i = 0; i < 100 && live.some((r) => r.count < sent - errors); i++) await sleep(100);
    await sample("end");

    const rows = live.map((r) => [
      r.name,
      String(r.count),
      String(r.dup),
      `${pct(r.lag, 50)} ms`,
      `${pct(r.lag, 99)} ms`,
      `${Math.max(...r.lag)} ms`,
    ]);
    console.log(
      `\nwebhook benchmark: ${sent} node.updated events in ${produceS.toFixed(0)} s (${((sent / produceS) * 60).toFixed(0)}/min target ${RATE}/min), ${errors} REST errors, REST PATCH p50 ${pct(restLat, 50).toFixed(0)} ms p99 ${pct(restLat, 99).toFixed(0)} ms`,
    );
    console.log(`5 endpoints on node.*: 4 live, 1 dead (${DEAD}); master CPU ${((cpuS / produceS) * 100).toFixed(0)} % of a core while producing\n`);
    // load-independent cost: database operations per event and per delivery (all of the master's queries, heartbeats included)
    const q = samples.at(-1).queries - samples[0].queries;
    const delivered = live.reduce((a, r) => a + r.count, 0);
    console.log(
      `database operations: ${q} in all, ${(q / Math.max(1, sent - errors)).toFixed(1)} per event, ${(q / Math.max(1, delivered)).toFixed(2)} per live delivery\n`,
    );
    console.log(table(["receiver", "received", "duplicates", "lag p50", "lag p99", "lag max"], rows));
    console.log("");
    console.log(
      table(
        ["sample", "master RSS", "queue depth", "received (live 1..4)"],
        samples.map((s) => [s.label, mb(s.rss), String(s.queue), s.delivered.join(" / ")]),
      ),
    );
  } finally {
    worker?.kill("SIGKILL");
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
