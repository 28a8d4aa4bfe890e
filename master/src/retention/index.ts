import type { Logger } from "@flotilla/shared";
import type { RetainedTable, RetentionStore } from "./retention-store.js";

export { createRetentionStore, type RetentionStore, type RetainedTable } from "./retention-store.js";

/** RetentionOptions are how long each table keeps its rows, and how often the pruner runs. */
export interface RetentionOptions {
  retentionMs: Record<RetainedTable, number>;
  intervalMs: number;
  /** Delay of the first run after start. */
  firstRunMs: number;
}

/**
 * createRetention prunes the tables that grow with activity (stored events,
 * audit log, enrollment attempts) in the background: shortly after start,
 * then every interval. Each table has its own retention setting.
 */
export function createRetention(deps: { store: RetentionStore; log: Logger }, o: RetentionOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<Record<RetainedTable, number>> | null = null;
  const log = deps.log.child({ component: "retention" });

  async function runOnce(now = Date.now()): Promise<Record<RetainedTable, number>> {
    const out = { events: 0, audit: 0, enrollment_attempts: 0 };
    for (const table of Object.keys(out) as RetainedTable[]) {
      try {
        out[table] = await deps.store.prune(table, new Date(now - o.retentionMs[table]));
      } catch (err) {
        log.warn({ err, table }, "retention prune failed; retrying at the next run");
      }
    }
    if (out.events + out.audit + out.enrollment_attempts > 0) log.info({ pruned: out }, "old rows pruned");
    return out;
  }

  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = null;
        if (timer) schedule(o.intervalMs);
      });
    }, ms);
    timer.unref();
  };

  return {
    /** runOnce prunes every table now; resolves with the rows deleted per table. */
    runOnce,
    start: () => schedule(o.firstRunMs),
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

/** Retention is the background pruner. */
export type Retention = ReturnType<typeof createRetention>;
