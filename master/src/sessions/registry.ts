import { create } from "@bufbuild/protobuf";
import { FlotillaError } from "@flotilla/shared";
import { CommandStatus, type Command, type CommandResult } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import { SessionResponseSchema, type SessionRequest, type SessionResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { Logger } from "@flotilla/shared";
import type { Metrics } from "../metrics/registry.js";
import { newId } from "../ids.js";
import { createPendingCommand, localResult, OUTPUT_WINDOW, type DispatchOptions, type PendingCommand } from "./pending.js";

/** SessionStream is the transport side of one live Session stream. */
export interface SessionStream {
  send(msg: SessionResponse): boolean;
  /** close ends the stream, with an error status when given. */
  close(err?: FlotillaError): void;
}

/** SessionHandle is returned by attach: feed it the worker's messages, detach when the stream ends. */
export interface SessionHandle {
  receive(msg: SessionRequest): void;
  detach(): void;
  /** current reports whether this stream is still the node's registered session. */
  current(): boolean;
}

/** SessionRegistry holds the live command stream of every connected node. */
export interface SessionRegistry {
  /** attach registers a stream for a node, replacing (closing) an older one. */
  attach(nodeId: string, stream: SessionStream): SessionHandle;
  /** dispatch sends a command and resolves with its result (TIMED_OUT / CANCELED decided here too). */
  dispatch(nodeId: string, command: Command, opts: DispatchOptions): Promise<CommandResult>;
  /** disconnect cuts a node's stream. */
  disconnect(nodeId: string, err?: FlotillaError): void;
  isConnected(nodeId: string): boolean;
  connectedCount(): number;
  /** closeAll ends every stream (shutdown). */
  closeAll(): void;
}

/** TIMEOUT_GRACE_MS lets the worker's own timeout answer before the master decides. */
const TIMEOUT_GRACE_MS = 250;

interface Live {
  stream: SessionStream;
  pending: Map<string, PendingCommand>;
}

/** createSessionRegistry builds the registry. */
export function createSessionRegistry(deps: { log: Logger; metrics: Metrics }): SessionRegistry {
  const log = deps.log.child({ component: "sessions" });
  const live = new Map<string, Live>();
  const send = (s: Live, kind: SessionResponse["kind"]) => s.stream.send(create(SessionResponseSchema, { kind }));
  const gauge = () => deps.metrics.grpcStreams.set(live.size);

  const drop = (nodeId: string, s: Live, reason: string) => {
    if (live.get(nodeId) === s) live.delete(nodeId);
    gauge();
    for (const p of s.pending.values()) p.interrupt("session_ended", reason);
    s.pending.clear();
  };

  return {
    attach(nodeId, stream) {
      const old = live.get(nodeId);
      const s: Live = { stream, pending: new Map() };
      live.set(nodeId, s);
      gauge();
      if (old) {
        drop(nodeId, old, "the node opened a newer session");
        old.stream.close(new FlotillaError("conflict", "replaced by a newer session"));
      }
      return {
        receive(msg) {
          const k = msg.kind;
          if (k.case === "progress") s.pending.get(k.value.commandId)?.progress(k.value);
          else if (k.case === "output") s.pending.get(k.value.commandId)?.output(k.value);
          else if (k.case === "result") {
            s.pending.get(k.value.commandId)?.settle(k.value);
            s.pending.delete(k.value.commandId);
          }
        },
        detach: () => drop(nodeId, s, "the node disconnected"),
        current: () => live.get(nodeId) === s,
      };
    },

    async dispatch(nodeId, command, opts) {
      const s = live.get(nodeId);
      if (!s) throw new FlotillaError("unavailable", `node ${nodeId} is not connected`);
      if (opts.signal?.aborted) throw new FlotillaError("canceled", "the command was canceled before it was sent");
      const id = command.id || newId("cmd");
      command.id = id;
      command.timeoutMs = command.timeoutMs || opts.timeoutMs;
      const p = createPendingCommand(id, opts, (chunks) =>
        send(s, { case: "credit", value: { $typeName: "flotilla.v1.FlowCredit", commandId: id, chunks } }),
      );
      s.pending.set(id, p);
      const cancel = (status: CommandStatus, code: string, message: string) => {
        if (!s.pending.has(id)) return;
        s.pending.delete(id);
        send(s, { case: "cancel", value: { $typeName: "flotilla.v1.CancelCommand", commandId: id, reason: message } });
        p.settle(localResult(id, status, code, message));
      };
      const timer = setTimeout(
        () => cancel(CommandStatus.TIMED_OUT, "deadline_exceeded", `no result within ${opts.timeoutMs} ms`),
        opts.timeoutMs + TIMEOUT_GRACE_MS,
      );
      const onAbort = () => cancel(CommandStatus.CANCELED, "canceled", "canceled by the master");
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      send(s, { case: "command", value: command });
      if (opts.onOutput) send(s, { case: "credit", value: { $typeName: "flotilla.v1.FlowCredit", commandId: id, chunks: OUTPUT_WINDOW } });
      try {
        const result = await p.done;
        if (p.dropped) log.warn({ node_id: nodeId, command_id: id, dropped: p.dropped }, "worker sent output beyond its credits");
        return result;
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
        s.pending.delete(id);
      }
    },

    disconnect(nodeId, err) {
      const s = live.get(nodeId);
      if (!s) return;
      drop(nodeId, s, "the node was disconnected");
      s.stream.close(err);
    },
    isConnected: (nodeId) => live.has(nodeId),
    connectedCount: () => live.size,
    closeAll() {
      for (const [nodeId, s] of [...live]) {
        drop(nodeId, s, "the master is shutting down");
        s.stream.close();
      }
    },
  };
}
