import {
  status as Status,
  type handleBidiStreamingCall,
  type handleUnaryCall,
  type ServerDuplexStream,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";

import type { ServerSurfaceCall } from "@grpc/grpc-js/build/src/server-call.js";

/** ServerSurfaceCall is what every grpc-js server call offers (peer, auth context, events). */
export type { ServerSurfaceCall };
import type { DescMethodUnary, DescService, MessageShape } from "@bufbuild/protobuf";
import type { GenService, GenServiceMethods } from "@bufbuild/protobuf/codegenv2";
import { errors, FlotillaError, type Logger } from "@flotilla/shared";
import type { Metrics } from "../metrics/registry.js";
import { GRPC_TYPES, isMalformed, MALFORMED, type Malformed } from "./adapter.js";
import { STATUS_NAMES, toGrpcStatus } from "./status.js";

/** CallContext is what every handler receives besides its messages. */
export interface CallContext {
  raw: ServerSurfaceCall;
  /** signal aborts when the client cancels or the server cuts the call (reason: FlotillaError). */
  signal: AbortSignal;
  /** abort ends the call with the given error as soon as possible. */
  abort(err: FlotillaError): void;
  /** onEnd registers a callback run once when the call has finished. */
  onEnd(fn: () => void): void;
  log: Logger;
}

/** BidiCall is a typed bidirectional stream. */
export interface BidiCall<I, O> {
  /** messages yields decoded requests; a malformed one throws invalid_argument. */
  messages(): AsyncIterable<I>;
  /** write sends one response; returns false when the transport buffer is full. */
  write(msg: O): boolean;
  raw: ServerDuplexStream<unknown, unknown>;
}

type In<M> = M extends { input: infer S } ? MessageShape<S & DescMethodUnary["input"]> : never;
type Out<M> = M extends { output: infer S } ? MessageShape<S & DescMethodUnary["output"]> : never;

/** Handlers types one function per method of a generated service. */
export type Handlers<S extends GenServiceMethods> = {
  [K in keyof S]: S[K]["methodKind"] extends "unary"
    ? (req: In<S[K]>, ctx: CallContext) => Promise<Out<S[K]>>
    : S[K]["methodKind"] extends "bidi_streaming"
      ? (call: BidiCall<In<S[K]>, Out<S[K]>>, ctx: CallContext) => Promise<void>
      : never;
};

/** ImplementOptions are the shared collaborators of every handler. */
export interface ImplementOptions {
  metrics: Metrics;
  log: Logger;
  /** Calls of this service handled at once; beyond it, RESOURCE_EXHAUSTED. */
  maxInFlight: number;
  /** onMalformed hears of a unary request refused before its handler (e.g. to record it); returns the error to answer. */
  onMalformed?: (err: FlotillaError, ctx: CallContext) => Promise<FlotillaError>;
}

function createContext(raw: ServerSurfaceCall, log: Logger): CallContext & { end(): void } {
  const ac = new AbortController();
  const enders: Array<() => void> = [];
  let ended = false;
  raw.on("cancelled", () => ac.abort(new FlotillaError("canceled", "call canceled by the client")));
  return {
    raw,
    signal: ac.signal,
    abort: (err) => ac.abort(err),
    log,
    onEnd: (fn) => (ended ? fn() : void enders.push(fn)),
    end() {
      if (ended) return;
      ended = true;
      for (const fn of enders.splice(0)) fn();
    },
  };
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/**
 * implement turns typed handlers into a grpc-js service implementation. Every
 * call gets the same steps: decode check, context with cancellation, timing,
 * error mapping to a gRPC status, and the grpc_server_* metrics.
 */
export function implement<S extends GenServiceMethods>(
  service: GenService<S>,
  handlers: Handlers<S>,
  opts: ImplementOptions,
): UntypedServiceImplementation {
  const impl: UntypedServiceImplementation = {};
  const inFlight = { n: 0, max: opts.maxInFlight };
  // Streams live as long as their worker's connection: they are bounded by
  // connections and max_concurrent_streams, not by the limit for calls.
  const streams = { n: 0, max: Number.POSITIVE_INFINITY };
  const desc = service as unknown as DescService;
  for (const m of desc.methods) {
    const labels = { grpc_service: desc.typeName, grpc_method: m.name, grpc_type: GRPC_TYPES[m.methodKind] };
    const log = opts.log.child({ rpc: `${desc.typeName}/${m.name}` });
    const counter = m.methodKind === "unary" ? inFlight : streams;
    const finish = (start: bigint, code: number) => {
      counter.n--;
      opts.metrics.grpcSeconds.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
      opts.metrics.grpcHandled.inc({ ...labels, grpc_code: STATUS_NAMES[code] ?? String(code) });
    };
    const handler = (handlers as Record<string, unknown>)[m.localName];
    if (typeof handler !== "function") throw new Error(`no handler for ${desc.typeName}/${m.name}`);
    if (m.methodKind === "unary") impl[m.localName] = unary(handler as never, log, finish, inFlight, opts.onMalformed);
    else if (m.methodKind === "bidi_streaming") impl[m.localName] = bidi(handler as never, log, finish, streams);
    else throw new Error(`method kind ${m.methodKind} of ${m.name} has no handler adapter`);
  }
  return impl;
}

function malformed(m: Malformed, what: string): FlotillaError {
  if (m.tooLarge !== undefined) return new FlotillaError("rate_limited", `${what} is larger than ${m.tooLarge} bytes`);
  if (m.field !== undefined) return errors.invalid(`invalid ${what}: ${m[MALFORMED]}`, [{ field: m.field, message: m[MALFORMED] }]);
  return errors.invalid(`${what} is malformed`);
}

type Finish = (start: bigint, code: number) => void;
type InFlight = { n: number; max: number };

function overloaded(inFlight: InFlight): FlotillaError | undefined {
  inFlight.n++;
  return inFlight.n > inFlight.max ? new FlotillaError("rate_limited", "server is overloaded, retry later") : undefined;
}

function unary(
  fn: (req: unknown, ctx: CallContext) => Promise<unknown>,
  log: Logger,
  finish: Finish,
  inFlight: InFlight,
  onMalformed?: ImplementOptions["onMalformed"],
): handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const start = process.hrtime.bigint();
    const ctx = createContext(call, log);
    const busy = overloaded(inFlight);
    const run = async () => {
      if (busy) throw busy;
      if (isMalformed(call.request)) {
        const err = malformed(call.request, "request message");
        throw onMalformed ? await onMalformed(err, ctx) : err;
      }
      return Promise.race([fn(call.request, ctx), abortPromise(ctx.signal)]);
    };
    run().then(
      (res) => {
        finish(start, 0);
        ctx.end();
        callback(null, res);
      },
      (err) => {
        const st = toGrpcStatus(err);
        if (st.code === Status.INTERNAL) log.error({ err: FlotillaError.from(err).cause ?? err }, "rpc failed");
        finish(start, st.code);
        ctx.end();
        callback(st);
      },
    );
  };
}

