import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { listSpool } from "../e2e/metrics-harness.js";
import { PG_URL, usingPostgres } from "../helpers/database.js";
import { fillFileSystem } from "../helpers/disk.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

const ARGS = ["--metrics-interval", "1s", "--docker-socket", "/nonexistent/docker.sock"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Fault = "master-sigkill" | "master-sigstop" | "database-cut" | "worker-sigkill" | "worker-disk-full";

/** mulberry32 is a small seeded PRNG, so a failing run can be repeated with its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Slot is one worker: its state dir (on its own small tmpfs) and every process that ran it. */
interface Slot {
  mnt: string;
  stateDir: string;
  nodeId: string;
  procs: Proc[];
}

const records = (p: Proc, msg: string) => p.lines.filter((l) => l.includes(`"${msg}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);

/**
 * Chaos: three real workers at a 1 s metrics interval go through five faults
 * drawn at random (seeded; the seed is printed and FLOTILLA_CHAOS_SEED
 * repeats a run): master SIGKILL, master SIGSTOP for 20 s, the database cut
 * for 20 s, worker SIGKILL, the worker's state dir full. A scan starts
 * before each fault. Then: every batch a worker stored in its spool was
 * acknowledged by the master or counted as dropped (the worker's own
 * records), nothing is left unsent, every node is online 30 s after the
 * last fault, and no scan is left running.
 *
 * The database cut runs on PostgreSQL (behind a TCP proxy this test owns);
 * on SQLite it is left out of the draw by design: an embedded file has no
 * server or network to lose (a locked file is covered by database-outage).
 */
describe("chaos: random faults against a running fleet", function () {
  this.timeout(360_000);
  const slots: Slot[] = [];
  const masters: MasterProc[] = [];
  let proxy: TcpProxy | undefined;
  let schema: string | undefined;
  let dataDir: string;

  after(async () => {
    for (const s of slots) for (const p of s.procs) await p.kill("SIGKILL");
    for (const m of masters) {
      m.child.kill("SIGCONT");
      await m.kill("SIGKILL");
    }
    await proxy?.close();
    for (const s of slots) {
      try {
        execFileSync("umount", ["-l", s.mnt]);
      } catch {
        /* already gone */
      }
      rmSync(s.mnt, { recursive: true, force: true });
    }
    if (schema) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("loses nothing unseen and leaves no node or scan in the wrong state after five random faults", async () => {
    const seed = Number(process.env.FLOTILLA_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const rnd = mulberry32(seed);
    const kinds: Fault[] = [
      "master-sigkill",
      "master-sigstop",
      "worker-sigkill",
      "worker-disk-full",
      ...(usingPostgres() ? (["database-cut"] as const) : []),
    ];
    const plan = Array.from({ length: 5 }, () => kinds[Math.floor(rnd() * kinds.length)]!);
    console.log(
      `      chaos seed ${seed} (FLOTILLA_CHAOS_SEED=${seed} repeats it): ${plan.join(", ")}${usingPostgres() ? "" : " (SQLite: no database cut)"}`,
    );

    dataDir = mkdtempSync(join(tmpdir(), "flotilla-chaos-"));
    let dbUrl = `file:${join(dataDir, "flotilla.db")}`;
    if (usingPostgres()) {
      const target = new URL(PG_URL);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      schema = `t_chaos_${Date.now().toString(36)}`;
      const url = new URL(PG_URL);
      url.port = String(proxy.port);
      url.searchParams.set("schema", schema);
      dbUrl = url.toString();
    }
    let master = await startMaster({ dbUrl, dataDir });
    masters.push(master);
    const addrs = ["--http-addr", master.http.replace("http://", ""), "--grpc-addr", master.grpc];

    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { max_uses: 3 });
    for (let i = 0; i < 3; i++) {
      const mnt = mkdtempSync(join(tmpdir(), "flotilla-chaos-w-"));
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt]);
      const stateDir = join(mnt, "state");
      mkdirSync(stateDir);
      const w = startWorker(master, { token: tok.token, stateDir, args: ARGS });
      const nodeId = (await w.waitForLog((r) => r.msg === "connected to master", 30_000)).node_id as string;
      slots.push({ mnt, stateDir, nodeId, procs: [w] });
    }
    for (const s of slots)
      await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${s.nodeId}`)).status === "online", 15_000, "online");

    const scans: string[] = [];
    const pick = () => slots[Math.floor(rnd() * slots.length)]!;
    for (const fault of plan) {
      const r = await master.api
        .call<{ scan_id: string }>("POST", "/scans", { targets: { all: true }, scanners: ["host-census"], deadline_seconds: 30 })
        .catch(() => null);
      if (r?.status === 202) scans.push(r.body.scan_id);
      const t = Date.now();
      if (fault === "master-sigkill") {
        await master.kill("SIGKILL");
        master = await startMaster({ dbUrl, dataDir, args: addrs });
        masters.push(master);
      } else if (fault === "master-sigstop") {
        master.child.kill("SIGSTOP");
        await sleep(20_000);
        master.child.kill("SIGCONT");
      } else if (fault === "database-cut") {
        await proxy!.cut();
        await sleep(20_000);
        await proxy!.restore();
      } else if (fault === "worker-sigkill") {
        const s = pick();
        await s.procs.at(-1)!.kill("SIGKILL");
        await sleep(1_000);
        s.procs.push(startWorker(master, { stateDir: s.stateDir, args: ARGS }));
      } else {
        const s = pick();
        const filler = join(s.mnt, "filler");
        fillFileSystem(filler);
        await sleep(8_000);
        unlinkSync(filler);
      }
      console.log(`      ${fault} (${Date.now() - t} ms)`);
      await sleep(5_000);
    }
    const lastFaultAt = Date.now() - 5_000;

    // 30 s after the last fault every node is online, in REST and in liveness.
    await sleep(Math.max(0, lastFaultAt + 30_000 - Date.now()));
    const nodes = await master.api.get<{ items: Array<{ id: string; status: string }> }>("/nodes");
    assert.deepEqual(
      nodes.items.map((n) => n.status).sort(),
      ["online", "online", "online"],
      `node states 30 s after the last fault: ${JSON.stringify(nodes.items)}`,
    );
    const metrics = await (await fetch(`${master.http}/metrics`)).text();
    assert.match(metrics, /^flotilla_nodes\{status="online"\} 3$/m);

    // No scan is left running (each has a 30 s deadline and started before a fault).
    await waitFor(
      async () => {
        const list = await master.api.get<{ items: Array<{ id: string; status: string }> }>("/scans?limit=50");
        return list.items.every((s) => s.status !== "running" && s.status !== "queued");
      },
      20_000,
      "no scan running",
    );
    const finished = await master.api.get<{ items: Array<{ id: string; status: string }> }>("/scans?limit=50");
    assert.equal(finished.items.length, scans.length);

    // Every batch stored in a spool left it acknowledged or counted as dropped; nothing is left unsent.
    for (const s of slots)
      await waitFor(async () => listSpool(join(s.stateDir, "spool")).every((f) => !f.batch), 20_000, `spool of ${s.nodeId} drained`);
    let stored = 0;
    let acked = 0;
    let dropped = 0;
    for (const s of slots) {
      const removed = new Map<string, string>();
      const kept = new Set<string>();
      let lost = 0;
      for (const p of s.procs) {
        for (const r of records(p, "spool batch stored")) kept.add(String(r.seq));
        for (const r of records(p, "spool batch removed")) removed.set(String(r.seq), String(r.outcome));
        lost += p.lines.filter((l) => l.includes("batch dropped")).length;
      }
      const unseen = [...kept].filter((seq) => !removed.has(seq));
      assert.deepEqual(unseen, [], `${s.nodeId}: batches that left the spool without being acknowledged or counted`);
      stored += kept.size;
      acked += [...removed.values()].filter((o) => o === "acknowledged").length;
      dropped += [...removed.values()].filter((o) => o === "dropped").length + lost;
    }
    assert.ok(stored > 0);
    console.log(
      `      ${stored} batches stored in spools: ${acked} acknowledged, ${dropped} dropped and counted; ${scans.length} scans finished: ${finished.items.map((s) => s.status).join(",")}`,
    );
  });
});
