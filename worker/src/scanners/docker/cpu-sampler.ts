import type Docker from "dockerode";

/** CpuSample is the CPU use of one container over the sampling window. */
export interface CpuSample {
  /** CPU time used divided by wall time: 1 = one full core. */
  cpuRatio: number;
  memoryBytes: number;
}

interface Snap {
  cpuNs: number;
  atMs: number;
  mem: number;
}

async function snap(docker: Docker, id: string): Promise<Snap | null> {
  try {
    const s = await docker.getContainer(id).stats({ stream: false, "one-shot": true });
    const atMs = Date.parse(s.read);
    const cpuNs = Number(s.cpu_stats?.cpu_usage?.total_usage);
    if (!Number.isFinite(atMs) || !Number.isFinite(cpuNs)) return null;
    return { cpuNs, atMs, mem: Number(s.memory_stats?.usage ?? 0) || 0 };
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * sampleCpu takes two one-shot stats samples of each container `windowMs`
 * apart (all containers sampled together, so the cost is one window) and
 * returns their CPU ratio. Containers whose stats cannot be read are absent.
 */
export async function sampleCpu(docker: Docker, ids: string[], windowMs: number, signal: AbortSignal): Promise<Map<string, CpuSample>> {
  const out = new Map<string, CpuSample>();
  if (ids.length === 0) return out;
  const first = await Promise.all(ids.map((id) => snap(docker, id)));
  await sleep(windowMs, signal);
  if (signal.aborted) return out;
  const second = await Promise.all(ids.map((id) => snap(docker, id)));
  ids.forEach((id, i) => {
    const a = first[i];
    const b = second[i];
    if (!a || !b || b.atMs <= a.atMs) return;
    out.set(id, { cpuRatio: Math.max(0, b.cpuNs - a.cpuNs) / ((b.atMs - a.atMs) * 1e6), memoryBytes: b.mem });
  });
  return out;
}
