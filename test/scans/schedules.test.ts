import assert from "node:assert/strict";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FIXTURES } from "../scanners/helpers.js";
import { startHarness, until, type Harness } from "./harness.js";

describe("scans: schedules", function () {
  this.timeout(120_000);
  let h: Harness;
  let root: string;
  before(async () => {
    h = await startHarness();
    root = await mkdtemp(path.join(os.tmpdir(), "flotilla-sched-root-"));
    await cp(path.join(FIXTURES, "a"), root, { recursive: true });
    await h.addNode("n1");
    h.attachWorker("n1", root);
  });
  after(async () => {
    await h?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("validates the cadence: exactly one of interval_seconds or cron, 5-field cron, IANA zone", async () => {
    const base = { name: "x", targets: { all: true }, scanners: ["host-census"] };
    for (const body of [
      base,
      { ...base, interval_seconds: 60, cron: "* * * * *" },
      { ...base, cron: "* * * *" },
      { ...base, cron: "0 3 * * *", timezone: "Nowhere/City" },
      { ...base, interval_seconds: 0 },
      { ...base, interval_seconds: 60, scanners: ["nope"] },
    ]) {
      const r = await h.call("POST", "/schedules", body);
      assert.equal(r.status, 400, JSON.stringify(body) + " " + r.text);
      assert.equal(r.body.code, "invalid_argument");
    }
    const ok = await h.call("POST", "/schedules", { ...base, cron: "30 2 * * *", timezone: "Europe/Berlin", enabled: false });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.timezone, "Europe/Berlin");
    assert.match(ok.body.next_run_at, /T0[01]:30:00.000Z$/);
    const patched = await h.call("PATCH", `/schedules/${ok.body.id}`, { interval_seconds: 3600 });
    assert.equal(patched.body.cron, null);
    assert.equal(patched.body.interval_seconds, 3600);
    assert.equal((await h.call("DELETE", `/schedules/${ok.body.id}`)).status, 200);
    assert.equal((await h.call("GET", `/schedules/${ok.body.id}`)).status, 404);
  });

  it("a short interval fires repeatedly and records its runs and their outcome", async () => {
    const r = await h.call("POST", "/schedules", { name: "fast", interval_seconds: 1, targets: { node_ids: ["n1"] }, scanners: ["host-census"] });
    assert.equal(r.status, 201, r.text);
    const id = r.body.id;
    const s = await until(
      async () => {
        const g = (await h.call("GET", `/schedules/${id}`)).body;
        return g.last_status === "completed" ? g : undefined;
        // A run on a machine loaded by other work can take well over 15 s.
      },
      "a completed scheduled run",
      40_000,
    );
    assert.ok(s.last_scan_id && s.last_run_at);
    const scan = await h.call("GET", `/scans/${s.last_scan_id}`);
    assert.equal(scan.body.schedule_id, id);
    await until(async () => (await h.ctx.db.scan.count({ where: { scheduleId: id } })) >= 2, "a second run", 40_000);
    await h.call("PATCH", `/schedules/${id}`, { enabled: false });
  });

  it("a run missed while the master was down executes once at start, then continues from now", async () => {
    const r = await h.call("POST", "/schedules", { name: "hourly", interval_seconds: 60, targets: { node_ids: ["n1"] }, scanners: ["host-census"] });
    const id = r.body.id;
    // The master was down for three hours: many intervals were missed.
    await h.ctx.db.schedule.update({ where: { id }, data: { nextRunAt: new Date(Date.now() - 3 * 3600_000) } });
    await h.restartScans();
    await until(async () => (await h.ctx.db.scan.count({ where: { scheduleId: id } })) >= 1, "the missed run");
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal(await h.ctx.db.scan.count({ where: { scheduleId: id } }), 1, "one run, not one per missed interval");
    const g = (await h.call("GET", `/schedules/${id}`)).body;
    assert.ok(Date.parse(g.next_run_at) > Date.now() + 50_000, g.next_run_at);
    const now = await h.call("POST", `/schedules/${id}/run`);
    assert.equal(now.status, 202, now.text);
    assert.equal(await h.ctx.db.scan.count({ where: { scheduleId: id } }), 2);
    assert.equal((await h.call("GET", `/schedules/${id}`)).body.next_run_at, g.next_run_at, "run now keeps the cadence");
  });
});
