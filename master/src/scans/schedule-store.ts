import type { MasterContext } from "../context.js";
import type { ScheduleRecord } from "./records.js";

/** NewSchedule is a schedule row to create. */
export type NewSchedule = Pick<
  ScheduleRecord,
  "id" | "name" | "enabled" | "intervalSeconds" | "cron" | "timezone" | "targets" | "scanners" | "createdBy" | "nextRunAt"
>;

/** ScheduleStore is the only code that reads and writes scan schedules. */
export type ScheduleStore = ReturnType<typeof createScheduleStore>;

/** createScheduleStore returns the Schedule table operations. */
export function createScheduleStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    get: (id: string): Promise<ScheduleRecord | null> => db.schedule.findUnique({ where: { id } }),
    /** page returns up to `take` schedules in id order after `after`. */
    page: (take: number, after?: string): Promise<ScheduleRecord[]> =>
      db.schedule.findMany({ where: after ? { id: { gt: after } } : {}, orderBy: { id: "asc" }, take }),
    create: (data: NewSchedule): Promise<ScheduleRecord> => db.schedule.create({ data }),
    update: (id: string, data: Partial<Omit<ScheduleRecord, "id" | "createdAt" | "updatedAt">>): Promise<ScheduleRecord> =>
      db.schedule.update({ where: { id }, data }),
    remove: async (id: string): Promise<void> => void (await db.schedule.delete({ where: { id } })),
    /** due lists up to 100 enabled schedules whose next run is at or before `now`, soonest first. */
    due: (now: Date): Promise<ScheduleRecord[]> =>
      db.schedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, orderBy: { nextRunAt: "asc" }, take: 100 }),
    /** claim moves a schedule's next run from `from` to `next`; false when another tick or master moved it first. */
    claim: async (id: string, from: Date | null, next: Date | null): Promise<boolean> =>
      (await db.schedule.updateMany({ where: { id, nextRunAt: from }, data: { nextRunAt: next } })).count === 1,
    /** setOutcome stores the last status of a schedule if `scanId` is still its last scan. */
    setOutcome: async (id: string, scanId: string, lastStatus: string, lastError: string | null): Promise<void> =>
      void (await db.schedule.updateMany({ where: { id, lastScanId: scanId }, data: { lastStatus, lastError } })),
  };
}
