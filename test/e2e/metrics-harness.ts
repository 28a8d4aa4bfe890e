import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Docker from "dockerode";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

/** SOCKET and IMAGE locate the Docker engine and the local test image. */
export const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
export const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";

/** Series is one metric series as GET /nodes/{id}/metrics returns it. */
export interface Series {
  name: string;
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** MetricsView is the body of GET /nodes/{id}/metrics. */
export interface MetricsView {
  node_id: string;
  latest_ts: string | null;
  latest: Record<string, number>;
  series: Series[];
}

/** EnrolledWorker is a worker process with the node id it enrolled as. */
export interface EnrolledWorker {
  proc: Proc & { stateDir: string };
  nodeId: string;
}

/** enrollWorker creates a one-use token, starts a worker with `args` and waits until its node is online. */
export async function enrollWorker(m: MasterProc, name: string, args: string[]): Promise<EnrolledWorker> {
  const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name, max_uses: 1 });
  const proc = startWorker(m, { token: tok.token, args });
  const rec = await proc.waitForLog((r) => r.msg === "connected to master" && typeof r.node_id === "string", 20_000);
  const nodeId = rec.node_id as string;
  await waitFor(async () => (await m.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 10_000, `node ${nodeId} online`);
  return { proc, nodeId };
}

/** fetchMetrics reads a node's series (names: comma-separated, prefix* allowed). */
export function fetchMetrics(m: MasterProc, nodeId: string, names: string, since?: string): Promise<MetricsView> {
  const q = new URLSearchParams({ names, ...(since ? { since } : {}) });
  return m.api.get<MetricsView>(`/nodes/${nodeId}/metrics?${q.toString()}`);
}

/**
 * PausedMaster is a master stopped with SIGTERM whose addresses, data dir
 * and database are kept for {@link PausedMaster.resume}.
 */
export interface PausedMaster {
  stoppedAt: number;
  /** resume starts the master again on the same addresses and data; cleanup stops the new process too. */
  resume(): Promise<MasterProc>;
}

/** pauseMaster stops the master gracefully (SIGTERM) and keeps what is needed to start it again. */
export async function pauseMaster(m: MasterProc, password = "correct horse battery staple"): Promise<PausedMaster> {
  const code = await m.kill("SIGTERM");
  if (code !== 0) throw new Error(`master exited with ${code} on SIGTERM`);
  const stoppedAt = Date.now();
  return {
    stoppedAt,
    async resume() {
      const addrs = ["--http-addr", m.http.replace("http://", ""), "--grpc-addr", m.grpc];
      const n = await startMaster({ dataDir: m.dataDir, dbUrl: m.dbUrl, password, args: addrs });
      const first = m.cleanup;
      n.cleanup = async () => {
        await n.kill("SIGKILL");
        await first();
      };
      return n;
    },
  };
}

/** SpoolFile is one file in a worker's spool directory. */
export interface SpoolFile {
  name: string;
  bytes: number;
  /** True for a batch file, false for a temporary one. */
  batch: boolean;
  /** Sample count encoded in a batch file's name (`<seq>-<ts>-<samples>.pb`); 0 otherwise. */
  samples: number;
}

/** listSpool lists every file in a spool directory (temporary files included); empty when absent. */
export function listSpool(dir: string): SpoolFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: SpoolFile[] = [];
  for (const name of names) {
    try {
      const m = /^\d{20}-\d+-(\d+)\.pb$/.exec(name);
      out.push({ name, bytes: statSync(join(dir, name)).size, batch: m !== null, samples: m ? Number(m[1]) : 0 });
    } catch {
      // removed between readdir and stat
    }
  }
  return out;
}

/** promValue reads one sample of a Prometheus text exposition whose labels include `labels`. */
export function promValue(text: string, metric: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${metric}{`)) continue;
    const close = line.lastIndexOf("}");
    const body = line.slice(metric.length + 1, close);
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) return Number(line.slice(close + 1).trim());
  }
  return undefined;
}

/** docker is the engine client of the test process. */
export const docker = new Docker({ socketPath: SOCKET });

/** dockerReady reports whether the engine answers and has the test image. */
export async function dockerReady(): Promise<string | null> {
  try {
    await docker.ping();
    await docker.getImage(IMAGE).inspect();
    return null;
  } catch (err) {
    return `Docker engine or image ${IMAGE} unavailable: ${String(err)}`;
  }
}

/** runLabelled starts a busybox container that exits promptly on SIGTERM, labelled `label=run`. */
export async function runLabelled(name: string, label: string, run: string): Promise<string> {
  const c = await docker.createContainer({
    Image: IMAGE,
    name,
    Cmd: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
    Labels: { [label]: run },
    HostConfig: { NetworkMode: "none" },
  });
  await c.start();
  return c.id;
}

/** removeLabelled force-removes every container labelled `label=run`. */
export async function removeLabelled(label: string, run: string): Promise<void> {
  const mine = await docker.listContainers({ all: true, filters: { label: [`${label}=${run}`] } });
  for (const c of mine) await docker.getContainer(c.Id).remove({ force: true });
}
