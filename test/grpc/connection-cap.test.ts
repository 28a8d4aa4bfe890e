import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { createClient } from "@connectrpc/connect";
import { NodeService } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { enrollmentClient, createToken, facts, makeCsr, startMaster, transport, type TestMaster } from "./helpers.js";

/** rawConnect opens a TCP connection to the gRPC port that sends nothing (an idle unauthenticated client). */
function rawConnect(port: number): Promise<Socket & { closedAt: Promise<number> }> {
  return new Promise((ok, fail) => {
    const s = connect(port, "127.0.0.1") as Socket & { closedAt: Promise<number> };
    s.closedAt = new Promise((r) => s.once("close", () => r(Date.now())));
    s.on("error", () => undefined);
    s.once("connect", () => ok(s));
    s.once("error", fail);
  });
}

/** closedWithin resolves true when the socket is closed by the server within `ms`. */
async function closedWithin(s: { closedAt: Promise<number> }, ms: number): Promise<boolean> {
  return Promise.race([s.closedAt.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

describe("grpc: unauthenticated connections per source address are capped", function () {
  this.timeout(60_000);
  let m: TestMaster;
  const sockets: Socket[] = [];
  before(async () => {
    m = await startMaster({ grpcMaxConnectionsPerSource: 4 });
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await m?.stop();
  });

  it("closes the connection past the cap at once and counts it; a freed slot admits an Enroll again", async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => rawConnect(m.port)));
    sockets.push(...held);
    const extra = await rawConnect(m.port).catch(() => null);
    if (extra) {
      sockets.push(extra);
      assert.ok(await closedWithin(extra, 3_000), "the fifth idle connection is closed by the master");
    }
    for (const s of held) assert.equal(s.destroyed, false, "the first four stay open");
    const metric = await m.ctx.metrics.registry.getSingleMetricAsString("flotilla_grpc_connections_refused_total");
    assert.match(metric, /flotilla_grpc_connections_refused_total 1\b/);
    held[0]!.destroy();
    await held[0]!.closedAt;
    const { token } = await createToken(m);
    const res = await enrollmentClient(m).enroll({ token, csrPem: (await makeCsr()).csrPem, facts: facts() });
    assert.ok(res.nodeId, "an Enroll gets through once a slot is free");
  });

  it("does not count connections on which a node authenticated (many workers behind one address)", async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 300));
    const enroll = enrollmentClient(m);
    const nodes = [];
    for (let i = 0; i < 6; i++) {
      const { token } = await createToken(m);
      const { csrPem, keyPem } = await makeCsr();
      const r = await enroll.enroll({ token, csrPem, facts: facts() });
      const client = createClient(NodeService, transport(m, { certPem: r.certificatePem, keyPem }));
      await client.heartbeat({});
      nodes.push(client);
    }
    for (const n of nodes) await n.heartbeat({});
    const { token } = await createToken(m);
    const res = await enroll.enroll({ token, csrPem: (await makeCsr()).csrPem, facts: facts() });
    assert.ok(res.nodeId, "six authenticated connections from 127.0.0.1 leave room under a cap of four");
  });
});
