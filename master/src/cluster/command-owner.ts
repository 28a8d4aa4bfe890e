import { FlotillaError, type Logger } from "@flotilla/shared";
import { create } from "@bufbuild/protobuf";
import {
  CommandOutputSchema,
  CommandProgressSchema,
  CommandResultSchema,
  CommandSchema,
  CommandStatus,
  type CommandResult,
} from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { Msg, Subscription } from "@nats-io/transport-node";
import type { DispatchOptions, Interruption, SessionRegistry } from "../sessions/index.js";
import {
  ALIVE_MS,
  commandSubject,
  encodeJson,
  pack,
  RELAY_WINDOW,
  SILENCE_MS,
  unpack,
  type RelayAck,
  type RelayControl,
  type RelayFrame,
  type RelayRequest,
} from "./command-wire.js";
import { SUBJECT_PREFIX, type ClusterBus } from "./nats.js";

/** OwnerOp answers a request other than a command for a node this replica holds (e.g. a container update). */
export type OwnerOp = (nodeId: string, body: Record<string, unknown>) => Promise<unknown>;

/** CommandOwner answers the other replicas' requests for the nodes whose session this replica holds. */
export interface CommandOwner {
  /** hold starts answering for a node (its session attached here); release stops. */
  hold(nodeId: string): void;
  release(nodeId: string): void;
  /** handle registers an extra request kind (`op`) answered for held nodes. */
  handle(op: string, fn: OwnerOp): void;
  /** running is the number of relayed commands in progress. */
  running(): number;
  stop(): void;
}

/**
 * createCommandOwner subscribes, for each node whose session this replica
 * holds, to the node's command subject, so NATS routes another replica's
 * request here (and answers "no responders" at once when no replica holds
 * the node). A relayed command runs through the local registry like a local
 * one; its progress, output and result go back on the requester's reply
 * subject. Output is windowed: at most {@link RELAY_WINDOW} chunks are sent
 * ahead of what the requester has consumed, and until it catches up the
 * local consumer does not settle, so no more credits go to the worker. A slow
 * client on the other replica thus stops the worker, never fills memory here.
 */
export function createCommandOwner(bus: ClusterBus, local: SessionRegistry, log: Logger): CommandOwner {
  const subs = new Map<string, Subscription>();
  const ops = new Map<string, OwnerOp>();
  const running = new Set<AbortController>();
  const nc = bus.nc;
  let seq = 0;

  const runRelayed = (nodeId: string, req: RelayRequest, msg: Msg) => {
    const id = `${bus.replicaId}.${++seq}`;
    const ctl = `${SUBJECT_PREFIX}.ctl.${id}`;
    const abort = new AbortController();
    const link = bus.link();
    let consumed = 0;
    let sent = 0;
    let heardAt = Date.now();
    let lost: Interruption | undefined;
    let wake: (() => void) | undefined;
    const frame = (t: "progress" | "output" | "alive", data?: string) => nc.publish(req.reply, encodeJson(data === undefined ? { t } : { t, data }));
    const control = nc.subscribe(ctl, {
      callback: (err, m) => {
        if (err) return;
        heardAt = Date.now();
        let c: RelayControl;
        try {
          c = m.json<RelayControl>();
        } catch {
          return;
        }
        if (c.t === "cancel") abort.abort();
        else if (c.t === "credit" && c.consumed > consumed) {
          consumed = c.consumed;
          wake?.();
        }
      },
    });
    abort.signal.addEventListener("abort", () => wake?.(), { once: true });
    // Cut from the asking replica (NATS lost here, or it went silent): the worker stops; what this replica would send is lost anyway.
    const cut = () => {
      lost = "relay_lost";
      abort.abort();
    };
    link.addEventListener("abort", cut, { once: true });
    const opts: DispatchOptions = { timeoutMs: req.timeout_ms, signal: abort.signal, onInterrupted: (why) => (lost = why) };
    if (req.progress) opts.onProgress = (p) => frame("progress", pack(CommandProgressSchema, p));
    if (req.output)
      opts.onOutput = async (o) => {
        while (sent - consumed >= RELAY_WINDOW && !abort.signal.aborted) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        sent++;
        frame("output", pack(CommandOutputSchema, o));
      };
    const alive = setInterval(() => {
      frame("alive");
      if (req.alive && Date.now() - heardAt > SILENCE_MS) cut();
    }, ALIVE_MS);
    const result = (r: CommandResult) => {
      const f: RelayFrame = { t: "result", data: pack(CommandResultSchema, r) };
      nc.publish(req.reply, encodeJson(lost ? { ...f, lost } : f));
    };
    running.add(abort);
    msg.respond(encodeJson({ ok: true, ctl } satisfies RelayAck));
    const command = unpack(CommandSchema, req.command);
    void local
      .dispatch(nodeId, command, opts)
      .then(result, (err: unknown) => {
        const e = FlotillaError.from(err);
        // Refused outright as unavailable: the node's session ended between the request and the dispatch.
        if (e.code === "unavailable") lost = "session_ended";
        result(localFailure(command.id, e));
      })
      .finally(() => {
        clearInterval(alive);
        link.removeEventListener("abort", cut);
        running.delete(abort);
        control.unsubscribe();
      });
  };

  const answer = (nodeId: string, msg: Msg) => {
    let body: Record<string, unknown>;
    try {
      body = msg.json<Record<string, unknown>>();
    } catch {
      return msg.respond(encodeJson({ ok: false, code: "invalid_argument", message: "malformed request" } satisfies RelayAck));
    }
    if (!local.isConnected(nodeId))
      return msg.respond(encodeJson({ ok: false, code: "unavailable", message: `node ${nodeId} is not connected` } satisfies RelayAck));
    if (body.op === "dispatch") return runRelayed(nodeId, body as unknown as RelayRequest, msg);
    const fn = ops.get(String(body.op));
    if (!fn) return msg.respond(encodeJson({ ok: false, code: "invalid_argument", message: `unknown request ${String(body.op)}` }));
    fn(nodeId, body).then(
      (value) => msg.respond(encodeJson({ ok: true, value })),
      (err: unknown) => {
        const e = FlotillaError.from(err);
        msg.respond(encodeJson({ ok: false, code: e.code, message: e.message }));
      },
    );
  };

  return {
    hold(nodeId) {
      if (subs.has(nodeId)) return;
      subs.set(
        nodeId,
        nc.subscribe(commandSubject(nodeId), {
          callback: (err, msg) => {
            if (err) return log.warn({ err: err.message, node_id: nodeId }, "command relay subscription failed");
            try {
              answer(nodeId, msg);
            } catch (e) {
              log.warn({ err: e, node_id: nodeId }, "relayed request failed");
            }
          },
        }),
      );
    },
    release(nodeId) {
      subs.get(nodeId)?.unsubscribe();
      subs.delete(nodeId);
    },
    handle: (op, fn) => void ops.set(op, fn),
    running: () => running.size,
    stop() {
      for (const a of running) a.abort();
      for (const s of subs.values()) s.unsubscribe();
      subs.clear();
    },
  };
}

/** localFailure is the result of a relayed command the local registry refused outright. */
function localFailure(commandId: string, e: FlotillaError) {
  const status = e.code === "canceled" ? CommandStatus.CANCELED : CommandStatus.FAILED;
  return create(CommandResultSchema, { commandId, status, errorCode: e.code, errorMessage: e.message });
}
