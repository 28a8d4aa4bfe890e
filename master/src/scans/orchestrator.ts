import { errors, FlotillaError, type Logger } from "@flotilla/shared";
import type { CommandProgress } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { CommandRecorder } from "../commands/index.js";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import type { SessionRegistry } from "../sessions/index.js";
import { isActiveTask, overallProgress, type ActiveScan, type Task } from "./active.js";
import { runNodeTask } from "./node-task.js";
import type { ScanRecord as Scan } from "./records.js";
import { ACTIVE_SCAN, activeScanIds, activeScans, createScan, getScan, scanSummary, settleNodes, updateNode, updateScan } from "./scan-store.js";
import { resolveTargets, type Targets } from "./targets.js";

/** ScanRequest is a validated request to start a scan. */
export interface ScanRequest {
  targets: Targets;
  /** Scanner names, already checked against the catalogue; empty means all. */
  scanners: string[];
  options: Record<string, unknown>;
  deadlineSeconds: number;
  requestedBy: string | null;
  scheduleId?: string | null;
}

/** FinishedListener hears about every scan that reached a final status. */
export type FinishedListener = (scan: Scan) => void | Promise<void>;

/** Orchestrator drives scans over the command stream. */
export interface Orchestrator {
  submit(req: ScanRequest): Promise<Scan>;
  /** cancel stops an active scan; conflict when it already finished. */
  cancel(id: string): Promise<void>;
  isActive(id: string): boolean;
  /** liveProgress returns the in-memory progress of an active scan's nodes. */
  liveProgress(id: string): Map<string, number> | undefined;
  onFinished(l: FinishedListener): void;
  /** activeIds lists the scans this process drives. */
  activeIds(): string[];
  /**
   * adopt takes over the active scans of the database this process does not
   * drive and `orphaned` accepts (their driver is gone): nodes that were
   * running are failed (`master_restarted`), the rest go on here. Resolves
   * with the number adopted.
   */
  adopt(orphaned: (scanId: string) => boolean): Promise<number>;
  /** start begins driving; with `recover` (the default) it first adopts every active scan in the database. */
  start(opts?: { recover?: boolean }): Promise<void>;
  stop(drainMs?: number): Promise<void>;
}

/** SHUTDOWN_ERROR is the error of scan nodes (and scans) a graceful master stop interrupted. */
export const SHUTDOWN_ERROR = "master shutting down";

/** PROGRESS_EVERY_MS throttles scan.progress events and progress writes per scan. */
export const PROGRESS_EVERY_MS = 1000;

/**
 * createOrchestrator builds the scan driver: per-node tasks go to connected
 * nodes at once; the others wait (`waiting`) until they connect (node.online
 * events and a one-second tick) or the scan's deadline passes (`skipped`,
 * reason `offline`). At start it recovers what a previous process left.
 */
