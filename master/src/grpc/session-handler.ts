import { create } from "@bufbuild/protobuf";
import { errors, FlotillaError } from "@flotilla/shared";
import { SessionResponseSchema, type SessionRequest, type SessionResponse } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { MasterContext } from "../context.js";
import { dbUnavailable } from "../db/unavailable.js";
import type { Liveness } from "../liveness/index.js";
import { updateNodeFacts } from "../services/enrollment.js";
import type { SessionRegistry } from "../sessions/index.js";
import type { Admission } from "./admission.js";
import type { Authenticator } from "./auth.js";
import { factsFromWire } from "../services/node-facts.js";
import type { BidiCall, CallContext } from "./handlers.js";
import { answerHeartbeat, type SpoolReportHook } from "./heartbeat.js";
import type { PushTracker } from "./push-tracker.js";

/** HELLO_TIMEOUT_MS is how long a new stream may take to say hello. */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * sessionHandler runs one Session stream: authenticate, wait for the hello,
 * register the stream (replacing an older one), welcome the worker, then feed
 * its progress, output and results to the registry until the stream ends.
 * New sessions pass admission first (a bounded rate, so a restart storm
 * is spread out). Heartbeats on the stream are answered here, in order: the same liveness
 * beat and acknowledgement as the Heartbeat call, without a new HTTP/2 stream
 * per beat.
 */
export function sessionHandler(deps: {
  ctx: MasterContext;
  auth: Authenticator;
  sessions: SessionRegistry;
  liveness: Liveness;
  pushes: PushTracker;
  admission: Admission;
  spool?: SpoolReportHook;
}) {
  return async (call: BidiCall<SessionRequest, SessionResponse>, cctx: CallContext): Promise<void> => {
    const refused = deps.admission.admitSession();
    if (refused) throw refused;
    const { nodeId } = await deps.auth.authenticate(cctx);
    const it = call.messages()[Symbol.asyncIterator]();
    const first = await withTimeout(it.next(), HELLO_TIMEOUT_MS);
    if (first.done) return;
    if (first.value.kind.case !== "hello") throw errors.invalid("the first session message must be hello");
    const facts = factsFromWire(first.value.kind.value.facts);
    // Stored in the background: the session (and with it liveness) never waits for the database.
    if (facts)
      void updateNodeFacts(deps.ctx, nodeId, facts).catch((err: unknown) =>
        cctx.log.warn({ err: FlotillaError.from(dbUnavailable(err)).message, node_id: nodeId }, "could not store hello facts"),
      );

    let closing: FlotillaError | undefined | null = null;
    const handle = deps.sessions.attach(nodeId, {
      send: (msg) => call.write(msg),
      close: (err) => {
        closing = err;
        cctx.abort(err ?? new FlotillaError("unavailable", "session closed by the master"));
      },
    });
    cctx.onEnd(() => handle.detach());
    const openedAt = Date.now();
    call.write(
      create(SessionResponseSchema, {
        kind: { case: "welcome", value: { nodeId, heartbeatIntervalMs: deps.liveness.intervalMs(), sessionHeartbeats: true } },
      }),
    );
    cctx.log.info({ node_id: nodeId, capabilities: first.value.kind.value.capabilities }, "session opened");
    try {
      for (;;) {
        const next = await it.next();
        if (next.done) break;
        if (next.value.kind.case === "heartbeat") {
          // A beat counts only on a live session: beats read from a stream the
          // worker already gave up on (buffered while the master was stopped)
          // or from a stream a newer session replaced are ignored.
          if (cctx.signal.aborted || call.raw.cancelled || !handle.current()) continue;
          call.write(
            create(SessionResponseSchema, { kind: { case: "heartbeat", value: answerHeartbeat(deps, nodeId, next.value.kind.value, openedAt) } }),
          );
          continue;
        }
        handle.receive(next.value);
      }
    } finally {
      handle.detach();
      cctx.log.info({ node_id: nodeId, closed_by_master: closing !== null }, "session closed");
    }
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FlotillaError("deadline_exceeded", "no hello received on the session stream")), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
