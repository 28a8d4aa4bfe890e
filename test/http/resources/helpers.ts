import { errors, FlotillaError } from "@flotilla/shared";
import { pino } from "pino";
import type { Principal, RouteDef } from "../../../master/src/http/route.js";
import { openDb } from "../../../master/src/db/client.js";
import { createEventBus } from "../../../master/src/events/bus.js";
import { createEventStore } from "../../../master/src/events/event-store.js";
import { createMetrics } from "../../../master/src/metrics/registry.js";
import { newId } from "../../../master/src/ids.js";
import type { MasterContext } from "../../../master/src/context.js";
import type { NodeControl } from "../../../master/src/node-control.js";
import { testDatabase } from "../../helpers/database.js";

/** TestNodeControl records the calls the node service makes. */
export function createRecordingNodeControl(online: Set<string> = new Set()) {
  const deleted: { nodeId: string; serial: string }[] = [];
  const control: NodeControl = {
    nodeDeleted: (nodeId, serial) => void deleted.push({ nodeId, serial }),
    isOnline: (id) => online.has(id),
    onlineCount: () => online.size,
  };
  return { control, deleted };
}

/** TestContext is a MasterContext on a fresh database plus its cleanup. */
export interface TestContext {
  ctx: MasterContext;
  close(): Promise<void>;
}

/** createTestContext opens a fresh migrated database (SQLite, or PostgreSQL when FLOTILLA_TEST_DB=postgres) with the real event bus. */
export async function createTestContext(): Promise<TestContext> {
  const tdb = await testDatabase();
  const log = pino({ level: "silent" });
  const metrics = createMetrics();
  const { db, provider, bulk, close } = await openDb(tdb.url, log);
  const bus = createEventBus({ store: createEventStore({ db, provider, bulk }), log, metrics }, { flushIntervalMs: 50 });
  const ctx = {
    config: { grpcAddr: { host: "127.0.0.1", port: 50051 }, httpAddr: { host: "127.0.0.1", port: 0 }, dataDir: tdb.dir },
    log,
    db,
    provider,
    bulk,
    bus,
    metrics,
  } as unknown as MasterContext;
  return {
    ctx,
    async close() {
      await bus.close();
      await close();
      await tdb.cleanup();
    },
  };
}

/** insertNode writes a node row the way enrollment would. */
export async function insertNode(
  ctx: MasterContext,
  n: Partial<{
    id: string;
    name: string;
    hostname: string;
    status: string;
    os: string;
    agentVersion: string;
    labels: Record<string, string>;
    machineId: string;
  }> = {},
) {
  const id = n.id ?? newId("node");
  await ctx.db.node.create({
    data: {
      id,
      name: n.name ?? id,
      hostname: n.hostname ?? `host-${id}`,
      machineId: n.machineId ?? `m-${id}`,
      status: n.status ?? "offline",
      os: n.os ?? "linux",
      agentVersion: n.agentVersion ?? "0.1.0",
      memoryBytes: 8n * 1024n * 1024n * 1024n,
      cpus: 4,
      certSerial: `serial-${id}`,
      certExpiresAt: new Date(Date.now() + 86_400_000),
      labels: { create: Object.entries(n.labels ?? {}).map(([key, value]) => ({ key, value })) },
    },
  });
  return id;
}

/** Reply is what a route answered: status and JSON body (or raw text). */
export interface Reply {
  status: number;
  body: any;
  type?: string;
}

/** ADMIN and VIEWER are principals for invoking routes. */
export const ADMIN: Principal = { userId: "u_admin", username: "admin", role: "admin", via: "jwt" };
export const VIEWER: Principal = { userId: "u_view", username: "viewer", role: "viewer", via: "jwt" };

/**
 * invoke runs one route definition the way the HTTP layer does: validate
 * params/query/body with the route's schemas (400 with details), call the
 * handler, convert thrown errors to the REST envelope's status and code.
 */
export async function invoke(
  routes: RouteDef<any, any, any>[],
  method: RouteDef["method"],
  path: string,
  input: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; principal?: Principal | null } = {},
): Promise<Reply> {
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  const koa: { type?: string; body?: unknown; protocol: string; host: string; set(k: string, v: string): void } = {
    protocol: "http",
    host: "master.test:8080",
    set: () => {},
  };
  try {
    const parse = (schema: RouteDef["body"], v: unknown, where: string) => {
      if (!schema) return v;
      const r = schema.safeParse(v);
      if (r.success) return r.data;
      throw errors.invalid(
        `invalid ${where}`,
        r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
      );
    };
    const out = await route.handler({
      params: parse(route.params, input.params ?? {}, "path"),
      query: parse(route.query, input.query ?? {}, "query"),
      body: parse(route.body, input.body ?? {}, "body"),
      principal: input.principal === undefined ? ADMIN : input.principal,
      requestId: "test",
      ctx: koa as never,
    });
    return out === undefined ? { status: 200, body: koa.body, ...(koa.type ? { type: koa.type } : {}) } : { status: route.status ?? 200, body: out };
  } catch (err) {
    const e = FlotillaError.from(err);
    if (e.code === "internal") throw err;
    return { status: e.httpStatus, body: { error: e.message, code: e.code, details: e.details } };
  }
}
