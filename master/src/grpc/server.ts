import { format } from "node:util";
import { experimental, Server, ServerCredentials, setLogger, type ConnectionInjector } from "@grpc/grpc-js";
import { formatHostPort } from "@flotilla/shared";
import { listenError } from "../startup.js";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { NodeService } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { MasterContext } from "../context.js";
import { createLiveness, type Liveness } from "../liveness/index.js";
import type { NodeControl } from "../node-control.js";
import type { Pki } from "../pki/index.js";
import { createEnrollmentService } from "../services/enrollment.js";
import { createRateLimiter } from "../services/rate-limit.js";
import { createSessionRegistry, type SessionRegistry } from "../sessions/index.js";
import { serviceDefinition } from "./adapter.js";
import { createAdmission, type AdmissionOptions } from "./admission.js";
import { createAuthenticator } from "./auth.js";
import { createNodeStore } from "../services/node-store.js";
import { enrollmentHandlers } from "./enrollment-service.js";
import { listenGated, type GatedListener } from "./connection-gate.js";
import { peerAddress } from "./peer.js";
import { implement } from "./handlers.js";
import { createNodeControl } from "./node-control.js";
import { nodeHandlers, type IngestHook } from "./node-service.js";
import type { SpoolReportHook } from "./heartbeat.js";
import { createPushTracker } from "./push-tracker.js";
import { addHealth, addReflection } from "./reflection.js";

/** GrpcServerDeps are what the gRPC server needs besides the context. */
export interface GrpcServerDeps {
  pki: Pki;
  liveness?: Liveness;
  sessions?: SessionRegistry;
  ingest?: IngestHook;
  spool?: SpoolReportHook;
  /** Max messages size received, bytes. */
  maxReceiveBytes?: number;
  /** Max concurrent streams per HTTP/2 connection. */
  maxConcurrentStreams?: number;
  /** Max calls handled at once per service (RESOURCE_EXHAUSTED beyond). */
  maxInFlight?: number;
  /** Overload policy: session admission rate, telemetry shedding. */
  admission?: Partial<AdmissionOptions>;
  /** onSuperseded hears of every certificate a renewal here superseded (cluster mode tells the other replicas). */
  onSuperseded?: (nodeId: string, serials: string[], atMs: number) => void;
}

/** GrpcServer is the master's gRPC listener with its node-facing components. */
export interface GrpcServer {
  start(): Promise<{ port: number }>;
  /** stop drains calls for up to graceMs, then cuts the rest and flushes liveness writes. */
  stop(graceMs?: number): Promise<void>;
  liveness: Liveness;
  sessions: SessionRegistry;
  nodeControl: NodeControl;
  /** supersede applies a renewal made elsewhere: `serials` are refused from `atMs` on and the node's live calls made with them end then. */
  supersede(nodeId: string, serials: string[], atMs: number): void;
}

/**
 * limitReceive lowers the request size limit of one call before its first
 * byte is read, so an oversized unauthenticated Enroll is refused at its
 * length prefix instead of being buffered up to the server-wide limit.
 * grpc-js has no per-method limit; the base call's decoder is the place
 * the server-wide one is enforced.
 */
function limitReceive<T>(call: T, maxBytes: number): T {
  const c = call as unknown as { maxReceiveMessageSize?: number; decoder?: { maxReadMessageLength?: number } };
  if (typeof c.decoder?.maxReadMessageLength === "number") c.decoder.maxReadMessageLength = maxBytes;
  if (typeof c.maxReceiveMessageSize === "number") c.maxReceiveMessageSize = maxBytes;
  return call;
}

/** staticProvider serves the PKI's material; listeners are called after registration completes, as grpc-js expects. */
function staticProvider(pki: Pki): experimental.CertificateProvider {
  return {
    addCaCertificateListener: (l) => queueMicrotask(() => l({ caCertificate: Buffer.from(pki.caPem) })),
    removeCaCertificateListener: () => undefined,
    addIdentityCertificateListener: (l) =>
      queueMicrotask(() => l({ certificate: Buffer.from(pki.serverChainPem), privateKey: Buffer.from(pki.serverKeyPem) })),
    removeIdentityCertificateListener: () => undefined,
  };
}

/**
 * createGrpcServer assembles EnrollmentService, NodeService, health and
 * reflection on one grpc-js server. TLS asks for a client certificate
 * without requiring it (enrollment has none); NodeService checks it per call.
 */
