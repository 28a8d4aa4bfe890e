import type Docker from "dockerode";
import type { ContainerSample } from "./container-sample.js";

/**
 * fromDockerStats converts one engine stats document (GET
 * /containers/{id}/stats?stream=false&one-shot=true) to a ContainerSample.
 * Memory usage excludes the inactive file cache, as docker stats does.
 */
export function fromDockerStats(s: Docker.ContainerStats): ContainerSample {
  const cpus = s.cpu_stats.online_cpus || s.cpu_stats.cpu_usage.percpu_usage?.length || 1;
  const stats = (s.memory_stats.stats ?? {}) as unknown as Record<string, number>;
  const inactive = stats["total_inactive_file"] ?? stats["inactive_file"] ?? 0;
  const usage = s.memory_stats.usage ?? 0;
  let rx: number | undefined;
  let tx: number | undefined;
  for (const n of Object.values(s.networks ?? {})) {
    rx = (rx ?? 0) + n.rx_bytes;
    tx = (tx ?? 0) + n.tx_bytes;
  }
  let read = 0;
  let write = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op === "read") read += e.value;
    else if (op === "write") write += e.value;
  }
  return {
    source: "api",
    cpuNs: s.cpu_stats.cpu_usage.total_usage,
    clockNs: (s.cpu_stats.system_cpu_usage ?? 0) / cpus,
    memUsageBytes: Math.max(0, usage - (inactive < usage ? inactive : 0)),
    memLimitBytes: s.memory_stats.limit && s.memory_stats.limit < 2 ** 62 ? s.memory_stats.limit : undefined,
    netRxBytes: rx,
    netTxBytes: tx,
    blkioReadBytes: read,
    blkioWriteBytes: write,
  };
}
