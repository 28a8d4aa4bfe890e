import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { pino } from "pino";
import { PrismaClient } from "../../../master/src/generated/sqlite/client.js";
import { createMetrics } from "../../../master/src/metrics/registry.js";
import { newId } from "../../../master/src/ids.js";
import type { MasterContext } from "../../../master/src/context.js";
import type { EventBus, EventListener, FleetEvent } from "../../../master/src/events/types.js";
import type { NodeControl } from "../../../master/src/node-control.js";

const root = new URL("../../../", import.meta.url).pathname;

/**
 * createTestMemoryBus is a test-only in-memory EventBus: publish stores and
 * fans out synchronously; list filters like the real bus.
 */
export function createTestMemoryBus(): EventBus & { events: FleetEvent[] } {
  const events: FleetEvent[] = [];
  const listeners = new Set<EventListener>();
  const matches = (pattern: string, type: string) =>
    pattern.endsWith("*") ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
  return {
    events,
    publish(type, data, nodeId) {
      const e: FleetEvent = { id: newId("evt"), type, ts: new Date().toISOString(), data, ...(nodeId ? { node_id: nodeId } : {}) };
      events.push(e);
      for (const l of listeners) l(e);
      return e;
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async list(o) {
      const desc = o.order === "desc";
      let out = events.filter(
        (e) =>
          (!o.afterId || e.id > o.afterId) &&
          (!o.types?.length || o.types.some((t) => matches(t, e.type))) &&
          (!o.nodeId || e.node_id === o.nodeId) &&
          (!o.since || e.ts >= o.since.toISOString()) &&
          (!o.cursor || (desc ? e.id < o.cursor : e.id > o.cursor)),
      );
      out = [...out].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (desc) out.reverse();
      return out.slice(0, o.limit);
    },
    async flush() {},
    async close() {},
  };
}

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

/** TestContext is a MasterContext on a fresh SQLite file plus its cleanup. */
export interface TestContext {
  ctx: MasterContext;
  bus: ReturnType<typeof createTestMemoryBus>;
  close(): Promise<void>;
}

/** createTestContext opens a migrated SQLite database in a temp dir. */
export async function createTestContext(): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), "flotilla-res-"));
  const url = `file:${join(dir, "test.db")}`;
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  const sql = readFileSync(join(root, "prisma/migrations/sqlite/0001_init.sql"), "utf8");
  for (const stmt of sql.split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, "").trim()).filter(Boolean)) {
    await db.$executeRawUnsafe(stmt);
  }
  const bus = createTestMemoryBus();
  const ctx = {
    config: { grpcAddr: { host: "127.0.0.1", port: 50051 }, httpAddr: { host: "127.0.0.1", port: 0 }, dataDir: dir },
    log: pino({ level: "silent" }),
    db,
    provider: "sqlite",
    bus,
    metrics: createMetrics(),
  } as unknown as MasterContext;
  return {
    ctx,
    bus,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** insertNode writes a node row the way enrollment would. */
export async function insertNode(ctx: MasterContext, n: Partial<{ id: string; name: string; hostname: string; status: string; os: string; agentVersion: string; labels: Record<string, string>; machineId: string }> = {}) {
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
