import { strict as assert } from "node:assert";
import pg from "pg";
import { PG_URL } from "../helpers/database.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

const ARGS = ["--metrics-interval", "1s", "--docker-socket", "/nonexistent/docker.sock"];

/**
 * The master is killed (SIGKILL) after it stored a new node but before the
 * worker got its certificate. To stop it at exactly that point, the test
 * holds a lock on the enrollment attempt log, which the master writes after
 * committing the node and before answering. Runs on PostgreSQL (its own
 * schema), where another session can hold that lock.
 */
describe("crash during enrollment (PostgreSQL)", function () {
  this.timeout(120_000);
  let schema: string;
  let master: MasterProc | undefined;
  const procs: Proc[] = [];
  const sql = new pg.Client({ connectionString: PG_URL });

  before(() => sql.connect());
  after(() => sql.end());
  beforeEach(() => {
    schema = `t_enrc_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) await p.kill("SIGKILL");
    await master?.cleanup();
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it("answers the worker's retry with the same node and a certificate, not token_exhausted", async () => {
    const url = new URL(PG_URL);
    url.searchParams.set("schema", schema);
    const first = await startMaster({ dbUrl: url.toString() });
    master = first;
    const tok = await first.api.post<{ id: string; token: string }>("/enrollment-tokens", { max_uses: 1 });

    const lock = new pg.Client({ connectionString: PG_URL });
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query(`LOCK TABLE "${schema}"."EnrollmentAttempt" IN EXCLUSIVE MODE`);
    const w = startWorker(first, { token: tok.token, args: ARGS });
    procs.push(w);
    const stored = await waitFor(
      async () => (await sql.query<{ id: string }>(`SELECT id FROM "${schema}"."Node" WHERE "tokenId" = $1`, [tok.id])).rows[0]?.id,
      20_000,
      "node row committed",
      20,
    );
    await first.kill("SIGKILL");
    await lock.query("ROLLBACK");
    await lock.end();
    assert.equal(
      w.lines.some((l) => l.includes('"enrolled"')),
      false,
      "the worker never got its answer",
    );

    // Same addresses: the worker keeps dialling the one it knows.
    const second = await startMaster({
      dbUrl: url.toString(),
      dataDir: first.dataDir,
      args: ["--http-addr", first.http.replace("http://", ""), "--grpc-addr", first.grpc],
    });
    const own = second.cleanup;
    second.cleanup = async () => {
      await own();
      await first.cleanup();
    };
    master = second;
    const connected = await w.waitForLog((r) => r.msg === "connected to master", 45_000);
    assert.equal(connected.node_id, stored, "the retry got the node that was stored before the crash");
    await waitFor(async () => (await second.api.get<{ status: string }>(`/nodes/${stored}`)).status === "online", 15_000, "online");
    const nodes = await sql.query(`SELECT id FROM "${schema}"."Node"`);
    assert.equal(nodes.rowCount, 1, "one node row");
    const attempts = await second.api.get<{ items: Array<{ reason: string; node_id: string | null }> }>("/enrollment-attempts");
    // The killed master's own record may still land (PostgreSQL ran the queued insert): every attempt is ok.
    const reasons = attempts.items.map((a) => a.reason);
    assert.ok(reasons.length >= 1 && reasons.every((r) => r === "ok"), `the retry is recorded ok, no token_exhausted: ${reasons.join(",")}`);
    assert.ok(attempts.items.every((a) => a.node_id === stored));

    // The token stays used up for any other key.
    const other = startWorker(second, { token: tok.token, args: ARGS });
    procs.push(other);
    await other.waitForLog((_r, line) => line.includes("token_exhausted"), 20_000);
    await waitFor(
      async () =>
        (await second.api.get<{ items: Array<{ reason: string }> }>("/enrollment-attempts")).items.some((a) => a.reason === "token_exhausted"),
      10_000,
      "token_exhausted recorded",
    );
    assert.equal((await sql.query(`SELECT id FROM "${schema}"."Node"`)).rowCount, 1);
  });
});
