import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { createLogger } from "@flotilla/shared";
import { createPostgresLeadership, leaseKey, type Leadership } from "../../master/src/cluster/leader.js";
import { postgresDatabase } from "../helpers/database.js";
import { startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { requireNats, startReplica } from "./harness.js";

const leaderLine = (m: MasterProc) => m.lines.some((l) => l.includes("leader lease taken"));

describe("replicas: one leader runs the singletons; scans move only when their replica is gone (PostgreSQL + NATS)", function () {
  this.timeout(180_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  const masters: MasterProc[] = [];
  let w: Proc | undefined;
  const leases: Leadership[] = [];
  before(async function () {
    await requireNats(this);
    db = await postgresDatabase();
  });
  after(async () => {
    for (const l of leases) await l.stop();
    await w?.kill("SIGKILL");
    for (const m of masters) await m.kill("SIGKILL");
    for (const m of masters) rmSync(m.dataDir, { recursive: true, force: true });
    await db?.cleanup();
  });

  it("the lease is one per database schema; its leader runs the singletons, and a stopped leader hands over within a check", async () => {
    const log = createLogger({ level: "error", name: "lease-test" });
    const url = (schema: string) => {
      const u = new URL(db.url);
      u.searchParams.set("schema", `${u.searchParams.get("schema")}_${schema}`);
      return u.toString();
    };
    assert.notEqual(leaseKey(url("one")), leaseKey(url("two")), "schemas get different keys");
    assert.equal(leaseKey(url("one")), leaseKey(url("one")));
    const runs = [0, 0, 0];
    const running = new Set<number>();
    const make = (u: string, i: number) => {
      const l = createPostgresLeadership(u, log, { checkMs: 200 });
      l.add({
        name: "count",
        start: () => void (runs[i]!++, running.add(i)),
        stop: async () => void running.delete(i),
      });
      leases.push(l);
      return l;
    };
    const [l0, l1, other] = [make(url("one"), 0), make(url("one"), 1), make(url("two"), 2)];
    await Promise.all([l0.start(), l1.start(), other.start()]);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal([l0, l1].filter((l) => l.isLeader()).length, 1, "one leader per schema");
    assert.ok(other.isLeader(), "another schema has its own leader");
    assert.deepEqual([...running].sort(), l0.isLeader() ? [0, 2] : [1, 2], "the singletons run on the leaders only");
    const [leader, follower, fi] = l0.isLeader() ? [l0, l1, 1] : [l1, l0, 0];
    const t0 = Date.now();
    await leader.stop();
    await waitFor(async () => follower.isLeader(), 3_000, "the follower takes the lease", 20);
    process.stdout.write(`      handover after a stop: ${Date.now() - t0} ms\n`);
    assert.ok(running.has(fi), "the new leader runs the singleton");
    assert.equal(runs[fi], 1);
  });

  it("a scan driven by a live replica is never adopted or failed; the leader moves within 30 s of a SIGKILL and adopts the scans of the dead replica", async () => {
    const b = await startReplica(db.url);
    masters.push(b);
    await waitFor(async () => leaderLine(b), 15_000, "the first replica leads");
    const a = await startReplica(db.url);
    masters.push(a);
    const tok = await a.api.post<{ token: string }>("/enrollment-tokens", { name: "scan" });
    w = startWorker(a, { token: tok.token });
    const node = await waitFor(
      async () => (await a.api.get<{ items: { id: string; status: string }[] }>("/nodes")).items.find((n) => n.status === "online"),
      30_000,
      "node online",
    );
    await w.kill("SIGKILL");
    w = undefined;
    // The node has no session anywhere: its task waits, driven by A.
    const scan = await a.api.post<{ scan_id: string }>("/scans", {
      targets: { node_ids: [node.id] },
      scanners: ["host-census"],
      deadline_seconds: 600,
    });
    const state = async (m: MasterProc) =>
      (await m.api.get<{ status: string; nodes?: { status: string; error?: string }[] }>(`/scans/${scan.scan_id}`)).status;
    // Well past the time the leader (B) takes to judge a scan unowned.
    await new Promise((r) => setTimeout(r, 12_000));
    assert.ok(["queued", "running"].includes(await state(b)), "still active");
    const early = await b.api.call("POST", `/scans/${scan.scan_id}/cancel`);
    assert.equal(early.status, 503, `B does not drive A's scan: ${JSON.stringify(early.body)}`);
    assert.ok(!b.lines.some((l) => l.includes("scans no live replica drives adopted")), "B adopted nothing");

    const killedAt = Date.now();
    await b.kill("SIGKILL");
    await waitFor(async () => leaderLine(a), 30_000, "A takes the lease after the leader's SIGKILL", 100);
    process.stdout.write(`      leader handover after SIGKILL: ${Date.now() - killedAt} ms\n`);
    const c = await startReplica(db.url);
    masters.push(c);
    await new Promise((r) => setTimeout(r, 3_000));
    assert.ok(!leaderLine(c), "C follows while A leads");

    const aKilledAt = Date.now();
    await a.kill("SIGKILL");
    await waitFor(async () => leaderLine(c), 30_000, "C takes the lease", 100);
    const adopted = await waitFor(
      async () => {
        const r = await c.api.call("POST", `/scans/${scan.scan_id}/cancel`);
        return r.status < 300 ? r : null;
      },
      40_000,
      "C adopts and can cancel the dead replica's scan",
      500,
    ).catch((err: Error) => assert.fail(`${err.message}\n${c.lines.slice(-10).join("\n")}`));
    assert.ok(adopted);
    process.stdout.write(`      scan adopted ${Date.now() - aKilledAt} ms after its replica's SIGKILL\n`);
    assert.equal(await state(c), "canceled");
  });
});
