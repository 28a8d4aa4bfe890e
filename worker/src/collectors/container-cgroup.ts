import { access } from "node:fs/promises";
import { join } from "node:path";
import type { ContainerSample } from "./container-sample.js";
import {
  parseBlkioServiceBytes,
  parseCgroupCpuStat,
  parseCgroupIoStat,
  parseCgroupLimit,
  parseCgroupNumber,
  parseFlatKeyed,
  parseProcCgroup,
} from "./parse/index.js";
import { readText, readTextOr } from "./read.js";

/** CgroupLocation is where a container's cgroup files live (absolute paths). */
export type CgroupLocation = { version: 2; dir: string } | { version: 1; cpuacct: string; memory: string; blkio?: string };

const V1_CPUACCT = ["cpuacct", "cpu,cpuacct", "cpuacct,cpu"];

/** containerCgroupPaths lists the cgroup paths Docker uses for a container (cgroupfs and systemd drivers). */
function containerCgroupPaths(id: string): string[] {
  return [`docker/${id}`, `system.slice/docker-${id}.scope`, `docker.slice/docker-${id}.scope`];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * locateContainerCgroup finds a container's cgroup under
 * `<sysRoot>/fs/cgroup`, trying the paths of the cgroupfs and systemd
 * drivers on cgroup v2 then v1, then the paths in `<procRoot>/<pid>/cgroup`.
 * Returns undefined when the files cannot be reached (e.g. the worker runs in
 * a container without the host's /sys).
 */
export async function locateContainerCgroup(sysRoot: string, procRoot: string, id: string, pid?: number): Promise<CgroupLocation | undefined> {
  const base = join(sysRoot, "fs", "cgroup");
  const paths = containerCgroupPaths(id);
  const v1: Array<{ ctl: string; path: string }> = [];
  if (pid) {
    const text = await readTextOr(procRoot, String(pid), "cgroup");
    for (const line of text ? parseProcCgroup(text) : []) {
      if (line.hierarchy === 0) paths.push(line.path.replace(/^\//, ""));
      else if (line.controllers.includes("cpuacct")) v1.push({ ctl: line.controllers.join(","), path: line.path });
    }
  }
  for (const p of paths) {
    const dir = join(base, p);
    if ((await exists(join(dir, "cpu.stat"))) && (await exists(join(dir, "memory.current")))) return { version: 2, dir };
  }
  const candidates = [...v1.map((c) => c.path.replace(/^\//, "")), ...containerCgroupPaths(id)];
  for (const p of candidates) {
    for (const ctl of V1_CPUACCT) {
      const cpuacct = join(base, ctl, p);
      if (!(await exists(join(cpuacct, "cpuacct.usage")))) continue;
      const memory = join(base, "memory", p);
      if (!(await exists(join(memory, "memory.usage_in_bytes")))) continue;
      const blkio = join(base, "blkio", p);
      return { version: 1, cpuacct, memory, blkio: (await exists(blkio)) ? blkio : undefined };
    }
  }
  return undefined;
}

/** readCgroupSample reads a container's counters from its cgroup files (network is added by the caller). */
export async function readCgroupSample(loc: CgroupLocation): Promise<ContainerSample> {
  const clockNs = Number(process.hrtime.bigint());
  if (loc.version === 2) {
    const [cpu, current, max, stat, io] = await Promise.all([
      readText(loc.dir, "cpu.stat"),
      readText(loc.dir, "memory.current"),
      readText(loc.dir, "memory.max"),
      readText(loc.dir, "memory.stat"),
      readTextOr(loc.dir, "io.stat"),
    ]);
    const usage = parseCgroupNumber(current);
    const inactive = parseFlatKeyed(stat).get("inactive_file") ?? 0;
    const blk = parseCgroupIoStat(io ?? "");
    return {
      source: "cgroup",
      cpuNs: parseCgroupCpuStat(cpu).usageNs,
      clockNs,
      memUsageBytes: Math.max(0, usage - (inactive < usage ? inactive : 0)),
      memLimitBytes: parseCgroupLimit(max),
      blkioReadBytes: blk.readBytes,
      blkioWriteBytes: blk.writeBytes,
    };
  }
  const [cpu, usageText, limit, stat, io] = await Promise.all([
    readText(loc.cpuacct, "cpuacct.usage"),
    readText(loc.memory, "memory.usage_in_bytes"),
    readText(loc.memory, "memory.limit_in_bytes"),
    readText(loc.memory, "memory.stat"),
    loc.blkio ? readTextOr(loc.blkio, "blkio.throttle.io_service_bytes") : Promise.resolve(undefined),
  ]);
  const usage = parseCgroupNumber(usageText);
  const inactive = parseFlatKeyed(stat).get("total_inactive_file") ?? 0;
  const blk = parseBlkioServiceBytes(io ?? "");
  return {
    source: "cgroup",
    cpuNs: parseCgroupNumber(cpu),
    clockNs,
    memUsageBytes: Math.max(0, usage - (inactive < usage ? inactive : 0)),
    memLimitBytes: parseCgroupLimit(limit),
    blkioReadBytes: blk.readBytes,
    blkioWriteBytes: blk.writeBytes,
  };
}
