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
  cleanup(): Promise<void>;
}

/** startFreshMaster starts `node master/dist/main.js` (production runtime profile) on free ports with an empty data dir and no admin. */
export async function startFreshMaster(args: string[] = []): Promise<FreshMaster> {
  const dataDir = mkdtempSync(join(tmpdir(), "flotilla-ui-"));
  const env = { ...MASTER_ENV, FLOTILLA_LOG_LEVEL: "info" };
  const p = spawnNode(MASTER_MAIN, ["--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0", "--data-dir", dataDir, ...args], env, MASTER_NODE_FLAGS);
  const rec = await p.waitForLog((r) => typeof r.http_addr === "string" && typeof r.grpc_addr === "string", 30_000);
  return {
    ...p,
    http: `http://${rec.http_addr as string}`,
    grpc: rec.grpc_addr as string,
    dataDir,
    async cleanup() {
      await p.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
