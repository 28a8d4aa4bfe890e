import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { NodeService, type SessionRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { MASTER_TLS_NAME } from "../../master/src/pki/index.js";
import { startMaster as startMasterProcess, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { enrollNode, makeCsr, pushable, startMaster, transport, until, type TestMaster } from "./helpers.js";

async function code(p: Promise<unknown>): Promise<Code | "ok"> {
  try {
    await p;
    return "ok";
  } catch (err) {
    return ConnectError.from(err).code;
  }
}

const hello = {
  $typeName: "flotilla.v1.SessionRequest",
  kind: { case: "hello", value: { $typeName: "flotilla.v1.SessionHello", capabilities: [] } },
} as SessionRequest;

describe("grpc: a superseded node certificate", function () {
  this.timeout(180_000);

  describe("in-process, overlap 1.5 s", () => {
    let m: TestMaster;
    before(async () => {
      m = await startMaster({ heartbeatIntervalMs: 200, heartbeatGraceMs: 100, certRenewalOverlapMs: 1500 });
    });
    after(async () => m.stop());

    it("authenticates during the overlap, then is revoked: new calls and its open stream get UNAUTHENTICATED", async () => {
      const n = await enrollNode(m);
      const oldSerial = new X509Certificate(n.certPem).serialNumber;
      const out = pushable<SessionRequest>();
      out.push(hello);
      const it = n.client.session(out)[Symbol.asyncIterator]();
      assert.equal((await it.next()).value?.kind.case, "welcome");
      const { csrPem, keyPem } = await makeCsr();
      const renewedAt = Date.now();
      const res = await n.client.renewCertificate({ csrPem });
      const renewed = createClient(NodeService, transport(m, { certPem: res.certificatePem, keyPem }));
      assert.equal(await code(n.client.heartbeat({})), "ok", "the old certificate still works right after the renewal");
      const ended = it.next().then(
        () => "still open",
        (e: unknown) => ({ code: ConnectError.from(e).code, at: Date.now() }),
      );
      const row = await m.ctx.db.revokedCert.findUnique({ where: { serial: oldSerial.toLowerCase().replace(/^0+/, "") } });
      assert.ok(row, "the superseded serial is stored as revoked");
      assert.equal(row.nodeId, n.nodeId);
      assert.ok(
        Math.abs(row.revokedAt.getTime() - (renewedAt + 1500)) < 1500,
        `revocation takes effect after the overlap: ${row.revokedAt.toISOString()}`,
      );
      const cut = await ended;
      assert.ok(typeof cut === "object" && cut.code === Code.Unauthenticated, `the old certificate's stream ended: ${JSON.stringify(cut)}`);
      assert.ok(cut.at - renewedAt >= 1400, `not before the overlap (${cut.at - renewedAt} ms)`);
      assert.equal(await code(n.client.heartbeat({})), Code.Unauthenticated, "a new call with the old certificate");
      assert.equal(await code(renewed.heartbeat({})), "ok", "the renewed certificate keeps working");
      out.end();
    });
  });

  describe("a real worker renewing against a real master", () => {
    let master: MasterProc | undefined;
    let worker: Proc | undefined;
    after(async () => {
      await worker?.kill();
      await master?.cleanup();
    });

    it("stays online on its new certificate while the old one stops authenticating after the overlap, across a master restart", async () => {
      // Workers renew at two thirds of the lifetime: 40 s into a 60 s certificate.
      master = await startMasterProcess({ args: ["--node-cert-ttl", "60s", "--cert-renewal-overlap", "2s"] });
      const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "renewal" });
      const w = startWorker(master, { token: tok.token });
      worker = w;
      await w.waitForLog((r) => r.msg === "connected to master", 30_000);
      const old = { certPem: readFileSync(join(w.stateDir, "node.crt"), "utf8"), keyPem: readFileSync(join(w.stateDir, "node.key"), "utf8") };
      const caPem = readFileSync(join(master.dataDir, "tls", "ca.crt"), "utf8");
      const clientWith = (m: MasterProc) =>
        createClient(
          NodeService,
          createGrpcTransport({
            baseUrl: `https://${m.grpc}`,
            nodeOptions: {
              ca: caPem,
              cert: old.certPem,
              key: old.keyPem,
              checkServerIdentity: (_h: string, cert: PeerCertificate) => checkServerIdentity(MASTER_TLS_NAME, cert),
            },
          }),
        );
      assert.equal(await code(clientWith(master).heartbeat({})), "ok", "the enrollment certificate authenticates");
      await w.waitForLog((r) => r.msg === "certificate renewed", 90_000);
      const renewedAt = Date.now();
      const current = readFileSync(join(w.stateDir, "node.crt"), "utf8");
      assert.notEqual(new X509Certificate(current).serialNumber, new X509Certificate(old.certPem).serialNumber);
      const m = master;
      await waitFor(async () => (await code(clientWith(m).heartbeat({}))) === Code.Unauthenticated, 15_000, "the old certificate to be refused");
      assert.ok(Date.now() - renewedAt >= 1000, "the old certificate worked during the overlap");
      const node = (await master.api.get<{ items: { id: string; status: string }[] }>("/nodes")).items[0]!;
      await waitFor(
        async () => (await m.api.get<{ status: string }>(`/nodes/${node.id}`)).status === "online",
        15_000,
        "the worker online on its new certificate",
      );
      // The revocation is stored: a restarted master refuses the old certificate too and accepts the worker.
      master = await master.restart();
      const r = master;
      assert.equal(await code(clientWith(r).heartbeat({})), Code.Unauthenticated, "after a restart");
      await until(
        async () => (await r.api.get<{ status: string }>(`/nodes/${node.id}`)).status === "online",
        30_000,
        "the worker back online after the restart",
      );
    });
  });
});
