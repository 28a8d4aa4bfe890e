import { toJson } from "@bufbuild/protobuf";
import { FlotillaError, type Logger } from "@flotilla/shared";
import {
  CommandResultSchema,
  CommandSchema,
  CommandStatus,
  type Command,
  type CommandOutput,
  type CommandProgress,
  type CommandResult,
} from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import type { Interruption, SessionRegistry } from "../sessions/index.js";
import {
  commandView,
  createCommandRecords,
  isUniqueViolation,
  type CommandRecords,
  type CommandRecordStatus,
  type CommandUpdate,
  type CommandView,
} from "./records.js";

/** RunCommandOptions describe who asks for a command and how long it may take. */
export interface RunCommandOptions {
  /** Who asked (username, or a component such as "scheduler"). */
  requestedBy?: string | undefined;
  requestId?: string | undefined;
  /** Client key: a second submission with the same key (same requester) returns the first record. */
  idempotencyKey?: string | undefined;
  /** Scope of the idempotency key (default requestedBy). */
  idempotencyScope?: string | undefined;
  timeoutMs: number;
  scanId?: string | undefined;
  onProgress?: (p: CommandProgress) => void;
  onOutput?: (o: CommandOutput) => void | Promise<void>;
  /** onInterrupted is told, before the result, when the path to the worker was lost (see {@link Interruption}). */
  onInterrupted?: (why: Interruption) => void;
  signal?: AbortSignal;
  /** summarize picks what of a result is stored on the record (default: the result payload, log lines counted only). */
  summarize?: (r: CommandResult) => unknown;
}

/** CommandRun is how one runCommand call ended. */
export interface CommandRun {
  record: CommandView;
  /** The worker's result; null when the record was replayed from an earlier submission. */
  result: CommandResult | null;
  /** replayed is true when an earlier submission with the same idempotency key answered. */
  replayed: boolean;
}

const STATUS: Record<CommandStatus, CommandRecordStatus> = {
  [CommandStatus.UNSPECIFIED]: "failed",
  [CommandStatus.SUCCEEDED]: "succeeded",
  [CommandStatus.FAILED]: "failed",
  [CommandStatus.REJECTED]: "failed",
  [CommandStatus.CANCELED]: "canceled",
  [CommandStatus.TIMED_OUT]: "timed_out",
};

