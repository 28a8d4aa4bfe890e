// /metrics micro-benchmark: renders the per-node gauges of a fleet seeded in
// memory (--nodes, default 2000; ~60 host points and 5 containers each) with
// the cached text renderer the master uses, and with the previous exporter
// (prom-client gauges reset and refilled on every scrape) in the same run.
// Prints ms per scrape for both, with every node changed since the last
// scrape and with 10 % changed, and the ratio.
//
//   node scripts/bench-metrics.mjs [--nodes 2000] [--scrapes 10]
//
// A benchmark, not a test: it is not run by npm test or CI.
import { Gauge } from "prom-client";
import { TextRegistry } from "../master/dist/metrics/text-registry.js";
import { registerNodeGauges } from "../master/dist/telemetry/prometheus.js";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const N = opt("nodes", 2000);
const SCRAPES = opt("scrapes", 10);

const pt = (name, value, labels = {}) => ({ name, value, labels: Object.entries(labels).map(([n, v]) => ({ name: n, value: v })) });
const snapshot = (i, t) => {
  const points = [pt("cpu.usage_ratio", Math.random()), pt("mem.used_bytes", 1e9 + t), pt("mem.total_bytes", 8e9), pt("load.1", Math.random() * 4)];
  for (const m of ["/", "/var", "/home", "/boot"]) points.push(pt("fs.used_bytes", 1e9 + t, { mount: m }), pt("fs.total_bytes", 5e10, { mount: m }));
  for (const f of ["eth0", "eth1", "lo"]) points.push(pt("net.rx_bytes", 1e6 * i + t, { iface: f }), pt("net.tx_bytes", 1e6 * i + t, { iface: f }));
  for (let k = 0; points.length < 45; k++) points.push(pt(`cpu.core_ratio`, Math.random(), { core: String(k) }));
  for (let c = 0; c < 5; c++)
    for (const m of ["container.cpu_ratio", "container.mem_usage_bytes", "container.mem_limit_bytes"])
      points.push(pt(m, Math.random() * 1e6, { id: `c${c}`, name: `app-${c}` }));
  return { tsMs: t, points, collectors: [], spoolDropped: 0, spoolCorrupt: 0 };
};
const fleet = new Map();
for (let i = 0; i < N; i++) fleet.set(`node-${i}`, snapshot(i, 0));
const src = {
  entries: () => fleet.entries(),
  nodeName: (id) => `host-${id}`,
  containerImage: (_n, id) => `registry.example/app:${id}`,
  containerMetrics: true,
};
const touch = (share, t) => {
  let i = 0;
  for (const id of fleet.keys()) if (i++ % Math.round(1 / share) === 0) fleet.set(id, snapshot(i, t));
};

/** previous exporter: one prom-client gauge per family, reset and refilled in collect(). */
function registerOld(registry) {
  const lab = (p, n) => p.labels.find((l) => l.name === n)?.value ?? "";
  const def = (name, labelNames, metric, labels) =>
    new Gauge({
      name,
      help: name,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const [node_id, snap] of src.entries())
          for (const p of snap.points) if (p.name === metric) this.set({ node_id, node: src.nodeName(node_id), ...labels(p, node_id) }, p.value);
      },
    });
  for (const [n, m] of [
    ["cpu_usage_ratio", "cpu.usage_ratio"],
    ["memory_used_bytes", "mem.used_bytes"],
    ["memory_total_bytes", "mem.total_bytes"],
    ["load1", "load.1"],
  ])
    def(`old_node_${n}`, ["node_id", "node"], m, () => ({}));
  for (const [n, m] of [
    ["fs_used", "fs.used_bytes"],
    ["fs_size", "fs.total_bytes"],
  ])
    def(`old_${n}`, ["node_id", "node", "mount"], m, (p) => ({ mount: lab(p, "mount") }));
  for (const [n, m] of [
    ["rx", "net.rx_bytes"],
    ["tx", "net.tx_bytes"],
  ])
    def(`old_${n}`, ["node_id", "node", "iface"], m, (p) => ({ iface: lab(p, "iface") }));
  for (const [n, m] of [
    ["ccpu", "container.cpu_ratio"],
    ["cmem", "container.mem_usage_bytes"],
    ["clim", "container.mem_limit_bytes"],
  ]) {
    def(`old_${n}`, ["node_id", "node", "container", "image"], m, (p, nodeId) => ({
      container: lab(p, "name"),
      image: src.containerImage(nodeId, lab(p, "id")),
    }));
  }
}

const oldReg = new TextRegistry();
registerOld(oldReg);
const newReg = new TextRegistry();
registerNodeGauges(newReg, src);

const time = async (reg, share) => {
  let total = 0;
  let bytes = 0;
  for (let s = 1; s <= SCRAPES; s++) {
    touch(share, s * 15_000);
    const t = performance.now();
    bytes = (await reg.metrics()).length;
    total += performance.now() - t;
  }
  return { ms: total / SCRAPES, bytes };
};
await time(newReg, 1);
await time(oldReg, 1);
console.log(`/metrics per-node gauges, ${N} nodes, ${SCRAPES} scrapes each (load average ${(await import("node:os")).loadavg()[0].toFixed(1)})`);
for (const share of [1, 0.1]) {
  const o = await time(oldReg, share);
  const n = await time(newReg, share);
  console.log(
    `${(share * 100).toFixed(0).padStart(3)} % of nodes changed per scrape: previous ${o.ms.toFixed(0)} ms (${(o.bytes / 1048576).toFixed(1)} MB), cached ${n.ms.toFixed(0)} ms (${(n.bytes / 1048576).toFixed(1)} MB): ${(o.ms / n.ms).toFixed(1)}× faster`,
  );
}
