import type { Collector, CollectorContext, Point } from "./collector.js";
import { locateContainerCgroup, readCgroupSample, type CgroupLocation } from "./container-cgroup.js";
import { containerPoints, type ContainerSample } from "./container-sample.js";
import { mapLimit } from "./map-limit.js";
import { parseMeminfo, parseNetDev } from "./parse/index.js";
import { readTextOr } from "./read.js";

/** ContainerStatsMethod picks how container counters are read. */
export type ContainerStatsMethod = "auto" | "cgroup" | "api";

/** ContainersCollectorOptions configures createContainersCollector. */
export interface ContainersCollectorOptions {
  /** "cgroup" reads cgroup files, "api" asks the engine, "auto" (default) prefers cgroup files per container. */
  method: ContainerStatsMethod;
  /** Concurrent engine stats calls (default 16; the engine answers once per second, so calls wait together). */
  apiConcurrency: number;
}

const DEFAULTS: ContainersCollectorOptions = { method: "auto", apiConcurrency: 16 };

/**
 * createContainersCollector reports `container.*` points for every running
 * container of ctx.docker. With host access it reads cgroup files directly
 * (microseconds per container); otherwise it falls back to one-shot engine
 * stats calls with bounded concurrency. No docker source or no engine socket
 * on the host: no points (an unreachable engine is a collector failure).
 */
export function createContainersCollector(options: Partial<ContainersCollectorOptions> = {}): Collector {
  const opts = { ...DEFAULTS, ...options };
  const prev = new Map<string, ContainerSample>();
  const locations = new Map<string, CgroupLocation | null>();

  async function viaCgroup(ctx: CollectorContext, id: string): Promise<ContainerSample | undefined> {
    if (opts.method === "api" || !ctx.docker) return undefined;
    const details = await ctx.docker.details(id);
    if (!details?.pid) return undefined;
    let loc = locations.get(id);
    if (loc === undefined) {
      loc = (await locateContainerCgroup(ctx.sysRoot, ctx.procRoot, id, details.pid)) ?? null;
      locations.set(id, loc);
    }
    if (!loc) return undefined;
    try {
      const sample = await readCgroupSample(loc);
      const netText = await readTextOr(ctx.procRoot, String(details.pid), "net", "dev");
      if (netText) {
        sample.netRxBytes = 0;
        sample.netTxBytes = 0;
        for (const [iface, c] of parseNetDev(netText)) {
          if (iface === "lo") continue;
          sample.netRxBytes += c.rxBytes;
          sample.netTxBytes += c.txBytes;
        }
      }
      return sample;
    } catch {
      locations.delete(id); // exited or moved: locate again next round
      return undefined;
    }
  }

  return {
    name: "containers",
    async collect(ctx) {
      const docker = ctx.docker;
      if (!docker || !docker.installed) return [];
      const running = (await docker.inventory()).filter((c) => c.state === "running");
      const ids = new Set(running.map((c) => c.id));
      for (const id of prev.keys()) if (!ids.has(id)) prev.delete(id);
      for (const id of locations.keys()) if (!ids.has(id)) locations.delete(id);

      const samples = new Map<string, ContainerSample>();
      const needApi: string[] = [];
      await Promise.all(
        running.map(async (c) => {
          const s = await viaCgroup(ctx, c.id).catch(() => undefined);
          if (s) samples.set(c.id, s);
          else if (opts.method !== "cgroup") needApi.push(c.id);
        }),
      );
      await mapLimit(needApi, opts.apiConcurrency, async (id) => {
        try {
          samples.set(id, await docker.stats(id));
        } catch (err) {
          ctx.log.debug({ err, container: id }, "container stats failed");
        }
      });

      const meminfo = await readTextOr(ctx.procRoot, "meminfo");
      const hostMem = meminfo ? parseMeminfo(meminfo).get("MemTotal") : undefined;
      const points: Point[] = [];
      for (const c of running) {
        const s = samples.get(c.id);
        if (!s) continue;
        points.push(...containerPoints({ id: c.id, name: c.name }, s, prev.get(c.id), hostMem));
        prev.set(c.id, s);
      }
      return points;
    },
  };
}
