import { strict as assert } from "node:assert";
import Database from "better-sqlite3";
import pg from "pg";
import { PG_URL, usingPostgres } from "../helpers/database.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** readScan reads a scan and its nodes straight from the database (the master has exited). */
async function readScan(
  dbUrl: string,
  scanId: string,
): Promise<{ status: string; error: string | null; nodes: Array<{ nodeId: string; status: string; error: string | null }> }> {
  const scanSql = `SELECT status, error FROM "Scan" WHERE id = $1`;
  const nodeSql = `SELECT "nodeId", status, error FROM "ScanNode" WHERE "scanId" = $1`;
  if (!usingPostgres()) {
    const db = new Database(dbUrl.replace(/^file:/, ""), { readonly: true });
    try {
      const s = db.prepare(scanSql.replace("$1", "?")).get(scanId) as { status: string; error: string | null };
      return { ...s, nodes: db.prepare(nodeSql.replace("$1", "?")).all(scanId) as Array<{ nodeId: string; status: string; error: string | null }> };
    } finally {
      db.close();
    }
  }
  const url = new URL(dbUrl);
  const schema = url.searchParams.get("schema")!;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`SET search_path TO "${schema}"`);
    const s = (await c.query(scanSql, [scanId])).rows[0] as { status: string; error: string | null };
    return { ...s, nodes: (await c.query(nodeSql, [scanId])).rows };
  } finally {
    await c.end();
  }
}

/**
 * SIGTERM reaches the master while two workers run a scan. One worker
 * answers 20 ms later (it was stopped with SIGSTOP and is resumed then): its
 * result is stored. The other never answers before the master is gone: its
 * part is marked failed ("master shutting down") at shutdown, not at the
 * next start, and no scan is left running.
 */
describe("graceful stop drains scan results (real workers)", function () {
  this.timeout(120_000);
  let master: MasterProc;
  const procs: Proc[] = [];
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      p.child.kill("SIGCONT");
      await p.kill("SIGKILL");
    }
    await master.cleanup();
  });

  it("stores a result that arrives while draining and marks the interrupted node at shutdown", async () => {
    master = await startMaster();
    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { max_uses: 2 });
    const args = ["--docker-socket", "/nonexistent/docker.sock"];
    const workers = [startWorker(master, { token: tok.token, args }), startWorker(master, { token: tok.token, args })];
    procs.push(...workers);
    const ids: string[] = [];
    for (const w of workers) ids.push((await w.waitForLog((r) => r.msg === "connected to master", 20_000)).node_id as string);
    for (const id of ids) await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${id}`)).status === "online", 10_000, "online");

    // Both workers hold the command unread until resumed.
    for (const w of workers) w.child.kill("SIGSTOP");
    const scan = await master.api.post<{ scan_id: string }>("/scans", { targets: { node_ids: ids }, scanners: ["host-census"] });
    await waitFor(
      async () => (await master.api.get<{ nodes: Array<{ status: string }> }>(`/scans/${scan.scan_id}`)).nodes.every((n) => n.status === "running"),
      10_000,
      "both nodes running",
    );

    const t = Date.now();
    master.child.kill("SIGTERM");
    await sleep(20);
    workers[0]!.child.kill("SIGCONT");
    assert.equal(await master.exited, 0, "the master exits 0");
    const stopMs = Date.now() - t;
    assert.ok(stopMs < 10_000, `stopped within 10 s (${stopMs} ms)`);
    assert.ok(master.lines.some((l) => l.includes('"scan node interrupted by the master shutting down"')));

    const stored = await readScan(master.dbUrl, scan.scan_id);
    const byNode = new Map(stored.nodes.map((n) => [n.nodeId, n]));
    assert.equal(byNode.get(ids[0]!)?.status, "succeeded", `the result that arrived while draining is stored: ${JSON.stringify(stored)}`);
    assert.equal(byNode.get(ids[1]!)?.status, "failed");
    assert.equal(byNode.get(ids[1]!)?.error, "master shutting down");
    assert.equal(stored.status, "completed", "the scan is finished at shutdown, not left running");
  });
});
