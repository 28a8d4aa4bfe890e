import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { ApiClient, startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

type AlertView = { id: string; state: string; rule_id: string; node_id: string; summary: string };

describe("alerts: node offline rule with email and Slack channels (real master, worker, SMTP server)", function () {
  this.timeout(120_000);
  let master: MasterProc;
  let slack: Receiver;
  let smtp: SMTPServer;
  const mails: string[] = [];
  let worker: Proc & { stateDir: string };
  let worker2: (Proc & { stateDir: string }) | undefined;
  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _s, cb) {
        let text = "";
        stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
        stream.on("end", () => {
          mails.push(text);
          cb();
        });
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, "127.0.0.1", ok));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    slack = await startReceiver();
    master = await startMaster({
      args: [
        "--webhook-allowed-hosts",
        "127.0.0.1",
        "--smtp-url",
        `smtp://127.0.0.1:${smtpPort}`,
        "--heartbeat-interval",
        "500ms",
        "--heartbeat-grace",
        "500ms",
      ],
    });
  });
  after(async () => {
    await worker?.kill("SIGKILL");
    await worker2?.kill("SIGKILL");
    await slack?.close();
    await master?.cleanup();
    await new Promise<void>((ok) => smtp.close(() => ok()));
  });

  const alerts = async (q = "") => (await master.api.get<{ items: AlertView[] }>(`/alerts?${q}`)).items;

  it("fires after for_seconds, emails and posts to Slack, resolves on restart and notifies again; a silence mutes notifications but not state", async () => {
    const email = await master.api.post<{ id: string }>("/notification-channels", {
      name: "ops mail",
      kind: "email",
      config: { to: ["ops@example.com"] },
    });
    const chat = await master.api.post<{ id: string }>("/notification-channels", { name: "ops chat", kind: "slack", config: { url: slack.url } });
    assert.deepEqual(await master.api.post(`/notification-channels/${chat.id}/test`, {}), { ok: true });
    await slack.waitFor((g) => g.length === 1, 5_000, "test message");
    const rule = await master.api.post<{ id: string }>("/alert-rules", {
      name: "worker down",
      kind: "node_offline",
      severity: "critical",
      for_seconds: 2,
      channel_ids: [email.id, chat.id],
    });
    const defaults = (
      await master.api.get<{ items: { kind: string; builtin: boolean; enabled: boolean; for_seconds: number }[] }>("/alert-rules")
    ).items.filter((r) => r.builtin);
    assert.deepEqual(defaults.map((r) => [r.kind, r.for_seconds, r.enabled]).sort(), [
      ["metric_threshold", 600, true],
      ["node_offline", 120, true],
    ]);

    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "al" });
    worker = startWorker(master, { token: tok.token });
    const node = await waitFor(
      async () => (await master.api.get<{ items: { id: string; status: string }[] }>("/nodes")).items.find((n) => n.status === "online"),
      20_000,
      "online",
    );
    worker.child.kill("SIGKILL");
    const killedAt = Date.now();
    const fired = await waitFor(async () => (await alerts(`rule_id=${rule.id}`)).find((a) => a.state === "firing"), 20_000, "firing alert");
    assert.equal(fired.node_id, node.id);
    assert.ok(Date.now() - killedAt >= 2_000, "not before for_seconds");
    await waitFor(async () => mails.length >= 1, 5_000, "email");
    assert.match(mails[0]!, /Subject: \[Flotilla\] Firing: worker down/);
    assert.match(mails[0]!, new RegExp(`/nodes/${node.id}`), "email links to the node page");
    await slack.waitFor((g) => g.length === 2, 5_000, "slack firing post");
    assert.match(JSON.parse(slack.got[1]!.body).text, /Firing: worker down.*\/nodes\//);
    const unread = await master.api.get<{ count: number }>("/notifications/unread-count");
    assert.ok(unread.count >= 1, "the in-app notification is stored before any channel is told");
    const metrics = await (await fetch(`${master.http}/metrics`)).text();
    assert.match(metrics, /^flotilla_alerts\{state="firing",severity="critical"\} 1$/m, "the alerts gauge counts the firing alert");

    worker = startWorker(master, { stateDir: worker.stateDir });
    await waitFor(async () => (await alerts(`rule_id=${rule.id}&state=resolved`)).length === 1, 20_000, "resolved alert");
    await slack.waitFor((g) => g.length === 3, 5_000, "slack resolved post");
    assert.match(JSON.parse(slack.got[2]!.body).text, /Resolved: worker down/);
    await waitFor(async () => mails.length >= 2, 5_000, "resolved email");

    await master.api.post("/silences", { rule_id: rule.id, ends_at: new Date(Date.now() + 3_600_000).toISOString(), comment: "maintenance" });
    worker.child.kill("SIGKILL");
    await waitFor(async () => (await alerts(`rule_id=${rule.id}&state=firing`)).length === 1, 20_000, "firing again under the silence");
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(slack.got.length, 3, "no Slack post while silenced");
    assert.equal(mails.length, 2, "no email while silenced");
  });

  it("repeats while firing until an operator acknowledges; acknowledge and resolve need the operator role", async () => {
    const login = async (role: string) => {
      const username = `${role}${Date.now() % 100_000}`;
      await master.api.post("/users", { username, password: `${role} password 12345`, role });
      return ApiClient.login(master.http, username, `${role} password 12345`);
    };
    const viewer = await login("viewer");
    const operator = await login("operator");
    const chat = await master.api.post<{ id: string }>("/notification-channels", { name: "pager chat", kind: "slack", config: { url: slack.url } });
    const rule = await master.api.post<{ id: string }>("/alert-rules", {
      name: "pager",
      kind: "node_offline",
      severity: "high",
      for_seconds: 1,
      repeat_seconds: 1,
      channel_ids: [chat.id],
    });
    const posts = () => slack.got.filter((g) => /pager/.test(String(JSON.parse(g.body).text)));
    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "pager" });
    worker2 = startWorker(master, { token: tok.token });
    const rec = await worker2.waitForLog((r) => typeof r.node_id === "string", 20_000);
    await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${String(rec.node_id)}`)).status === "online", 20_000, "online");
    worker2.child.kill("SIGKILL");
    const fired = await waitFor(async () => (await alerts(`rule_id=${rule.id}&state=firing`))[0], 20_000, "firing alert");
    await waitFor(async () => posts().filter((g) => /Still firing/.test(JSON.parse(g.body).text)).length >= 2, 15_000, "two repeats");

    const denied = await viewer.call("POST", `/alerts/${fired.id}/acknowledge`);
    assert.equal(denied.status, 403);
    assert.equal((denied.body as { code: string }).code, "permission_denied");
    assert.equal((await viewer.call("POST", `/alerts/${fired.id}/resolve`)).status, 403);
    const ack = await operator.call<AlertView & { acknowledged_by: string }>("POST", `/alerts/${fired.id}/acknowledge`);
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    assert.equal(ack.body.state, "acknowledged");
    assert.match(ack.body.acknowledged_by, /^operator/);
    await new Promise((r) => setTimeout(r, 500));
    const after = posts().length;
    await new Promise((r) => setTimeout(r, 3_500));
    assert.equal(posts().length, after, "no repeat after acknowledge");
    assert.equal((await operator.call("POST", `/alerts/${fired.id}/acknowledge`)).status, 409, "only a firing alert can be acknowledged");
    assert.equal((await viewer.call("GET", `/alerts?state=acknowledged&rule_id=${rule.id}`)).status, 200, "viewers read alerts");

    const res = await operator.call<AlertView & { resolved_by: string }>("POST", `/alerts/${fired.id}/resolve`);
    assert.equal(res.status, 200);
    assert.equal(res.body.state, "resolved");
    assert.match(res.body.resolved_by, /^operator/);
    assert.equal((await operator.call("POST", `/alerts/${fired.id}/resolve`)).status, 409);
    const events = await master.api.get<{ items: { type: string; data: { alert_id: string } }[] }>(`/events?type=alert.acknowledged&limit=50`);
    assert.ok(
      events.items.some((e) => e.data.alert_id === fired.id),
      "alert.acknowledged is on the event log",
    );
  });
});
