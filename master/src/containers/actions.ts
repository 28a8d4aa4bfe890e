import { create } from "@bufbuild/protobuf";
import { errors, FlotillaError } from "@flotilla/shared";
import { CommandSchema, type Command } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { CommandRecorder, CommandRun } from "../commands/recorder.js";
import { commandView, type CommandView } from "../commands/records.js";
import type { ContainerInventoryPort, TargetResolver } from "./targets.js";

/** ACTION_LIMITS bound container actions and log reads. */
export const ACTION_LIMITS = {
  /** How long an action waits for the result before answering with the running record. */
  waitMs: 15_000,
  /** Command timeout beyond the stop grace period when none is given. */
  marginMs: 15_000,
  /** Engine default grace period (stop/restart) when none is given. */
  defaultStopSeconds: 10,
  /** Timeout of one logs read. */
  logsTimeoutMs: 20_000,
  defaultTail: 100,
  maxTail: 10_000,
};

/** Requester names who asked for a command and scopes its idempotency keys. */
export interface Requester {
  requestedBy: string;
  idempotencyScope: string;
  idempotencyKey?: string;
}

/** ActionRequest is one start, stop or restart. */
export interface ActionRequest {
  action: "start" | "stop" | "restart";
  stopTimeoutSeconds?: number;
  timeoutSeconds?: number;
}

/** ActionOutcome is the command record of an action; `done` is false while it still runs. */
export interface ActionOutcome {
  record: CommandView;
  done: boolean;
}

/** LogLine is one container log line as the API renders it. */
export interface LogLine {
  stream: "stdout" | "stderr";
  text: string;
  ts: string;
}

/** outcome maps a finished action record to the answer: refusals become errors, anything that ran is the record. */
function outcome(r: CommandView): CommandView {
  const ref = `(command ${r.id})`;
  if (r.error_code === "permission_denied") throw new FlotillaError("permission_denied", `container actions are disabled on this worker ${ref}`);
  if (r.error_code === "not_found") throw new FlotillaError("not_found", `container not found on the node ${ref}`);
  if (r.error_code === "invalid_argument") throw errors.invalid(`${r.error_message ?? "rejected by the worker"} ${ref}`);
  if (r.error_code === "unavailable" && !r.sent_at) throw new FlotillaError("unavailable", `${r.error_message ?? "node unavailable"} ${ref}`);
  return r;
}

/**
 * createContainerActions is the container service: actions and log reads
 * sent to the worker as recorded commands, on targets resolved against the
 * inventory and the connected sessions.
 */
export function createContainerActions(deps: { recorder: CommandRecorder; targets: TargetResolver; containers: ContainerInventoryPort }) {
  const { recorder, targets } = deps;
  return {
    targets,
    recorder,

    /** act runs one action; an earlier request with the same idempotency key answers its record again. */
    async act(nodeId: string, cid: string, req: ActionRequest, who: Requester, requestId?: string): Promise<ActionOutcome> {
      const target = await targets.resolve(nodeId, cid);
      const earlier = await recorder.earlier(who);
      if (earlier) return { record: outcome(earlier.record), done: true };
      targets.requireConnected(nodeId);
      const stopSeconds = req.stopTimeoutSeconds;
      const timeoutMs =
        req.timeoutSeconds !== undefined
          ? req.timeoutSeconds * 1000
          : (stopSeconds ?? ACTION_LIMITS.defaultStopSeconds) * 1000 + ACTION_LIMITS.marginMs;
      const command: Command = create(CommandSchema, {
        kind: { case: "containerAction", value: { containerId: target.container.id, action: req.action, stopTimeoutSeconds: stopSeconds ?? 0 } },
      });
      const run = recorder.runCommand(nodeId, command, { ...who, ...(requestId ? { requestId } : {}), timeoutMs }).then(async (r: CommandRun) => {
        const info = r.result?.result.case === "containerAction" ? r.result.result.value.container : undefined;
        if (info) await deps.containers.applyContainer(nodeId, info);
        return r;
      });
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([run, new Promise<null>((ok) => (timer = setTimeout(() => ok(null), ACTION_LIMITS.waitMs)))]).finally(() =>
        clearTimeout(timer),
      );
      if (waited) return { record: outcome(waited.record), done: true };
      run.catch(() => undefined);
      return { record: commandView(await recorder.records.get(command.id)), done: false };
    },

    /** readLogs reads a container's last lines (`tail`) and/or those after `sinceMs`. */
    async readLogs(
      nodeId: string,
      cid: string,
      q: { tail: number; sinceMs: number },
      who: Requester,
      requestId?: string,
    ): Promise<{ lines: LogLine[]; truncated: boolean }> {
      const target = await targets.resolve(nodeId, cid);
      targets.requireConnected(nodeId);
      if (q.tail === 0 && !q.sinceMs) return { lines: [], truncated: false };
      const command = create(CommandSchema, {
        kind: { case: "containerLogs", value: { containerId: target.container.id, tail: q.tail, sinceMs: BigInt(q.sinceMs), follow: false } },
      });
      const { record, result } = await recorder.runCommand(nodeId, command, {
        ...who,
        ...(requestId ? { requestId } : {}),
        timeoutMs: ACTION_LIMITS.logsTimeoutMs,
      });
      if (record.status !== "succeeded" || result?.result.case !== "containerLogs") {
        const code = record.error_code && FlotillaError.isCode(record.error_code) ? record.error_code : "unavailable";
        throw new FlotillaError(
          code === "internal" ? "unavailable" : code,
          `reading logs failed: ${record.error_message ?? record.status} (command ${record.id})`,
        );
      }
      const v = result.result.value;
      return {
        lines: v.lines.map((l) => ({
          stream: l.stream === "stderr" ? "stderr" : "stdout",
          text: l.text,
          ts: new Date(Number(l.tsMs)).toISOString(),
        })),
        truncated: v.truncated,
      };
    },
  };
}

/** ContainerActions is the container service. */
export type ContainerActions = ReturnType<typeof createContainerActions>;
