import { Metadata, status as Status, type StatusObject } from "@grpc/grpc-js";
import { CODES, FlotillaError } from "@flotilla/shared";
import { dbUnavailable } from "../db/unavailable.js";

/** STATUS_NAMES maps gRPC status numbers to their canonical names (metric labels). */
export const STATUS_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Status)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => [v as number, k]),
);

/** CODE_HEADER is the trailer carrying the shared machine error code. */
export const CODE_HEADER = "flotilla-code";

/** RETRY_HEADER is the trailer with the delay a refused client should wait (gRFC A6 pushback). */
export const RETRY_HEADER = "grpc-retry-pushback-ms";

const retryHints = new WeakMap<FlotillaError, number>();

/** retryLater is a rate_limited error whose status tells the client how long to wait. */
export function retryLater(message: string, retryAfterMs: number): FlotillaError {
  const err = new FlotillaError("rate_limited", message);
  retryHints.set(err, Math.max(0, Math.round(retryAfterMs)));
  return err;
}

/**
 * toGrpcStatus converts anything thrown by a handler into a gRPC status via
 * FlotillaError: the shared code table picks the status, internal errors do
 * not leak their message.
 */
export function toGrpcStatus(err: unknown): StatusObject {
  const fe = FlotillaError.from(dbUnavailable(err));
  const metadata = new Metadata();
  metadata.set(CODE_HEADER, fe.code);
  const retry = retryHints.get(fe);
  if (retry !== undefined) metadata.set(RETRY_HEADER, String(retry));
  return { code: CODES[fe.code].grpc, details: fe.code === "internal" ? "internal error" : fe.message, metadata };
}
