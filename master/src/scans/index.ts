/** Scans and findings: orchestration over the command stream, findings, triage, reports, census, schedules. */
import { createCommandRecorder, type CommandRecorder } from "../commands/index.js";
import type { MasterContext } from "../context.js";
import type { NodeControl } from "../node-control.js";
import type { SessionRegistry } from "../sessions/index.js";
import { createCensusService, type CensusService } from "./census.js";
import { createFindingService, type FindingService } from "./findings.js";
import { createOrchestrator } from "./orchestrator.js";
import { createScanService, type ScanService } from "./scan-service.js";
import { createScheduler } from "./scheduler.js";
import { createScheduleService, type ScheduleService } from "./schedules.js";

export { fingerprint } from "./fingerprint.js";
export { summarize, type FindingSummary } from "./summary.js";
export { compareFindings } from "./compare.js";
export { nextRunAt } from "./schedule-time.js";

/** Scans is the scans component handed to the HTTP app and started by the composition root. */
export interface Scans {
  scans: ScanService;
  findings: FindingService;
  census: CensusService;
  schedules: ScheduleService;
  /**
   * start recovers scans a previous process left running and starts the
   * scheduler; replicas leave both out (`recover`, `scheduler` false): the
   * leader runs the scheduler and adopts the scans of replicas that are gone.
   */
  start(opts?: { recover?: boolean; scheduler?: boolean }): Promise<void>;
  /** scheduler fires due schedules; it runs on one replica, the leader. */
  scheduler: { start(): void; stop(): Promise<void> };
  /** activeIds lists the scans this process drives. */
  activeIds(): string[];
  /** adopt drives the active scans no live process drives (see Orchestrator.adopt). */
  adopt(orphaned: (scanId: string) => boolean): Promise<number>;
  /**
   * stop stops the scheduler, lets node tasks whose results arrive within
   * drainMs finish, and marks the ones still running `failed` ("master
   * shutting down"); scans left with nothing to wait for are finished.
   */
  stop(drainMs?: number): Promise<void>;
}

/** ScansOptions tune the component (tests). */
export interface ScansOptions {
  sessions: SessionRegistry;
  nodeControl: NodeControl;
  /**
   * Command recorder shared with the other senders of commands (the
   * recorder the container service uses); a private one is made when absent.
   */
  recorder?: CommandRecorder;
  /** Scheduler tick period (default 1000 ms). */
  schedulerTickMs?: number;
}

/**
 * createScans builds the scans component: the orchestrator dispatching
 * run_scan over the command stream, the finding, census and schedule
 * services and the scheduler.
 */
export function createScans(ctx: MasterContext, opts: ScansOptions): Scans {
  const recorder = opts.recorder ?? createCommandRecorder(ctx, opts.sessions);
  const orchestrator = createOrchestrator(ctx, { sessions: opts.sessions, runCommand: recorder.runCommand });
  const scans = createScanService(ctx, orchestrator);
  const findings = createFindingService(ctx);
  const census = createCensusService(ctx);
  const schedules = createScheduleService(ctx, scans);
  const scheduler = createScheduler(schedules, ctx.log.child({ component: "scheduler" }), opts.schedulerTickMs);
  orchestrator.onFinished(async (s) => {
    if (s.scheduleId) await schedules.recordOutcome(s.scheduleId, s.id, s.status, s.error);
  });
  return {
    scans,
    findings,
    census,
    schedules,
    scheduler: { start: () => scheduler.start(), stop: () => scheduler.stop() },
    activeIds: () => orchestrator.activeIds(),
    adopt: (orphaned) => orchestrator.adopt(orphaned),
    async start(opts = {}) {
      await orchestrator.start({ recover: opts.recover !== false });
      if (opts.scheduler !== false) scheduler.start();
    },
    async stop(drainMs) {
      await scheduler.stop();
      await orchestrator.stop(drainMs);
    },
  };
}
