import { create } from "@bufbuild/protobuf";
import { FlotillaError, type Logger } from "@flotilla/shared";
import { CommandSchema, CommandStatus, type CommandProgress, type CommandResult } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { MasterContext } from "../context.js";
import type { CommandRecorder } from "../commands/index.js";
import type { ActiveScan, Task, TaskStatus } from "./active.js";
import { ingestScanResult } from "./ingest.js";
import { updateNode } from "./scan-store.js";

/** MAX_ATTEMPTS bounds how often a node that drops mid-scan is retried. */
const MAX_ATTEMPTS = 3;
const MIN_TIMEOUT_MS = 60_000;
const MAX_TIMEOUT_MS = 3_600_000;

/** NodeTaskDeps is what running a node task needs. */
export interface NodeTaskDeps {
  ctx: Pick<MasterContext, "db" | "bus">;
  /** runCommand records and sends one command (the command recorder of master/src/commands). */
  runCommand: CommandRecorder["runCommand"];
  log: Logger;
  /** serialize runs `fn` after earlier calls for the same node (findings of one node never race). */
  serialize<T>(nodeId: string, fn: () => Promise<T>): Promise<T>;
  onProgress(a: ActiveScan, t: Task, p: CommandProgress): void;
  onStarted(a: ActiveScan): Promise<void>;
  stopped(): boolean;
}

/** commandTimeoutMs is the run_scan timeout: the time left until the deadline, within 1 min .. 1 h. */
export function commandTimeoutMs(deadlineAt: Date, now = Date.now()): number {
  return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, deadlineAt.getTime() - now));
}

/**
 * runNodeTask sends run_scan to one node over its command stream and stores
 * the outcome: findings and census on success, `canceled`, `failed` with the
 * worker's error, or back to `waiting` when the node dropped (retried up to
 * MAX_ATTEMPTS times). Resolves with the task's new status.
 */
export async function runNodeTask(d: NodeTaskDeps, a: ActiveScan, t: Task): Promise<TaskStatus> {
  const timeoutMs = commandTimeoutMs(a.deadlineAt);
  t.status = "running";
  t.attempts++;
  t.progress = 0;
  const cmd = create(CommandSchema, { kind: { case: "runScan", value: { scanId: a.id, scanners: a.scanners, optionsJson: a.optionsJson } } });
  const pending = d.runCommand(t.nodeId, cmd, {
    timeoutMs,
    signal: a.abort.signal,
    scanId: a.id,
    requestedBy: a.requestedBy ?? (a.scheduleId ? "scheduler" : undefined),
    onProgress: (p) => d.onProgress(a, t, p),
  });
  pending.catch(() => undefined);
  const commandId = cmd.id || null;
  await updateNode(d.ctx, a.id, t.nodeId, { status: "running", startedAt: new Date(), commandId, progress: 0, error: null });
  await d.onStarted(a);
  let result: CommandResult | null = null;
  let failure: FlotillaError | undefined;
  try {
    result = (await pending).result;
    if (!result) failure = new FlotillaError("internal", "the command record was replayed without a result");
  } catch (err) {
    failure = FlotillaError.from(err);
  }
  if (d.stopped()) return t.status;
  const code = failure?.code ?? (result && result.status !== CommandStatus.SUCCEEDED ? result.errorCode || "internal" : "");
  const message = failure?.message ?? result?.errorMessage ?? "";
  const finishedAt = new Date();

  let status: TaskStatus;
  let error: string | null = null;
  let findings = 0;
  if (result?.status === CommandStatus.SUCCEEDED && result.result.case === "scan") {
    const scan = result.result.value;
    const outcome = await d.serialize(t.nodeId, () => ingestScanResult(d.ctx, a.id, t.nodeId, scan, finishedAt));
    status = "succeeded";
    findings = outcome.findings;
    if (outcome.failed.length)
      error = outcome.failed
        .map((f) => `${f.scanner}: ${f.error}`)
        .join("; ")
        .slice(0, 1000);
  } else if (a.canceled || code === "canceled" || result?.status === CommandStatus.CANCELED) {
    status = "canceled";
    error = "canceled";
  } else if (code === "unavailable" && t.attempts < MAX_ATTEMPTS && Date.now() < a.deadlineAt.getTime()) {
    status = "waiting";
    error = "node disconnected; waiting for it to reconnect";
  } else {
    status = "failed";
    error = (result?.status === CommandStatus.TIMED_OUT ? "timed out" : message || code || "failed").slice(0, 1000);
  }
  const final = status !== "waiting";
  await updateNode(d.ctx, a.id, t.nodeId, { status, error, findings, progress: final ? 1 : 0, ...(final ? { finishedAt } : {}) });
  t.status = status;
  t.progress = final ? 1 : 0;
  d.log.info({ scan_id: a.id, node_id: t.nodeId, command_id: commandId, status, findings }, "scan node task ended");
  return status;
}
