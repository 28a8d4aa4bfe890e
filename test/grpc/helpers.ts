import "reflect-metadata";
import { createHash, randomBytes, webcrypto } from "node:crypto";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { pino } from "pino";
import * as x509 from "@peculiar/x509";
import { create } from "@bufbuild/protobuf";
import assert from "node:assert/strict";
import { ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { formatJoinToken } from "@flotilla/shared";
import { HostFactsSchema, type HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { NodeService } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { MasterConfig } from "../../master/src/config.js";
import type { MasterContext } from "../../master/src/context.js";
import { openDb } from "../../master/src/db/client.js";
import { createEventBus } from "../../master/src/events/bus.js";
import { createEventStore } from "../../master/src/events/event-store.js";
import type { FleetEvent } from "../../master/src/events/types.js";
import { createGrpcServer, type GrpcServer, type GrpcServerDeps } from "../../master/src/grpc/index.js";
import { createLiveness, type LivenessOptions } from "../../master/src/liveness/index.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import { createPki, MASTER_TLS_NAME, type Pki } from "../../master/src/pki/index.js";
import { newId } from "../../master/src/ids.js";
import { testDatabase } from "../helpers/database.js";

/** TestMaster is an in-process gRPC side of the master on 127.0.0.1 with a fresh database. */
export interface TestMaster {
  ctx: MasterContext;
  pki: Pki;
  server: GrpcServer;
  port: number;
  /** events holds every published event, in order. */
  events: FleetEvent[];
  waitForEvent(type: string, pred?: (e: FleetEvent) => boolean, timeoutMs?: number): Promise<FleetEvent>;
  stop(): Promise<void>;
}

/** startMaster builds a MasterContext (real DB, real event bus, metrics) and starts the gRPC server. */
export async function startMaster(
  over: Partial<MasterConfig> = {},
  liveness: Partial<LivenessOptions> = {},
  grpc: Partial<GrpcServerDeps> = {},
): Promise<TestMaster> {
  const tdb = await testDatabase();
  const log = pino({ level: process.env.FLOTILLA_TEST_LOG ?? "silent" });
  const opened = await openDb(tdb.url, log);
  const metrics = createMetrics();
  const bus = createEventBus({ store: createEventStore(opened), log, metrics }, { flushIntervalMs: 50 });
  // Limits left out stay undefined, so the gRPC server uses its built-in defaults (as before).
  const config = {
    httpAddr: { host: "127.0.0.1", port: 0 },
    grpcAddr: { host: "127.0.0.1", port: 0 },
    dataDir: tdb.dir,
    databaseUrl: tdb.url,
    logLevel: "silent",
    grpcInsecure: false,
    tlsNames: [],
    heartbeatIntervalMs: 5000,
    heartbeatGraceMs: 10_000,
    enrollRateLimit: 1000,
    nodeCertTtlMs: 3_600_000,
    containerMetrics: false,
    metricsRetentionMs: 3_600_000,
    ...over,
  } as MasterConfig;
  const ctx: MasterContext = { config, log, db: opened.db, provider: opened.provider, bulk: opened.bulk, bus, metrics };
  const pki = await createPki(tdb.dir, { names: config.tlsNames });
  const server = createGrpcServer(ctx, { ...grpc, pki, liveness: createLiveness(ctx, { sweepMs: 50, statusFlushMs: 100, ...liveness }) });
  const { port } = await server.start();
  const events: FleetEvent[] = [];
  const waiters = new Set<() => void>();
  bus.subscribe((e) => {
    events.push(e);
    for (const w of waiters) w();
  });
  return {
    ctx,
    pki,
    server,
    port,
    events,
    waitForEvent(type, pred = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find((e) => e.type === type && pred(e));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} event within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async stop() {
      await server.stop(200);
      await bus.close();
      await opened.close();
      await tdb.cleanup();
    },
  };
}

/** TokenOptions shape a join token row. */
export interface TokenOptions {
  maxUses: number;
  expiresAt: Date;
  revokedAt: Date | null;
  labels: Record<string, string>;
}

/** createToken stores a join token and returns its string form. */
export async function createToken(m: TestMaster, o: Partial<TokenOptions> = {}): Promise<{ id: string; token: string; secret: string }> {
  const id = newId("jt");
  const secret = randomBytes(24).toString("base64url");
  await m.ctx.db.joinToken.create({
    data: {
      id,
      name: "test",
      secretHash: createHash("sha256").update(secret).digest("hex"),
      labels: JSON.stringify(o.labels ?? { env: "test" }),
      maxUses: o.maxUses ?? 1,
      expiresAt: o.expiresAt ?? new Date(Date.now() + 3_600_000),
      revokedAt: o.revokedAt ?? null,
    },
  });
  return { id, secret, token: formatJoinToken({ id, secret, caSha256: m.pki.caFingerprint }) };
}

/** makeCsr makes a P-256 key on the "host" and a CSR for it. */
export async function makeCsr(): Promise<{ keyPem: string; csrPem: string }> {
  const keys = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: "CN=worker", keys: keys as never, signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } },
    webcrypto as never,
  );
  const der = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { csrPem: csr.toString("pem"), keyPem: x509.PemConverter.encode(der, "PRIVATE KEY") };
}

