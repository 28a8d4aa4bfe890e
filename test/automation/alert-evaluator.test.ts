import assert from "node:assert/strict";
import { createAlertStore, type AlertStore } from "../../master/src/alerts/alert-store.js";
import { containerProblem, createContainerWatch } from "../../master/src/alerts/container-watch.js";
import { createEvaluator, type Evaluator } from "../../master/src/alerts/evaluator.js";
import { checkParams } from "../../master/src/alerts/rules.js";
import { newId } from "../../master/src/ids.js";
import type { Message } from "../../master/src/notify/senders.js";
import { summarize } from "../../master/src/telemetry/summary.js";
import { createLabelIndex, type LabelIndex } from "../../master/src/webhooks/node-labels.js";
import { createWebhookStore } from "../../master/src/webhooks/webhook-store.js";
import { waitFor } from "../helpers/processes.js";
import { createInMemoryTestEventBus, startTestServer, type TestServer } from "../http/helpers.js";

type Bus = ReturnType<typeof createInMemoryTestEventBus>;

/**
 * The alert evaluator on a real database, fed events on a bus: every rule
 * kind fires from in-memory state for its subject only and resolves when
 * its condition clears.
 */
describe("alert evaluator: every rule kind from in-memory state", function () {
  this.timeout(60_000);
  let s: TestServer;
  let store: AlertStore;
  let bus: Bus;
  let labels: LabelIndex;
  let ev: Evaluator;
  const sent: Array<{ channels: string[]; m: Message }> = [];

  const addNode = async (id: string, l: Record<string, string>, certExpiresAt = new Date(Date.now() + 30 * 86_400_000)) => {
    await s.ctx.db.node.create({
      data: {
        id,
        name: id,
        hostname: id,
        machineId: id,
        certSerial: id,
        certExpiresAt,
        labels: { create: Object.entries(l).map(([key, value]) => ({ key, value })) },
      },
    });
  };
  const rule = async (
    kind: string,
    params: Record<string, unknown>,
    extra: { labels?: string; forSeconds?: number; repeatSeconds?: number } = {},
  ) => {
    const r = await store.rules.create({
      id: newId("alr"),
      name: `${kind} rule`,
      kind,
      severity: "high",
      forSeconds: extra.forSeconds ?? 0,
      labels: extra.labels ?? null,
      params: JSON.stringify(checkParams(kind as never, params)),
      channelIds: JSON.stringify(["chn_test"]),
      repeatSeconds: extra.repeatSeconds ?? 0,
      enabled: true,
    });
    await ev.load();
    return r.id;
  };
  const drop = async (id: string) => {
    await store.rules.remove(id);
    await store.alerts.resolveRule(id);
    await ev.load();
  };
  const open = async (ruleId: string) =>
    (await store.alerts.list({ ruleId, state: { in: ["firing", "acknowledged"] } }, 100)).map((a) => a.subject).sort();
  const settle = () => new Promise((r) => setTimeout(r, 400));

  before(async () => {
    s = await startTestServer();
    store = createAlertStore(s.ctx);
    bus = createInMemoryTestEventBus(s.ctx.bulk);
    await addNode("n1", { env: "prod", role: "web" });
    await addNode("n2", { env: "prod", role: "web" });
    await addNode("n3", { env: "prod", role: "db" });
    await addNode("n4", { env: "dev", role: "web" });
    await addNode("n5", { env: "edge" }, new Date(Date.now() + 2 * 86_400_000));
    labels = createLabelIndex(bus, createWebhookStore(s.ctx).nodeLabels);
    await labels.start();
    ev = createEvaluator({
      store,
      bus,
      labels,
      log: s.ctx.log,
      metrics: s.ctx.metrics,
      isOnline: () => true,
      uiLink: (p) => `http://ui${p}`,
      tickMs: 100,
      notify: async (channels, m) => (sent.push({ channels, m }), []),
    });
    await ev.start();
  });
  after(async () => {
    await ev?.stop();
    labels?.stop();
    await s?.close();
  });

  it("container_down fires for the stopped container only and resolves when it runs again", async () => {
    const id = await rule("container_down", { container: "web-*" });
    bus.publish(
      "container.state",
      { container_id: "c1", name: "web-1", state: "running", previous_state: null, status: "Up", restart_count: 0 },
      "n1",
    );
    bus.publish(
      "container.state",
      { container_id: "c2", name: "web-2", state: "running", previous_state: null, status: "Up", restart_count: 0 },
      "n1",
    );
    bus.publish(
      "container.state",
      { container_id: "c3", name: "cache", state: "exited", previous_state: "running", status: "Exited (1)", restart_count: 0 },
      "n1",
    );
    bus.publish(
      "container.state",
      { container_id: "c2", name: "web-2", state: "exited", previous_state: "running", status: "Exited (137)", restart_count: 0 },
      "n1",
    );
    await waitFor(async () => (await open(id)).length > 0, 5_000, "container alert");
    await settle();
    assert.deepEqual(await open(id), ["container:n1/web-2"], "only the stopped container that matches the glob");
    bus.publish(
      "container.state",
      { container_id: "c2", name: "web-2", state: "running", previous_state: "exited", status: "Up", restart_count: 0 },
      "n1",
    );
    await waitFor(async () => (await open(id)).length === 0, 5_000, "resolved");
    await drop(id);
  });

  it("container_down fires for an unhealthy container and for one restarting repeatedly", async () => {
    const id = await rule("container_down", { restarts: 3, window_seconds: 600 }, { forSeconds: 1 });
    bus.publish(
      "container.state",
      { container_id: "h1", name: "api", state: "running", previous_state: "running", status: "Up 3 minutes (unhealthy)", restart_count: 0 },
      "n2",
    );
    for (let i = 0; i < 3; i++) {
      bus.publish(
        "container.state",
        { container_id: "r1", name: "worker", state: "exited", previous_state: "running", status: "Exited (1)", restart_count: i },
        "n3",
      );
      bus.publish(
        "container.state",
        { container_id: "r1", name: "worker", state: "running", previous_state: "exited", status: "Up", restart_count: i },
        "n3",
      );
      // the next inventory carries Docker's grown restart count for the same restart: counted once
      bus.publish(
        "container.state",
        { container_id: "r1", name: "worker", state: "running", previous_state: "running", status: "Up 1 second", restart_count: i + 1 },
        "n3",
      );
    }
    await waitFor(async () => (await open(id)).length === 3, 5_000, "three container alerts");
    assert.deepEqual(
      await open(id),
      ["container:n1/cache", "container:n2/api", "container:n3/worker"],
      "a new rule also judges containers already stopped",
    );
    const alerts = await store.alerts.list({ ruleId: id }, 10);
    assert.match(alerts.find((a) => a.subject.endsWith("worker"))!.summary, /restarted 3 times in 600 s/);
    assert.match(alerts.find((a) => a.subject.endsWith("api"))!.summary, /unhealthy/);
    await drop(id);
  });

  it("counts restarts from Docker's restart count when no transition was seen, and lets the window lapse", () => {
    const w = createContainerWatch();
    const t0 = 1_000_000;
    w.observe("n", { name: "x", state: "running", restart_count: 2 }, t0);
    const c = w.observe("n", { name: "x", state: "running", restart_count: 6 }, t0 + 1_000)!;
    assert.equal(c.restarts.length, 4);
    const p = { restarts: 3, window_seconds: 60 };
    assert.match(containerProblem(c, p, t0 + 2_000) ?? "", /restarted 4 times/);
    assert.equal(containerProblem(c, p, t0 + 120_000), null, "restarts older than the window no longer count");
    assert.equal(w.observe("n", { name: "x", state: "removed" }, t0 + 3_000), undefined);
  });

  it("metric_threshold fires on load per CPU (from a real summary) and on filesystem usage", async () => {
    const load = await rule("metric_threshold", { metric: "load", threshold: 1.5 });
    const fs = await rule("metric_threshold", { metric: "filesystem", threshold: 0.5 }, { labels: "env=dev" });
    const snap = (load1: number, fsRatio: number) =>
      summarize({
        tsMs: Date.now(),
        points: [
          { name: "cpu.count", value: 2, labels: [] },
          { name: "load.1", value: load1, labels: [] },
          { name: "fs.usage_ratio", value: fsRatio, labels: [{ name: "mount", value: "/" }] },
        ],
      } as never);
    assert.equal(snap(4, 0).load1_per_cpu, 2);
    bus.publish("node.metrics", { ...snap(4, 0.9) }, "n1");
    bus.publish("node.metrics", { ...snap(1, 0.9) }, "n4");
    await waitFor(async () => (await open(load)).length === 1 && (await open(fs)).length === 1, 5_000, "metric alerts");
    assert.deepEqual(await open(load), ["node:n1"]);
    assert.deepEqual(await open(fs), ["node:n4"], "the selector env=dev keeps n1 out");
    bus.publish("node.metrics", { ...snap(0.5, 0.9) }, "n1");
    await waitFor(async () => (await open(load)).length === 0, 5_000, "load alert resolved");
    await drop(load);
    await drop(fs);
  });

  it("group_offline_ratio fires when the share of a label group offline reaches the ratio", async () => {
    const id = await rule("group_offline_ratio", { ratio: 0.5 }, { labels: "role=web" });
    bus.publish("node.offline", { reason: "heartbeat_timeout" }, "n1");
    await settle();
    assert.deepEqual(await open(id), [], "1 of 3 web nodes is below 50 %");
    bus.publish("node.offline", { reason: "heartbeat_timeout" }, "n2");
    await waitFor(async () => (await open(id)).length === 1, 5_000, "group alert");
    const [a] = await store.alerts.list({ ruleId: id }, 1);
    assert.match(a!.summary, /2 of 3 nodes offline/);
    bus.publish("node.online", {}, "n2");
    await waitFor(async () => (await open(id)).length === 0, 5_000, "group alert resolved");
    bus.publish("node.online", {}, "n1");
    await drop(id);
  });

  it("finding_opened fires at or above the severity only; finding.resolved resolves it", async () => {
    const id = await rule("finding_opened", { min_severity: "high" });
    bus.publish("finding.opened", { fingerprint: "fp-low", severity: "low", title: "minor" }, "n1");
    bus.publish("finding.opened", { fingerprint: "fp-crit", severity: "critical", title: "root ssh" }, "n1");
    await waitFor(async () => (await open(id)).length === 1, 5_000, "finding alert");
    await settle();
    assert.deepEqual(await open(id), ["finding:fp-crit"]);
    bus.publish("finding.resolved", { fingerprint: "fp-crit" }, "n1");
    await waitFor(async () => (await open(id)).length === 0, 5_000, "finding alert resolved");
    await drop(id);
  });

  it("scan_failed and a burst of enrollment rejections fire", async () => {
    const scan = await rule("scan_failed", {});
    const burst = await rule("enrollment_rejections", { count: 3, window_seconds: 60 });
    bus.publish("scan.failed", { scan_id: "scn_1", error: "all nodes failed" });
    bus.publish("enrollment.rejected", { reason: "bad_secret" });
    bus.publish("enrollment.rejected", { reason: "bad_secret" });
    await waitFor(async () => (await open(scan)).length === 1, 5_000, "scan alert");
    await settle();
    assert.deepEqual(await open(burst), [], "two rejections are no burst");
    bus.publish("enrollment.rejected", { reason: "token_unknown" });
    await waitFor(async () => (await open(burst)).length === 1, 5_000, "burst alert");
    assert.deepEqual(await open(scan), ["scan:scn_1"]);
    await drop(scan);
    await drop(burst);
  });

  it("cert_expiring fires for a certificate close to expiry and resolves once it is renewed", async () => {
    const id = await rule("cert_expiring", { days: 7 });
    await waitFor(async () => (await open(id)).length === 1, 5_000, "certificate alert");
    assert.deepEqual(await open(id), ["node:n5"], "only the node whose certificate expires within 7 days");
    bus.publish("node.certificate_renewed", { serial: "s2", cert_expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString() }, "n5");
    await waitFor(async () => (await open(id)).length === 0, 5_000, "certificate alert resolved");
    await drop(id);
  });

  it("repeats notifications while firing and stops once acknowledged", async () => {
    const id = await rule("scan_failed", {}, { repeatSeconds: 1 });
    bus.publish("scan.failed", { scan_id: "scn_2" });
    await waitFor(async () => (await open(id)).length === 1, 5_000, "alert");
    const mine = () => sent.filter((x) => x.m.data.rule_id === id);
    await waitFor(async () => mine().some((x) => x.m.title.startsWith("Still firing")), 10_000, "a repeat");
    const [a] = await store.alerts.list({ ruleId: id }, 1);
    const u = await store.alerts.update(a!.id, { state: "acknowledged", acknowledgedAt: new Date(), acknowledgedBy: "op" });
    await ev.applied(u, "acknowledged", "op");
    await settle();
    const n = mine().length;
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal(mine().length, n, "no repeat after acknowledge");
    assert.ok(bus.events.some((e) => e.type === "alert.acknowledged" && e.data.alert_id === a!.id));
    await drop(id);
  });

  it("two evaluators on one database (replicas overlapping around a leader handover) fire, repeat and resolve an alert once", async () => {
    const sent2: typeof sent = [];
    const ev2 = createEvaluator({
      store,
      bus,
      labels,
      log: s.ctx.log,
      metrics: s.ctx.metrics,
      isOnline: () => true,
      uiLink: (p) => `http://ui${p}`,
      tickMs: 100,
      notify: async (channels, m) => (sent2.push({ channels, m }), []),
    });
    await ev2.start();
    try {
      const id = await rule("node_offline", {}, { labels: "role=db", repeatSeconds: 1 });
      await ev2.load();
      const mine = (verb: string) => [...sent, ...sent2].filter((x) => x.m.data.rule_id === id && x.m.title.startsWith(verb));
      const events = (type: string) => bus.events.filter((e) => e.type === type && e.data.rule_id === id);
      bus.publish("node.offline", { reason: "heartbeat_timeout" }, "n3");
      await waitFor(async () => (await open(id)).length === 1, 5_000, "alert");
      await new Promise((r) => setTimeout(r, 3_200));
      assert.equal(events("alert.fired").length, 1, "one alert.fired");
      assert.equal(mine("Firing").length, 1, "one notification");
      const repeats = mine("Still firing").length;
      assert.ok(repeats >= 2 && repeats <= 3, `one repeat per repeat_seconds, not one per evaluator: ${repeats} in 3.2 s`);
      assert.equal((await store.alerts.list({ ruleId: id }, 10)).length, 1, "one alert instance");
      bus.publish("node.online", {}, "n3");
      await waitFor(async () => (await open(id)).length === 0, 5_000, "resolved");
      await settle();
      assert.equal(events("alert.resolved").length, 1, "one alert.resolved");
      assert.equal(mine("Resolved").length, 1, "one resolved notification");
      await drop(id);
      await ev2.load();
    } finally {
      await ev2.stop();
    }
  });
});
