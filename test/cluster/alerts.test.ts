import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { postgresDatabase } from "../helpers/database.js";
import { startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { requireNats, startReplica } from "./harness.js";

type AlertView = { id: string; state: string; rule_id: string };
type StoredEvent = { id: string; type: string; data: { rule_id?: string; alert_id?: string } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const leads = (m: MasterProc) => m.lines.some((l) => l.includes("leader lease taken"));

describe("replicas: an alert rule fires and notifies once fleet-wide, whichever replica holds the node (PostgreSQL + NATS)", function () {
  this.timeout(240_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  const masters: MasterProc[] = [];
  let w: (Proc & { stateDir: string }) | undefined;
  let slack: Receiver;
  before(async function () {
    await requireNats(this);
    db = await postgresDatabase();
    slack = await startReceiver();
    const args = ["--webhook-allowed-hosts", "127.0.0.1", "--heartbeat-interval", "500ms", "--heartbeat-grace", "500ms"];
    masters.push(await startReplica(db.url, args));
    await waitFor(async () => leads(masters[0]!), 15_000, "the first replica leads");
    masters.push(await startReplica(db.url, args), await startReplica(db.url, args));
  });
  after(async () => {
    await w?.kill("SIGKILL");
    for (const m of masters) await m.kill("SIGKILL");
    for (const m of masters) rmSync(m.dataDir, { recursive: true, force: true });
    await slack?.close();
    await db?.cleanup();
  });

  it("rules made on a follower, a worker on another follower: one alert.fired and one Slack post per rule; an acknowledgement on a third replica stops the repeats; one resolution", async () => {
    const [leader, b, c] = masters as [MasterProc, MasterProc, MasterProc];
    const chat = await b.api.post<{ id: string }>("/notification-channels", { name: "ops chat", kind: "slack", config: { url: slack.url } });
    const group = await b.api.post<{ id: string }>("/alert-rules", {
      name: "red team down",
      kind: "group_offline_ratio",
      severity: "critical",
      labels: "team=red",
      params: { ratio: 0.5 },
      for_seconds: 1,
      channel_ids: [chat.id],
    });
    const node = await b.api.post<{ id: string }>("/alert-rules", {
      name: "red node down",
      kind: "node_offline",
      severity: "high",
      labels: "team=red",
      for_seconds: 1,
      repeat_seconds: 1,
      channel_ids: [chat.id],
    });
    const posts = (name: string, verb: string) =>
      slack.got.filter((g) => String((JSON.parse(g.body) as { text: string }).text).startsWith(`${verb}: ${name}:`)).length;
    const events = async (type: string, ruleId: string) =>
      (await leader.api.get<{ items: StoredEvent[] }>(`/events?type=${type}&limit=100`)).items.filter((e) => e.data.rule_id === ruleId);

    const tok = await c.api.post<{ token: string }>("/enrollment-tokens", { name: "red", labels: { team: "red" } });
    w = startWorker(c, { token: tok.token });
    const rec = await w.waitForLog((r) => typeof r.node_id === "string", 30_000);
    const nodeId = String(rec.node_id);
    await waitFor(async () => (await b.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 20_000, "online");
    await w.kill("SIGKILL");
    const firing = async (ruleId: string) =>
      waitFor(async () => (await b.api.get<{ items: AlertView[] }>(`/alerts?rule_id=${ruleId}&state=firing`)).items[0], 20_000, `firing ${ruleId}`);
    const [gAlert, nAlert] = [await firing(group.id), await firing(node.id)];
    await slack.waitFor(() => posts("red team down", "Firing") >= 1 && posts("red node down", "Firing") >= 1, 10_000, "both posts");
    // Long enough for a second or third replica to have fired too.
    await sleep(3_000);
    for (const [r, name] of [
      [group.id, "red team down"],
      [node.id, "red node down"],
    ] as const) {
      assert.equal((await events("alert.fired", r)).length, 1, `one alert.fired for ${name}`);
      assert.equal(posts(name, "Firing"), 1, `one Slack post for ${name}`);
      assert.equal((await c.api.get<{ items: AlertView[] }>(`/alerts?rule_id=${r}`)).items.length, 1, `one alert instance for ${name}`);
    }
    const repeats = posts("red node down", "Still firing");
    assert.ok(repeats >= 1 && repeats <= 5, `one repeat a second from one replica: ${repeats}`);

    const ack = await c.api.call<AlertView>("POST", `/alerts/${nAlert.id}/acknowledge`);
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    await sleep(1_000);
    const afterAck = posts("red node down", "Still firing");
    await sleep(3_000);
    assert.equal(posts("red node down", "Still firing"), afterAck, "no repeat once acknowledged through another replica");

    w = startWorker(c, { stateDir: w.stateDir });
    const resolved = async (id: string) =>
      waitFor(
        async () => (await b.api.get<{ items: AlertView[] }>(`/alerts?state=resolved&limit=100`)).items.find((a) => a.id === id),
        20_000,
        `resolved ${id}`,
      );
    await resolved(gAlert.id);
    await resolved(nAlert.id);
    await slack.waitFor(() => posts("red team down", "Resolved") >= 1, 10_000, "resolved post");
    await sleep(2_000);
    assert.equal(posts("red team down", "Resolved"), 1, "one resolved post");
    assert.equal((await events("alert.resolved", group.id)).length, 1, "one alert.resolved for the group");
    assert.equal((await events("alert.resolved", node.id)).length, 1, "one alert.resolved for the node");
    assert.ok(!b.lines.concat(c.lines).some((l) => l.includes("leader lease taken")), "the followers never led");
  });
});
