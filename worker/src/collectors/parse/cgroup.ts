/** parseFlatKeyed parses "key value" lines (cgroup memory.stat, cpu.stat, cpuacct.stat). */
export function parseFlatKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [k, v] = line.trim().split(/\s+/);
    if (!k || v === undefined) continue;
    const n = Number(v);
    if (Number.isFinite(n)) out.set(k, n);
  }
  return out;
}

/** parseCgroupCpuStat parses cgroup v2 cpu.stat and returns the CPU time used, in nanoseconds. */
export function parseCgroupCpuStat(text: string): { usageNs: number; userNs: number; systemNs: number } {
  const kv = parseFlatKeyed(text);
  const usage = kv.get("usage_usec");
  if (usage === undefined) throw new Error("cpu.stat: no usage_usec");
  return { usageNs: usage * 1000, userNs: (kv.get("user_usec") ?? 0) * 1000, systemNs: (kv.get("system_usec") ?? 0) * 1000 };
}

/** parseCgroupIoStat parses cgroup v2 io.stat and sums bytes read and written over devices. */
export function parseCgroupIoStat(text: string): { readBytes: number; writeBytes: number } {
  let readBytes = 0;
  let writeBytes = 0;
  for (const line of text.split("\n")) {
    for (const field of line.trim().split(/\s+/).slice(1)) {
      const [k, v] = field.split("=");
      if (k === "rbytes") readBytes += Number(v) || 0;
      else if (k === "wbytes") writeBytes += Number(v) || 0;
    }
  }
  return { readBytes, writeBytes };
}

/** parseBlkioServiceBytes parses cgroup v1 blkio.throttle.io_service_bytes and sums Read and Write over devices. */
export function parseBlkioServiceBytes(text: string): { readBytes: number; writeBytes: number } {
  let readBytes = 0;
  let writeBytes = 0;
  for (const line of text.split("\n")) {
    const [, op, v] = line.trim().split(/\s+/);
    if (op === "Read") readBytes += Number(v) || 0;
    else if (op === "Write") writeBytes += Number(v) || 0;
  }
  return { readBytes, writeBytes };
}

/** UNLIMITED_V1 is the threshold above which a cgroup v1 memory limit means "no limit". */
const UNLIMITED_V1 = 2 ** 62;

/** parseCgroupLimit parses a memory limit file ("max" or a number); undefined means unlimited. */
export function parseCgroupLimit(text: string): number | undefined {
  const s = text.trim();
  if (s === "max") return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new Error("cgroup limit: malformed");
  return n >= UNLIMITED_V1 ? undefined : n;
}

/** parseCgroupNumber parses a file holding one integer (memory.current, cpuacct.usage). */
export function parseCgroupNumber(text: string): number {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || text.trim() === "") throw new Error("cgroup value: malformed");
  return n;
}

/** ProcCgroup is one line of /proc/<pid>/cgroup. */
export interface ProcCgroup {
  hierarchy: number;
  /** Controllers of a v1 hierarchy; empty for the v2 unified hierarchy. */
  controllers: string[];
  path: string;
}

/** parseProcCgroup parses /proc/<pid>/cgroup ("4:cpu,cpuacct:/docker/<id>", "0::/system.slice/x.scope"). */
export function parseProcCgroup(text: string): ProcCgroup[] {
  const out: ProcCgroup[] = [];
  for (const line of text.split("\n")) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    out.push({ hierarchy: Number(m[1]), controllers: m[2] ? m[2].split(",") : [], path: m[3]! });
  }
  return out;
}
