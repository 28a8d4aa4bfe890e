#!/usr/bin/env node
// Live log follow under pressure: a container prints as fast as it can, a
// slow WebSocket client reads about 10 messages per second. Prints the
// master's resident memory at start and every 5 s (it must stay bounded:
// backpressure reaches the worker and the engine stream) and the delivered
// line rate. Needs a built tree (npm run build) and a Docker engine.
//   node scripts/bench-logs.mjs [--seconds 30] [--rate 10]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg("seconds", 30);
const RATE = arg("rate", 10);
const PASSWORD = "bench password 12345";
const LABEL = `flotilla.bench.logs=${process.pid}`;
const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
const procs = [];
const dirs = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(main, args, env = {}) {
  const child = spawn(process.execPath, [join(ROOT, main), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  procs.push(child);
  const waiters = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    let rec;
    try {
      rec = JSON.parse(line);
    } catch {
      return;
    }
    for (const w of [...waiters]) if (w.pred(rec)) (waiters.splice(waiters.indexOf(w), 1), w.ok(rec));
  });
  child.stderr.resume();
  return {
    child,
    waitFor: (pred, ms = 30_000) =>
      new Promise((ok, fail) => {
        waiters.push({ pred, ok });
        setTimeout(() => fail(new Error("timed out waiting for a log line")), ms).unref();
      }),
  };
}

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? (Number(m[1]) / 1024).toFixed(1) : "?";
}

function docker(...args) {
  const r = spawnSync("docker", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`docker ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

async function main() {
  if (spawnSync("docker", ["info"]).status !== 0) throw new Error("no Docker engine answers");
  spawnSync("sh", [join(ROOT, "scripts/docker-image.sh")], { stdio: "inherit" });
  const dataDir = mkdtempSync(join(tmpdir(), "bench-logs-master-"));
  const stateDir = mkdtempSync(join(tmpdir(), "bench-logs-worker-"));
  dirs.push(dataDir, stateDir);
  const master = run("master/dist/main.js", ["--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0", "--data-dir", dataDir], {
    FLOTILLA_ADMIN_PASSWORD: PASSWORD,
    FLOTILLA_LOG_LEVEL: "info",
  });
  const addrs = await master.waitFor((r) => typeof r.http_addr === "string");
  const http = `http://${addrs.http_addr}`;
  const call = async (method, path, body, token) => {
    const res = await fetch(`${http}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { access_token: token } = await call("POST", "/auth/login", { username: "admin", password: PASSWORD });
  const { token: joinToken } = await call("POST", "/enrollment-tokens", { name: "bench" }, token);
  const worker = run("worker/dist/main.js", [
    "--master",
    addrs.grpc_addr,
    "--state-dir",
    stateDir,
    "--join-token",
    joinToken,
    "--metrics-interval",
    "1s",
    "--log-level",
    "info",
  ]);
  const nodeId = (await worker.waitFor((r) => typeof r.node_id === "string")).node_id;
  const id = docker("run", "-d", "--network", "none", "--label", LABEL, IMAGE, "yes", "the quick brown fox jumps over the lazy dog 0123456789");
  for (let i = 0; i < 100; i++) {
    const page = await call("GET", `/nodes/${nodeId}/containers?limit=500`, undefined, token);
    if (page.items.some((c) => c.id === id)) break;
    await sleep(200);
  }

  // A raw WebSocket client that reads one frame at a time from a paused socket:
  // unread bytes stay in the kernel buffers and TCP flow control pushes back.
  const sock = connect({ host: addrs.http_addr.split(":")[0], port: Number(addrs.http_addr.split(":")[1]) });
  await new Promise((ok, fail) => (sock.once("connect", ok), sock.once("error", fail)));
  sock.setNoDelay(true);
  sock.write(
    `GET /api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=0 HTTP/1.1\r\nHost: ${addrs.http_addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  sock.pause();
  let head = "";
  while (!head.includes("\r\n\r\n")) {
    await new Promise((r) => sock.once("readable", r));
    let c;
    while ((c = sock.read(1)) !== null) {
      head += c.toString("latin1");
      if (head.includes("\r\n\r\n")) break;
    }
  }
  if (!head.startsWith("HTTP/1.1 101")) throw new Error(`upgrade refused: ${head.split("\r\n")[0]}`);
  let received = 0;
  const readFrame = () => {
    const h = sock.read(2);
    if (!h) return false;
    let len = h[1] & 0x7f;
    let extra = len === 126 ? 2 : len === 127 ? 8 : 0;
    if (extra) {
      const e = sock.read(extra);
      if (!e) return (sock.unshift(h), false);
      len = extra === 2 ? e.readUInt16BE(0) : Number(e.readBigUInt64BE(0));
      if (len > 0) {
        const body = sock.read(len);
        if (!body) return (sock.unshift(Buffer.concat([h, e])), false);
      }
    } else if (len > 0) {
      const body = sock.read(len);
      if (!body) return (sock.unshift(h), false);
    }
    if ((h[0] & 0x0f) === 1) received++;
    return true;
  };
  const reader = setInterval(() => readFrame(), 1000 / RATE);
  const ws = { terminate: () => sock.destroy() };

  const t0 = Date.now();
  console.log(`container ${id.slice(0, 12)} prints with yes; client reads ~${RATE} messages/s for ${SECONDS} s`);
  console.log(`t=0s master_rss_mib=${rssMiB(master.child.pid)} worker_rss_mib=${rssMiB(worker.child.pid)}`);
  let peak = 0;
  while (Date.now() - t0 < SECONDS * 1000) {
    await sleep(5_000);
    const rss = Number(rssMiB(master.child.pid));
    peak = Math.max(peak, rss);
    const s = (Date.now() - t0) / 1000;
    console.log(
      `t=${s.toFixed(0)}s master_rss_mib=${rss} worker_rss_mib=${rssMiB(worker.child.pid)} delivered=${received} rate=${(received / s).toFixed(1)} lines/s`,
    );
  }
  clearInterval(reader);
  ws.terminate();
  const s = (Date.now() - t0) / 1000;
  console.log(`delivered ${received} lines in ${s.toFixed(1)} s (${(received / s).toFixed(1)} lines/s); master peak rss ${peak} MiB`);
}

async function cleanup() {
  try {
    const ids = docker("ps", "-aq", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
    if (ids.length) docker("rm", "-f", ...ids);
  } catch {}
  for (const p of procs) p.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

main().then(cleanup, async (err) => {
  console.error(err);
  await cleanup();
  process.exitCode = 1;
});
