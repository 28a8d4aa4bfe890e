import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { PushRequestSchema, type PushRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { pino } from "pino";
import type { MasterContext } from "../../master/src/context.js";
import { openDb } from "../../master/src/db/client.js";
import { createHttpApp } from "../../master/src/http/app.js";
import { parseTrustedProxies } from "../../master/src/http/middleware/forwarded.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import { createTelemetry, type Telemetry, type TelemetryOptions } from "../../master/src/telemetry/index.js";
import { testDatabase } from "../helpers/database.js";
import { createInMemoryTestEventBus, createTestServices } from "../http/helpers.js";

/** Harness is a telemetry pipeline on a fresh database, served by the real HTTP app. */
export interface Harness {
  ctx: MasterContext;
  telemetry: Telemetry;
  events: ReturnType<typeof createInMemoryTestEventBus>["events"];
  /** get calls the REST API as the admin. */
  get(path: string): Promise<{ status: number; body: any }>;
  addNode(id: string, name: string): Promise<void>;
  close(): Promise<void>;
}

let seq = 0n;

/** push builds a PushRequest with the next sequence number. */
export function push(payload: PushRequest["payload"]): PushRequest {
  seq += 1n;
  return create(PushRequestSchema, { seq, payload });
}

/** startHarness builds context, telemetry and HTTP app; the admin is set up and logged in. */
export async function startHarness(opts: { containerMetrics?: boolean; telemetry?: Partial<TelemetryOptions> } = {}): Promise<Harness> {
  const tdb = await testDatabase();
  const log = pino({ level: "silent" });
  const { db, provider, bulk, close: closeDb } = await openDb(tdb.url, log);
  const bus = createInMemoryTestEventBus(bulk);
  const ctx: MasterContext = {
    config: {
      dataDir: tdb.dir,
      metricsRetentionMs: 3_600_000,
      containerMetrics: opts.containerMetrics ?? false,
      trustedProxies: parseTrustedProxies(""),
    } as MasterContext["config"],
    log,
    db,
    provider,
    bulk,
    bus,
    metrics: createMetrics(),
  };
  const telemetry = createTelemetry(ctx, { options: opts.telemetry ?? {} });
  const services = createTestServices(ctx, { telemetry, grpcAdvertiseAddr: "127.0.0.1:50051" });
  const http = createHttpApp(services);
  const server: Server = createServer(http.callback);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "correct horse battery" }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "correct horse battery" }),
  });
  const token = ((await login.json()) as { access_token: string }).access_token;
  return {
    ctx,
    telemetry,
    events: bus.events,
    async get(path) {
      const res = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: await res.json() };
    },
    async addNode(id, name) {
      await db.node.create({
        data: { id, name, hostname: name, machineId: `m-${id}`, certSerial: `s-${id}`, certExpiresAt: new Date(Date.now() + 86_400_000) },
      });
      bus.publish("node.updated", { name }, id);
      await new Promise((ok) => setTimeout(ok, 120));
    },
    async close() {
      await services.stop();
      await telemetry.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await closeDb();
      await tdb.cleanup();
    },
  };
}
