import type { MasterContext } from "../context.js";
import { MAX_PARAMS, type Stmt } from "../db/bulk.js";
import type { Prisma, Webhook, WebhookAttempt, WebhookDelivery } from "../generated/sqlite/client.js";

export type { Webhook, WebhookAttempt, WebhookDelivery };

/** DeliveryWithAttempts is a delivery with its attempt log, oldest attempt first. */
export type DeliveryWithAttempts = WebhookDelivery & { attemptLog: WebhookAttempt[] };

/** NewDelivery is one queued delivery. */
export interface NewDelivery {
  id: string;
  webhookId: string;
  msgId: string;
  eventType: string;
  payload: string;
  nextAttemptAt: Date;
  /** Set when the delivery is handed to this process's runner in memory: other claims skip it until then. */
  leaseUntil?: Date | null;
}

/** AttemptOutcome is what the runner writes back after one attempt. */
export interface AttemptOutcome {
  attempt: Omit<WebhookAttempt, "deliveryId"> & { deliveryId: string };
  /** pending (retry at nextAttemptAt), succeeded or dead. */
  status: "pending" | "succeeded" | "dead";
  nextAttemptAt?: Date;
}

function pgSchema(url: string): string {
  try {
    return new URL(url).searchParams.get("schema") ?? "public";
  } catch {
    return "public";
  }
}

/**
 * createWebhookStore is the only code of the webhooks component that touches
 * the database: webhook rows, the delivery queue and the attempt log. Claims
 * take a lease; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several
 * replicas can drain one queue.
 */
const DELIVERY_COLUMNS = [
  "id",
  "webhookId",
  "msgId",
  "eventType",
  "payload",
  "status",
  "attempts",
  "nextAttemptAt",
  "leaseUntil",
  "createdAt",
] as const;
const ATTEMPT_COLUMNS = ["id", "deliveryId", "at", "statusCode", "latencyMs", "error", "requestHeaders", "responseHeaders", "responseBody"] as const;

/** inList is `?,?,…` for n values. */
const inList = (n: number) => Array.from({ length: n }, () => "?").join(",");

