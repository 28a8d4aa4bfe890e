import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ApiClient, startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

/** IMAGE is the local test image built by scripts/docker-image.sh. */
export const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
/** LABEL marks every container these tests start (removed by label afterwards). */
export const LABEL = `flotilla.test.containers=${process.pid}-${randomBytes(3).toString("hex")}`;

/** docker runs the docker CLI and returns trimmed stdout; throws on failure. */
export function docker(...args: string[]): string {
  const r = spawnSync("docker", args, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(" ")}: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/**
 * requireDocker skips the suite when no engine answers, or fails it when
 * CI=true (the suite must run in CI). Builds the test image when missing.
 */
export function requireDocker(ctx: Mocha.Context): void {
  const ok = spawnSync("docker", ["info"], { encoding: "utf8", timeout: 20_000 }).status === 0;
  if (!ok) {
    if (process.env.CI === "true") throw new Error("the Docker engine is unavailable but CI=true requires the container tests");
    ctx.skip();
  }
  const r = spawnSync("sh", [join(process.cwd(), "scripts/docker-image.sh")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`building ${IMAGE} failed: ${r.stderr}`);
}

/** runContainer starts a labelled container (no network) running `sh -c script`; returns its full id. */
export function runContainer(script: string, extra: string[] = []): string {
  return docker("run", "-d", "--network", "none", "--label", LABEL, ...extra, IMAGE, "sh", "-c", script);
}

/** removeContainers removes every container this run started. */
export function removeContainers(): void {
  const ids = docker("ps", "-aq", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
  if (ids.length) docker("rm", "-f", ...ids);
}

/** stateOf reads a container's real state from the engine. */
export function stateOf(id: string): string {
  return docker("inspect", "-f", "{{.State.Status}}", id);
}

/** inspect reads a container as the engine reports it. */
export function inspect(id: string): { State: { Status: string; StartedAt: string } } {
  return (JSON.parse(docker("inspect", id)) as Array<{ State: { Status: string; StartedAt: string } }>)[0]!;
}

/** Fleet is a master with one or more workers joined to it. */
export interface Fleet {
  master: MasterProc;
  workers: Proc[];
  cleanup(): Promise<void>;
}

/** startFleet starts a master and returns it with a way to join workers using the local engine. */
export async function startFleet(): Promise<Fleet & { join(args?: string[]): Promise<{ proc: Proc; nodeId: string }> }> {
  const master = await startMaster();
  const workers: Proc[] = [];
  return {
    master,
    workers,
    async join(args = []) {
      const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "containers", max_uses: 1 });
      const proc = startWorker(master, { token: tok.token, args: ["--docker-socket", "/var/run/docker.sock", "--metrics-interval", "1s", ...args] });
      workers.push(proc);
      const rec = await proc.waitForLog((r) => typeof r.node_id === "string", 20_000);
      const nodeId = rec.node_id as string;
      await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 10_000, "node online");
      return { proc, nodeId };
    },
    async cleanup() {
      await Promise.all(workers.map((w) => w.kill("SIGKILL")));
      await master.cleanup();
    },
  };
}

/** waitForContainer waits until the master's inventory lists a container on a node. */
export async function waitForContainer(master: MasterProc, nodeId: string, id: string, state?: string): Promise<{ id: string; state: string }> {
  return waitFor(
    async () => {
      const page = await master.api.get<{ items: Array<{ id: string; state: string }> }>(`/nodes/${nodeId}/containers?limit=500`);
      const c = page.items.find((x) => x.id === id);
      return c && (!state || c.state === state) ? c : null;
    },
    20_000,
    `container ${id.slice(0, 12)} in the inventory${state ? ` as ${state}` : ""}`,
    200,
  );
}

/** viewerClient creates a viewer user and logs in as them. */
export async function viewerClient(master: MasterProc): Promise<ApiClient> {
  const username = `viewer${randomBytes(3).toString("hex")}`;
  const password = "viewer password 12345";
  await master.api.post("/users", { username, password, role: "viewer" });
  return ApiClient.login(master.http, username, password);
}

/** post sends a POST with optional extra headers. */
export async function post(
  master: MasterProc,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(`${master.http}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${master.api.token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), ms: Date.now() - t0 };
}
