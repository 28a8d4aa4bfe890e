// Bare-transport baseline: a plain @grpc/grpc-js server with the master's TLS
// material (<data-dir>/tls, so the same enrolled identities connect), the same
// services and codecs (the generated protobuf-es code in shared), the same
// optional client certificate checked on every call, that decodes every
// message, answers at once and stores nothing. scripts/fleet-sim.mjs runs
// against it exactly as against the master; bench-fleet.mjs divides the
// master's CPU by this server's to see what Flotilla costs above transport.
//
//   node scripts/baseline-server.mjs --data-dir DIR [--grpc-addr 127.0.0.1:0] [--fleet 1000]
//
// Prints one JSON line with grpc_addr once listening. --fleet sets the fleet
// size the heartbeat interval is computed for (the master's own formula).
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { experimental, Server, status } from "@grpc/grpc-js";
import { EnrollmentService, EnrollResponseSchema } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import {
  GoodbyeResponseSchema,
  HeartbeatResponseSchema,
  NodeService,
  PushResponseSchema,
  RenewCertificateResponseSchema,
  SessionResponseSchema,
} from "@flotilla/shared/gen/flotilla/v1/node_pb.js";

const root = new URL("..", import.meta.url).pathname;
const { createPki } = await import(join(root, "master/dist/pki/index.js"));
const { heartbeatInterval } = await import(join(root, "master/dist/liveness/interval.js"));

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const dataDir = opt("data-dir", "");
if (!dataDir) {
  console.error("usage: baseline-server.mjs --data-dir DIR [--grpc-addr 127.0.0.1:0] [--fleet N]");
  process.exit(2);
}
const pki = await createPki(dataDir);
const caKey = new X509Certificate(pki.caPem).publicKey;
const intervalMs = heartbeatInterval(5000, Number(opt("fleet", 1000)));
const verified = new Map();
let seq = 0;

/** peerNode checks the client certificate like the master does (parse and verify once per certificate). */
function peerNode(call) {
  const peer = call.getAuthContext().sslPeerCertificate;
  if (!peer?.raw) throw { code: status.UNAUTHENTICATED, details: "a client certificate is required" };
  let id = verified.get(peer.fingerprint256);
  if (!id) {
    const cert = new X509Certificate(peer.raw);
    if (!cert.verify(caKey)) throw { code: status.UNAUTHENTICATED, details: "certificate not issued by this CA" };
    id = /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? "";
    verified.set(peer.fingerprint256, id);
  }
  return id;
}

function definition(service) {
  const def = {};
  for (const m of service.methods) {
    const stream = m.methodKind === "bidi_streaming";
    def[m.localName] = {
      path: `/${service.typeName}/${m.name}`,
      requestStream: stream,
      responseStream: stream,
      requestSerialize: (msg) => Buffer.from(toBinary(m.input, msg)),
      requestDeserialize: (b) => fromBinary(m.input, b),
      responseSerialize: (msg) => Buffer.from(toBinary(m.output, msg)),
      responseDeserialize: (b) => fromBinary(m.output, b),
    };
  }
  return def;
}

const unary = (fn) => (call, cb) => {
  Promise.resolve()
    .then(() => fn(call))
    .then(
      (r) => cb(null, r),
      (e) => cb(e.code ? e : { code: status.INTERNAL, details: String(e) }),
    );
};

const server = new Server({
  "grpc.max_receive_message_length": 16 * 1024 * 1024,
  "grpc.max_concurrent_streams": 64,
  "grpc.keepalive_time_ms": 30_000,
  "grpc.keepalive_timeout_ms": 10_000,
});
server.addService(definition(EnrollmentService), {
  enroll: unary(async (call) => {
    const nodeId = `node_baseline_${++seq}`;
    const cert = await pki.signCsr(call.request.csrPem, nodeId, 30 * 86_400_000);
    return create(EnrollResponseSchema, { nodeId, certificatePem: cert.certPem, caPem: pki.caPem });
  }),
});
server.addService(definition(NodeService), {
  heartbeat: unary((call) => (peerNode(call), create(HeartbeatResponseSchema, { intervalMs, ackedSeq: 0n }))),
  push: unary((call) => (peerNode(call), create(PushResponseSchema, { ackedSeq: call.request.seq }))),
  goodbye: unary((call) => (peerNode(call), create(GoodbyeResponseSchema, {}))),
  renewCertificate: unary(async (call) =>
    create(RenewCertificateResponseSchema, { certificatePem: (await pki.signCsr(call.request.csrPem, peerNode(call), 30 * 86_400_000)).certPem }),
  ),
  session: (call) => {
    let nodeId;
    try {
      nodeId = peerNode(call);
    } catch (e) {
      call.emit("error", e);
      return;
    }
    call.on("data", (msg) => {
      if (call.writableEnded) return;
      if (msg.kind.case === "hello")
        call.write(
          create(SessionResponseSchema, { kind: { case: "welcome", value: { nodeId, heartbeatIntervalMs: intervalMs, sessionHeartbeats: true } } }),
        );
      else if (msg.kind.case === "heartbeat")
        call.write(create(SessionResponseSchema, { kind: { case: "heartbeat", value: { intervalMs, ackedSeq: 0n } } }));
    });
    call.on("end", () => call.end());
    call.on("error", () => {});
  },
});

const provider = {
  addCaCertificateListener: (l) => queueMicrotask(() => l({ caCertificate: Buffer.from(pki.caPem) })),
  removeCaCertificateListener: () => undefined,
  addIdentityCertificateListener: (l) =>
    queueMicrotask(() => l({ certificate: Buffer.from(pki.serverChainPem), privateKey: Buffer.from(pki.serverKeyPem) })),
  removeIdentityCertificateListener: () => undefined,
};
const creds = experimental.createCertificateProviderServerCredentials(provider, provider, false);
const port = await new Promise((ok, fail) => server.bindAsync(opt("grpc-addr", "127.0.0.1:0"), creds, (e, p) => (e ? fail(e) : ok(p))));
console.log(JSON.stringify({ msg: "baseline listening", grpc_addr: `127.0.0.1:${port}`, heartbeat_interval_ms: intervalMs }));
const stop = () => server.tryShutdown(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
