import assert from "node:assert/strict";
import { TLSSocket } from "node:tls";
import { createClient } from "@connectrpc/connect";
import { NodeService } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { enrollNode, startMaster, transport, type TestMaster } from "./helpers.js";

/**
 * A connection presents one client certificate for its life: the master
 * reads and verifies it on the first call of a connection and knows the
 * node on every later call without touching the certificate again.
 */
describe("grpc: the node identity is learnt once per connection", function () {
  this.timeout(30_000);
  let m: TestMaster;
  let reads = 0;
  const original = TLSSocket.prototype.getPeerCertificate;
  before(async () => {
    m = await startMaster();
    TLSSocket.prototype.getPeerCertificate = function (this: TLSSocket, ...a: Parameters<TLSSocket["getPeerCertificate"]>) {
      if ((this as unknown as { _tlsOptions?: { isServer?: boolean } })._tlsOptions?.isServer) reads++;
      return original.apply(this, a);
    } as TLSSocket["getPeerCertificate"];
  });
  after(async () => {
    TLSSocket.prototype.getPeerCertificate = original;
    await m.stop();
  });

  it("reads the client certificate on a connection's first call only", async () => {
    const n = await enrollNode(m);
    await n.client.heartbeat({});
    reads = 0;
    for (let i = 0; i < 5; i++) await n.client.heartbeat({});
    assert.equal(reads, 0, "later calls on the connection do not read the certificate");

    // a new connection with the same certificate is verified again, once
    const again = createClient(NodeService, transport(m, n));
    await again.heartbeat({});
    await again.heartbeat({});
    assert.equal(reads, 1);
  });
  // A known connection's calls are still refused once its certificate is revoked: cert-renewal.test.ts.
});