/** facts returns plausible host facts. */
export function facts(over: Partial<Omit<HostFacts, "$typeName" | "$unknown">> = {}): HostFacts {
  return create(HostFactsSchema, {
    hostname: "host-a",
    os: "linux",
    arch: "x64",
    cpus: 2,
    memoryBytes: 1n << 30n,
    machineId: randomBytes(16).toString("hex"),
    agentVersion: "0.1.0",
    ...over,
  });
}

/** transport opens a real HTTP/2 TLS connection verifying the master as `flotilla-master`. */
export function transport(m: TestMaster, identity?: { certPem: string; keyPem: string }) {
  return createGrpcTransport({
    baseUrl: `https://127.0.0.1:${m.port}`,
    nodeOptions: {
      ca: m.pki.caPem,
      ...(identity ? { cert: identity.certPem, key: identity.keyPem } : {}),
      checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(MASTER_TLS_NAME, cert),
    },
  });
}

/** enrollmentClient is an EnrollmentService client without a client certificate. */
export function enrollmentClient(m: TestMaster): Client<typeof EnrollmentService> {
  return createClient(EnrollmentService, transport(m));
}

/** EnrolledNode is a node identity with a NodeService client using it. */
export interface EnrolledNode {
  nodeId: string;
  certPem: string;
  keyPem: string;
  client: Client<typeof NodeService>;
}

/** enrollNode enrolls with a fresh single-use token and returns a NodeService client. */
export async function enrollNode(m: TestMaster, f: Partial<HostFacts> = {}): Promise<EnrolledNode> {
  const { token } = await createToken(m);
  const { csrPem, keyPem } = await makeCsr();
  const res = await enrollmentClient(m).enroll({ token, csrPem, facts: facts(f) });
  return {
    nodeId: res.nodeId,
    certPem: res.certificatePem,
    keyPem,
    client: createClient(NodeService, transport(m, { certPem: res.certificatePem, keyPem })),
  };
}

/** Pushable is an async iterable the test writes into (a worker's outgoing stream). */
export interface Pushable<T> extends AsyncIterable<T> {
  push(v: T): void;
  end(): void;
}

/** pushable makes an unbounded async queue for request streams. */
export function pushable<T>(): Pushable<T> {
  const items: T[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  return {
    push(v) {
      items.push(v);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (items.length) yield items.shift()!;
        else if (ended) return;
        else await new Promise<void>((r) => (wake = r));
      }
    },
  };
}

/** until polls `fn` until it returns a truthy value or the time is up. */
export async function until<T>(fn: () => Promise<T> | T, timeoutMs = 3000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** rejected awaits a call that must fail and returns its error as a ConnectError. */
export async function rejected(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (err) {
    return ConnectError.from(err);
  }
  assert.fail("expected the call to be rejected");
}
