import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { formatHostPort, type Logger } from "@flotilla/shared";
import { shareClusterIdentity } from "./cluster/identity.js";
import { relayEvents } from "./cluster/event-relay.js";
import { clusterScope, connectCluster } from "./cluster/nats.js";
import { clusterNodeControl } from "./cluster/node-deletion.js";
import { announceSupersedes, applySupersedes } from "./cluster/certificate-supersede.js";
import { clusterSessions } from "./cluster/command-relay.js";
import { replicateLiveData, type LiveData } from "./cluster/live-data.js";
import { clusterRevocations } from "./cluster/revocation.js";
import { clusterTickets } from "./cluster/tickets.js";
import { alwaysLeader, createPostgresLeadership } from "./cluster/leader.js";
import { createReplicaLiveness } from "./cluster/replica-liveness.js";
import type { MasterConfig } from "./config.js";
import type { MasterContext } from "./context.js";
import { openDb } from "./db/client.js";
import { createDbProbe } from "./db/probe.js";
import type { Provider } from "./db/types.js";
import { createEventBus } from "./events/bus.js";
import { createEventStore } from "./events/event-store.js";
import { createCommandRecorder } from "./commands/index.js";
import { createContainers } from "./containers/index.js";
import { createArtifacts } from "./downloads/artifacts.js";
import { createGrpcServer } from "./grpc/index.js";
import { createCoreServices, createHttpApp } from "./http/app.js";
import { attachContainerLogsWebSocket } from "./http/container-logs-ws.js";
import { resolveGrpcAdvertiseAddr } from "./http/routes/enrollment-tokens.js";
import { attachWebSocket } from "./http/ws.js";
import { createLiveness } from "./liveness/index.js";
import { createMetrics } from "./metrics/registry.js";
import { createPki } from "./pki/index.js";
import { ensureAdminUser } from "./services/users.js";
import { createLiveStreams } from "./services/live-streams.js";
import { createWsTicketService } from "./services/ws-tickets.js";
import { createScans } from "./scans/index.js";
import { createSessionRegistry } from "./sessions/index.js";
import { createTelemetry } from "./telemetry/index.js";
import { listenError, tightenDataDir } from "./startup.js";
import { createRetention, createRetentionStore } from "./retention/index.js";
import { createAlerts } from "./alerts/index.js";
import { createLabelIndex, createWebhooks } from "./webhooks/index.js";
import { createWebhookStore } from "./webhooks/webhook-store.js";

/** Master is a running (or ready to run) master process. */
export interface Master {
  provider: Provider;
  ctx: MasterContext;
  /** start binds gRPC then HTTP; resolves with the bound addresses. */
  start(): Promise<{ httpAddr: string; grpcAddr: string }>;
  /** stop drains streams, flushes writes and closes the database. */
  stop(budgetMs: number): Promise<void>;
}

/**
 * createMaster is the composition root: it opens and migrates the database,
 * loads the PKI, and builds the context, event bus, liveness, sessions and
 * every service, then hands them to the gRPC and HTTP adapters (REST,
 * WebSocket, UI). Nothing listens until start().
 */
