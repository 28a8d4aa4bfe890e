import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../../master/runtime.mjs";
import { MASTER_MAIN, spawnNode, type Proc } from "../helpers/processes.js";

/** FreshMaster is a master started with no users, for first-run flows. */
export interface FreshMaster extends Proc {
  http: string;
  grpc: string;
  dataDir: string;
  /** stop ends the master process and keeps its data dir. */
  stop(): Promise<void>;
  /** restart starts the master again on the same addresses and data dir (after stop). */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

async function launch(dataDir: string, httpAddr: string, grpcAddr: string, args: string[]) {
  const env = { ...MASTER_ENV, FLOTILLA_LOG_LEVEL: "info" };
  const p = spawnNode(MASTER_MAIN, ["--http-addr", httpAddr, "--grpc-addr", grpcAddr, "--data-dir", dataDir, ...args], env, MASTER_NODE_FLAGS);
  const rec = await p.waitForLog((r) => typeof r.http_addr === "string" && typeof r.grpc_addr === "string", 30_000);
  return { p, http: rec.http_addr as string, grpc: rec.grpc_addr as string };
}

/** startFreshMaster starts `node master/dist/main.js` (production runtime profile) on free ports with an empty data dir and no admin. */
export async function startFreshMaster(args: string[] = []): Promise<FreshMaster> {
  const dataDir = mkdtempSync(join(tmpdir(), "flotilla-ui-"));
  let run = await launch(dataDir, "127.0.0.1:0", "127.0.0.1:0", args);
  const m: FreshMaster = {
    ...run.p,
    http: `http://${run.http}`,
    grpc: run.grpc,
    dataDir,
    async stop() {
      await run.p.kill("SIGTERM");
    },
    async restart() {
      run = await launch(dataDir, run.http, run.grpc, args);
      Object.assign(m, { ...run.p, stop: m.stop, restart: m.restart, cleanup: m.cleanup, http: m.http, grpc: m.grpc, dataDir });
    },
    async cleanup() {
      await run.p.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return m;
}
