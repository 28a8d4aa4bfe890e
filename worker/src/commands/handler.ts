import type { Logger } from "@flotilla/shared";
import type { Command, CommandResult, OutputLine } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import type { WorkerConfig } from "../config.js";
import type { DockerEngine } from "../docker.js";

/** CommandKind is the oneof case of a Command, e.g. "refresh_facts" → "refreshFacts". */
export type CommandKind = NonNullable<Command["kind"]["case"]>;

/** CommandPayload is the value of one command kind. */
export type CommandPayload<K extends CommandKind> = Extract<Command["kind"], { case: K }>["value"];

/** ResultPayload is the oneof of a CommandResult (facts, scan, …) or nothing. */
export type ResultPayload = CommandResult["result"] | undefined;

/** CommandContext is what a handler gets to do its work. */
export interface CommandContext {
  commandId: string;
  /** Aborted on cancel, timeout or agent shutdown. */
  signal: AbortSignal;
  config: WorkerConfig;
  log: Logger;
  /** docker is the worker's one Docker engine client. */
  docker: DockerEngine;
  /** progress reports 0..1 and an optional message. */
  progress(fraction: number, message?: string): void;
  /** output streams a chunk of lines; resolves once the master granted credit for it. */
  output(lines: OutputLine[]): Promise<void>;
  /** facts collects fresh host facts. */
  facts(): Promise<HostFacts>;
}

/**
 * CommandHandler runs one command kind. It throws FlotillaError to fail the
 * command with a code; it returns the result payload on success.
 */
export interface CommandHandler<K extends CommandKind = CommandKind> {
  /** kind is the oneof case this handler answers. */
  readonly kind: K;
  /** capability is the name announced in SessionHello, e.g. "refresh_facts". */
  readonly capability: string;
  run(payload: CommandPayload<K>, ctx: CommandContext): Promise<ResultPayload>;
}

/** defineHandler keeps a handler's payload type tied to its kind. */
export function defineHandler<K extends CommandKind>(h: CommandHandler<K>): CommandHandler {
  return h as unknown as CommandHandler;
}
