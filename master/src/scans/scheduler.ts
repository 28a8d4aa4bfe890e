import type { Logger } from "@flotilla/shared";
import type { ScheduleService } from "./schedules.js";

/** Scheduler starts due scheduled scans from a cheap periodic query on next_run_at. */
export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** tick runs one pass now (also used by tests). */
  tick(): Promise<void>;
}

/**
 * createScheduler checks for due schedules every `everyMs` (default 1 s).
 * A schedule whose runs were missed while the master was down is due at
 * start and runs once; its next run is then computed from now.
 */
export function createScheduler(schedules: ScheduleService, log: Logger, everyMs = 1000): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const tick = async () => {
    const now = new Date();
    for (const s of await schedules.due(now)) {
      if (await schedules.fire(s, now)) log.info({ schedule_id: s.id }, "scheduled scan started");
    }
  };
  const guarded = () => {
    if (running) return;
    running = tick()
      .catch((err) => log.warn({ err: String(err) }, "scheduler tick failed"))
      .finally(() => (running = null));
  };
  return {
    start() {
      guarded();
      timer = setInterval(guarded, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
    tick,
  };
}