/** chunks splits ids so a statement with `fixed` other parameters stays under the parameter limit. */
function chunks<T>(list: T[], fixed: number): T[][] {
  const size = MAX_PARAMS - fixed;
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export function createWebhookStore(ctx: Pick<MasterContext, "db" | "provider" | "config" | "bulk">) {
  const { db, bulk } = ctx;
  const table = ctx.provider === "postgres" ? `"${pgSchema(ctx.config.databaseUrl).replace(/"/g, '""')}"."WebhookDelivery"` : "";
  /** deliveryRows builds the INSERTs of fresh deliveries (the hot path: one per matching event and endpoint). */
  const deliveryRows = (rows: NewDelivery[]): Stmt[] => {
    const now = new Date();
    return bulk.insert(
      "WebhookDelivery",
      DELIVERY_COLUMNS,
      rows.map((r) => [r.id, r.webhookId, r.msgId, r.eventType, r.payload, "pending", 0, r.nextAttemptAt, r.leaseUntil ?? null, now]),
    );
  };
  return {
    list: (limit: number, after?: string) =>
      db.webhook.findMany({ where: after ? { id: { gt: after } } : {}, orderBy: { id: "asc" }, take: limit + 1 }),
    get: (id: string) => db.webhook.findUnique({ where: { id } }),
    create: (data: Prisma.WebhookCreateInput) => db.webhook.create({ data }),
    update: (id: string, data: Prisma.WebhookUpdateInput) => db.webhook.update({ where: { id }, data }),
    remove: (id: string) => db.webhook.deleteMany({ where: { id } }),
    enabled: () => db.webhook.findMany({ where: { enabled: true } }),

    enqueue: (rows: NewDelivery[]) => bulk.run(deliveryRows(rows)),
    /** enqueueWrite is enqueue as statements for another store's transaction (the event log's). */
    enqueueWrite: (rows: NewDelivery[]): Stmt[] => deliveryRows(rows),
    /** releaseLeases frees every lease: at the start of a master that is alone on its database (SQLite). */
    releaseLeases: () => db.webhookDelivery.updateMany({ where: { status: "pending", leaseUntil: { not: null } }, data: { leaseUntil: null } }),

    /** claim leases up to n due deliveries of one webhook until leaseUntil. */
    async claim(webhookId: string, n: number, leaseUntil: Date): Promise<WebhookDelivery[]> {
      const now = new Date();
      let ids: string[];
      if (ctx.provider === "postgres") {
        const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
          `UPDATE ${table} SET "leaseUntil" = $1 WHERE id IN (SELECT id FROM ${table} WHERE "webhookId" = $2 AND status = 'pending' AND "nextAttemptAt" <= $3 AND ("leaseUntil" IS NULL OR "leaseUntil" < $3) ORDER BY "nextAttemptAt", id LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING id`,
          leaseUntil,
          webhookId,
          now,
          n,
        );
        ids = rows.map((r) => r.id);
      } else {
        const due = { webhookId, status: "pending", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
        const rows = await db.webhookDelivery.findMany({ where: due, orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], take: n });
        if (!rows.length) return [];
        ids = rows.map((r) => r.id);
        const { count } = await db.webhookDelivery.updateMany({ where: { ...due, id: { in: ids } }, data: { leaseUntil } });
        // every row leased by this claim (no other process took one in between): the rows in hand are current
        if (count === rows.length) return rows.map((r) => ({ ...r, leaseUntil })).sort((a, b) => (a.id < b.id ? -1 : 1));
      }
      if (!ids.length) return [];
      return db.webhookDelivery.findMany({ where: { id: { in: ids }, leaseUntil }, orderBy: { id: "asc" } });
    },

    /**
     * record writes a batch of attempt outcomes in one transaction, together
     * with the endpoints' health: `healthy` had a success (failing streak
     * cleared), `failing` only failures (streak started now unless running).
     */
    async record(outcomes: AttemptOutcome[], healthy: string[] = [], failing: string[] = []): Promise<void> {
      if (!outcomes.length) return;
      const now = new Date();
      const stmts: Stmt[] = bulk.insert(
        "WebhookAttempt",
        ATTEMPT_COLUMNS,
        outcomes.map(({ attempt: a }) => [
          a.id,
          a.deliveryId,
          a.at,
          a.statusCode,
          a.latencyMs,
          a.error,
          a.requestHeaders,
          a.responseHeaders,
          a.responseBody,
        ]),
      );
      // outcomes of one batch differ only by status code, error and retry time: one update per distinct set, not per delivery
      const groups = new Map<string, { o: AttemptOutcome; ids: string[] }>();
      for (const o of outcomes) {
        const k = JSON.stringify([o.status, o.attempt.statusCode, o.attempt.error, o.nextAttemptAt?.getTime() ?? null]);
        const g = groups.get(k) ?? groups.set(k, { o, ids: [] }).get(k)!;
        g.ids.push(o.attempt.deliveryId);
      }
      const deliveries = bulk.table("WebhookDelivery");
      for (const { o, ids } of groups.values()) {
        const [col, at] = o.status === "pending" ? ["nextAttemptAt", o.nextAttemptAt!] : ["finishedAt", now];
        for (const part of chunks(ids, 4))
          stmts.push({
            sql: `UPDATE ${deliveries} SET "status" = ?, "attempts" = "attempts" + 1, "leaseUntil" = NULL, "lastStatusCode" = ?, "lastError" = ?, "${col}" = ? WHERE "id" IN (${inList(part.length)})`,
            args: [o.status, o.attempt.statusCode, o.attempt.error, at, ...part],
          });
      }
      const webhooks = bulk.table("Webhook");
      for (const part of chunks(healthy, 1))
        stmts.push({
          sql: `UPDATE ${webhooks} SET "failingSince" = NULL, "updatedAt" = ? WHERE "failingSince" IS NOT NULL AND "id" IN (${inList(part.length)})`,
          args: [now, ...part],
        });
      for (const part of chunks(failing, 2))
        stmts.push({
          sql: `UPDATE ${webhooks} SET "failingSince" = ?, "updatedAt" = ? WHERE "failingSince" IS NULL AND "id" IN (${inList(part.length)})`,
          args: [now, now, ...part],
        });
      await bulk.run(stmts);
    },

    listDeliveries: (webhookId: string, limit: number, before?: string): Promise<DeliveryWithAttempts[]> =>
      db.webhookDelivery.findMany({
        where: { webhookId, ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: "desc" },
        take: limit + 1,
        include: { attemptLog: { orderBy: { at: "asc" } } },
      }),
    getDelivery: (webhookId: string, id: string) =>
      db.webhookDelivery.findFirst({ where: { id, webhookId }, include: { attemptLog: { orderBy: { at: "asc" } } } }),
    queueDepth: () => db.webhookDelivery.count({ where: { status: "pending" } }),
    /** failingWebhooks lists enabled webhooks failing since before `since`. */
    failingSince: (since: Date) => db.webhook.findMany({ where: { enabled: true, failingSince: { lt: since } } }),
    /** prune removes finished deliveries (and their attempts) finished before `before`. */
    prune: (before: Date) => db.webhookDelivery.deleteMany({ where: { status: { in: ["succeeded", "dead"] }, finishedAt: { lt: before } } }),
    /** nodeLabels reads every node's labels (seed of the in-memory label index). */
    async nodeLabels(nodeId?: string): Promise<Map<string, Record<string, string>>> {
      const rows = await db.nodeLabel.findMany({ where: nodeId ? { nodeId } : {} });
      const out = new Map<string, Record<string, string>>();
      if (nodeId) out.set(nodeId, {});
      for (const r of rows) (out.get(r.nodeId) ?? out.set(r.nodeId, {}).get(r.nodeId)!)[r.key] = r.value;
      return out;
    },
  };
}

/** WebhookStore is the webhooks component's database access. */
export type WebhookStore = ReturnType<typeof createWebhookStore>;
