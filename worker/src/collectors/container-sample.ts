import type { Point } from "./collector.js";

/** ContainerSample is one reading of a container's resource counters, from cgroups or the engine API. */
export interface ContainerSample {
  /** Where the sample came from; CPU deltas are only taken between samples of one source. */
  source: "cgroup" | "api";
  /** CPU time used by the container since it started, in nanoseconds. */
  cpuNs: number;
  /** Reference clock in nanoseconds of one core's time (wall clock, or host CPU time ÷ cores). */
  clockNs: number;
  memUsageBytes: number;
  /** Memory limit; undefined when the container has none. */
  memLimitBytes?: number;
  netRxBytes?: number;
  netTxBytes?: number;
  blkioReadBytes: number;
  blkioWriteBytes: number;
}

/**
 * containerPoints turns a sample into `container.*` points. CPU needs a
 * previous sample: `container.cpu_ratio` is CPU time over elapsed time, so 1
 * means one full core and the maximum is the number of cores (docker stats
 * shows the same figure ×100). A missing memory limit reports hostMemBytes,
 * as docker stats does.
 */
export function containerPoints(
  labels: { id: string; name: string },
  cur: ContainerSample,
  prev: ContainerSample | undefined,
  hostMemBytes: number | undefined,
): Point[] {
  const points: Point[] = [];
  if (prev && prev.source === cur.source) {
    const dClock = cur.clockNs - prev.clockNs;
    const dCpu = cur.cpuNs - prev.cpuNs;
    if (dClock > 0 && dCpu >= 0) points.push({ name: "container.cpu_ratio", value: dCpu / dClock, labels });
  }
  points.push({ name: "container.mem_usage_bytes", value: cur.memUsageBytes, labels });
  const limit = cur.memLimitBytes ?? hostMemBytes;
  if (limit !== undefined) points.push({ name: "container.mem_limit_bytes", value: limit, labels });
  if (cur.netRxBytes !== undefined) points.push({ name: "container.net_rx_bytes", value: cur.netRxBytes, labels });
  if (cur.netTxBytes !== undefined) points.push({ name: "container.net_tx_bytes", value: cur.netTxBytes, labels });
  points.push(
    { name: "container.blkio_read_bytes", value: cur.blkioReadBytes, labels },
    { name: "container.blkio_write_bytes", value: cur.blkioWriteBytes, labels },
  );
  return points;
}
