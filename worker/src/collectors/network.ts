import type { Collector, Point } from "./collector.js";
import { parseNetDev, type NetDevCounters } from "./parse/index.js";
import { readText } from "./read.js";

/** EXCLUDED_IFACES are interfaces never reported. */
const EXCLUDED_IFACES: ReadonlySet<string> = new Set(["lo"]);

/**
 * createNetworkCollector reports per-interface counters from
 * `<procRoot>/net/dev` (loopback excluded) and, from the second round on,
 * byte rates computed between rounds. A counter that went backwards
 * (interface reset) yields no rate for that round.
 */
export function createNetworkCollector(): Collector {
  let prev: { at: number; ifaces: Map<string, NetDevCounters> } | undefined;
  return {
    name: "network",
    async collect(ctx) {
      const ifaces = parseNetDev(await readText(ctx.procRoot, "net", "dev"));
      const at = performance.now();
      const points: Point[] = [];
      for (const [iface, c] of ifaces) {
        if (EXCLUDED_IFACES.has(iface)) continue;
        const labels = { iface };
        points.push(
          { name: "net.rx_bytes", value: c.rxBytes, labels },
          { name: "net.tx_bytes", value: c.txBytes, labels },
          { name: "net.rx_packets", value: c.rxPackets, labels },
          { name: "net.tx_packets", value: c.txPackets, labels },
          { name: "net.rx_errors", value: c.rxErrors, labels },
          { name: "net.tx_errors", value: c.txErrors, labels },
        );
        const before = prev?.ifaces.get(iface);
        const seconds = prev ? (at - prev.at) / 1000 : 0;
        if (before && seconds > 0 && c.rxBytes >= before.rxBytes && c.txBytes >= before.txBytes) {
          points.push(
            { name: "net.rx_bytes_per_second", value: (c.rxBytes - before.rxBytes) / seconds, labels },
            { name: "net.tx_bytes_per_second", value: (c.txBytes - before.txBytes) / seconds, labels },
          );
        }
      }
      prev = { at, ifaces };
      return points;
    },
  };
}
