import { heartbeatInterval } from "../../master/src/liveness/index.js";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { NodeService, PushRequestSchema } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { enrollNode, makeCsr, pushable, startMaster, transport, until, type TestMaster } from "./helpers.js";
import type { SessionRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";

async function code(p: Promise<unknown>): Promise<Code> {
  try {
    await p;
  } catch (err) {
    return ConnectError.from(err).code;
  }
  assert.fail("expected the call to fail");
}

describe("grpc: node service", function () {
  let m: TestMaster;
  before(async () => {
    m = await startMaster({ heartbeatIntervalMs: 200, heartbeatGraceMs: 100 });
  });
  after(async () => m.stop());

  it("refuses NodeService calls without a client certificate", async () => {
    const client = createClient(NodeService, transport(m));
    assert.equal(await code(client.heartbeat({})), Code.Unauthenticated);
    const out = await m.ctx.metrics.grpcHandled.get();
    assert.ok(
      out.values.some(
        (v) =>
          v.labels.grpc_method === "Heartbeat" && v.labels.grpc_code === "UNAUTHENTICATED" && v.labels.grpc_service === "flotilla.v1.NodeService",
      ),
    );
  });

  it("refuses a CA-signed certificate for a node that does not exist", async () => {
    const { csrPem, keyPem } = await makeCsr();
    const cert = await m.pki.signCsr(csrPem, "node_ghost", 60_000);
    const client = createClient(NodeService, transport(m, { certPem: cert.certPem, keyPem }));
    assert.equal(await code(client.heartbeat({})), Code.Unauthenticated);
  });

  it("heartbeats bring a node online and silence takes it offline after the TTL", async () => {
    const n = await enrollNode(m);
    const res = await n.client.heartbeat({ agentVersion: "0.1.0" });
    assert.equal(res.intervalMs, 200);
    await m.waitForEvent("node.online", (e) => e.node_id === n.nodeId);
    assert.ok(m.server.nodeControl.isOnline(n.nodeId));
    await until(async () => (await m.ctx.db.node.findUnique({ where: { id: n.nodeId } }))?.status === "online", 2000, "status online in DB");
    const beatAt = Date.now();
    const off = await m.waitForEvent("node.offline", (e) => e.node_id === n.nodeId, 3000);
    const took = Date.now() - beatAt;
    assert.equal(off.data.reason, "heartbeat_timeout");
    assert.ok(took >= 250 && took < 1500, `offline after ${took} ms (TTL 400 ms)`);
    await until(async () => (await m.ctx.db.node.findUnique({ where: { id: n.nodeId } }))?.status === "offline", 2000, "status offline in DB");
    const gauge = await m.ctx.metrics.nodes.get();
    assert.equal(gauge.values.find((v) => v.labels.status === "online")?.value, m.server.nodeControl.onlineCount());
  });

  it("goodbye takes the node offline at once", async () => {
    const n = await enrollNode(m);
    await n.client.heartbeat({});
    await m.waitForEvent("node.online", (e) => e.node_id === n.nodeId);
    const t0 = Date.now();
    await n.client.goodbye({ reason: "shutdown" });
    const off = await m.waitForEvent("node.offline", (e) => e.node_id === n.nodeId, 1000);
    assert.equal(off.data.reason, "goodbye");
    assert.ok(Date.now() - t0 < 300);
    assert.equal(m.server.nodeControl.isOnline(n.nodeId), false);
  });

  it("acknowledges pushes by sequence and flags duplicates", async () => {
    const n = await enrollNode(m);
    const events = { case: "events" as const, value: { events: [{ tsMs: 1n, type: "container.start", containerId: "abc", attributes: {} }] } };
    const a = await n.client.push({ seq: 1n, payload: events });
    assert.deepEqual([a.ackedSeq, a.duplicate], [1n, false]);
    const b = await n.client.push({ seq: 2n, payload: events });
    assert.deepEqual([b.ackedSeq, b.duplicate], [2n, false]);
    const dup = await n.client.push({ seq: 1n, payload: events });
    assert.deepEqual([dup.ackedSeq, dup.duplicate], [2n, true]);
    assert.equal((await n.client.heartbeat({})).ackedSeq, 2n);
    assert.equal(await code(n.client.push({ seq: 0n, payload: events })), Code.InvalidArgument);
    assert.equal(await code(n.client.push({ seq: 3n })), Code.InvalidArgument);
  });

  it("answers INVALID_ARGUMENT to bytes that are not a valid message", async () => {
    const n = await enrollNode(m);
    const creds = grpc.credentials.createSsl(Buffer.from(m.pki.caPem), Buffer.from(n.keyPem), Buffer.from(n.certPem));
    const raw = new grpc.Client(`127.0.0.1:${m.port}`, creds, { "grpc.ssl_target_name_override": "flotilla-master" });
    try {
      const status = await new Promise<grpc.ServiceError | null>((resolve) =>
        raw.makeUnaryRequest(
          "/flotilla.v1.NodeService/Push",
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.from([0x0a, 0xff, 0xff]),
          (err) => resolve(err),
        ),
      );
      assert.equal(status?.code, grpc.status.INVALID_ARGUMENT);
      const ok = await new Promise<grpc.ServiceError | null>((resolve) =>
        raw.makeUnaryRequest(
          "/flotilla.v1.NodeService/Push",
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.from(toBinary(PushRequestSchema, create(PushRequestSchema, { seq: 1n, payload: { case: "events", value: {} } }))),
          (err) => resolve(err),
        ),
      );
      assert.equal(ok, null);
    } finally {
      raw.close();
    }
  });

  it("renews the certificate for the same node and keeps the old one valid", async () => {
    const n = await enrollNode(m);
    const before = await m.ctx.db.node.findUniqueOrThrow({ where: { id: n.nodeId } });
    const { csrPem, keyPem } = await makeCsr();
    const res = await n.client.renewCertificate({ csrPem });
    const node = await m.ctx.db.node.findUniqueOrThrow({ where: { id: n.nodeId } });
    const renewed = createClient(NodeService, transport(m, { certPem: res.certificatePem, keyPem }));
    const expected = heartbeatInterval(200, await m.ctx.db.node.count());
    assert.equal((await renewed.heartbeat({})).intervalMs, expected);
    assert.equal((await n.client.heartbeat({})).intervalMs, expected);
    assert.match(res.certificatePem, /BEGIN CERTIFICATE/);
    assert.notEqual(node.certSerial, before.certSerial);
    assert.equal(node.certSerial, new X509Certificate(res.certificatePem).serialNumber.toLowerCase());
    assert.equal(new X509Certificate(res.certificatePem).subject, `CN=${n.nodeId}`);
    assert.equal(await code(n.client.renewCertificate({ csrPem: "garbage" })), Code.InvalidArgument);
  });

  it("cuts a deleted node's stream and calls within one second", async () => {
    const n = await enrollNode(m);
    const node = await m.ctx.db.node.findUniqueOrThrow({ where: { id: n.nodeId } });
    const out = pushable<SessionRequest>();
    out.push({
      $typeName: "flotilla.v1.SessionRequest",
      kind: { case: "hello", value: { $typeName: "flotilla.v1.SessionHello", capabilities: [] } },
    } as SessionRequest);
    const stream = n.client.session(out);
    const it = stream[Symbol.asyncIterator]();
    const welcome = await it.next();
    assert.equal(welcome.value?.kind.case, "welcome");
    await until(() => m.server.sessions.isConnected(n.nodeId), 2000, "session registered");
    const t0 = Date.now();
    m.server.nodeControl.nodeDeleted(n.nodeId, node.certSerial);
    const err = await it.next().then(
      () => null,
      (e: unknown) => ConnectError.from(e),
    );
    assert.equal(err?.code, Code.Unauthenticated);
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(await code(n.client.heartbeat({})), Code.Unauthenticated);
    out.end();
  });
});
