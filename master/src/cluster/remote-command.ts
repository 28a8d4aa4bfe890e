import { create } from "@bufbuild/protobuf";
import { FlotillaError } from "@flotilla/shared";
import {
  CommandOutputSchema,
  CommandProgressSchema,
  CommandResultSchema,
  CommandSchema,
  CommandStatus,
  type Command,
  type CommandOutput,
  type CommandResult,
} from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import { createInbox, RequestError, type NatsConnection } from "@nats-io/transport-node";
import { newId } from "../ids.js";
import type { DispatchOptions, Interruption } from "../sessions/index.js";
import {
  ALIVE_MS,
  commandSubject,
  encodeJson,
  pack,
  RELAY_WINDOW,
  SILENCE_MS,
  unpack,
  type RelayAck,
  type RelayFrame,
  type RelayRequest,
} from "./command-wire.js";
import { SUBJECT_PREFIX, type ClusterBus } from "./nats.js";

/** REQUEST_TIMEOUT_MS bounds the wait for the owner to accept a request (no responders answers at once). */
export const REQUEST_TIMEOUT_MS = 5_000;

/** WATCH_MS is how often a relayed command checks that the owner is still heard. */
const WATCH_MS = 250;

/** unreachable is the error of a node no replica answers for. */
const unreachable = (nodeId: string) => new FlotillaError("unavailable", `node ${nodeId} is not connected`);

/**
 * askOwner sends one request to the replica holding a node's session and
 * returns its JSON answer. No replica holding it is `unavailable` at once
 * (NATS "no responders"); an owner that does not answer in time, too.
 */
export async function askOwner(nc: NatsConnection, nodeId: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    const m = await nc.request(commandSubject(nodeId), encodeJson(body), { timeout: REQUEST_TIMEOUT_MS });
    return m.json<Record<string, unknown>>();
  } catch (err) {
    if (err instanceof RequestError && err.isNoResponders()) throw unreachable(nodeId);
    throw new FlotillaError("unavailable", `the replica holding node ${nodeId} did not answer: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** refused turns a refusing answer into the owner's error. */
export function refused(a: Record<string, unknown>): FlotillaError {
  const code = typeof a.code === "string" && FlotillaError.isCode(a.code) ? a.code : "unavailable";
  return new FlotillaError(code, typeof a.message === "string" ? a.message : "the replica holding the node refused the request");
}

const result = (id: string, status: CommandStatus, errorCode: string, errorMessage: string) =>
  create(CommandResultSchema, { commandId: id, status, errorCode, errorMessage });

/**
 * dispatchRemote runs a command on a node whose session another replica
 * holds, with the semantics of a local dispatch: progress and output reach
 * the caller's handlers, output in order and one chunk at a time, each
 * consumed chunk credited back to the owner (so at most
 * {@link RELAY_WINDOW} chunks wait here); abort cancels on the worker; the
 * master-side timeout applies. When the relay is cut (this replica's NATS
 * connection is lost, or the owner goes unheard for {@link SILENCE_MS}), the
 * command ends at once FAILED `unavailable`, interrupted `relay_lost`, and
 * the owner is asked to cancel it; the owner's own interruptions (the node's
 * session ended there) reach the caller too.
 */
export async function dispatchRemote(
  bus: Pick<ClusterBus, "nc" | "link">,
  nodeId: string,
  command: Command,
  opts: DispatchOptions,
): Promise<CommandResult> {
  const nc = bus.nc;
  if (opts.signal?.aborted) throw new FlotillaError("canceled", "the command was canceled before it was sent");
  const link = bus.link();
  if (link.aborted) throw new FlotillaError("unavailable", `node ${nodeId} is held by another replica and NATS is unreachable`);
  const id = (command.id ||= newId("cmd"));
  command.timeoutMs = command.timeoutMs || opts.timeoutMs;
  const reply = createInbox(`${SUBJECT_PREFIX}.reply`);
  let resolve!: (r: CommandResult) => void;
  const done = new Promise<CommandResult>((r) => (resolve = r));
  const queue: CommandOutput[] = [];
  let final: CommandResult | undefined;
  let settled = false;
  let draining = false;
  let consumed = 0;
  let heardAt = Date.now();
  let ctl: string | undefined;
  const control = (body: Record<string, unknown>) => ctl && nc.publish(ctl, encodeJson(body));
  const settle = (r: CommandResult, lost?: Interruption) => {
    if (settled) return;
    settled = true;
    final = r;
    if (lost) opts.onInterrupted?.(lost);
    if (!draining) resolve(r);
  };
  const cut = (message: string) => {
    control({ t: "cancel" });
    settle(result(id, CommandStatus.FAILED, "unavailable", message), "relay_lost");
  };
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (queue.length) {
      try {
        await opts.onOutput?.(queue.shift()!);
      } catch {
        /* a failing consumer does not stop the command */
      }
      if (++consumed % (RELAY_WINDOW / 2) === 0 || queue.length === 0) control({ t: "credit", consumed });
    }
    draining = false;
    if (final) resolve(final);
  };
  const sub = nc.subscribe(reply, {
    callback: (err, m) => {
      if (err || settled) return;
      heardAt = Date.now();
      let f: RelayFrame;
      try {
        f = m.json<RelayFrame>();
      } catch {
        return;
      }
      if (f.t === "progress") opts.onProgress?.(unpack(CommandProgressSchema, f.data));
      else if (f.t === "output" && opts.onOutput && queue.length < RELAY_WINDOW) {
        queue.push(unpack(CommandOutputSchema, f.data));
        void drain();
      } else if (f.t === "result") settle(unpack(CommandResultSchema, f.data), f.lost);
    },
  });
  const onAbort = () => {
    control({ t: "cancel" });
    // The owner answers with CANCELED; if it cannot, the command ends here anyway.
    setTimeout(() => settle(result(id, CommandStatus.CANCELED, "canceled", "canceled by the master")), 3_000).unref();
  };
  // Once the owner accepted: it must be heard, and hear from here, at least every ALIVE_MS.
  let saidAt = 0;
  const watch = setInterval(() => {
    if (!ctl) return;
    if (Date.now() - heardAt > SILENCE_MS) return cut(`the replica holding node ${nodeId} stopped answering`);
    if (Date.now() - saidAt < ALIVE_MS) return;
    saidAt = Date.now();
    control({ t: "alive" });
  }, WATCH_MS);
  const onLinkLost = () => cut(`the NATS connection to the replica holding node ${nodeId} was lost`);
  link.addEventListener("abort", onLinkLost, { once: true });
  const deadline = setTimeout(
    () => settle(result(id, CommandStatus.TIMED_OUT, "deadline_exceeded", `no result within ${opts.timeoutMs} ms`)),
    opts.timeoutMs + 2 * ALIVE_MS,
  );
  try {
    const req: RelayRequest = {
      op: "dispatch",
      command: pack(CommandSchema, command),
      timeout_ms: opts.timeoutMs,
      progress: !!opts.onProgress,
      output: !!opts.onOutput,
      reply,
      alive: true,
    };
    const ack = (await askOwner(nc, nodeId, req as unknown as Record<string, unknown>)) as RelayAck;
    if (!ack.ok) throw refused(ack);
    ctl = ack.ctl;
    heardAt = Date.now();
    if (settled) control({ t: "cancel" });
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });
    return await done;
  } finally {
    clearInterval(watch);
    clearTimeout(deadline);
    link.removeEventListener("abort", onLinkLost);
    opts.signal?.removeEventListener("abort", onAbort);
    sub.unsubscribe();
  }
}
