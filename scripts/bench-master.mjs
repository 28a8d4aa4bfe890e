// Benchmark: one master holding N simulated workers (default 200) in one
// process, each with real enrollment (CA pinning, CSR, client certificate),
// real mutual TLS, an open command stream and heartbeats at the interval the
// master gives. Prints the master's RSS and CPU while they are connected.
//   node scripts/bench-master.mjs [--workers 200] [--seconds 60]
import { create } from "@bufbuild/protobuf";
import { generateKeyPairSync } from "node:crypto";
import { spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";
import { procSample } from "./lib/bench.mjs";

const root = new URL("..", import.meta.url).pathname;
const w = (p) => import(join(root, "worker/dist", p));
const { createMasterChannel } = await w("client.js");
const { pinMasterCa } = await w("ca-pin.js");
const { createCsr } = await w("csr.js");
const { createAsyncQueue } = await w("async-queue.js");
const { EnrollRequestSchema } = await import("@flotilla/shared/gen/flotilla/v1/enrollment_pb.js");
const { HeartbeatRequestSchema, SessionRequestSchema } = await import("@flotilla/shared/gen/flotilla/v1/node_pb.js");

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg("workers", 200);
// The production runtime profile (master/runtime.mjs); BENCH_NODE_FLAGS="" and
// BENCH_PLAIN_ENV=1 measure Node's and glibc's defaults instead.
const nodeFlags = process.env.BENCH_NODE_FLAGS !== undefined ? process.env.BENCH_NODE_FLAGS.split(" ").filter(Boolean) : MASTER_NODE_FLAGS;
const masterEnv = process.env.BENCH_PLAIN_ENV === "1" ? {} : MASTER_ENV;
const SECONDS = arg("seconds", 60);
const dataDir = mkdtempSync(join(tmpdir(), "flotilla-bench-"));
const password = "bench password 123";

const master = spawn(
  process.execPath,
  [
    ...nodeFlags,
    join(root, "master/dist/main.js"),
    "--http-addr",
    "127.0.0.1:0",
    "--grpc-addr",
    "127.0.0.1:0",
    "--data-dir",
    dataDir,
    "--enroll-rate-limit",
    "100000",
    // All simulated workers enroll from 127.0.0.1 at once.
    "--enroll-max-concurrent-per-source",
    "64",
  ],
  {
    env: { ...masterEnv, ...process.env, FLOTILLA_ADMIN_PASSWORD: password },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const addrs = await new Promise((ok, fail) => {
  createInterface({ input: master.stdout }).on("line", (l) => {
    try {
      const r = JSON.parse(l);
      if (r.http_addr) ok(r);
    } catch {}
  });
  master.once("exit", (c) => fail(new Error(`master exited ${c}`)));
});
// warn level hides the ready line; fall back to info for addresses
const http = `http://${addrs.http_addr}`;
const [gHost, gPort] = [addrs.grpc_addr.split(":")[0], Number(addrs.grpc_addr.split(":")[1])];

const login = await (
  await fetch(`${http}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password }),
  })
).json();
const tok = await (
  await fetch(`${http}/api/v1/enrollment-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${login.access_token}` },
    body: JSON.stringify({ name: "bench", max_uses: 0, ttl_seconds: 3600 }),
  })
).json();
const caPem = await pinMasterCa(gHost, gPort, tok.token.split(".")[3]);

const stop = new AbortController();
// One signal ends every simulated worker: it has one listener per call.
setMaxListeners(0, stop.signal);
let heartbeats = 0;
let errors = 0;

async function simulate(i) {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" });
  const facts = {
    hostname: `sim-${i}`,
    os: "linux",
    osVersion: "bench",
    kernel: "6.1",
    arch: "x64",
    cpus: 2,
    memoryBytes: 4n << 30n,
    machineId: `sim-machine-${i}`,
    agentVersion: "0.1.0-bench",
    addresses: [],
    bootTimeMs: 0n,
  };
  const enrollCh = createMasterChannel({ host: gHost, port: gPort, caPem });
  const res = await enrollCh.enrollment.enroll(
    create(EnrollRequestSchema, { token: tok.token, csrPem: await createCsr(keyPem, facts.hostname), facts }),
  );
  enrollCh.close();
  const ch = createMasterChannel({ host: gHost, port: gPort, caPem, certPem: res.certificatePem, keyPem });
  const out = createAsyncQueue();
  out.push(create(SessionRequestSchema, { kind: { case: "hello", value: { facts, capabilities: [] } } }));
  const session = ch.node.session(out, { signal: stop.signal });
  // Like the worker: heartbeats ride the session stream when the welcome says
  // so (one message each way), else they are Heartbeat calls.
  let interval = 5000;
  let welcome;
  const welcomed = new Promise((r) => (welcome = r));
  const answers = [];
  (async () => {
    try {
      for await (const msg of session) {
        if (msg.kind.case === "welcome") welcome(msg.kind.value);
        else if (msg.kind.case === "heartbeat") answers.shift()?.(msg.kind.value);
      }
    } catch {}
    welcome({});
  })();
  const w = await welcomed;
  interval = w.heartbeatIntervalMs || interval;
  const hbReq = { agentVersion: "0.1.0-bench" };
  const beat = w.sessionHeartbeats
    ? () =>
        new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error("heartbeat not answered")), 10_000);
          answers.push((r) => (clearTimeout(t), resolve(r)));
          out.push(create(SessionRequestSchema, { kind: { case: "heartbeat", value: hbReq } }));
        })
    : () => ch.node.heartbeat(create(HeartbeatRequestSchema, hbReq), { signal: stop.signal });
  while (!stop.signal.aborted) {
    try {
      const hb = await beat();
      interval = hb.intervalMs || interval;
      heartbeats++;
    } catch {
      if (!stop.signal.aborted) errors++;
    }
    await new Promise((r) => setTimeout(r, interval * (0.9 + Math.random() * 0.1)));
  }
  ch.close();
}

const sample = procSample;

const t0 = Date.now();
// RSS over the whole run, printed as it goes with BENCH_TRACE=1
const trace = process.env.BENCH_TRACE === "1";
let runPeak = 0;
const tracer = setInterval(() => {
  const { rss } = sample(master.pid);
  runPeak = Math.max(runPeak, rss);
  if (trace) console.log(`  t=${((Date.now() - t0) / 1000).toFixed(0)} s rss=${(rss / 2 ** 20).toFixed(1)} MB heartbeats=${heartbeats}`);
}, 1000);
const sims = [];
for (let i = 0; i < N; i++) {
  sims.push(
    simulate(i).catch((e) => {
      errors++;
      console.error(`worker ${i}: ${e.message}`);
    }),
  );
  if (i % 20 === 19) await new Promise((r) => setTimeout(r, 50));
}
const fleet = async () => await (await fetch(`${http}/api/v1/fleet/status`, { headers: { authorization: `Bearer ${login.access_token}` } })).json();
while ((await fleet()).online < N && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 500));
console.log(`enrolled and online: ${(await fleet()).online}/${N} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

await new Promise((r) => setTimeout(r, 5_000)); // settle
const a = sample(master.pid);
const hb0 = heartbeats;
const tA = Date.now();
let peakRss = a.rss;
const ticker = setInterval(() => {
  peakRss = Math.max(peakRss, sample(master.pid).rss);
}, 1000);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(ticker);
clearInterval(tracer);
const b = sample(master.pid);
const secs = (Date.now() - tA) / 1000;
const cpu = ((b.ticks - a.ticks) / 100 / secs) * 100;
console.log(
  `master (node ${nodeFlags.join(" ") || "default flags"}${Object.entries(masterEnv)
    .map(([k, v]) => `, ${k}=${v}`)
    .join("")}) with ${N} connected workers over ${secs.toFixed(0)} s:`,
);
console.log(`  cpu: ${cpu.toFixed(2)} % of one core (target < 5 %)`);
console.log(
  `  rss: ${(b.rss / 2 ** 20).toFixed(1)} MB now, ${(peakRss / 2 ** 20).toFixed(1)} MB peak while steady, ${(runPeak / 2 ** 20).toFixed(1)} MB peak over the run including enrollment (target < 150 MB)`,
);
const prom = await (await fetch(`${http}/metrics`)).text();
const g = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, "m").exec(prom)?.[1] ?? NaN) / 2 ** 20;
console.log(
  `  memory: heap used ${g("nodejs_heap_size_used_bytes").toFixed(1)} MB of ${g("nodejs_heap_size_total_bytes").toFixed(1)} MB, external ${g("nodejs_external_memory_bytes").toFixed(1)} MB`,
);
console.log(`  heartbeats: ${((heartbeats - hb0) / secs).toFixed(1)} per second, errors: ${errors}`);
console.log(`  still online: ${(await fleet()).online}/${N}`);
stop.abort();
await Promise.allSettled(sims);
master.kill("SIGTERM");
await new Promise((r) => master.once("exit", r));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
