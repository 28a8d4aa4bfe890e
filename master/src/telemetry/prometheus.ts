import type { SamplePoint } from "./node-series.js";
import type { TextRegistry } from "../metrics/text-registry.js";
import type { LatestSnapshot } from "./series-store.js";

/** GaugeSource is what the exporter reads at scrape time. */
export interface GaugeSource {
  entries(): Iterable<[string, LatestSnapshot]>;
  nodeName(nodeId: string): string;
  containerImage(nodeId: string, containerId: string): string;
  containerMetrics: boolean;
}

type Labels = Record<string, string>;

function labelOf(p: SamplePoint, name: string): string | undefined {
  for (const l of p.labels) if (l.name === name) return l.value;
  return undefined;
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const line = (name: string, labels: Labels, v: number) => {
  let l = "";
  for (const k in labels) l += `${l ? "," : ""}${k}="${esc(labels[k]!)}"`;
  return `${name}{${l}} ${v}\n`;
};

interface Family {
  name: string;
  head: string;
  /** fill renders one node's samples of this family. */
  fill: (nodeId: string, node: string, snap: LatestSnapshot) => string;
}

/** Rendered is one node's text per family, valid while its snapshot, name and images are unchanged. */
interface Rendered {
  snap: LatestSnapshot;
  key: string;
  parts: string[];
}

/**
 * registerNodeGauges adds the per-node host metrics (SPEC §6) to the
 * registry's scrape. Values are read from each node's latest snapshot at
 * scrape time, so no sample is stored twice, and each node's text is cached
 * until its snapshot, name or container images change: a scrape of a large
 * fleet re-renders only the nodes that reported since the last one.
 * Returns the unregister function.
 */
export function registerNodeGauges(registry: TextRegistry, src: GaugeSource): () => void {
  const families: Family[] = [];
  const cache = new Map<string, Rendered>();
  const points = (snap: LatestSnapshot, metric: string) => snap.points.filter((p) => p.name === metric && Number.isFinite(p.value));
  const define = (kind: "gauge" | "counter", name: string, help: string, fill: Family["fill"]) =>
    families.push({ name, head: `# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${name} ${kind}\n`, fill });

  const host = (name: string, help: string, metric: string) =>
    define("gauge", name, help, (node_id, node, snap) =>
      points(snap, metric)
        .map((p) => line(name, { node_id, node }, p.value))
        .join(""),
    );
  host("flotilla_node_cpu_usage_ratio", "Host CPU usage (0-1) in the node's latest snapshot.", "cpu.usage_ratio");
  host("flotilla_node_memory_used_bytes", "Host memory in use.", "mem.used_bytes");
  host("flotilla_node_memory_total_bytes", "Host memory size.", "mem.total_bytes");
  host("flotilla_node_load1", "Host one-minute load average.", "load.1");

  const fs = (name: string, help: string, metric: string) =>
    define("gauge", name, help, (node_id, node, snap) =>
      points(snap, metric)
        .map((p) => line(name, { node_id, node, mount: labelOf(p, "mount") ?? "" }, p.value))
        .join(""),
    );
  fs("flotilla_node_filesystem_used_bytes", "Filesystem bytes in use, by mount point.", "fs.used_bytes");
  fs("flotilla_node_filesystem_size_bytes", "Filesystem size, by mount point.", "fs.total_bytes");

  const net = (name: string, help: string, metric: string) =>
    define("counter", name, help, (node_id, node, snap) =>
      points(snap, metric)
        .filter((p) => p.value >= 0)
        .map((p) => line(name, { node_id, node, iface: labelOf(p, "iface") ?? "" }, p.value))
        .join(""),
    );
  net("flotilla_node_network_receive_bytes_total", "Bytes received by a host interface (kernel counter).", "net.rx_bytes");
  net("flotilla_node_network_transmit_bytes_total", "Bytes sent by a host interface (kernel counter).", "net.tx_bytes");

  define(
    "gauge",
    "flotilla_worker_spool_dropped_samples",
    "Telemetry samples the worker could not keep (spool size or age limit, corrupt batch, failed write) since the worker started.",
    (node_id, node, snap) => line("flotilla_worker_spool_dropped_samples", { node_id, node }, snap.spoolDropped),
  );
  define(
    "gauge",
    "flotilla_worker_spool_corrupt_batches",
    "Spool batches the worker found corrupt on disk and skipped since the worker started.",
    (node_id, node, snap) => line("flotilla_worker_spool_corrupt_batches", { node_id, node }, snap.spoolCorrupt),
  );

  const images = (nodeId: string, snap: LatestSnapshot) => {
    if (!src.containerMetrics) return "";
    let k = "";
    for (const p of snap.points) if (p.name.startsWith("container.")) k += `${src.containerImage(nodeId, labelOf(p, "id") ?? "")}\u0000`;
    return k;
  };
  if (src.containerMetrics) {
    const ctr = (name: string, help: string, metric: string) =>
      define("gauge", name, help, (node_id, node, snap) =>
        points(snap, metric)
          .map((p) => {
            const id = labelOf(p, "id") ?? "";
            return line(name, { node_id, node, container: labelOf(p, "name") ?? id, image: src.containerImage(node_id, id) }, p.value);
          })
          .join(""),
      );
    ctr("flotilla_container_cpu_usage_ratio", "Container CPU time over elapsed time (1 = one full core).", "container.cpu_ratio");
    ctr("flotilla_container_memory_usage_bytes", "Container memory in use.", "container.mem_usage_bytes");
    ctr("flotilla_container_memory_limit_bytes", "Container memory limit.", "container.mem_limit_bytes");
  }

  const render = () => {
    const out = families.map((f) => [f.head]);
    const seen = new Set<string>();
    for (const [nodeId, snap] of src.entries()) {
      seen.add(nodeId);
      const node = src.nodeName(nodeId);
      const key = `${node}\u0000${images(nodeId, snap)}`;
      let r = cache.get(nodeId);
      if (!r || r.snap !== snap || r.key !== key) {
        r = { snap, key, parts: families.map((f) => f.fill(nodeId, node, snap)) };
        cache.set(nodeId, r);
      }
      for (let i = 0; i < families.length; i++) if (r.parts[i]) out[i]!.push(r.parts[i]!);
    }
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return out.map((parts) => parts.join("")).join("\n") + "\n";
  };
  return registry.addText(render);
}
