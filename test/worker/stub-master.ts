import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { createSecureServer, type Http2SecureServer } from "node:http2";
import type { AddressInfo } from "node:net";
import * as x509 from "@peculiar/x509";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { caFingerprint, formatJoinToken, parseJoinToken } from "@flotilla/shared";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { NodeService, SessionResponseSchema, type SessionRequest, type SessionResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { PushRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { makeCa, makeLeaf, type TestCert } from "./pki-fixture.js";

type Crypto = Parameters<typeof x509.X509CertificateGenerator.create>[1];

/**
 * StubMaster is a stand-in for the master's gRPC API over real TLS (HTTP/2,
 * server chain = leaf + CA) used to drive the worker agent end to end. It
 * records what the worker sent.
 */
export interface StubMaster {
  port: number;
  ca: TestCert;
  token: string;
  pushes: PushRequest[];
  hellos: SessionRequest[];
  results: SessionRequest[];
  goodbyes: string[];
  heartbeats: number;
  /** When true, the welcome offers heartbeats on the session stream. */
  sessionHeartbeats: boolean;
  /** Heartbeats received on session streams. */
  sessionBeats: number;
  /** When true, session heartbeats are received but never answered, until the next session opens. */
  muteSessionBeats: boolean;
  /** Next session: send these messages after the welcome. */
  queue: SessionResponse[];
  /** When true, NodeService answers UNAUTHENTICATED (node deleted). */
  rejectNode: boolean;
  /** When true, Push fails with UNAVAILABLE (nothing acked). */
  failPush: boolean;
  enrollments: number;
  close(): Promise<void>;
}

/** startStubMaster listens on 127.0.0.1 with a fresh CA and returns a valid join token for it. */
export async function startStubMaster(certLifetimeMs = 86_400_000): Promise<StubMaster> {
  const ca = await makeCa("Stub Master CA");
  const server = await makeLeaf(ca, { cn: "flotilla-master", dns: ["flotilla-master"] });
  const secret = "S".repeat(32);
  const stub: StubMaster = {
    port: 0,
    ca,
    token: formatJoinToken({ id: "tok_stubstub", secret, caSha256: caFingerprint(ca.certPem) }),
    pushes: [],
    hellos: [],
    results: [],
    goodbyes: [],
    heartbeats: 0,
    sessionHeartbeats: false,
    sessionBeats: 0,
    muteSessionBeats: false,
    queue: [],
    rejectNode: false,
    failPush: false,
    enrollments: 0,
    close: async () => {},
  };
  let acked = 0n;
  const guard = () => {
    if (stub.rejectNode) throw new ConnectError("unknown node", Code.Unauthenticated);
  };
  const routes = (router: ConnectRouter) => {
    router.service(EnrollmentService, {
      async enroll(req) {
        if (parseJoinToken(req.token)?.secret !== secret) throw new ConnectError("bad_secret", Code.Unauthenticated);
        stub.enrollments++;
        const csr = new x509.Pkcs10CertificateRequest(req.csrPem);
        const cert = await x509.X509CertificateGenerator.create(
          {
            serialNumber: "0a0b",
            subject: "CN=node_stub1",
            issuer: ca.cert.subject,
            notBefore: new Date(Date.now() - 1000),
            notAfter: new Date(Date.now() + certLifetimeMs),
            publicKey: csr.publicKey,
            signingKey: (ca.keys as unknown as { privateKey: never }).privateKey,
            signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
          },
          webcrypto as unknown as Crypto,
        );
        return { nodeId: "node_stub1", certificatePem: cert.toString("pem"), caPem: ca.certPem };
      },
    });
    router.service(NodeService, {
      heartbeat() {
        guard();
        stub.heartbeats++;
        return { intervalMs: 100, ackedSeq: acked };
      },
      push(req) {
        guard();
        if (stub.failPush) throw new ConnectError("busy", Code.Unavailable);
        const duplicate = req.seq <= acked;
        if (!duplicate) {
          stub.pushes.push(req);
          acked = req.seq;
        }
        return { ackedSeq: acked, duplicate };
      },
      goodbye(req) {
        guard();
        stub.goodbyes.push(req.reason);
        return {};
      },
      renewCertificate() {
        throw new ConnectError("not in stub", Code.Unimplemented);
      },
      async *session(reqs) {
        guard();
        const it = reqs[Symbol.asyncIterator]();
        const first = await it.next();
        if (first.done || first.value.kind.case !== "hello") throw new ConnectError("hello first", Code.InvalidArgument);
        stub.hellos.push(first.value);
        stub.muteSessionBeats = false;
        yield create(SessionResponseSchema, {
          kind: { case: "welcome", value: { nodeId: "node_stub1", heartbeatIntervalMs: 100, sessionHeartbeats: stub.sessionHeartbeats } },
        });
        for (const m of stub.queue.splice(0)) yield m;
        for (;;) {
          const n = await it.next();
          if (n.done) return;
          if (n.value.kind.case === "result") stub.results.push(n.value);
          if (n.value.kind.case === "heartbeat") {
            stub.sessionBeats++;
            if (!stub.muteSessionBeats)
              yield create(SessionResponseSchema, { kind: { case: "heartbeat", value: { intervalMs: 100, ackedSeq: acked } } });
          }
        }
      },
    });
  };
  const http2: Http2SecureServer = createSecureServer(
    { cert: `${server.certPem.trim()}\n${ca.certPem.trim()}\n`, key: server.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false },
    connectNodeAdapter({ routes, grpc: true, connect: false, grpcWeb: false }),
  );
  await new Promise<void>((r) => http2.listen(0, "127.0.0.1", r));
  stub.port = (http2.address() as AddressInfo).port;
  const sessions = new Set<import("node:http2").ServerHttp2Session>();
  http2.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });
  stub.close = () =>
    new Promise<void>((r) => {
      for (const s of sessions) s.destroy();
      http2.close(() => r());
    });
  return stub;
}
