import { Counter, Gauge, type Registry } from "prom-client";
import type { MetricPoint } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type { LatestSnapshot } from "./series-store.js";

/** GaugeSource is what the exporter reads at scrape time. */
export interface GaugeSource {
  entries(): Iterable<[string, LatestSnapshot]>;
  nodeName(nodeId: string): string;
  containerImage(nodeId: string, containerId: string): string;
  containerMetrics: boolean;
}

type Labels = Record<string, string>;
type Setter = (labels: Labels, value: number) => void;

function labelOf(p: MetricPoint, name: string): string | undefined {
  for (const l of p.labels) if (l.name === name) return l.value;
  return undefined;
}

/**
 * registerNodeGauges adds the per-node host metrics (SPEC §6) to the registry.
 * Values are read from each node's latest snapshot in a collect() callback at
 * scrape time, so no sample is stored twice. Returns the unregister function.
 */
export function registerNodeGauges(registry: Registry, src: GaugeSource): () => void {
  const names: string[] = [];

  /** each visits every point named `metric` of every node's latest snapshot. */
  const each = (metric: string, fn: (nodeId: string, node: string, p: MetricPoint) => void) => {
    for (const [nodeId, snap] of src.entries()) {
      const node = src.nodeName(nodeId);
      for (const p of snap.points) if (p.name === metric && Number.isFinite(p.value)) fn(nodeId, node, p);
    }
  };

  const define = (kind: "gauge" | "counter", name: string, help: string, labelNames: string[], fill: (set: Setter) => void) => {
    names.push(name);
    const Ctor = kind === "gauge" ? Gauge : Counter;
    new Ctor({
      name,
      help,
      labelNames,
      registers: [registry],
      collect(this: Gauge | Counter) {
        this.reset();
        fill((labels, v) => (this instanceof Gauge ? this.set(labels, v) : v >= 0 && this.inc(labels, v)));
      },
    });
  };

  const host = (name: string, help: string, metric: string) =>
    define("gauge", name, help, ["node_id", "node"], (set) => each(metric, (node_id, node, p) => set({ node_id, node }, p.value)));
  host("flotilla_node_cpu_usage_ratio", "Host CPU usage (0-1) in the node's latest snapshot.", "cpu.usage_ratio");
  host("flotilla_node_memory_used_bytes", "Host memory in use.", "mem.used_bytes");
  host("flotilla_node_memory_total_bytes", "Host memory size.", "mem.total_bytes");
  host("flotilla_node_load1", "Host one-minute load average.", "load.1");

  const fs = (name: string, help: string, metric: string) =>
    define("gauge", name, help, ["node_id", "node", "mount"], (set) =>
      each(metric, (node_id, node, p) => set({ node_id, node, mount: labelOf(p, "mount") ?? "" }, p.value)),
    );
  fs("flotilla_node_filesystem_used_bytes", "Filesystem bytes in use, by mount point.", "fs.used_bytes");
  fs("flotilla_node_filesystem_size_bytes", "Filesystem size, by mount point.", "fs.total_bytes");

  const net = (name: string, help: string, metric: string) =>
    define("counter", name, help, ["node_id", "node", "iface"], (set) =>
      each(metric, (node_id, node, p) => set({ node_id, node, iface: labelOf(p, "iface") ?? "" }, p.value)),
    );
  net("flotilla_node_network_receive_bytes_total", "Bytes received by a host interface (kernel counter).", "net.rx_bytes");
  net("flotilla_node_network_transmit_bytes_total", "Bytes sent by a host interface (kernel counter).", "net.tx_bytes");

  define("gauge", "flotilla_worker_spool_dropped_samples", "Telemetry samples the worker could not keep (spool size or age limit, corrupt batch, failed write) since the worker started.", ["node_id", "node"], (set) => {
    for (const [node_id, snap] of src.entries()) set({ node_id, node: src.nodeName(node_id) }, snap.spoolDropped);
  });
  define("gauge", "flotilla_worker_spool_corrupt_batches", "Spool batches the worker found corrupt on disk and skipped since the worker started.", ["node_id", "node"], (set) => {
    for (const [node_id, snap] of src.entries()) set({ node_id, node: src.nodeName(node_id) }, snap.spoolCorrupt);
  });

  if (src.containerMetrics) {
    const ctr = (name: string, help: string, metric: string) =>
      define("gauge", name, help, ["node_id", "node", "container", "image"], (set) =>
        each(metric, (node_id, node, p) => {
          const id = labelOf(p, "id") ?? "";
          set({ node_id, node, container: labelOf(p, "name") ?? id, image: src.containerImage(node_id, id) }, p.value);
        }),
      );
    ctr("flotilla_container_cpu_usage_ratio", "Container CPU time over elapsed time (1 = one full core).", "container.cpu_ratio");
    ctr("flotilla_container_memory_usage_bytes", "Container memory in use.", "container.mem_usage_bytes");
    ctr("flotilla_container_memory_limit_bytes", "Container memory limit.", "container.mem_limit_bytes");
  }

  return () => {
    for (const n of names) registry.removeSingleMetric(n);
  };
}
