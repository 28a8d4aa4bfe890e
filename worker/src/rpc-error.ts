import { ConnectError } from "@connectrpc/connect";
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
