// Benchmark: the master's telemetry ingest path in one process, against a
// real SQLite database, event bus and Prometheus registry. It feeds what N
// workers (default 1,000) send at the default 15 s interval: one snapshot of
// ~60 points per worker per round and a 5-container inventory every 4th
// round (one container changes state each time), spread evenly over real
// time. It measures the ingest hook NodeService.Push awaits before it
// acknowledges (gRPC transport and TLS not included), then scrapes /metrics.
//   npm run build first; node scripts/bench-ingest.mjs [--workers 1000] [--seconds 60] [--fast]
import { create } from "@bufbuild/protobuf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const m = (p) => import(join(root, "master/dist", p));
const { createLogger } = await import("@flotilla/shared");
const { PushRequestSchema } = await import("@flotilla/shared/gen/flotilla/v1/node_pb.js");
const { openDb } = await m("db/client.js");
const { createEventBus } = await m("events/bus.js");
const { createEventStore } = await m("events/event-store.js");
const { createMetrics } = await m("metrics/registry.js");
const { createTelemetry } = await m("telemetry/index.js");

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg("workers", 1000);
const SECONDS = arg("seconds", 60);
const FAST = process.argv.includes("--fast");
const INTERVAL_MS = 15_000;

const dir = mkdtempSync(join(tmpdir(), "flotilla-bench-ingest-"));
const log = createLogger({ level: "warn", name: "bench" });
const { db, provider, close: closeDb } = await openDb(`file:${join(dir, "flotilla.db")}`, log);
const metrics = createMetrics();
const bus = createEventBus({ store: createEventStore(db), log, metrics });
const config = { dataDir: dir, metricsRetentionMs: 3_600_000, containerMetrics: false };
const ctx = { config, log, db, provider, bus, metrics };
const nodeIds = [...Array(N).keys()].map((i) => `node_bench${String(i).padStart(5, "0")}`);
await db.node.createMany({
  data: nodeIds.map((id, i) => ({
    id,
    name: `host-${i}`,
    hostname: `host-${i}`,
    machineId: `m-${i}`,
    certSerial: `s-${i}`,
    certExpiresAt: new Date(Date.now() + 86_400_000),
  })),
});
const telemetry = createTelemetry(ctx);

const L = (o) => Object.entries(o).map(([name, value]) => ({ name, value }));
function snapshot(ts, i, round) {
  const v = (k) => ((i * 7 + round * 13 + k) % 100) / 100;
  const points = [
    { name: "cpu.usage_ratio", value: v(1) },
    { name: "cpu.count", value: 4 },
    ...[0, 1, 2, 3].map((c) => ({ name: "cpu.core_usage_ratio", value: v(c), labels: L({ core: String(c) }) })),
    { name: "load.1", value: v(2) * 4 },
    { name: "load.5", value: v(3) * 4 },
    { name: "load.15", value: v(4) * 4 },
    { name: "mem.total_bytes", value: 8 * 2 ** 30 },
    { name: "mem.used_bytes", value: v(5) * 8 * 2 ** 30 },
    { name: "mem.available_bytes", value: (1 - v(5)) * 8 * 2 ** 30 },
    { name: "mem.usage_ratio", value: v(5) },
    { name: "swap.total_bytes", value: 2 ** 30 },
    { name: "swap.used_bytes", value: 0 },
    { name: "system.uptime_seconds", value: 1e5 + round * 15 },
    { name: "system.processes", value: 200 + (round % 7) },
  ];
  for (const [mount, device] of [
    ["/", "/dev/sda1"],
    ["/var", "/dev/sdb1"],
  ]) {
    const l = L({ mount, device, fstype: "ext4" });
    for (const n of ["total_bytes", "used_bytes", "avail_bytes", "usage_ratio", "inodes_total", "inodes_used"])
      points.push({ name: `fs.${n}`, value: v(n.length), labels: l });
  }
  for (const iface of ["eth0", "lo"]) {
    const l = L({ iface });
    for (const n of ["rx_bytes", "tx_bytes", "rx_packets", "tx_packets", "rx_errors", "tx_errors"])
      points.push({ name: `net.${n}`, value: 1e6 * (round + 1) + i, labels: l });
    points.push({ name: "net.rx_bytes_per_second", value: v(6) * 1e5, labels: l }, { name: "net.tx_bytes_per_second", value: v(7) * 1e5, labels: l });
  }
  for (let c = 0; c < 3; c++) {
    const l = L({ id: `ctr${c}`, name: `app-${c}` });
    points.push({ name: "container.cpu_ratio", value: v(c), labels: l }, { name: "container.mem_usage_bytes", value: 1e8, labels: l });
  }
  for (const col of ["cpu", "memory", "filesystem", "network", "system"]) {
    points.push({ name: "collector.duration_seconds", value: 0.001, labels: L({ collector: col }) });
  }
  return { tsMs: BigInt(ts), points };
}
const containers = (i, round) =>
  [...Array(5).keys()].map((c) => ({
    id: `ctr${c}`,
    name: `app-${c}`,
    image: "local/busybox:1",
    imageId: "sha256:1",
    state: c === round % 5 ? "exited" : "running",
    status: "Up",
    createdMs: 1_700_000_000_000n,
    ports: [],
    labels: { app: String(c) },
    restartCount: 0,
  }));

