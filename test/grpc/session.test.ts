import assert from "node:assert/strict";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { FlotillaError } from "@flotilla/shared";
import { CommandSchema, CommandStatus, type Command, type CommandOutput } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import { HostFactsSchema } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { SessionRequestSchema, type SessionRequest, type SessionResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { refreshFacts } from "../../master/src/sessions/index.js";
import { enrollNode, pushable, startMaster, until, type EnrolledNode, type Pushable, type TestMaster } from "./helpers.js";

/** FakeWorker is a real session stream driven by the test as the worker side. */
interface FakeWorker {
  out: Pushable<SessionRequest>;
  inbox: SessionResponse[];
  next(pred: (r: SessionResponse) => boolean, timeoutMs?: number): Promise<SessionResponse>;
  send(kind: MessageInitShape<typeof SessionRequestSchema>["kind"]): void;
  welcome: SessionResponse;
}

async function openSession(m: TestMaster, n: EnrolledNode): Promise<FakeWorker> {
  const out = pushable<SessionRequest>();
  const inbox: SessionResponse[] = [];
  const send = (kind: MessageInitShape<typeof SessionRequestSchema>["kind"]) => out.push(create(SessionRequestSchema, { kind }));
  send({ case: "hello", value: { capabilities: ["refresh_facts"], facts: create(HostFactsSchema, { hostname: "host-a", machineId: "m-1" }) } });
  void (async () => {
    try {
      for await (const r of n.client.session(out)) inbox.push(r);
    } catch {
      /* stream cut */
    }
  })();
  const w: FakeWorker = {
    out,
    inbox,
    send,
    welcome: undefined as unknown as SessionResponse,
    async next(pred, timeoutMs = 3000) {
      return until(
        () => {
          const i = inbox.findIndex(pred);
          return i >= 0 ? inbox.splice(i, 1)[0] : undefined;
        },
        timeoutMs,
        "session message",
      );
    },
  };
  w.welcome = await w.next((r) => r.kind.case === "welcome");
  await until(() => m.server.sessions.isConnected(n.nodeId), 2000, "session registered");
  return w;
}

const commandOf = (r: SessionResponse): Command => (r.kind.case === "command" ? r.kind.value : assert.fail("not a command"));

describe("grpc: session command stream", function () {
  let m: TestMaster;
  before(async () => {
    m = await startMaster();
  });
  after(async () => m.stop());

  it("round-trips RefreshFacts: the node row is updated and node.updated published", async () => {
    const n = await enrollNode(m, { hostname: "old-name", kernel: "5.10" });
    const w = await openSession(m, n);
    const pending = refreshFacts(m.ctx, m.server.sessions, n.nodeId, 5000);
    const cmd = commandOf(await w.next((r) => r.kind.case === "command"));
    assert.equal(cmd.kind.case, "refreshFacts");
    w.send({ case: "progress", value: { commandId: cmd.id, fraction: 0.5, message: "reading" } });
    w.send({
      case: "result",
      value: {
        commandId: cmd.id,
        status: CommandStatus.SUCCEEDED,
        result: { case: "facts", value: create(HostFactsSchema, { hostname: "new-name", kernel: "6.1", machineId: "m-1", cpus: 8 }) },
      },
    });
    const facts = await pending;
    assert.equal(facts.hostname, "new-name");
    const row = await m.ctx.db.node.findUniqueOrThrow({ where: { id: n.nodeId } });
    assert.deepEqual([row.hostname, row.kernel, row.cpus], ["new-name", "6.1", 8]);
    const ev = await m.waitForEvent("node.updated", (e) => e.node_id === n.nodeId && e.data.hostname === "new-name");
    assert.deepEqual([...(ev.data.changed as string[])].sort(), ["cpus", "hostname", "kernel"]);
    w.out.end();
  });

  it("takes heartbeats on the stream: each answered in order with the interval and acked seq; silence still goes offline", async () => {
    const fast = await startMaster({ heartbeatIntervalMs: 200, heartbeatGraceMs: 100 });
    try {
      const n = await enrollNode(fast);
      const events = { case: "events" as const, value: { events: [{ tsMs: 1n, type: "container.start", containerId: "abc", attributes: {} }] } };
      await n.client.push({ seq: 1n, payload: events });
      const w = await openSession(fast, n);
      assert.equal(w.welcome.kind.case === "welcome" && w.welcome.kind.value.sessionHeartbeats, true);
      const before = (await fast.ctx.metrics.heartbeats.get()).values[0]?.value ?? 0;
      for (let i = 0; i < 3; i++) w.send({ case: "heartbeat", value: { agentVersion: "0.1.0", lastSeq: 1n } });
      const answers: SessionResponse[] = [];
      for (let i = 0; i < 3; i++) answers.push(await w.next((r) => r.kind.case === "heartbeat"));
      for (const a of answers) {
        assert.equal(a.kind.case, "heartbeat");
        if (a.kind.case !== "heartbeat") continue;
        assert.equal(a.kind.value.intervalMs, 200);
        assert.equal(a.kind.value.ackedSeq, 1n);
      }
      await fast.waitForEvent("node.online", (e) => e.node_id === n.nodeId);
      assert.equal((await fast.ctx.metrics.heartbeats.get()).values[0]?.value, before + 3);
      // The stream stays open, but without beats the node is offline after the TTL.
      const off = await fast.waitForEvent("node.offline", (e) => e.node_id === n.nodeId, 3000);
      assert.equal(off.data.reason, "heartbeat_timeout");
      assert.ok(fast.server.sessions.isConnected(n.nodeId), "the session itself is still open");
      w.out.end();
    } finally {
      await fast.stop();
    }
  });

  it("times out on the master when the worker never answers, and tells the worker to cancel", async () => {
    const n = await enrollNode(m);
    const w = await openSession(m, n);
    const t0 = Date.now();
    const res = await m.server.sessions.dispatch(n.nodeId, create(CommandSchema, { kind: { case: "refreshFacts", value: {} } }), { timeoutMs: 300 });
    assert.equal(res.status, CommandStatus.TIMED_OUT);
    assert.ok(Date.now() - t0 >= 300 && Date.now() - t0 < 2000);
    const cancel = await w.next((r) => r.kind.case === "cancel");
    assert.equal(cancel.kind.case === "cancel" && cancel.kind.value.commandId, res.commandId);
    w.out.end();
  });

  it("cancels a running command when the caller aborts", async () => {
    const n = await enrollNode(m);
    const w = await openSession(m, n);
    const ac = new AbortController();
    const p = m.server.sessions.dispatch(
      n.nodeId,
      create(CommandSchema, { kind: { case: "containerLogs", value: { containerId: "c1", follow: true } } }),
      { timeoutMs: 30_000, signal: ac.signal },
    );
    const cmd = commandOf(await w.next((r) => r.kind.case === "command"));
    ac.abort();
    const res = await p;
    assert.equal(res.status, CommandStatus.CANCELED);
    const cancel = await w.next((r) => r.kind.case === "cancel");
    assert.equal(cancel.kind.case === "cancel" && cancel.kind.value.commandId, cmd.id);
    w.out.end();
  });

  it("fails at once with unavailable for a node without a session", async () => {
    const n = await enrollNode(m);
    await assert.rejects(
      m.server.sessions.dispatch(n.nodeId, create(CommandSchema, { kind: { case: "refreshFacts", value: {} } }), { timeoutMs: 1000 }),
      (err: unknown) => err instanceof FlotillaError && err.code === "unavailable",
    );
  });

  it("grants output credits only as the consumer drains", async () => {
    const n = await enrollNode(m);
    const w = await openSession(m, n);
    const consumed: CommandOutput[] = [];
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    const p = m.server.sessions.dispatch(
      n.nodeId,
      create(CommandSchema, { kind: { case: "containerLogs", value: { containerId: "c1", follow: true } } }),
      {
        timeoutMs: 30_000,
        onOutput: async (o) => {
          consumed.push(o);
          await gate;
        },
      },
    );
    const cmd = commandOf(await w.next((r) => r.kind.case === "command"));
    const first = await w.next((r) => r.kind.case === "credit");
    const window = first.kind.case === "credit" ? first.kind.value.chunks : 0;
    assert.ok(window > 0);
    // A chatty worker ignores its credits and sends 5 windows of output.
    for (let i = 0; i < window * 5; i++) w.send({ case: "output", value: { commandId: cmd.id, lines: [{ stream: "stdout", text: `line ${i}` }] } });
    await until(() => consumed.length === 1, 2000, "first chunk consumed");
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(consumed.length, 1, "consumer is blocked, nothing else delivered");
    assert.equal(w.inbox.filter((r) => r.kind.case === "credit").length, 0, "no credit while the consumer is blocked");
    release();
    gate = Promise.resolve();
    await until(() => consumed.length === window, 2000, "window drained");
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(consumed.length, window, "chunks beyond the granted credits are dropped");
    const more = await w.next((r) => r.kind.case === "credit");
    assert.ok(more.kind.case === "credit" && more.kind.value.chunks > 0);
    w.send({ case: "result", value: { commandId: cmd.id, status: CommandStatus.SUCCEEDED } });
    assert.equal((await p).status, CommandStatus.SUCCEEDED);
    w.out.end();
  });

  it("a newer session replaces the older one", async () => {
    const n = await enrollNode(m);
    const w1 = await openSession(m, n);
    const w2 = await openSession(m, n);
    const p = m.server.sessions.dispatch(n.nodeId, create(CommandSchema, { kind: { case: "refreshFacts", value: {} } }), { timeoutMs: 2000 });
    const cmd = commandOf(await w2.next((r) => r.kind.case === "command"));
    assert.equal(w1.inbox.filter((r) => r.kind.case === "command").length, 0);
    w2.send({ case: "result", value: { commandId: cmd.id, status: CommandStatus.FAILED, errorCode: "not_found", errorMessage: "nope" } });
    assert.equal((await p).status, CommandStatus.FAILED);
    w1.out.end();
    w2.out.end();
  });
});
