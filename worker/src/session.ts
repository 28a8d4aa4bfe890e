import { create } from "@bufbuild/protobuf";
import { FlotillaError, type Logger } from "@flotilla/shared";
import type { HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import {
  SessionRequestSchema,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type SessionRequest,
  type SessionWelcome,
} from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { createAsyncQueue } from "./async-queue.js";
import type { NodeClient } from "./client.js";
import { createCommandRunner, type CommandRunnerOptions } from "./command-runner.js";

/** SessionOptions configure one command stream. */
export interface SessionOptions extends Omit<CommandRunnerOptions, "send"> {
  client: NodeClient;
  /** hello carries the facts announced when the session opens. */
  hello: HostFacts;
  signal: AbortSignal;
  log: Logger;
  /**
   * onWelcome runs once the master accepted the session. `beat` is set when
   * the master takes heartbeats on the stream (welcome.session_heartbeats).
   */
  onWelcome: (w: SessionWelcome, beat?: SessionBeat) => void;
  /** How long to wait for SessionWelcome. */
  welcomeTimeoutMs?: number;
}

/** SessionBeat sends one heartbeat on the stream and resolves with the master's answer. */
export type SessionBeat = (req: Omit<HeartbeatRequest, "$typeName">, timeoutMs: number) => Promise<HeartbeatResponse>;

/**
 * runSession opens the Session stream, says hello (facts, capabilities),
 * waits for the welcome, then runs commands until the stream ends. It
 * always rejects: with `unavailable` when the master closed the stream, or
 * with the stream's error.
 */
export async function runSession(o: SessionOptions): Promise<never> {
  const out = createAsyncQueue<SessionRequest>();
  const runner = createCommandRunner({ ...o, send: (r) => out.push(r) });
  const capabilities = o.handlers.map((h) => h.capability);
  out.push(create(SessionRequestSchema, { kind: { case: "hello", value: { facts: o.hello, capabilities } } }));
  const welcomeTimer = new AbortController();
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  o.signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    welcomeTimer.abort();
    ac.abort();
  }, o.welcomeTimeoutMs ?? 15_000);
  let welcomed = false;
  // Heartbeats waiting for their answer; the master answers in order.
  const beats: Array<{ resolve: (r: HeartbeatResponse) => void; reject: (e: unknown) => void }> = [];
  const beat: SessionBeat = (req, timeoutMs) =>
    new Promise<HeartbeatResponse>((resolve, reject) => {
      const t = setTimeout(() => {
        ac.abort();
        reject(new FlotillaError("deadline_exceeded", "master did not answer a heartbeat"));
      }, timeoutMs);
      beats.push({ resolve: (r) => (clearTimeout(t), resolve(r)), reject: (e) => (clearTimeout(t), reject(e)) });
      out.push(create(SessionRequestSchema, { kind: { case: "heartbeat", value: req } }));
    });
  try {
    for await (const msg of o.client.session(out, { signal: ac.signal })) {
      switch (msg.kind.case) {
        case "welcome":
          if (welcomed) break;
          welcomed = true;
          clearTimeout(timer);
          o.onWelcome(msg.kind.value, msg.kind.value.sessionHeartbeats ? beat : undefined);
          break;
        case "heartbeat":
          beats.shift()?.resolve(msg.kind.value);
          break;
        case "command":
          if (welcomed) runner.start(msg.kind.value);
          break;
        case "cancel":
          runner.cancel(msg.kind.value.commandId, msg.kind.value.reason);
          break;
        case "credit":
          runner.credit(msg.kind.value.commandId, msg.kind.value.chunks);
          break;
        default:
          break;
      }
    }
    throw new FlotillaError("unavailable", "session closed by master");
  } catch (err) {
    if (welcomeTimer.signal.aborted && !welcomed) throw new FlotillaError("unavailable", "master sent no session welcome");
    throw err;
  } finally {
    for (const b of beats.splice(0)) b.reject(new FlotillaError("unavailable", "session closed"));
    clearTimeout(timer);
    o.signal.removeEventListener("abort", onAbort);
    runner.abortAll();
    out.close();
  }
}
