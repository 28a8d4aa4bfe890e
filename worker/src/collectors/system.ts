import { readdir } from "node:fs/promises";
import type { Collector, Point } from "./collector.js";
import { parseLoadavg, parseUptime } from "./parse/index.js";
import { readText } from "./read.js";

/**
 * createSystemCollector reports `system.uptime_seconds` from
 * `<procRoot>/uptime` and `system.processes`, the number of processes (numeric
 * entries of procRoot; falls back to the total of /proc/loadavg).
 */
export function createSystemCollector(): Collector {
  return {
    name: "system",
    async collect(ctx) {
      const uptime = parseUptime(await readText(ctx.procRoot, "uptime"));
      const points: Point[] = [{ name: "system.uptime_seconds", value: uptime }];
      let processes: number;
      try {
        processes = (await readdir(ctx.procRoot)).filter((e) => /^\d+$/.test(e)).length;
      } catch {
        processes = 0;
      }
      if (processes === 0) processes = parseLoadavg(await readText(ctx.procRoot, "loadavg")).total;
      points.push({ name: "system.processes", value: processes });
      return points;
    },
  };
}
