import { errors, FlotillaError } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import { decodeIdCursor, toPage } from "../services/paging.js";
import { checkCron, nextRunAt, validTimezone, type Cadence } from "./schedule-time.js";
import type { ScheduleRecord } from "./records.js";
import { checkScanners, type ScanService } from "./scan-service.js";
import { createScheduleStore } from "./schedule-store.js";
import type { Targets } from "./targets.js";
import { parseJson, scheduleView } from "./views.js";

/** ScheduleInput is a create or update body after schema validation. */
export interface ScheduleInput {
  name?: string;
  /** Seconds between runs (at least 1; use 60 or more outside tests). */
  interval_seconds?: number | null;
  cron?: string | null;
  timezone?: string;
  targets?: Targets;
  scanners?: string[];
  enabled?: boolean;
}

/** cadenceOf reads a schedule row's cadence. */
export function cadenceOf(s: Pick<ScheduleRecord, "intervalSeconds" | "cron" | "timezone">): Cadence {
  return s.cron ? { cron: s.cron, timezone: s.timezone } : { intervalSeconds: s.intervalSeconds ?? 3600 };
}

function checkCadence(interval: number | null | undefined, cron: string | null | undefined, timezone: string): void {
  const has = [interval != null, cron != null && cron !== ""].filter(Boolean).length;
  if (has !== 1)
    throw errors.invalid("give exactly one of interval_seconds or cron", [
      { field: "interval_seconds", message: "exactly one of interval_seconds or cron" },
    ]);
  if (!validTimezone(timezone)) throw errors.invalid("unknown time zone", [{ field: "timezone", message: `"${timezone}" is not an IANA time zone` }]);
  if (cron) checkCron(cron, timezone);
}

/**
 * createScheduleService stores scan schedules and starts their scans. The
 * scheduler tick (see scheduler.ts) calls `due` and `fire`.
 */
export function createScheduleService(ctx: Pick<MasterContext, "db" | "log">, scans: ScanService) {
  const store = createScheduleStore(ctx);
  const row = async (id: string) => {
    const s = await store.get(id);
    if (!s) throw errors.notFound("schedule");
    return s;
  };

  /** run starts one scan for a schedule and records it on the schedule. */
  const run = async (s: ScheduleRecord) => {
    const now = new Date();
    try {
      const r = await scans.create(
        { targets: parseJson<Targets>(s.targets, { all: true }), scanners: parseJson<string[]>(s.scanners, []) },
        s.createdBy,
        s.id,
      );
      await store.update(s.id, { lastRunAt: now, lastScanId: r.scan_id, lastStatus: "queued", lastError: null });
      return r;
    } catch (err) {
      const e = FlotillaError.from(err);
      await store.update(s.id, { lastRunAt: now, lastStatus: "failed", lastError: e.message });
      throw e;
    }
  };

  return {
    async list(limit: number, cursor?: string) {
      const rows = await store.page(limit + 1, decodeIdCursor(cursor));
      return toPage(rows, limit, (r) => [r.id], scheduleView);
    },
    get: async (id: string) => scheduleView(await row(id)),

    async create(b: Required<Pick<ScheduleInput, "name" | "targets">> & ScheduleInput, createdBy: string | null) {
      const timezone = b.timezone ?? "UTC";
      checkCadence(b.interval_seconds, b.cron, timezone);
      const scanners = checkScanners(b.scanners);
      const cadence = b.cron ? { cron: b.cron, timezone } : { intervalSeconds: b.interval_seconds! };
      const s = await store.create({
        id: newId("sch"),
        name: b.name,
        enabled: b.enabled ?? true,
        intervalSeconds: b.cron ? null : b.interval_seconds!,
        cron: b.cron ?? null,
        timezone,
        targets: JSON.stringify(b.targets),
        scanners: JSON.stringify(scanners),
        createdBy,
        nextRunAt: nextRunAt(cadence, new Date()),
      });
      return scheduleView(s);
    },

    async update(id: string, b: ScheduleInput) {
      const old = await row(id);
      const cronGiven = b.cron !== undefined;
      const intervalGiven = b.interval_seconds !== undefined;
      const interval = intervalGiven ? b.interval_seconds : cronGiven && b.cron ? null : old.intervalSeconds;
      const cron = cronGiven ? b.cron : intervalGiven && b.interval_seconds != null ? null : old.cron;
      const timezone = b.timezone ?? old.timezone;
      checkCadence(interval, cron, timezone);
      const scanners = b.scanners !== undefined ? checkScanners(b.scanners) : undefined;
      const cadenceChanged = intervalGiven || cronGiven || b.timezone !== undefined || (b.enabled === true && !old.enabled);
      const next: Cadence = cron ? { cron, timezone } : { intervalSeconds: interval! };
      const s = await store.update(id, {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
        ...(b.targets !== undefined ? { targets: JSON.stringify(b.targets) } : {}),
        ...(scanners ? { scanners: JSON.stringify(scanners) } : {}),
        intervalSeconds: cron ? null : interval!,
        cron: cron ?? null,
        timezone,
        ...(cadenceChanged ? { nextRunAt: nextRunAt(next, new Date()) } : {}),
      });
      return scheduleView(s);
    },

    async remove(id: string) {
      await row(id);
      await store.remove(id);
      return { id, deleted: true };
    },

    /** runNow starts a scan for a schedule at once (its next_run_at is unchanged). */
    runNow: async (id: string) => run(await row(id)),

    /** due lists enabled schedules whose next run is at or before `now`. */
    due: store.due,

    /**
     * fire claims one due run (moving next_run_at forward; a run missed while
     * the master was down runs once) and starts its scan. Returns false when
     * another tick or master claimed it first.
     */
    async fire(s: ScheduleRecord, now: Date): Promise<boolean> {
      const next = nextRunAt(cadenceOf(s), now, s.nextRunAt);
      if (!(await store.claim(s.id, s.nextRunAt, next))) return false;
      await run(s).catch((err) => ctx.log.warn({ schedule_id: s.id, err: FlotillaError.from(err).message }, "scheduled scan could not start"));
      return true;
    },

    /** recordOutcome stores the final status of a schedule's scan. */
    async recordOutcome(scheduleId: string, scanId: string, status: string, error: string | null) {
      await store.setOutcome(scheduleId, scanId, status, error);
    },
  };
}

/** ScheduleService is the service built by {@link createScheduleService}. */
export type ScheduleService = ReturnType<typeof createScheduleService>;
