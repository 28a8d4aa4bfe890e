import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { formatHostPort, type Logger } from "@flotilla/shared";
import type { MasterConfig } from "./config.js";
import type { MasterContext } from "./context.js";
import { openDb } from "./db/client.js";
import type { Provider } from "./db/types.js";
import { createEventBus } from "./events/bus.js";
import { createGrpcServer } from "./grpc/index.js";
import { createHttpApp } from "./http/app.js";
import { resolveGrpcAdvertiseAddr } from "./http/routes/enrollment-tokens.js";
import { attachWebSocket } from "./http/ws.js";
import { createMetrics } from "./metrics/registry.js";
import { createPki } from "./pki/index.js";
import { ensureAdminUser } from "./services/users.js";
import { createContainerOps } from "./commands/index.js";
import { createScans } from "./scans/index.js";
import { createTelemetry } from "./telemetry/index.js";
import { listenError } from "./startup.js";
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
 * loads the PKI, and builds the event bus, telemetry, the gRPC side
 * (liveness, sessions, enrollment) and the HTTP side (REST, WebSocket, UI).
 * Nothing listens until start().
 */
export async function createMaster(config: MasterConfig, log: Logger): Promise<Master> {
  const metrics = createMetrics();
  const { db, provider, close: closeDb } = await openDb(config.databaseUrl, log);
  const bus = createEventBus({ db, log, metrics });
  const ctx: MasterContext = { config, log, db, provider, bus, metrics };
  await ensureAdminUser(ctx);
  const pki = await createPki(config.dataDir, { names: config.tlsNames });

  const telemetry = createTelemetry(ctx);
  const grpc = createGrpcServer(ctx, { pki, ingest: (nodeId, push) => telemetry.ingest(nodeId, push) });
  const containerOps = createContainerOps(ctx, { sessions: grpc.sessions, nodeControl: grpc.nodeControl, containers: telemetry });
  const scans = createScans(ctx, { sessions: grpc.sessions, nodeControl: grpc.nodeControl, recorder: containerOps.recorder });

  const labels = createLabelIndex(bus, createWebhookStore(ctx).nodeLabels);
  const webhooks = createWebhooks(ctx, { labels });
  let uiBase = config.publicUrl ?? "";
  const alerts = createAlerts(ctx, { labels, isOnline: (id) => grpc.nodeControl.isOnline(id), uiBase: () => uiBase });

  let ready = false;
  let advertise = config.advertiseGrpcAddr ?? formatHostPort(config.grpcAddr.host, config.grpcAddr.port);
  const http = createHttpApp(ctx, {
    isReady: () => ready,
    nodeControl: grpc.nodeControl,
    pki,
    grpcAdvertiseAddr: () => advertise,
    telemetry,
    containerOps,
    scans,
    automation: { routes: [...webhooks.routes, ...alerts.routes] },
  });
  const server: Server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, http.callback);
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  const feed = attachWebSocket(server, ctx, { authenticate: http.authenticate, bus, tickets: http.core.wsTickets });
  containerOps.attachLogsWebSocket(server, feed.authenticate);

  return {
    provider,
    ctx,
    async start() {
      const { port: grpcPort } = await grpc.start();
      await scans.start();
      await labels.start();
      await webhooks.start();
      await alerts.start();
      advertise = await resolveGrpcAdvertiseAddr(config, grpcPort);
      await new Promise<void>((ok, fail) => {
        server.once("error", (err) => fail(listenError("--http-addr", formatHostPort(config.httpAddr.host, config.httpAddr.port), err)));
        server.listen(config.httpAddr.port, config.httpAddr.host, () => ok());
      });
      ready = true;
      const h = server.address() as AddressInfo;
      if (!uiBase) uiBase = `http://${formatHostPort(config.httpAddr.host === "0.0.0.0" ? "localhost" : config.httpAddr.host, h.port)}`;
      return { httpAddr: formatHostPort(config.httpAddr.host, h.port), grpcAddr: formatHostPort(config.grpcAddr.host, grpcPort) };
    },
    async stop(budgetMs) {
      ready = false;
      const httpClosed = new Promise<void>((ok) => server.close(() => ok()));
      await feed.close();
      await scans.stop();
      await containerOps.stop();
      await grpc.stop(Math.max(1_000, budgetMs - 3_000));
      for (const s of sockets) s.destroy();
      await httpClosed;
      await telemetry.close();
      await bus.flush();
      await alerts.stop();
      await webhooks.stop();
      labels.stop();
      await bus.close();
      await closeDb();
    },
  };
}
