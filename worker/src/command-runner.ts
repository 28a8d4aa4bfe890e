import { create } from "@bufbuild/protobuf";
import { FlotillaError, type Code, type Logger } from "@flotilla/shared";
import { CommandResultSchema, CommandStatus, type Command, type OutputLine } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { SessionRequestSchema, type SessionRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { CommandHandler, ResultPayload } from "./commands/index.js";
import type { WorkerConfig } from "./config.js";
import type { DockerEngine } from "./docker.js";

/** DEFAULT_TIMEOUT_MS applies when a command carries no timeout. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/**
 * INITIAL_CREDIT is how many output chunks a command may send before the
 * master's first FlowCredit. The master grants the whole window when it
 * dispatches a command whose output it consumes, so a command starts with
 * none: it never sends more than the master can hold.
 */
export const INITIAL_CREDIT = 0;

/** CommandRunnerOptions wire the runner to one session stream. */
export interface CommandRunnerOptions {
  handlers: readonly CommandHandler[];
  send: (req: SessionRequest) => void;
  config: WorkerConfig;
  log: Logger;
  /** docker is handed to every command handler. */
  docker: DockerEngine;
  facts: () => Promise<HostFacts>;
}

/** CommandRunner runs the commands of one session, each with timeout, cancel and output credit. */
export interface CommandRunner {
  start(cmd: Command): void;
  cancel(commandId: string, reason: string): void;
  credit(commandId: string, chunks: number): void;
  /** abortAll cancels every running command (session ended). */
  abortAll(): void;
  readonly running: number;
}

interface Running {
  abort: AbortController;
  credit: number;
  wake: Array<() => void>;
}

type Ending = { status: CommandStatus; code: Code; message: string };

/** createCommandRunner dispatches commands to handlers by kind. */
export function createCommandRunner(o: CommandRunnerOptions): CommandRunner {
  const byKind = new Map(o.handlers.map((h) => [h.kind, h]));
  const running = new Map<string, Running>();

  function result(id: string, status: CommandStatus, payload: ResultPayload, err?: { code: string; message: string }) {
    const r = create(CommandResultSchema, { commandId: id, status, errorCode: err?.code ?? "", errorMessage: err?.message ?? "" });
    if (payload) r.result = payload;
    o.send(create(SessionRequestSchema, { kind: { case: "result", value: r } }));
  }

  async function run(cmd: Command, h: CommandHandler, r: Running): Promise<void> {
    const log = o.log.child({ command_id: cmd.id, kind: cmd.kind.case });
    const timeoutMs = cmd.timeoutMs || DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(
      () =>
        r.abort.abort({ status: CommandStatus.TIMED_OUT, code: "deadline_exceeded", message: `timed out after ${timeoutMs} ms` } satisfies Ending),
      timeoutMs,
    );
    const signal = r.abort.signal;
    const aborted = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    aborted.catch(() => {});
    const ctx = {
      commandId: cmd.id,
      signal,
      config: o.config,
      log,
      docker: o.docker,
      facts: o.facts,
      progress: (fraction: number, message = "") => {
        if (signal.aborted) return;
        o.send(create(SessionRequestSchema, { kind: { case: "progress", value: { commandId: cmd.id, fraction, message } } }));
      },
      output: async (lines: OutputLine[]) => {
        while (r.credit <= 0 && !signal.aborted) await new Promise<void>((w) => r.wake.push(w));
        if (signal.aborted) throw new FlotillaError("canceled", "command ended");
        r.credit--;
        o.send(create(SessionRequestSchema, { kind: { case: "output", value: { commandId: cmd.id, lines } } }));
      },
    };
    signal.addEventListener("abort", () => r.wake.splice(0).forEach((w) => w()), { once: true });
    try {
      const payload = await Promise.race([h.run(cmd.kind.value as never, ctx), aborted]);
      result(cmd.id, CommandStatus.SUCCEEDED, payload);
      log.info("command succeeded");
    } catch (err) {
      const ending = signal.aborted ? (signal.reason as Ending) : undefined;
      if (ending && typeof ending === "object" && "status" in ending) {
        result(cmd.id, ending.status, undefined, ending);
        log.warn({ code: ending.code, reason: ending.message }, "command ended early");
      } else {
        const e = err instanceof FlotillaError ? err : FlotillaError.from(err);
        const message = err instanceof FlotillaError ? e.message : ((err as Error)?.message ?? e.message);
        result(cmd.id, CommandStatus.FAILED, undefined, { code: e.code, message });
        log.warn({ code: e.code, err: message }, "command failed");
      }
    } finally {
      clearTimeout(timer);
      running.delete(cmd.id);
      if (!signal.aborted) r.abort.abort();
    }
  }

  return {
    start(cmd) {
      if (!cmd.id || running.has(cmd.id)) return;
      const h = cmd.kind.case ? byKind.get(cmd.kind.case) : undefined;
      if (!h) {
        result(cmd.id, CommandStatus.REJECTED, undefined, {
          code: "invalid_argument",
          message: `unsupported command kind "${cmd.kind.case ?? "none"}"`,
        });
        return;
      }
      if (h.capability.startsWith("container_") && !o.config.allowContainerActions && cmd.kind.case === "containerAction") {
        result(cmd.id, CommandStatus.REJECTED, undefined, { code: "permission_denied", message: "container actions are disabled on this worker" });
        return;
      }
      const r: Running = { abort: new AbortController(), credit: INITIAL_CREDIT, wake: [] };
      running.set(cmd.id, r);
      void run(cmd, h, r);
    },
    cancel(id, reason) {
      running.get(id)?.abort.abort({ status: CommandStatus.CANCELED, code: "canceled", message: reason || "canceled by master" } satisfies Ending);
    },
    credit(id, chunks) {
      const r = running.get(id);
      if (!r) return;
      r.credit += chunks;
      r.wake.splice(0).forEach((w) => w());
    },
    abortAll() {
      for (const r of running.values())
        r.abort.abort({ status: CommandStatus.CANCELED, code: "canceled", message: "session ended" } satisfies Ending);
    },
    get running() {
      return running.size;
    },
  };
}
