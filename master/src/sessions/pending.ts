import { create } from "@bufbuild/protobuf";
import {
  CommandResultSchema,
  CommandStatus,
  type CommandOutput,
  type CommandProgress,
  type CommandResult,
} from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";

/** OUTPUT_WINDOW is how many output chunks a command may have in flight before the master grants more. */
export const OUTPUT_WINDOW = 8;

/**
 * Interruption says how the master lost its path to the worker before a
 * command ended: the node's session ended (`session_ended`), or the relay to
 * the replica holding it was cut (`relay_lost`). The command may have gone
 * on on the worker; sending it again is the way to go on.
 */
export type Interruption = "session_ended" | "relay_lost";

/** DispatchOptions tune one command. */
export interface DispatchOptions {
  timeoutMs: number;
  onProgress?: (p: CommandProgress) => void;
  /** onOutput consumes one chunk; the next credits are granted once its promise settles. */
  onOutput?: (o: CommandOutput) => void | Promise<void>;
  /**
   * onInterrupted is called, before the result, when the result is not the
   * worker's answer but the master's FAILED `unavailable` for a lost path.
   */
  onInterrupted?: (why: Interruption) => void;
  signal?: AbortSignal;
}

/**
 * PendingCommand is a dispatched command waiting for its result. Output
 * chunks queue here (at most one window) and are handed to the consumer one
 * at a time; credits go back to the worker as the consumer drains.
 */
export interface PendingCommand {
  id: string;
  progress(p: CommandProgress): void;
  output(o: CommandOutput): void;
  settle(r: CommandResult): void;
  /** interrupt settles with FAILED `unavailable`, telling the consumer the path to the worker was lost. */
  interrupt(why: Interruption, message: string): void;
  /** ended resolves when the consumer has the result. */
  done: Promise<CommandResult>;
  /** dropped counts chunks beyond the granted credits. */
  readonly dropped: number;
}

/** localResult builds a result decided on the master (timeout, cancel, disconnect). */
export function localResult(id: string, status: CommandStatus, errorCode: string, errorMessage: string): CommandResult {
  return create(CommandResultSchema, { commandId: id, status, errorCode, errorMessage });
}

/** createPendingCommand tracks one command; `grant` sends credits back to the worker. */
export function createPendingCommand(id: string, opts: DispatchOptions, grant: (chunks: number) => void): PendingCommand {
  let resolve!: (r: CommandResult) => void;
  const done = new Promise<CommandResult>((r) => (resolve = r));
  const queue: CommandOutput[] = [];
  let settled = false;
  let draining = false;
  let outstanding = opts.onOutput ? OUTPUT_WINDOW : 0;
  let consumed = 0;
  let dropped = 0;
  let final: CommandResult | undefined;

  const finish = () => {
    if (final && !draining && queue.length === 0) resolve(final);
  };
  const settle = (r: CommandResult) => {
    if (settled) return;
    settled = true;
    final = r;
    finish();
  };
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (queue.length) {
      const chunk = queue.shift()!;
      try {
        await opts.onOutput?.(chunk);
      } catch {
        /* a failing consumer does not stop the command */
      }
      consumed++;
      if (!settled && consumed >= OUTPUT_WINDOW / 2) {
        outstanding += consumed;
        grant(consumed);
        consumed = 0;
      }
    }
    draining = false;
    finish();
  };

  return {
    id,
    done,
    get dropped() {
      return dropped;
    },
    progress(p) {
      if (!settled) opts.onProgress?.(p);
    },
    output(o) {
      if (settled || !opts.onOutput) return;
      if (outstanding <= 0) {
        dropped++;
        return;
      }
      outstanding--;
      queue.push(o);
      void drain();
    },
    settle,
    interrupt(why, message) {
      if (settled) return;
      opts.onInterrupted?.(why);
      settle(localResult(id, CommandStatus.FAILED, "unavailable", message));
    },
  };
}
