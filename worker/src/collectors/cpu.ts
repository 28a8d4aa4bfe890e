import type { Collector, Point } from "./collector.js";
import { cpuUsageRatio, parseLoadavg, parseProcStat, type ProcStat } from "./parse/index.js";
import { readText } from "./read.js";

/**
 * createCpuCollector reports CPU usage from /proc/stat deltas between two
 * rounds (`cpu.usage_ratio`, `cpu.core_usage_ratio{core}`; absent on the
 * first round), `cpu.count` and the load averages `load.1/5/15`.
 */
export function createCpuCollector(): Collector {
  let prev: ProcStat | undefined;
  return {
    name: "cpu",
    async collect(ctx) {
      const [statText, loadText] = await Promise.all([readText(ctx.procRoot, "stat"), readText(ctx.procRoot, "loadavg")]);
      const cur = parseProcStat(statText);
      const load = parseLoadavg(loadText);
      const points: Point[] = [
        { name: "cpu.count", value: cur.cores.size },
        { name: "load.1", value: load.load1 },
        { name: "load.5", value: load.load5 },
        { name: "load.15", value: load.load15 },
      ];
      if (prev) {
        const total = cpuUsageRatio(prev.total, cur.total);
        if (total !== undefined) points.push({ name: "cpu.usage_ratio", value: total });
        for (const [core, times] of cur.cores) {
          const before = prev.cores.get(core);
          const ratio = before && cpuUsageRatio(before, times);
          if (ratio !== undefined) points.push({ name: "cpu.core_usage_ratio", value: ratio, labels: { core: String(core) } });
        }
      }
      prev = cur;
      return points;
    },
  };
}
