import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import type { MasterContext } from "../../master/src/context.js";
import { openDb } from "../../master/src/db/client.js";
import type { BulkWriter } from "../../master/src/db/bulk.js";
import { isDurable, type EventBus, type EventListener, type FleetEvent, type FlushParticipant } from "../../master/src/events/types.js";
import { createCommandRecorder } from "../../master/src/commands/index.js";
import { createContainers } from "../../master/src/containers/index.js";
import { createArtifacts } from "../../master/src/downloads/artifacts.js";
import { createCoreServices, createHttpApp, type CoreServicesOptions, type HttpApp } from "../../master/src/http/app.js";
import type { Services } from "../../master/src/http/services.js";
import { newId } from "../../master/src/ids.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import type { NodeControl } from "../../master/src/node-control.js";
import { createPki } from "../../master/src/pki/index.js";
import { createScans, type Scans } from "../../master/src/scans/index.js";
import { createSessionRegistry, type SessionRegistry } from "../../master/src/sessions/index.js";
import { createTelemetry, type Telemetry } from "../../master/src/telemetry/index.js";
import { testDatabase } from "../helpers/database.js";
import { loadMasterConfig } from "../../master/src/config.js";
import { createLabelIndex, createWebhooks } from "../../master/src/webhooks/index.js";
import { createAlerts } from "../../master/src/alerts/index.js";
import { createWebhookStore } from "../../master/src/webhooks/webhook-store.js";

/**
 * createInMemoryTestEventBus is a test-only EventBus keeping events in an
 * array; its flush participants (webhook deliveries) store their rows for
 * each tick's durable events.
 */
export function createInMemoryTestEventBus(bulk?: BulkWriter): EventBus & { events: FleetEvent[] } {
  const events: FleetEvent[] = [];
  const listeners = new Set<EventListener>();
  const participants = new Set<FlushParticipant>();
  let pending: FleetEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length)
      flushing = flushing.then(async () => {
        const joined = [...participants].flatMap((p) => p.prepare(batch) ?? []);
        const writes = joined.flatMap((w) => w.writes);
        if (writes.length && !bulk) throw new Error("this test bus has no database for its participants' writes");
        if (writes.length) await bulk!.run(writes);
        for (const w of joined) w.committed();
      });
    return flushing;
  };
  return {
    events,
    publish(type, data, nodeId) {
      const e: FleetEvent = { id: newId("evt"), type, ts: new Date().toISOString(), data, ...(nodeId ? { node_id: nodeId } : {}) };
      events.push(e);
      if (isDurable(type) && participants.size && pending.push(e) === 1) setImmediate(() => void flush());
      for (const l of listeners) l(e);
      return e;
    },
    join(p) {
      participants.add(p);
      return () => participants.delete(p);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async list(o) {
      let out = events.filter(
        (e) =>
          (!o.afterId || e.id > o.afterId) &&
          (!o.types || o.types.includes(e.type)) &&
          !o.excludeTypes?.includes(e.type) &&
          (!o.nodeId || e.node_id === o.nodeId),
      );
      if (o.order === "desc") out = out.reverse();
      return out.slice(0, o.limit);
    },
    async count(o) {
      return events.filter(
        (e) => (!o.types || o.types.includes(e.type)) && !o.excludeTypes?.includes(e.type) && (!o.nodeId || e.node_id === o.nodeId),
      ).length;
    },
    flush,
    close: async () => undefined,
  };
}

/** idleNodeControl is a NodeControl with no connected workers. */
export const idleNodeControl: NodeControl = { nodeDeleted: () => undefined, isOnline: () => false, onlineCount: () => 0 };

/** TestServicesOptions override parts of the full service record. */
export interface TestServicesOptions extends CoreServicesOptions {
  nodeControl?: NodeControl;
  sessions?: SessionRegistry;
  telemetry?: Telemetry;
  scans?: Scans;
  pki?: { caPem: string; caFingerprint: string };
  grpcAdvertiseAddr?: string;
  isReady?: () => boolean;
}

/** TestServices is the full service record plus the parts a test may drive or stop. */
export type TestServices = Omit<Services, "routes"> & {
  sessions: SessionRegistry;
  telemetry: Telemetry;
  scansComponent: Scans;
  stop(): Promise<void>;
};

/**
 * createTestServices builds every service the master builds (real telemetry,
 * command recorder, container service and scans on the real session
 * registry), so the HTTP app serves the whole registry.
 */
