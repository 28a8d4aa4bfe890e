import { strict as assert } from "node:assert";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { createLogger } from "@flotilla/shared";
import { SessionResponseSchema } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { CommandStatus } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import { createAgent, type Agent } from "../../worker/src/agent.js";
import { createBackoff } from "../../worker/src/backoff.js";
import { HANDLERS } from "../../worker/src/commands/index.js";
import { loadWorkerConfig } from "../../worker/src/config.js";
import { createDockerEngine } from "../../worker/src/docker.js";
import { startStubMaster, type StubMaster } from "./stub-master.js";

async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("worker agent against a TLS gRPC master", () => {
  let stub: StubMaster;
  let dir: string;
  const agents: Agent[] = [];
  const log = createLogger({ level: "silent", name: "test" });

  beforeEach(async () => {
    stub = await startStubMaster();
    dir = await mkdtemp(join(tmpdir(), "flotilla-agent-"));
  });
  afterEach(async () => {
    for (const a of agents.splice(0)) await a.stop();
    await stub.close();
    await rm(dir, { recursive: true, force: true });
  });

  function agent(extra: string[] = [], token = stub.token): Agent {
    const config = loadWorkerConfig(
      [
        "--master",
        `127.0.0.1:${stub.port}`,
        "--state-dir",
        dir,
        "--join-token",
        token,
        "--metrics-interval",
        "100ms",
        "--machine-id",
        "m-1",
        ...extra,
      ],
      {},
    );
    const a = createAgent({
      // container_logs left out on purpose: a command kind the worker cannot run must be rejected.
      config,
      log,
      docker: createDockerEngine(config.dockerSocket),
      handlers: HANDLERS.filter((h) => h.capability !== "container_logs"),
      backoff: createBackoff({ baseMs: 50, capMs: 200 }),
      collect: async () => ({
        points: [{ name: "cpu.usage_ratio", value: 0.5 }],
        statuses: [{ name: "cpu", success: true, durationSeconds: 0.001 }],
      }),
    });
    agents.push(a);
    return a;
  }

  it("enrolls with the pinned CA, says hello, runs a command, pushes in order and says goodbye", async () => {
    stub.queue.push(
      create(SessionResponseSchema, {
        kind: { case: "command", value: { id: "cmd_1", timeoutMs: 5000, kind: { case: "refreshFacts", value: {} } } },
      }),
    );
    stub.queue.push(
      create(SessionResponseSchema, {
        kind: { case: "command", value: { id: "cmd_2", kind: { case: "containerLogs", value: { containerId: "x" } } } },
      }),
    );
    const a = agent();
    const running = a.run();
    await until(() => a.state === "online" && stub.results.length >= 2 && stub.pushes.length >= 3 && stub.heartbeats >= 1);
    const state = JSON.parse(await readFile(join(dir, "node.json"), "utf8"));
    assert.equal(state.node_id, "node_stub1");
    const hello = stub.hellos[0]!.kind.case === "hello" ? stub.hellos[0]!.kind.value : undefined;
    assert.ok(hello?.capabilities.includes("refresh_facts"));
    assert.equal(hello?.facts?.machineId, "m-1");
    const byId = new Map(stub.results.map((r) => [r.kind.case === "result" ? r.kind.value.commandId : "", r.kind.value]));
    const r1 = byId.get("cmd_1") as { status: CommandStatus; result: { case: string; value: { machineId: string } } };
    assert.equal(r1.status, CommandStatus.SUCCEEDED);
    assert.equal(r1.result.case, "facts");
    assert.equal(r1.result.value.machineId, "m-1");
    assert.equal((byId.get("cmd_2") as { status: CommandStatus }).status, CommandStatus.REJECTED);
    const seqs = stub.pushes.map((p) => p.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => (x < y ? -1 : 1)),
    );
    assert.equal(seqs[0], 1n);
    await a.stop("test over");
    await running;
    assert.deepEqual(stub.goodbyes, ["test over"]);
    assert.equal(JSON.parse(await readFile(join(dir, "node.json"), "utf8")).seq >= seqs.length, true);
  });

  it("heartbeats on the session stream when the master offers it, and reconnects when a beat goes unanswered", async () => {
    stub.sessionHeartbeats = true;
    const a = agent();
    void a.run();
    await until(() => a.state === "online" && stub.sessionBeats >= 3);
    assert.equal(stub.heartbeats, 0, "no Heartbeat calls while the session carries them");
    const sessions = stub.hellos.length;
    stub.muteSessionBeats = true;
    // The worker waits max(5 s, 2 intervals) for an answer, then opens a new session.
    await until(() => stub.hellos.length > sessions, 12_000);
    const beats = stub.sessionBeats;
    await until(() => a.state === "online" && stub.sessionBeats > beats + 2, 3000);
    assert.equal(stub.hellos.length, sessions + 1, "one new session: the new one is answered");
    assert.equal(stub.heartbeats, 0);
  });

  it("falls back to Heartbeat calls when the master does not offer session heartbeats", async () => {
    const a = agent();
    void a.run();
    await until(() => a.state === "online" && stub.heartbeats >= 3);
    assert.equal(stub.sessionBeats, 0);
  });

  it("keeps collecting while the master refuses pushes and delivers everything after, without re-enrolling", async () => {
    const first = agent();
    void first.run();
    await until(() => first.state === "online");
    await first.stop();
    stub.failPush = true;
    const second = agent();
    const running = second.run();
    await until(() => second.state === "backoff" || second.state === "connecting");
    await new Promise((r) => setTimeout(r, 600));
    const before = stub.pushes.length;
    stub.failPush = false;
    await until(() => stub.pushes.length >= before + 4);
    const seqs = stub.pushes.map((p) => Number(p.seq));
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1]! + 1, "no gaps, no duplicates");
    assert.equal(stub.enrollments, 1, "an identity in the state dir is reused");
    await second.stop();
    await running;
  });

  it("stops with a clear error when the master no longer knows the node", async () => {
    const first = agent();
    void first.run();
    await until(() => first.state === "online");
    await first.stop();
    stub.rejectNode = true;
    await assert.rejects(agent().run(), /no longer accepts node node_stub1.*enroll again/);
  });

  it("refuses to enroll with a token whose CA hash does not match", async () => {
    const bad = stub.token.replace(/\.[0-9a-f]{64}$/, `.${"0".repeat(64)}`);
    await assert.rejects(agent([], bad).run(), /does not match the join token's CA hash/);
    assert.equal(stub.enrollments, 0);
  });

  it("reports the master's reason when the token is rejected", async () => {
    const bad = stub.token.replace(/\.S+\./, `.${"T".repeat(32)}.`);
    await assert.rejects(agent([], bad).run(), /master refused enrollment: bad_secret/);
  });
});
