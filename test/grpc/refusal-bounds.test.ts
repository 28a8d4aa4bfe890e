import assert from "node:assert/strict";
import { Code } from "@connectrpc/connect";
import { pino } from "pino";
import { createRetention, createRetentionStore } from "../../master/src/retention/index.js";
import { bearer, setupAdmin, startTestServer, type TestServer } from "../http/helpers.js";
import { createToken, enrollmentClient, facts, makeCsr, rejected, startMaster, type TestMaster } from "./helpers.js";

const BURST = 3_000;

/** runPool runs `n` tasks with at most `width` in flight. */
async function runPool(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** waitUntil polls `pred` until it holds or the deadline passes. */
async function waitUntil(pred: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** bound is the most rows a refusal flood may leave: per started minute, the limit's own rows plus one aggregate. */
const bound = (limit: number, startedAt: number) => (limit + 1) * (Math.floor((Date.now() - startedAt) / 60_000) + 2);

describe("unauthenticated floods leave a bounded number of rows", function () {
  this.timeout(180_000);

  describe("Enroll", () => {
    let m: TestMaster;
    before(async () => {
      m = await startMaster({ enrollRateLimit: 10 });
    });
    after(async () => m?.stop());

    it(`${BURST} Enroll attempts from one address store a bounded number of attempts and events, all counted`, async () => {
      const csrPem = (await makeCsr()).csrPem;
      const { token } = await createToken(m);
      const bogus = token.replace(/\.[^.]+\.([^.]+)$/, ".wrongsecretwrongsecret.$1");
      const started = Date.now();
      const codes = new Map<number, number>();
      const client = enrollmentClient(m);
      await runPool(BURST, 8, async () => {
        const err = await rejected(client.enroll({ token: bogus, csrPem, facts: facts() }));
        codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
      });
      assert.ok((codes.get(Code.ResourceExhausted) ?? 0) >= BURST - 20, `most were rate limited: ${JSON.stringify([...codes])}`);
      await waitUntil(
        async () => ((await m.ctx.db.enrollmentAttempt.aggregate({ _sum: { count: true } }))._sum.count ?? 0) === BURST,
        20_000,
        "every attempt counted",
      );
      const rows = await m.ctx.db.enrollmentAttempt.count();
      await m.ctx.bus.flush();
      const events = await m.ctx.db.event.count({ where: { type: "enrollment.rejected" } });
      const max = bound(10, started);
      assert.ok(rows <= max, `${rows} attempt rows for ${BURST} attempts (bound ${max})`);
      assert.ok(events <= max, `${events} enrollment.rejected events (bound ${max})`);
      const limited = await m.ctx.db.enrollmentAttempt.findMany({ where: { reason: "rate_limited" } });
      assert.ok(limited.length >= 1 && limited.every((r) => r.sourceAddr === limited[0]!.sourceAddr));
      const metrics = await m.ctx.metrics.registry.getSingleMetricAsString("flotilla_rate_limited_requests_total");
      assert.match(metrics, /surface="enroll"\} (\d+)/);
      assert.ok(Number(/surface="enroll"\} (\d+)/.exec(metrics)![1]) >= BURST - 20);
      console.log(`      ${BURST} Enroll attempts: ${rows} attempt rows, ${events} events`);
    });

    it("records an Enroll refused for a bad string as invalid_request", async () => {
      const quiet = await startMaster({ enrollRateLimit: 100 });
      try {
        const { token } = await createToken(quiet);
        // A lone surrogate cannot cross the wire as UTF-8 (encoders replace it), so NUL is the bad string here.
        for (const [f, labels, field] of [
          [facts({ hostname: "web\u00001" }), {}, /facts\.hostname/],
          [facts(), { env: "pr\u0000od" }, /labels/],
        ] as const) {
          const err = await rejected(enrollmentClient(quiet).enroll({ token, csrPem: (await makeCsr()).csrPem, facts: f, labels }));
          assert.equal(err.code, Code.InvalidArgument);
          assert.match(err.rawMessage, field);
        }
        const rows = await quiet.ctx.db.enrollmentAttempt.findMany();
        assert.deepEqual(
          rows.map((r) => r.reason),
          ["invalid_request", "invalid_request"],
        );
        await quiet.waitForEvent("enrollment.rejected", (e) => e.data.reason === "invalid_request");
      } finally {
        await quiet.stop();
      }
    });
  });

  describe("login", () => {
    let s: TestServer;
    after(async () => s?.close());

    it(`${BURST} rate-limited logins from one address store a bounded number of audit entries, all counted`, async () => {
      s = await startTestServer({ loginLimits: { perUsername: 10, perIp: 30 } });
      const admin = await setupAdmin(s);
      const started = Date.now();
      const statuses = new Map<number, number>();
      await runPool(BURST + 30, 16, async (i) => {
        const r = await s.call("POST", "/api/v1/auth/login", { json: { username: `user${i % 50}`, password: "wrong password" } });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      });
      assert.ok((statuses.get(429) ?? 0) >= BURST, `rate limited: ${JSON.stringify([...statuses])}`);
      await s.http.core.refusals.flush();
      const logins = await s.ctx.db.auditEntry.findMany({ where: { action: "auth.login" } });
      const limited = logins.filter((e) => JSON.parse(e.details).code === "rate_limited");
      const counted = limited.reduce((n, e) => n + (JSON.parse(e.details).count as number), 0);
      const max = bound(30, started);
      assert.ok(logins.length <= max, `${logins.length} audit rows for ${BURST + 30} logins (bound ${max})`);
      assert.equal(counted, statuses.get(429), "every rate-limited login is counted in the aggregated entries");
      const audit = await s.call("GET", "/api/v1/audit?action=auth.login&limit=500", { headers: bearer(admin.access_token) });
      assert.equal(audit.status, 200);
      console.log(`      ${BURST + 30} logins: ${logins.length} audit rows`);
    });
  });

  describe("retention", () => {
    let s: TestServer;
    after(async () => s?.close());

    it("prunes events, audit entries and enrollment attempts older than their retention, keeping newer ones", async () => {
      s = await startTestServer();
      const db = s.ctx.db;
      const old = new Date(Date.now() - 3 * 3_600_000);
      await db.event.createMany({
        data: [
          { id: "evt_old", type: "node.online", ts: old, data: "{}" },
          { id: "evt_new", type: "node.online", ts: new Date(), data: "{}" },
        ],
      });
      await db.auditEntry.createMany({
        data: [
          { id: "aud_old", ts: old, actorName: "x", actorType: "system", action: "a" },
          { id: "aud_new", actorName: "x", actorType: "system", action: "a" },
        ],
      });
      await db.enrollmentAttempt.createMany({
        data: [
          { id: "enr_old", createdAt: old, outcome: "rejected", reason: "bad_secret", sourceAddr: "1" },
          { id: "enr_new", outcome: "rejected", reason: "bad_secret", sourceAddr: "1" },
        ],
      });
      const hour = 3_600_000;
      const retention = createRetention(
        { store: createRetentionStore(db), log: pino({ level: "silent" }) },
        { retentionMs: { events: hour, audit: 4 * hour, enrollment_attempts: hour }, intervalMs: 50, firstRunMs: 10 },
      );
      retention.start();
      await waitUntil(async () => (await db.event.count({ where: { id: "evt_old" } })) === 0, 10_000, "the background pruner");
      await retention.stop();
      assert.deepEqual(
        (await db.event.findMany({ where: { id: { in: ["evt_old", "evt_new"] } } })).map((e) => e.id),
        ["evt_new"],
      );
      assert.equal(await db.auditEntry.count({ where: { id: { in: ["aud_old", "aud_new"] } } }), 2, "audit keeps 4 h");
      assert.deepEqual(
        (await db.enrollmentAttempt.findMany()).map((e) => e.id),
        ["enr_new"],
      );
      const again = await createRetention(
        { store: createRetentionStore(db), log: pino({ level: "silent" }) },
        { retentionMs: { events: hour, audit: hour, enrollment_attempts: hour }, intervalMs: hour, firstRunMs: hour },
      ).runOnce();
      assert.deepEqual(again, { events: 0, audit: 1, enrollment_attempts: 0 });
    });
  });
});