function bidi(
  fn: (call: BidiCall<unknown, unknown>, ctx: CallContext) => Promise<void>,
  log: Logger,
  finish: Finish,
  inFlight: InFlight,
): handleBidiStreamingCall<unknown, unknown> {
  return (call) => {
    const start = process.hrtime.bigint();
    const ctx = createContext(call, log);
    const busy = overloaded(inFlight);
    const typed: BidiCall<unknown, unknown> = {
      raw: call,
      write: (msg) => (call.destroyed || call.writableEnded ? false : call.write(msg)),
      async *messages() {
        // Not for-await: leaving that loop by a throw destroys the call, and a
        // destroyed call can no longer carry the INVALID_ARGUMENT status (the
        // client waited for its deadline).
        const it = (call as AsyncIterable<unknown>)[Symbol.asyncIterator]();
        for (;;) {
          const next = await it.next();
          if (next.done) return;
          if (isMalformed(next.value)) throw malformed(next.value, "stream message");
          yield next.value;
        }
      },
    };
    let done = false;
    const end = (err?: unknown) => {
      if (done) return;
      done = true;
      ctx.end();
      if (err === undefined) {
        finish(start, 0);
        if (!call.writableEnded) call.end();
        return;
      }
      const st = toGrpcStatus(err);
      if (st.code === Status.INTERNAL) log.error({ err: FlotillaError.from(err).cause ?? err }, "stream failed");
      finish(start, st.code);
      if (!call.writableEnded && !call.destroyed) call.emit("error", st);
    };
    ctx.signal.addEventListener("abort", () => end(ctx.signal.reason), { once: true });
    if (busy) return end(busy);
    call.on("error", () => end(new FlotillaError("canceled", "stream failed")));
    fn(typed, ctx).then(() => end(), end);
  };
}

/** HandlersOf types the handlers of a generated service constant, e.g. `HandlersOf<typeof NodeService>`. */
export type HandlersOf<T> = T extends GenService<infer S> ? Handlers<S> : never;