export async function createMaster(config: MasterConfig, log: Logger): Promise<Master> {
  const metrics = createMetrics();
  const { db, provider, bulk, ping, close: closeDb } = await openDb(config.databaseUrl, log);
  const bus = createEventBus({ store: createEventStore({ db, provider, bulk }), log, metrics }, { retentionMs: 0 });
  const retention = createRetention(
    { store: createRetentionStore(db), log },
    {
      retentionMs: { events: config.eventRetentionMs, audit: config.auditRetentionMs, enrollment_attempts: config.enrollmentAttemptRetentionMs },
      intervalMs: 10 * 60_000,
      firstRunMs: 30_000,
    },
  );
  const ctx: MasterContext = { config, log, db, provider, bulk, bus, metrics };
  await ensureAdminUser(ctx);
  // Cluster mode: one CA and JWT key for every replica, before either is loaded.
  if (config.natsUrl) await shareClusterIdentity(ctx);
  const cluster = config.natsUrl ? await connectCluster(config.natsUrl, log, clusterScope(config.databaseUrl)) : undefined;
  // Cluster mode: WebSocket clients of this replica also get the other replicas' events.
  const relay = cluster ? relayEvents(bus, cluster) : undefined;
  const pki = await createPki(config.dataDir, { names: config.tlsNames });

  // Cluster mode: the replica holding a node's session owns its liveness; one leader runs the singletons.
  const replicas = cluster ? createReplicaLiveness(ctx, cluster) : undefined;
  const leadership = cluster ? createPostgresLeadership(config.databaseUrl, log) : alwaysLeader(log);
  leadership.add({ name: "retention", start: () => retention.start(), stop: () => retention.stop() });
  const liveness = createLiveness(ctx, {}, replicas?.peers);
  // Cluster mode: a command for a node whose session another replica holds is relayed to it over NATS.
  const clustered = cluster ? clusterSessions(createSessionRegistry(ctx), cluster, log) : undefined;
  const sessions = clustered ?? createSessionRegistry(ctx);
  let live: LiveData | undefined;
  const telemetry = createTelemetry(ctx, { exports: (id) => live?.exported(id) ?? true });
  // Cluster mode: every replica holds every node's series; /metrics shows only the nodes reporting here.
  live = cluster && clustered ? replicateLiveData({ bus: cluster, sessions: clustered, telemetry: () => telemetry, log }) : undefined;
  const grpc = createGrpcServer(ctx, {
    pki,
    liveness,
    sessions,
    ingest: (nodeId, push) => (live ?? telemetry).ingest(nodeId, push),
    spool: (nodeId, dropped, corrupt) => telemetry.store.spool(nodeId, dropped, corrupt),
    // Cluster mode: a certificate superseded by a renewal here is revoked at the same moment on every replica.
    ...(cluster ? { onSuperseded: announceSupersedes(cluster) } : {}),
  });
  if (cluster) applySupersedes(cluster, grpc.supersede);
  // Cluster mode: a deletion through any replica cuts the node's streams on all of them.
  const nodeControl = cluster ? clusterNodeControl(grpc.nodeControl, cluster) : grpc.nodeControl;
  const recorder = createCommandRecorder(ctx, sessions);
  const containers = createContainers({ recorder, sessions, inventory: live?.inventory ?? telemetry });
  const scans = createScans(ctx, { sessions, nodeControl: grpc.nodeControl, recorder });
  leadership.add({ name: "scheduler", ...scans.scheduler });
  if (replicas) {
    replicas.attach({ liveness, scans });
    leadership.add(replicas.sweep);
  }
  // Cluster mode: a revoked credential's streams are cut on every replica.
  const streams = createLiveStreams({ maxPerPrincipal: config.wsMaxPerUser });
  // Cluster mode: a WebSocket ticket from one replica opens a stream on any other, once.
  const core = createCoreServices(ctx, {
    streams: cluster ? clusterRevocations(streams, cluster) : streams,
    ...(cluster ? { wsTickets: clusterTickets(createWsTicketService(), cluster) } : {}),
  });

  // Cluster mode: labels follow every replica's node events (a node enrolled or relabelled through another one).
  const labels = createLabelIndex(relay?.feed ?? bus, createWebhookStore(ctx).nodeLabels);
  const webhooks = createWebhooks(ctx, { labels, ...(cluster ? { onChange: () => cluster.publish("webhooks.changed", {}) } : {}) });
  cluster?.subscribe("webhooks.changed", () => void webhooks.reload().catch((err) => log.warn({ err }, "webhook reload failed")));
  let uiBase = config.publicUrl ?? "";
  // Cluster mode: rules are evaluated on the leader only, over every replica's events, so an alert fires once.
  const alerts = createAlerts(ctx, {
    labels,
    isOnline: (id) => (replicas ?? grpc.nodeControl).isOnline(id),
    uiBase: () => uiBase,
    ...(relay && cluster ? { feed: relay.feed, onChange: () => cluster.publish("alerts.changed", {}) } : {}),
  });
  leadership.add(alerts.evaluation);
  cluster?.subscribe("alerts.changed", () => void alerts.reload().catch((err) => log.warn({ err }, "alert rule reload failed")));
  // Every key now exists; ones restored or copied with looser modes are made owner-only.
  tightenDataDir(config.dataDir, log);

  let ready = false;
  const dbAnswers = createDbProbe(ping);
  let advertise = config.advertiseGrpcAddr ?? formatHostPort(config.grpcAddr.host, config.grpcAddr.port);
  const http = createHttpApp({
    ctx,
    core,
    isReady: async () => ready && (await dbAnswers()),
    nodeControl,
    pki,
    grpcAdvertiseAddr: () => advertise,
    artifacts: createArtifacts(),
    telemetry,
    commands: recorder.records,
    containers,
    scans,
    webhooks: webhooks.service,
    alerts: alerts.service,
    channels: alerts.channels,
  });
  const server: Server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, http.callback);
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  const feed = attachWebSocket(server, ctx, {
    authenticate: http.authenticate,
    bus: relay?.feed ?? bus,
    tickets: core.wsTickets,
    streams: core.streams,
  });
  const logs = attachContainerLogsWebSocket(server, ctx, {
    authenticate: feed.authenticate,
    recorder,
    targets: containers.targets,
    streams: core.streams,
  });

  return {
    provider,
    ctx,
    async start() {
      const { port: grpcPort } = await grpc.start();
      // Replicas adopt only the scans of replicas that are gone (the leader's sweep), never a live one's.
      await scans.start({ recover: !cluster, scheduler: false });
      await labels.start();
      await webhooks.start();
      await alerts.start();
      advertise = await resolveGrpcAdvertiseAddr(config, grpcPort);
      await new Promise<void>((ok, fail) => {
        server.once("error", (err) => fail(listenError("--http-addr", formatHostPort(config.httpAddr.host, config.httpAddr.port), err)));
        server.listen(config.httpAddr.port, config.httpAddr.host, () => ok());
      });
      ready = true;
      await leadership.start();
      const h = server.address() as AddressInfo;
      if (!uiBase) uiBase = `http://${formatHostPort(config.httpAddr.host === "0.0.0.0" ? "localhost" : config.httpAddr.host, h.port)}`;
      return { httpAddr: formatHostPort(config.httpAddr.host, h.port), grpcAddr: formatHostPort(config.grpcAddr.host, grpcPort) };
    },
    async stop(budgetMs) {
      ready = false;
      const began = Date.now();
      const left = () => budgetMs - (Date.now() - began);
      await leadership.stop();
      const httpClosed = new Promise<void>((ok) => server.close(() => ok()));
      await feed.close();
      // Sessions stay open while scans drain, so results already on their way arrive and are stored.
      await scans.stop(Math.min(3_000, budgetMs / 3));
      await logs.close();
      await recorder.idle(Math.max(200, Math.min(2_000, left() - 4_000)));
      // Accepted calls (pushes) complete before the server closes, like GracefulStop.
      await grpc.stop(Math.max(1_000, left() - 1_500));
      for (const s of sockets) s.destroy();
      await httpClosed;
      await telemetry.close();
      await bus.flush();
      await core.refusals.close();
      await alerts.stop();
      await webhooks.stop();
      labels.stop();
      relay?.stop();
      live?.stop();
      clustered?.stop();
      replicas?.stop();
      await bus.close();
      await cluster?.close();
      await closeDb();
    },
  };
}