let seq = 0n;
const latencies = { metrics: [], inventory: [] };
let samples = 0;
let pushes = 0;
const rounds = Math.max(1, Math.round((SECONDS * 1000) / INTERVAL_MS));
const total = N * rounds;
const rss0 = process.memoryUsage().rss;
const usage0 = process.cpuUsage();
let peakRss = process.memoryUsage().rss;
const t0 = performance.now();
const wall0 = Date.now() - rounds * INTERVAL_MS;

async function one(k) {
  const round = Math.floor(k / N);
  const i = k % N;
  const ts = wall0 + round * INTERVAL_MS + Math.floor((i / N) * INTERVAL_MS);
  const snap = snapshot(ts, i, round);
  const reqs = [
    create(PushRequestSchema, { seq: ++seq, payload: { case: "metrics", value: { snapshots: [snap], collectors: [], spoolDropped: 0n } } }),
  ];
  if (round % 4 === i % 4)
    reqs.push(
      create(PushRequestSchema, { seq: ++seq, payload: { case: "inventory", value: { tsMs: BigInt(ts), containers: containers(i, round) } } }),
    );
  for (const req of reqs) {
    const s = performance.now();
    await telemetry.ingest(nodeIds[i], req);
    latencies[req.payload.case].push(performance.now() - s);
    pushes++;
  }
  samples += snap.points.length;
}

const inflight = new Set();
for (let k = 0; k < total; k++) {
  if (!FAST) {
    const due = (k / total) * SECONDS * 1000;
    const wait = due - (performance.now() - t0);
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  }
  const p = one(k).finally(() => inflight.delete(p));
  inflight.add(p);
  if (inflight.size >= 256) await Promise.race(inflight);
  if (k % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
await Promise.all(inflight);
await telemetry.inventory.idle();
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(usage0);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const scrape0 = performance.now();
const text = await metrics.registry.metrics();
const scrapeMs = performance.now() - scrape0;

const q = (arr, p) => arr[Math.min(arr.length - 1, Math.floor(p * arr.length))].toFixed(3);
const lat = (kind) => {
  const arr = latencies[kind].sort((a, b) => a - b);
  return `${kind} (${arr.length}) p50 ${q(arr, 0.5)}, p99 ${q(arr, 0.99)}, max ${arr.at(-1).toFixed(3)}`;
};
console.log(
  `telemetry ingest, ${N} workers x ${rounds} rounds of ${INTERVAL_MS / 1000} s (${SECONDS} s simulated${FAST ? ", unpaced" : ", paced in real time"}), SQLite:`,
);
console.log(`  wall: ${secs.toFixed(1)} s, pushes: ${pushes}, samples: ${samples} (${(samples / secs).toFixed(0)} per second)`);
console.log(`  cpu: ${(((cpu.user + cpu.system) / 1e6 / secs) * 100).toFixed(1)} % of one core`);
console.log(
  `  rss: ${(rss0 / 2 ** 20).toFixed(1)} MB before ingest, ${(process.memoryUsage().rss / 2 ** 20).toFixed(1)} MB after, ${(peakRss / 2 ** 20).toFixed(1)} MB peak`,
);
console.log(`  ingest (acknowledgement) latency ms: ${lat("metrics")}; ${lat("inventory")}`);
console.log(`  container rows: ${await db.container.count()}, /metrics scrape: ${scrapeMs.toFixed(0)} ms, ${text.length} bytes`);
await telemetry.close();
await bus.close();
await closeDb();
rmSync(dir, { recursive: true, force: true });