/** kindOf names a command kind in snake_case ("containerAction" → "container_action"). */
export function kindOf(command: Command): string {
  return (command.kind.case ?? "unknown").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** defaultSummary stores a result's payload as JSON; log lines are only counted. */
export function defaultSummary(r: CommandResult): unknown {
  if (r.result.case === "containerLogs") return { lines: r.result.value.lines.length, truncated: r.result.value.truncated };
  if (r.result.case === "scan") return null;
  const json = toJson(CommandResultSchema, r, { useProtoFieldName: true }) as Record<string, unknown>;
  const key = Object.keys(json).find((k) => !["command_id", "status", "error_code", "error_message"].includes(k));
  return key ? json[key] : null;
}

function paramsOf(command: Command): Record<string, unknown> {
  const json = toJson(CommandSchema, command, { useProtoFieldName: true }) as Record<string, unknown>;
  const key = Object.keys(json).find((k) => k !== "id" && k !== "timeout_ms");
  return key ? ((json[key] as Record<string, unknown>) ?? {}) : {};
}

/**
 * createCommandRecorder wraps SessionRegistry.dispatch so that every command
 * the master sends leaves a record: `pending → sent → running → succeeded |
 * failed | timed_out | canceled`, with requester, timestamps and outcome,
 * and a `command.completed` event when it ends. Reused by every component
 * that sends commands (container operations, scans, facts refresh).
 */
export function createCommandRecorder(ctx: Pick<MasterContext, "db" | "bus" | "log">, sessions: SessionRegistry) {
  const records: CommandRecords = createCommandRecords(ctx);
  const log: Logger = ctx.log.child({ component: "commands" });
  const inFlight = new Map<string, Promise<CommandRun>>();

  const replay = async (key: string): Promise<CommandRun | null> => {
    const row = await records.byIdempotencyKey(key);
    if (!row) return null;
    const running = inFlight.get(row.id);
    if (running) return { ...(await running), result: null, replayed: true };
    return { record: commandView(row), result: null, replayed: true };
  };

  async function execute(nodeId: string, command: Command, opts: RunCommandOptions, id: string): Promise<CommandRun> {
    let chain: Promise<unknown> = Promise.resolve();
    const write = (u: CommandUpdate) => {
      const next = chain.then(() => records.update(id, u));
      chain = next.catch((err: unknown) => log.error({ err, command_id: id }, "command record update failed"));
      return next;
    };
    let started = false;
    const markRunning = () => {
      if (started) return;
      started = true;
      void write({ status: "running", startedAt: new Date() }).catch(() => undefined);
    };
    const finish = async (status: CommandRecordStatus, code: string | null, message: string | null, result?: unknown) => {
      const row = await write({
        status,
        finishedAt: new Date(),
        errorCode: code || null,
        errorMessage: message || null,
        ...(result !== undefined ? { result } : {}),
      });
      ctx.bus.publish(
        "command.completed",
        { command_id: id, node_id: nodeId, kind: row.kind, status, ...(code ? { error_code: code } : {}) },
        nodeId,
      );
      return commandView(row);
    };
    try {
      // dispatch sends synchronously once these hold; nothing is sent otherwise.
      if (!sessions.isConnected(nodeId)) throw new FlotillaError("unavailable", `node ${nodeId} is offline`);
      if (opts.signal?.aborted) throw new FlotillaError("canceled", "the command was canceled before it was sent");
    } catch (err) {
      const e = FlotillaError.from(err);
      const record = await finish(e.code === "canceled" ? "canceled" : "failed", e.code, e.message);
      throw Object.assign(e, { record });
    }
    const pending = sessions.dispatch(nodeId, command, {
      timeoutMs: opts.timeoutMs,
      onProgress: (p) => {
        markRunning();
        opts.onProgress?.(p);
      },
      ...(opts.onOutput
        ? {
            onOutput: (o: CommandOutput) => {
              markRunning();
              return opts.onOutput!(o);
            },
          }
        : {}),
      ...(opts.onInterrupted ? { onInterrupted: opts.onInterrupted } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    void write({ status: "sent", sentAt: new Date() }).catch(() => undefined);
    let result: CommandResult;
    try {
      result = await pending;
    } catch (err) {
      const e = FlotillaError.from(err);
      await finish(e.code === "canceled" ? "canceled" : "failed", e.code, e.message);
      throw e;
    }
    const status = STATUS[result.status] ?? "failed";
    const summary = status === "succeeded" ? (opts.summarize ?? defaultSummary)(result) : undefined;
    const code = status === "succeeded" ? null : result.errorCode || (status === "timed_out" ? "deadline_exceeded" : "internal");
    const record = await finish(status, code, status === "succeeded" ? null : result.errorMessage || status, summary);
    return { record, result, replayed: false };
  }

  const scopedKey = (opts: Pick<RunCommandOptions, "idempotencyKey" | "idempotencyScope" | "requestedBy">) =>
    opts.idempotencyKey ? `${opts.idempotencyScope ?? opts.requestedBy ?? ""}:${opts.idempotencyKey}` : undefined;

  return {
    records,

    /** earlier returns the run of an earlier submission with the same idempotency key, if any. */
    async earlier(opts: Pick<RunCommandOptions, "idempotencyKey" | "idempotencyScope" | "requestedBy">): Promise<CommandRun | null> {
      const key = scopedKey(opts);
      return key ? replay(key) : null;
    },

    /**
     * runCommand records and sends one command and resolves when it ended.
     * A node that is not connected fails at once with `unavailable` (the
     * record ends `failed`); the thrown error carries the record.
     */
    async runCommand(nodeId: string, command: Command, opts: RunCommandOptions): Promise<CommandRun> {
      const key = scopedKey(opts);
      if (key) {
        const earlier = await replay(key);
        if (earlier) return earlier;
      }
      const id = newId("cmd");
      command.id = id;
      command.timeoutMs = opts.timeoutMs;
      try {
        await records.create({
          id,
          nodeId,
          kind: kindOf(command),
          params: paramsOf(command),
          timeoutMs: opts.timeoutMs,
          requestedBy: opts.requestedBy,
          requestId: opts.requestId,
          idempotencyKey: key,
          scanId: opts.scanId,
        });
      } catch (err) {
        if (key && isUniqueViolation(err)) {
          const earlier = await replay(key);
          if (earlier) return earlier;
        }
        throw err;
      }
      const run = execute(nodeId, command, opts, id);
      inFlight.set(id, run);
      run.then(
        () => inFlight.delete(id),
        () => inFlight.delete(id),
      );
      return run;
    },

    /** idle resolves once every command in flight has ended and its record is written (bounded by budgetMs). */
    async idle(budgetMs = 2_000): Promise<void> {
      const all = Promise.allSettled([...inFlight.values()]);
      await Promise.race([all, new Promise((r) => setTimeout(r, budgetMs).unref())]);
    },
  };
}

/** CommandRecorder records every command the master sends. */
export type CommandRecorder = ReturnType<typeof createCommandRecorder>;
