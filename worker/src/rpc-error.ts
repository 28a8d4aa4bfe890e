import { Code as GrpcCode, ConnectError } from "@connectrpc/connect";
import { FlotillaError, type Code } from "@flotilla/shared";

/**
 * rpcError converts anything an RPC throws into a FlotillaError, mapping the
 * gRPC status of a ConnectError to the shared code table. Transport failures
 * without a status become `unavailable`.
 */
export function rpcError(err: unknown): FlotillaError {
  if (err instanceof FlotillaError) return err;
  if (err instanceof ConnectError) {
    return new FlotillaError(FlotillaError.codeFromGrpc(err.code), err.rawMessage || "rpc failed", [], { cause: err });
  }
  if (err instanceof Error && "code" in err && typeof (err as NodeJS.ErrnoException).code === "string") {
    return new FlotillaError("unavailable", err.message, [], { cause: err });
  }
  return FlotillaError.from(err);
}

const RETRYABLE: ReadonlySet<Code> = new Set<Code>(["unavailable", "deadline_exceeded", "rate_limited", "canceled", "internal"]);

/** isRetryable reports whether an RPC failure is worth retrying with backoff. */
export function isRetryable(err: FlotillaError): boolean {
  return RETRYABLE.has(err.code);
}

/** RETRY_HEADER is the trailer in which the master asks a refused client to wait (gRFC A6 pushback). */
export const RETRY_HEADER = "grpc-retry-pushback-ms";

/**
 * retryAfterMs returns the delay the master asked for when it refused a call
 * as overloaded (`rate_limited` with a pushback trailer), else undefined.
 */
export function retryAfterMs(err: unknown): number | undefined {
  const ce = err instanceof ConnectError ? err : err instanceof Error && err.cause instanceof ConnectError ? err.cause : undefined;
  if (!ce || ce.code !== GrpcCode.ResourceExhausted) return undefined;
  const raw = ce.metadata.get(RETRY_HEADER);
  const ms = raw === null ? NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 300_000) : undefined;
}

/** withJitter spreads a requested wait over [ms, 1.5·ms) so refused workers do not return together. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (1 + random() * 0.5));
}
