import { strict as assert } from "node:assert";
import pg from "pg";
import { PG_URL } from "../helpers/database.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

const ARGS = ["--metrics-interval", "1s", "--docker-socket", "/nonexistent/docker.sock"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The master's PostgreSQL goes through a TCP proxy this test owns, so the
 * database can be cut or frozen without touching the shared server.
 */
describe("database outage under a running master (PostgreSQL behind a TCP proxy)", function () {
  this.timeout(120_000);
  let proxy: TcpProxy;
  let master: MasterProc;
  let schema: string;
  const procs: Proc[] = [];

  beforeEach(async () => {
    const target = new URL(PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    schema = `t_fault_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const url = new URL(PG_URL);
    url.port = String(proxy.port);
    url.searchParams.set("schema", schema);
    master = await startMaster({ dbUrl: url.toString() });
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) await p.kill("SIGKILL");
    await proxy.restore();
    await master.cleanup();
    await proxy.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
  });

  async function enroll(): Promise<{ w: Proc; nodeId: string }> {
    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { max_uses: 1 });
    const w = startWorker(master, { token: tok.token, args: ARGS });
    procs.push(w);
    const rec = await w.waitForLog((r) => r.msg === "connected to master", 20_000);
    const nodeId = rec.node_id as string;
    await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 10_000, "online");
    return { w, nodeId };
  }

  it("stores a status change made during the outage once the database is back", async () => {
    const { w, nodeId } = await enroll();
    await proxy.cut();
    // The worker stops while the database is unreachable: liveness knows at once.
    assert.equal(await w.kill("SIGTERM"), 0);
    await sleep(3_000);
    await proxy.restore();
    const t = Date.now();
    await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "offline", 10_000, "offline stored after recovery");
    assert.ok(Date.now() - t < 10_000);
  });
});
