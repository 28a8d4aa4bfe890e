import type { MasterContext } from "../context.js";
import type { NotificationChannel, Prisma } from "../generated/sqlite/client.js";

export type { NotificationChannel };

/** createChannelStore is the only code of the notify component that touches the database. */
export function createChannelStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    list: (limit: number, after?: string) =>
      db.notificationChannel.findMany({ where: after ? { id: { gt: after } } : {}, orderBy: { id: "asc" }, take: limit + 1 }),
    get: (id: string) => db.notificationChannel.findUnique({ where: { id } }),
    many: (ids: string[]) => db.notificationChannel.findMany({ where: { id: { in: ids } } }),
    create: (data: Prisma.NotificationChannelCreateInput) => db.notificationChannel.create({ data }),
    update: (id: string, data: Prisma.NotificationChannelUpdateInput) => db.notificationChannel.update({ where: { id }, data }),
    remove: (id: string) => db.notificationChannel.deleteMany({ where: { id } }),
  };
}

/** ChannelStore is the notification channels' database access. */
export type ChannelStore = ReturnType<typeof createChannelStore>;
