import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import pino from "pino";
import { HostFactsSchema } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { SessionRequestSchema, type SessionRequest, type SessionResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { MetricBatchSchema } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { runPusher } from "../../worker/src/pusher.js";
import { RETRY_HEADER } from "../../worker/src/rpc-error.js";
import { openSpool } from "../../worker/src/spool.js";
import { enrollNode, pushable, startMaster, until, type EnrolledNode, type Pushable, type TestMaster } from "./helpers.js";

interface Opened {
  out: Pushable<SessionRequest>;
  inbox: SessionResponse[];
  error?: unknown;
  ended: boolean;
}

function openSession(n: EnrolledNode): Opened {
  const o: Opened = { out: pushable<SessionRequest>(), inbox: [], ended: false };
  o.out.push(
    create(SessionRequestSchema, {
      kind: { case: "hello", value: { capabilities: [], facts: create(HostFactsSchema, { hostname: "h", machineId: n.nodeId }) } },
    }),
  );
  void (async () => {
    try {
      for await (const r of n.client.session(o.out)) o.inbox.push(r);
    } catch (err) {
      o.error = err;
    }
    o.ended = true;
  })();
  return o;
}

const welcomed = (o: Opened) => until(() => o.inbox.find((r) => r.kind.case === "welcome"), 5000, "welcome");

describe("grpc: admission under load", function () {
  this.timeout(30_000);

  describe("session streams and the per-service call limit", () => {
    let m: TestMaster;
    before(async () => (m = await startMaster({}, {}, { maxInFlight: 2 })));
    after(async () => m.stop());

    it("welcomes more open sessions than the limit for calls in flight", async () => {
      const nodes: EnrolledNode[] = [];
      for (let i = 0; i < 4; i++) nodes.push(await enrollNode(m, { machineId: `m-${i}` }));
      const sessions = nodes.map(openSession);
      for (const s of sessions) await welcomed(s);
      assert.equal(sessions.filter((s) => s.error).length, 0);
      for (const s of sessions) s.out.end();
    });
  });

  describe("reconnect admission", () => {
    let m: TestMaster;
    before(async () => (m = await startMaster({}, {}, { admission: { sessionsPerSecond: 0.2, sessionBurst: 2 } })));
    after(async () => m.stop());

    it("refuses sessions beyond the admission rate with RESOURCE_EXHAUSTED and a retry hint, and keeps answering admitted ones", async () => {
      const nodes = [await enrollNode(m, { machineId: "a" }), await enrollNode(m, { machineId: "b" }), await enrollNode(m, { machineId: "c" })];
      const [s1, s2] = [openSession(nodes[0]!), openSession(nodes[1]!)];
      await welcomed(s1);
      await welcomed(s2);
      const s3 = openSession(nodes[2]!);
      await until(() => s3.ended, 5000, "third session refused");
      assert.ok(s3.error instanceof ConnectError, `expected a gRPC error, got ${String(s3.error)}`);
      assert.equal(s3.error.code, Code.ResourceExhausted);
      const hint = Number(s3.error.metadata.get(RETRY_HEADER));
      assert.ok(hint >= 1000, `retry hint ${hint} ms`);
      assert.equal(m.server.sessions.isConnected(nodes[2]!.nodeId), false);

      s1.out.push(create(SessionRequestSchema, { kind: { case: "heartbeat", value: { agentVersion: "t" } } }));
      const beat = await until(() => s1.inbox.find((r) => r.kind.case === "heartbeat"), 3000, "heartbeat answer");
      assert.ok(beat.kind.case === "heartbeat" && beat.kind.value.intervalMs > 0);
      s1.out.end();
      s2.out.end();
    });
  });

  describe("telemetry shedding", () => {
    let m: TestMaster;
    let lag = 0;
    let dir: string;
    before(async () => {
      m = await startMaster({}, {}, { admission: { maxLagMs: 50, pushRetryMs: 200, lagMs: () => lag } });
      dir = await mkdtemp(join(tmpdir(), "flotilla-shed-"));
    });
    after(async () => {
      await m.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it("refuses pushes while the event loop lags; the worker keeps the batch spooled and delivers it afterwards on the same connection", async () => {
      const n = await enrollNode(m);
      const spool = await openSpool({ dir });
      await spool.enqueue({
        case: "metrics",
        value: create(MetricBatchSchema, { snapshots: [{ tsMs: BigInt(Date.now()), points: [{ name: "cpu.usage_ratio", value: 0.5 }] }] }),
      });
      lag = 100;
      const ac = new AbortController();
      let failed: unknown;
      const pusher = runPusher({ client: n.client, spool, signal: ac.signal, log: pino({ level: "silent" }) }).catch((e: unknown) => (failed = e));
      const refused = () =>
        m.ctx.metrics.registry
          .getSingleMetricAsString("grpc_server_handled_total")
          .then((t) => /grpc_method="Push".*grpc_code="RESOURCE_EXHAUSTED"\} ([1-9]\d*)/.test(t));
      await until(refused, 3000, "a refused push");
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(spool.entries().length, 1, "the refused batch stays in the spool");
      assert.equal(failed, undefined, "the pusher keeps the connection");
      lag = 0;
      await until(() => spool.entries().length === 0, 5000, "batch delivered");
      assert.equal(failed, undefined);
      ac.abort();
      await pusher;
    });
  });
});
