/** CpuTimes holds the jiffies one CPU line of /proc/stat reports. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

/** ProcStat is the part of /proc/stat the collectors use. */
export interface ProcStat {
  /** Aggregate line "cpu". */
  total: CpuTimes;
  /** Per-core lines "cpuN", keyed by N. */
  cores: Map<number, CpuTimes>;
  /** Processes in runnable state (procs_running). */
  procsRunning?: number;
  /** Processes blocked on I/O (procs_blocked). */
  procsBlocked?: number;
  /** Boot time, seconds since the epoch (btime). */
  bootTime?: number;
}

const FIELDS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"] as const;

/** parseProcStat parses the text of /proc/stat; lines it does not know are ignored. */
export function parseProcStat(text: string): ProcStat {
  let total: CpuTimes | undefined;
  const cores = new Map<number, CpuTimes>();
  const out: Omit<ProcStat, "total" | "cores"> = {};
  for (const line of text.split("\n")) {
    const parts = line.trim().split(/\s+/);
    const key = parts[0];
    if (!key) continue;
    if (key.startsWith("cpu")) {
      const times = toTimes(parts.slice(1));
      if (key === "cpu") total = times;
      else {
        const n = Number(key.slice(3));
        if (Number.isInteger(n)) cores.set(n, times);
      }
    } else if (key === "procs_running") out.procsRunning = Number(parts[1]);
    else if (key === "procs_blocked") out.procsBlocked = Number(parts[1]);
    else if (key === "btime") out.bootTime = Number(parts[1]);
  }
  if (!total) throw new Error("proc stat: no aggregate cpu line");
  return { total, cores, ...out };
}

function toTimes(values: string[]): CpuTimes {
  const t = {} as CpuTimes;
  FIELDS.forEach((f, i) => {
    const v = Number(values[i] ?? 0);
    t[f] = Number.isFinite(v) ? v : 0;
  });
  return t;
}

/** cpuBusy returns busy and total jiffies of one CPU line (guest time is already in user). */
export function cpuBusy(t: CpuTimes): { busy: number; total: number } {
  const idle = t.idle + t.iowait;
  const total = t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;
  return { busy: total - idle, total };
}

/** cpuUsageRatio returns the busy share (0..1) between two samples of one CPU line, or undefined when no time passed. */
export function cpuUsageRatio(prev: CpuTimes, cur: CpuTimes): number | undefined {
  const a = cpuBusy(prev);
  const b = cpuBusy(cur);
  const dt = b.total - a.total;
  if (dt <= 0) return undefined;
  return clamp01((b.busy - a.busy) / dt);
}

/** clamp01 bounds a ratio to [0, 1]. */
export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