export function createTestServices(ctx: MasterContext, o: TestServicesOptions = {}): TestServices {
  const sessions = o.sessions ?? createSessionRegistry({ log: ctx.log, metrics: ctx.metrics });
  const nodeControl = o.nodeControl ?? idleNodeControl;
  const telemetry = o.telemetry ?? createTelemetry(ctx);
  const recorder = createCommandRecorder(ctx, sessions);
  const scans = o.scans ?? createScans(ctx, { sessions, nodeControl, recorder });
  const advertise = o.grpcAdvertiseAddr ?? "127.0.0.1:50051";
  const labels = createLabelIndex(ctx.bus, createWebhookStore(ctx).nodeLabels);
  const alerts = createAlerts(ctx, { labels, isOnline: () => false, uiBase: () => "http://127.0.0.1" });
  return {
    ctx,
    core: createCoreServices(ctx, o),
    isReady: o.isReady ?? (() => true),
    nodeControl,
    pki: o.pki ?? { caPem: "", caFingerprint: "" },
    grpcAdvertiseAddr: () => advertise,
    // The ~100 MB single executable is tested on a real master (test/deploy/sea.test.ts);
    // here its routes answer 404 so route sweeps do not download it again and again.
    artifacts: { ...createArtifacts(), executable: () => null },
    telemetry,
    commands: recorder.records,
    containers: createContainers({ recorder, sessions, inventory: telemetry }),
    scans,
    webhooks: createWebhooks(ctx, { labels }).service,
    alerts: alerts.service,
    channels: alerts.channels,
    sessions,
    scansComponent: scans,
    async stop() {
      await scans.stop();
      await recorder.idle(2_000);
      if (!o.telemetry) await telemetry.close();
    },
  };
}

/** Reply is a parsed HTTP answer. */
export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** TestServer is the HTTP app served on 127.0.0.1 with a fresh database. */
export interface TestServer {
  url: string;
  ctx: MasterContext;
  http: HttpApp;
  ready: { value: boolean };
  /** call sends a request; `json` is serialised with the JSON content type. */
  call(method: string, path: string, opts?: { json?: unknown; body?: RequestInit["body"]; headers?: Record<string, string> }): Promise<Reply>;
  close(): Promise<void>;
}

/** startTestServer builds a MasterContext on a fresh database and serves createHttpApp on a free port. */
export async function startTestServer(deps: TestServicesOptions & { uiDir?: string } = {}): Promise<TestServer> {
  const tdb = await testDatabase();
  const log = pino({ level: process.env.FLOTILLA_TEST_LOG ?? "silent" });
  const { db, provider, bulk, close: closeDb } = await openDb(tdb.url, log);
  const ctx: MasterContext = {
    config: {
      ...loadMasterConfig(["--data-dir", tdb.dir, "--database-url", tdb.url], {}),
      grpcAddr: { host: "127.0.0.1", port: 50051 },
      httpAddr: { host: "127.0.0.1", port: 0 },
    },
    log,
    db,
    provider,
    bulk,
    bus: createInMemoryTestEventBus(bulk),
    metrics: createMetrics(),
  };
  const pki = await createPki(tdb.dir);
  const ready = { value: false };
  const services = createTestServices(ctx, { pki: { caPem: pki.caPem, caFingerprint: pki.caFingerprint }, isReady: () => ready.value, ...deps });
  const http = createHttpApp(services, deps.uiDir ? { uiDir: deps.uiDir } : {});
  const server: Server = createServer(http.callback);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ctx,
    http,
    ready,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      let body = opts.body;
      if (opts.json !== undefined) {
        body = JSON.stringify(opts.json);
        headers["content-type"] ??= "application/json";
      }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      await services.stop();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await closeDb();
      await tdb.cleanup();
    },
  };
}

/** ADMIN is the first admin every test sets up. */
export const ADMIN = { username: "admin", password: "correct horse battery" };

/** bearer builds an Authorization header. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** setupAdmin creates the first admin and logs in; returns the login response body. */
export async function setupAdmin(s: TestServer): Promise<{ access_token: string; refresh_token: string; csrf_token: string; user: { id: string } }> {
  const setup = await s.call("POST", "/api/v1/auth/setup", { json: ADMIN });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  return login(s, ADMIN.username, ADMIN.password);
}

/** login logs a user in and returns the token response body. */
export async function login(s: TestServer, username: string, password: string) {
  const r = await s.call("POST", "/api/v1/auth/login", { json: { username, password } });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
  return r.body;
}

/** createUserWithKey creates a user with `role` (as admin) and returns an API key of that user. */
export async function createUserWithKey(
  s: TestServer,
  adminToken: string,
  role: "viewer" | "operator" | "admin",
): Promise<{ userId: string; key: string; password: string; username: string }> {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  const password = "a long enough password";
  const u = await s.call("POST", "/api/v1/users", { json: { username, password, role }, headers: bearer(adminToken) });
  if (u.status !== 201) throw new Error(`create user failed: ${u.status} ${u.text}`);
  const tokens = await login(s, username, password);
  const k = await s.call("POST", "/api/v1/api-keys", { json: { name: `${role} key` }, headers: bearer(tokens.access_token) });
  if (k.status !== 201) throw new Error(`create key failed: ${k.status} ${k.text}`);
  return { userId: u.body.id, key: k.body.key, password, username };
}

/** isEnvelope tells whether a body is the REST error envelope. */
export function isEnvelope(body: any): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof body.error === "string" &&
    typeof body.code === "string" &&
    typeof body.request_id === "string"
  );
}