export function createGrpcServer(ctx: MasterContext, deps: GrpcServerDeps): GrpcServer {
  const log = ctx.log.child({ component: "grpc" });
  // grpc-js's own diagnostics join the JSON log instead of plain stderr lines.
  setLogger({ error: (...a: unknown[]) => log.debug({ grpc_js: format(...a) }, "grpc-js") });
  const liveness = deps.liveness ?? createLiveness(ctx);
  const sessions = deps.sessions ?? createSessionRegistry(ctx);
  const pushes = createPushTracker();
  const admission = createAdmission({
    ...(ctx.config.grpcSessionRate ? { sessionsPerSecond: ctx.config.grpcSessionRate } : {}),
    ...(ctx.config.grpcSessionBurst ? { sessionBurst: ctx.config.grpcSessionBurst } : {}),
    ...(ctx.config.grpcMaxPushes ? { maxPushesInFlight: ctx.config.grpcMaxPushes } : {}),
    ...(ctx.config.grpcShedLagMs ? { maxLagMs: ctx.config.grpcShedLagMs } : {}),
    ...deps.admission,
  });
  const auth = createAuthenticator({ nodes: createNodeStore(ctx), pki: deps.pki, log });
  const limiter = createRateLimiter({ limit: ctx.config.enrollRateLimit });
  const enrollment = createEnrollmentService(ctx, {
    pki: deps.pki,
    limiter,
    onEnrolled: (nodeId) => {
      auth.nodeAdded(nodeId);
      liveness.nodeAdded();
    },
  });
  const nodeControl = createNodeControl({ auth, sessions, liveness, pushes });
  // A connection on which a node authenticated no longer counts against its source's unauthenticated cap.
  const nodeAuth: typeof auth = {
    ...auth,
    async authenticate(c) {
      const id = await auth.authenticate(c);
      gate?.authenticated(c.raw.getPeer());
      return id;
    },
    supersede(nodeId, serials, atMs) {
      auth.supersede(nodeId, serials, atMs);
      deps.onSuperseded?.(nodeId, serials, atMs);
    },
  };
  const implOpts = { metrics: ctx.metrics, log, maxInFlight: deps.maxInFlight ?? 4096 };
  const cfg = ctx.config;
  const enrollOpts = { ...implOpts, maxInFlight: cfg.enrollMaxConcurrent ?? 64 };
  const perSource = cfg.enrollMaxConcurrentPerSource ?? 16;

  const enrollPath = `/${EnrollmentService.typeName}/Enroll`;
  const enrollMax = cfg.enrollMaxMessageBytes ?? 32 * 1024;
  const server = new Server({
    interceptors: [(method, call) => (method.path === enrollPath ? limitReceive(call, enrollMax) : call) as never],
    // Checked against each message's length prefix, before the body is buffered.
    "grpc.max_receive_message_length": deps.maxReceiveBytes ?? cfg.grpcMaxMessageBytes ?? 8 * 1024 * 1024,
    "grpc.max_send_message_length": 16 * 1024 * 1024,
    "grpc.max_concurrent_streams": deps.maxConcurrentStreams ?? cfg.grpcMaxStreams ?? 16,
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    // Rebalancing across replicas: grpc-js adds ±10 % jitter; the session stream then ends and the worker reconnects.
    ...(cfg.maxConnectionAgeMs ? { "grpc.max_connection_age_ms": cfg.maxConnectionAgeMs, "grpc.max_connection_age_grace_ms": 5_000 } : {}),
  });
  server.addService(
    serviceDefinition(EnrollmentService, { Enroll: cfg.enrollMaxMessageBytes ?? 32 * 1024 }),
    implement(EnrollmentService, enrollmentHandlers(enrollment, { maxPerSource: perSource }), {
      ...enrollOpts,
      onMalformed: (err, call) => enrollment.refuseMalformed(err, peerAddress(call.raw.getPeer())),
    }),
  );
  server.addService(
    serviceDefinition(NodeService),
    implement(
      NodeService,
      nodeHandlers({ ctx, pki: deps.pki, auth: nodeAuth, liveness, sessions, pushes, admission, ingest: deps.ingest, spool: deps.spool }),
      implOpts,
    ),
  );
  const setHealth = addHealth(server);
  addReflection(server);

  const credentials = ctx.config.grpcInsecure
    ? ServerCredentials.createInsecure()
    : experimental.createCertificateProviderServerCredentials(staticProvider(deps.pki), staticProvider(deps.pki), false);

  let injector: ConnectionInjector | undefined;
  let gate: GatedListener | undefined;
  let lastRefusedLog = 0;
  const refusedLog = (source: string) => {
    if (Date.now() - lastRefusedLog < 10_000) return;
    lastRefusedLog = Date.now();
    log.warn({ source, max_per_source: cfg.grpcMaxConnectionsPerSource }, "gRPC connection refused: too many open connections from this address");
  };

  return {
    liveness,
    sessions,
    nodeControl,
    supersede: (nodeId, serials, atMs) => auth.supersede(nodeId, serials, atMs),
    async start() {
      await auth.start();
      await liveness.start();
      const { host, port } = ctx.config.grpcAddr;
      const addr = formatHostPort(host, port);
      injector = server.createConnectionInjector(credentials);
      gate = await listenGated(injector, host, port, {
        maxPerSource: cfg.grpcMaxConnectionsPerSource ?? 256,
        onRefused: (source) => {
          ctx.metrics.grpcConnectionsRefused.inc();
          refusedLog(source);
        },
      }).catch((err: Error) => {
        throw listenError("--grpc-addr", addr, err);
      });
      const bound = gate.port;
      if (ctx.config.grpcInsecure) log.warn("gRPC is served WITHOUT TLS (--grpc-insecure)");
      return { port: bound };
    },
    async stop(graceMs = 5_000) {
      setHealth("NOT_SERVING");
      const closed = gate?.close();
      sessions.closeAll();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      injector?.destroy();
      await closed;
      await liveness.stop();
      auth.stop();
      admission.close();
      await enrollment.close();
    },
  };
}
