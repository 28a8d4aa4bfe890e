import type { MasterContext } from "../context.js";
import type { Alert, AlertRule, Notification, Prisma, Silence } from "../generated/sqlite/client.js";

export type { Alert, AlertRule, Notification, Silence };

/** createAlertStore is the only code of the alerts component that touches the database. */
export function createAlertStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    rules: {
      list: (limit: number, after?: string) =>
        db.alertRule.findMany({ where: after ? { id: { gt: after } } : {}, orderBy: { id: "asc" }, take: limit + 1 }),
      all: () => db.alertRule.findMany({ orderBy: { id: "asc" } }),
      get: (id: string) => db.alertRule.findUnique({ where: { id } }),
      create: (data: Prisma.AlertRuleCreateInput) => db.alertRule.create({ data }),
      /** ensureBuiltin creates a default rule once (keyed by `builtin`); an operator's later edits or deletion stand. */
      ensureBuiltin: async (data: Prisma.AlertRuleCreateInput & { builtin: string }) => {
        const n = await db.alertRule.count({ where: { builtin: data.builtin } });
        if (!n) await db.alertRule.create({ data }).catch(() => undefined);
      },
      update: (id: string, data: Prisma.AlertRuleUpdateInput) => db.alertRule.update({ where: { id }, data }),
      remove: (id: string) => db.alertRule.deleteMany({ where: { id } }),
    },
    alerts: {
      list: (where: Prisma.AlertWhereInput, limit: number, before?: string) =>
        db.alert.findMany({ where: { ...where, ...(before ? { id: { lt: before } } : {}) }, orderBy: { id: "desc" }, take: limit + 1 }),
      open: () => db.alert.findMany({ where: { state: { in: ["firing", "acknowledged"] } } }),
      get: (id: string) => db.alert.findUnique({ where: { id } }),
      /**
       * claim creates a firing alert unless one is already open for the same
       * rule and subject (the unique `openKey`): then it returns that one and
       * `created` is false, so only one replica announces and notifies it.
       */
      claim: async (data: Prisma.AlertCreateInput & { ruleId: string; subject: string }): Promise<{ alert: Alert; created: boolean }> => {
        const openKey = `${data.ruleId}|${data.subject}`;
        try {
          return { alert: await db.alert.create({ data: { ...data, openKey } }), created: true };
        } catch (err) {
          if ((err as { code?: unknown } | null)?.code !== "P2002") throw err;
          const held = await db.alert.findUnique({ where: { openKey } });
          if (!held) throw err;
          return { alert: held, created: false };
        }
      },
      update: (id: string, data: Prisma.AlertUpdateInput) => db.alert.update({ where: { id }, data }),
      /**
       * transition applies a change only while the alert is in one of `from`
       * (resolving also frees its `openKey`); null when another replica or an
       * operator changed it first.
       */
      transition: async (id: string, from: string[], data: Prisma.AlertUpdateInput): Promise<Alert | null> => {
        const { count } = await db.alert.updateMany({
          where: { id, state: { in: from } },
          data: data.state === "resolved" ? { ...data, openKey: null } : data,
        });
        return count ? db.alert.findUnique({ where: { id } }) : null;
      },
      /** notified stamps a repeat notification unless another replica stamped one since `last`. */
      notified: async (id: string, last: Date | null, at: Date): Promise<boolean> =>
        (await db.alert.updateMany({ where: { id, state: "firing", lastNotifiedAt: last }, data: { lastNotifiedAt: at } })).count === 1,
      resolveRule: (ruleId: string) =>
        db.alert.updateMany({
          where: { ruleId, state: { in: ["firing", "acknowledged"] } },
          data: { state: "resolved", resolvedAt: new Date(), resolvedBy: "rule removed", openKey: null },
        }),
    },
    nodes: {
      /** certExpiries reads every node's certificate expiry (once, at start; events keep it current). */
      certExpiries: async () =>
        new Map((await db.node.findMany({ select: { id: true, certExpiresAt: true } })).map((n) => [n.id, n.certExpiresAt.getTime()] as const)),
      /** containers reads the last known state of every container (seed of the evaluator's container view at start). */
      containers: () => db.container.findMany({ select: { nodeId: true, name: true, state: true, status: true, restartCount: true } }),
    },
    silences: {
      list: (limit: number, after?: string) =>
        db.silence.findMany({ where: after ? { id: { gt: after } } : {}, orderBy: { id: "asc" }, take: limit + 1 }),
      active: () => db.silence.findMany({ where: { endsAt: { gt: new Date() } } }),
      create: (data: Prisma.SilenceCreateInput) => db.silence.create({ data }),
      remove: (id: string) => db.silence.deleteMany({ where: { id } }),
    },
    notifications: {
      list: (userId: string, limit: number, before?: string, unread?: boolean) =>
        db.notification.findMany({
          where: { userId, ...(before ? { id: { lt: before } } : {}), ...(unread ? { readAt: null } : {}) },
          orderBy: { id: "desc" },
          take: limit + 1,
        }),
      unread: (userId: string) => db.notification.count({ where: { userId, readAt: null } }),
      read: (userId: string, id: string) => db.notification.updateMany({ where: { userId, id }, data: { readAt: new Date() } }),
      readAll: (userId: string) => db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } }),
      /** fanOut gives every user one notification. */
      fanOut: async (make: (userId: string) => Prisma.NotificationCreateManyInput) => {
        const users = await db.user.findMany({ select: { id: true } });
        if (users.length) await db.notification.createMany({ data: users.map((u) => make(u.id)) });
      },
      prune: (before: Date) => db.notification.deleteMany({ where: { createdAt: { lt: before } } }),
    },
  };
}

/** AlertStore is the alerts component's database access. */
export type AlertStore = ReturnType<typeof createAlertStore>;