export function createOrchestrator(
  ctx: MasterContext,
  deps: { sessions: Pick<SessionRegistry, "isConnected">; runCommand: CommandRecorder["runCommand"] },
): Orchestrator {
  const log: Logger = ctx.log.child({ component: "scans" });
  const active = new Map<string, ActiveScan>();
  const listeners: FinishedListener[] = [];
  const chains = new Map<string, Promise<unknown>>();
  let stopped = false;
  let draining = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;

  const serialize = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const next = (chains.get(key) ?? Promise.resolve()).then(fn, fn);
    chains.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  };

  const onProgress = (a: ActiveScan, t: Task, p: CommandProgress) => {
    t.progress = Math.min(1, Math.max(0, p.fraction));
    const now = Date.now();
    if (now - a.lastProgressAt < PROGRESS_EVERY_MS) return;
    a.lastProgressAt = now;
    const progress = overallProgress(a);
    updateNode(ctx, a.id, t.nodeId, { progress: t.progress }).catch(() => undefined);
    ctx.bus.publish("scan.progress", { scan_id: a.id, progress, node_id: t.nodeId, node_progress: t.progress, message: p.message });
  };

  const onStarted = async (a: ActiveScan) => {
    if (a.started) return;
    a.started = true;
    await updateScan(ctx, a.id, { status: "running", startedAt: new Date() });
    ctx.bus.publish("scan.started", { scan_id: a.id });
  };

  const finish = async (a: ActiveScan, atShutdown = false) => {
    if (a.finished || (stopped && !atShutdown) || [...a.tasks.values()].some(isActiveTask)) return;
    a.finished = true;
    active.delete(a.id);
    const tasks = [...a.tasks.values()];
    const succeeded = tasks.filter((t) => t.status === "succeeded").length;
    const status = a.canceled ? "canceled" : succeeded > 0 ? "completed" : "failed";
    const error = status !== "failed" ? null : atShutdown ? SHUTDOWN_ERROR : "no target node completed the scan";
    let summary: Awaited<ReturnType<typeof scanSummary>>;
    let row: Scan;
    try {
      // Node outcomes whose own write failed (database outage) are written again with the scan's end.
      const byStatus = new Map<string, string[]>();
      for (const t of tasks) byStatus.set(t.status, [...(byStatus.get(t.status) ?? []), t.nodeId]);
      for (const [st, nodeIds] of byStatus) await settleNodes(ctx, a.id, nodeIds, st);
      summary = await scanSummary(ctx, a.id);
      row = await updateScan(ctx, a.id, { status, error, finishedAt: new Date(), summary: JSON.stringify(summary) });
    } catch (err) {
      // The end is stored later: the scan stays active and the tick finishes it again.
      a.finished = false;
      if (!stopped) active.set(a.id, a);
      log.warn({ scan_id: a.id, err: FlotillaError.from(err).message }, "could not store the end of a scan; retrying");
      return;
    }
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[t.status] = (counts[t.status] ?? 0) + 1;
    ctx.bus.publish(`scan.${status}`, {
      scan_id: a.id,
      status,
      nodes: counts,
      findings: summary.total,
      by_severity: summary.by_severity,
      ...(a.scheduleId ? { schedule_id: a.scheduleId } : {}),
    });
    log.info({ scan_id: a.id, status, nodes: counts, findings: summary.total }, "scan finished");
    for (const l of listeners) await Promise.resolve(l(row)).catch((err) => log.warn({ scan_id: a.id, err: String(err) }, "scan listener failed"));
  };

  const launch = (a: ActiveScan, t: Task) => {
    const done = runNodeTask({ ctx, runCommand: deps.runCommand, log, serialize, onProgress, onStarted, stopped: () => stopped }, a, t)
      .catch(async (err) => {
        log.error({ scan_id: a.id, node_id: t.nodeId, err: FlotillaError.from(err).cause ?? err }, "scan node task crashed");
        if (stopped) return;
        t.status = "failed";
        await updateNode(ctx, a.id, t.nodeId, { status: "failed", error: "internal error", finishedAt: new Date() }).catch(() => undefined);
      })
      .then(() => finish(a))
      .catch((err) => log.error({ scan_id: a.id, err }, "finishing the scan failed"));
    t.running = done.then(() => undefined);
  };

  /** poke dispatches waiting tasks whose node is connected and skips those past the deadline. */
  const poke = async (a: ActiveScan, onlyNode?: string) => {
    const late = Date.now() >= a.deadlineAt.getTime();
    for (const t of a.tasks.values()) {
      if (onlyNode !== undefined && t.nodeId !== onlyNode) continue;
      if (t.status !== "waiting" && t.status !== "queued") continue;
      if (deps.sessions.isConnected(t.nodeId) && !late && !a.canceled) {
        if (!draining) launch(a, t);
      } else if (late) {
        t.status = "skipped";
        await updateNode(ctx, a.id, t.nodeId, { status: "skipped", error: "offline", finishedAt: new Date() });
      } else if (t.status === "queued") {
        t.status = "waiting";
        await updateNode(ctx, a.id, t.nodeId, { status: "waiting", error: "offline" });
      }
    }
    await finish(a);
  };

  const tick = () => {
    for (const a of [...active.values()]) poke(a).catch((err) => log.warn({ scan_id: a.id, err: String(err) }, "scan tick failed"));
  };

  const track = (scan: Scan, tasks: Task[]): ActiveScan => {
    const a: ActiveScan = {
      id: scan.id,
      deadlineAt: scan.deadlineAt,
      scanners: JSON.parse(scan.scanners) as string[],
      optionsJson: scan.options,
      requestedBy: scan.requestedBy,
      scheduleId: scan.scheduleId,
      tasks: new Map(tasks.map((t) => [t.nodeId, t])),
      abort: new AbortController(),
      started: scan.startedAt !== null,
      canceled: false,
      finished: false,
      lastProgressAt: 0,
    };
    active.set(a.id, a);
    return a;
  };

  const recover = async (orphaned: (scanId: string) => boolean) => {
    if (stopped || draining) return 0;
    const ids = (await activeScanIds(ctx)).filter((id) => !active.has(id) && orphaned(id));
    if (!ids.length) return 0;
    const scans = await activeScans(ctx, ids);
    for (const s of scans) {
      const tasks: Task[] = [];
      for (const n of s.nodes) {
        if (n.status === "running") {
          await updateNode(ctx, s.id, n.nodeId, { status: "failed", error: "master_restarted", finishedAt: new Date() });
          tasks.push({ nodeId: n.nodeId, status: "failed", progress: 1, attempts: 1 });
        } else tasks.push({ nodeId: n.nodeId, status: n.status as Task["status"], progress: n.progress, attempts: 0 });
      }
      log.info({ scan_id: s.id }, "recovering scan interrupted by a master restart");
      await poke(track(s, tasks));
    }
    return scans.length;
  };

  return {
    async submit(req) {
      const nodeIds = await resolveTargets(ctx, req.targets);
      const id = newId("scan");
      const deadlineAt = new Date(Date.now() + req.deadlineSeconds * 1000);
      const scan = await createScan(ctx, {
        id,
        status: "queued",
        targets: JSON.stringify(req.targets),
        scanners: JSON.stringify(req.scanners),
        options: JSON.stringify(req.options),
        requestedBy: req.requestedBy,
        scheduleId: req.scheduleId ?? null,
        deadlineAt,
        nodeIds,
      });
      ctx.bus.publish("scan.queued", {
        scan_id: id,
        targets: req.targets,
        scanners: req.scanners,
        nodes: nodeIds.length,
        ...(req.scheduleId ? { schedule_id: req.scheduleId } : {}),
      });
      const a = track(
        scan,
        nodeIds.map((nodeId) => ({ nodeId, status: "queued", progress: 0, attempts: 0 })),
      );
      await poke(a);
      return scan;
    },

    async cancel(id) {
      const a = active.get(id);
      if (!a) {
        const s = await getScan(ctx, id);
        if (!(ACTIVE_SCAN as readonly string[]).includes(s.status))
          throw errors.conflict(`the scan already ${s.status === "canceled" ? "was canceled" : s.status === "failed" ? "failed" : "completed"}`);
        throw new FlotillaError("unavailable", "the scan is not driven by this master");
      }
      a.canceled = true;
      a.abort.abort();
      for (const t of a.tasks.values()) {
        if (t.status !== "waiting" && t.status !== "queued") continue;
        t.status = "canceled";
        await updateNode(ctx, a.id, t.nodeId, { status: "canceled", error: "canceled", finishedAt: new Date() });
      }
      await Promise.allSettled([...a.tasks.values()].map((t) => t.running ?? Promise.resolve()));
      await finish(a);
    },

    isActive: (id) => active.has(id),
    liveProgress(id) {
      const a = active.get(id);
      return a ? new Map([...a.tasks.values()].map((t) => [t.nodeId, t.progress])) : undefined;
    },
    onFinished: (l) => void listeners.push(l),
    activeIds: () => [...active.keys()],
    adopt: recover,

    async start(opts = {}) {
      stopped = false;
      if (opts.recover !== false) await recover(() => true);
      unsubscribe = ctx.bus.subscribe((e) => {
        if (e.type !== "node.online" || !e.node_id) return;
        const nodeId = e.node_id;
        // The session stream may attach just after the heartbeat that made the node online.
        for (const delay of [0, 250, 1000])
          setTimeout(() => {
            for (const a of active.values()) void poke(a, nodeId).catch(() => undefined);
          }, delay).unref();
      });
      timer = setInterval(tick, 1000);
      timer.unref();
    },

    async stop(drainMs = 3_000) {
      // Drain: nothing new is dispatched; results already on their way are stored as usual.
      draining = true;
      if (timer) clearInterval(timer);
      unsubscribe?.();
      const running = [...active.values()].flatMap((a) =>
        [...a.tasks.values()].filter((t) => t.status === "running").map((t) => t.running ?? Promise.resolve()),
      );
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(running), new Promise((r) => (timeout = setTimeout(r, drainMs)))]);
      clearTimeout(timeout);
      stopped = true;
      // What is still running was interrupted by this shutdown: say so now, not at the next start.
      for (const a of [...active.values()]) {
        for (const t of a.tasks.values()) {
          if (t.status !== "running") continue;
          t.status = "failed";
          t.progress = 1;
          await updateNode(ctx, a.id, t.nodeId, { status: "failed", error: SHUTDOWN_ERROR, finishedAt: new Date() }).catch((err: unknown) =>
            log.warn({ scan_id: a.id, node_id: t.nodeId, err: String(err) }, "could not mark an interrupted scan node"),
          );
          log.warn({ scan_id: a.id, node_id: t.nodeId }, "scan node interrupted by the master shutting down");
        }
        await finish(a, true).catch((err: unknown) => log.warn({ scan_id: a.id, err: String(err) }, "could not finish an interrupted scan"));
      }
      active.clear();
      draining = false;
    },
  };
}
