import type { LatestSnapshot } from "./series-store.js";

/** NodeMetricsSummary is the data of a `node.metrics` event. */
export interface NodeMetricsSummary {
  ts: string;
  cpu_usage_ratio: number | null;
  mem_usage_ratio: number | null;
  mem_used_bytes: number | null;
  mem_total_bytes: number | null;
  fs_max_usage_ratio: number | null;
  /** 1-minute load average divided by the number of CPUs. */
  load1_per_cpu: number | null;
  net_rx_bytes_per_second: number | null;
  net_tx_bytes_per_second: number | null;
}

function label(p: { labels: ReadonlyArray<{ name: string; value: string }> }, name: string): string | undefined {
  for (const l of p.labels) if (l.name === name) return l.value;
  return undefined;
}

/**
 * summarize reduces a snapshot to the few host figures of a `node.metrics`
 * event: CPU and memory usage, the fullest filesystem, the 1-minute load per
 * CPU and network throughput summed over interfaces other than loopback.
 */
export function summarize(s: LatestSnapshot): NodeMetricsSummary {
  const out: NodeMetricsSummary = {
    ts: new Date(s.tsMs).toISOString(),
    cpu_usage_ratio: null,
    mem_usage_ratio: null,
    mem_used_bytes: null,
    mem_total_bytes: null,
    fs_max_usage_ratio: null,
    load1_per_cpu: null,
    net_rx_bytes_per_second: null,
    net_tx_bytes_per_second: null,
  };
  let load1: number | null = null;
  let cpus = 0;
  for (const p of s.points) {
    switch (p.name) {
      case "cpu.usage_ratio":
        out.cpu_usage_ratio = p.value;
        break;
      case "mem.usage_ratio":
        out.mem_usage_ratio = p.value;
        break;
      case "mem.used_bytes":
        out.mem_used_bytes = p.value;
        break;
      case "mem.total_bytes":
        out.mem_total_bytes = p.value;
        break;
      case "fs.usage_ratio":
        out.fs_max_usage_ratio = Math.max(out.fs_max_usage_ratio ?? 0, p.value);
        break;
      case "load.1":
        load1 = p.value;
        break;
      case "cpu.count":
        cpus = p.value;
        break;
      case "net.rx_bytes_per_second":
        if (label(p, "iface") !== "lo") out.net_rx_bytes_per_second = (out.net_rx_bytes_per_second ?? 0) + p.value;
        break;
      case "net.tx_bytes_per_second":
        if (label(p, "iface") !== "lo") out.net_tx_bytes_per_second = (out.net_tx_bytes_per_second ?? 0) + p.value;
        break;
    }
  }
  if (load1 !== null && cpus > 0) out.load1_per_cpu = load1 / cpus;
  return out;
}
