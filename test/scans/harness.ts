import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import type { SessionResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { MasterContext } from "../../master/src/context.js";
import { openDb } from "../../master/src/db/client.js";
import { createHttpApp } from "../../master/src/http/app.js";
import { parseTrustedProxies } from "../../master/src/http/middleware/forwarded.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import { createScans, type Scans } from "../../master/src/scans/index.js";
import { createSessionRegistry, type SessionRegistry } from "../../master/src/sessions/index.js";
import { createDockerEngine } from "../../worker/src/docker.js";
import { createCommandRunner } from "../../worker/src/command-runner.js";
import { HANDLERS } from "../../worker/src/commands/index.js";
import type { WorkerConfig } from "../../worker/src/config.js";
import { testDatabase } from "../helpers/database.js";
import { createInMemoryTestEventBus, createTestServices, idleNodeControl } from "../http/helpers.js";

/**
 * Harness is the scans component on a fresh database, served by the real
 * HTTP app, with the real session registry. Workers are the real worker
 * command runner and handlers attached in-process to the registry (only the
 * gRPC transport is left out).
 */
export interface Harness {
  ctx: MasterContext;
  sessions: SessionRegistry;
  events: ReturnType<typeof createInMemoryTestEventBus>["events"];
  /** logs holds every JSON log line of master and in-process workers. */
  logs: string[];
  call(method: string, path: string, json?: unknown): Promise<{ status: number; body: any; text: string; type: string }>;
  addNode(id: string): Promise<void>;
  /** attachWorker connects an in-process worker for a node scanning `hostRoot`. */
  attachWorker(nodeId: string, hostRoot: string, dockerSocket?: string): () => void;
  /** attachSilent connects a node that receives commands and never answers; returns what it received. */
  attachSilent(nodeId: string): { received: SessionResponse[]; detach(): void };
  /** restartScans stops the scans component and starts a new one on the same database (a master restart). */
  restartScans(): Promise<void>;
  close(): Promise<void>;
}

/** startHarness builds the harness; the admin is set up and logged in. */
export async function startHarness(): Promise<Harness> {
  const tdb = await testDatabase();
  const logs: string[] = [];
  const log = pino({ level: "debug" }, new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }));
  const { db, provider, bulk, close: closeDb } = await openDb(tdb.url, log);
  const bus = createInMemoryTestEventBus(bulk);
  const metrics = createMetrics();
  const ctx: MasterContext = {
    config: {
      dataDir: tdb.dir,
      metricsRetentionMs: 3_600_000,
      containerMetrics: false,
      trustedProxies: parseTrustedProxies(""),
    } as MasterContext["config"],
    log,
    db,
    provider,
    bulk,
    bus,
    metrics,
  };
  const sessions = createSessionRegistry({ log, metrics });
  let scans: Scans = createScans(ctx, { sessions, nodeControl: idleNodeControl, schedulerTickMs: 200 });
  const services = createTestServices(ctx, { sessions, grpcAdvertiseAddr: "127.0.0.1:1", scans });
  const http = createHttpApp(services);
  await scans.start();
  const server: Server = createServer(http.callback);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const cred = { username: "admin", password: "correct horse battery" };
  await fetch(`${url}/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(cred) });
  const login = await fetch(`${url}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(cred) });
  const token = ((await login.json()) as { access_token: string }).access_token;
  const cleanups: Array<() => void> = [];

  return {
    ctx,
    sessions,
    events: bus.events,
    logs,
    async call(method, path, json) {
      const res = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { "content-type": "application/json" } : {}) },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
      const text = await res.text();
      let body: any = null;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body, text, type: res.headers.get("content-type") ?? "" };
    },
    async addNode(id) {
      await db.node.create({
        data: { id, name: id, hostname: id, machineId: `m-${id}`, certSerial: `s-${id}`, certExpiresAt: new Date(Date.now() + 86_400_000) },
      });
    },
    attachWorker(nodeId, hostRoot, dockerSocket = "/nonexistent/docker.sock") {
      const config = { hostRoot, dockerSocket, allowContainerActions: false } as WorkerConfig;
      let handle: ReturnType<SessionRegistry["attach"]> | undefined;
      const runner = createCommandRunner({
        handlers: HANDLERS,
        config,
        log: log.child({ worker: nodeId }),
        docker: createDockerEngine(dockerSocket),
        send: (req) => handle?.receive(req),
        facts: async () => {
          throw new Error("no facts here");
        },
      });
      handle = sessions.attach(nodeId, {
        send(msg) {
          const k = msg.kind;
          if (k.case === "command") runner.start(k.value);
          else if (k.case === "cancel") runner.cancel(k.value.commandId, k.value.reason);
          else if (k.case === "credit") runner.credit(k.value.commandId, k.value.chunks);
          return true;
        },
        close: () => runner.abortAll(),
      });
      bus.publish("node.online", {}, nodeId);
      const detach = () => {
        runner.abortAll();
        handle?.detach();
      };
      cleanups.push(detach);
      return detach;
    },
    attachSilent(nodeId) {
      const received: SessionResponse[] = [];
      const handle = sessions.attach(nodeId, { send: (m) => (received.push(m), true), close: () => undefined });
      const detach = () => handle.detach();
      cleanups.push(detach);
      return { received, detach };
    },
    async restartScans() {
      await scans.stop();
      scans = createScans(ctx, { sessions, nodeControl: idleNodeControl, schedulerTickMs: 200 });
      // The HTTP app keeps the first component's routes; they read the same database.
      await scans.start();
    },
    async close() {
      for (const c of cleanups) c();
      await scans.stop();
      await new Promise<void>((ok) => server.close(() => ok()));
      await closeDb();
      await tdb.cleanup();
    },
  };
}

/** until polls `fn` until it returns a truthy value or the time runs out. */
export async function until<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
