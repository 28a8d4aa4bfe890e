import { FlotillaError, type Code } from "@flotilla/shared";
import type { Middleware } from "koa";
import { dbUnavailable, DB_RETRY_AFTER_S } from "../../db/unavailable.js";

/** ErrorEnvelope is the body of every REST error (SPEC §4). */
export interface ErrorEnvelope {
  error: string;
  code: Code;
  request_id: string;
  details?: Array<{ field: string; message: string }>;
}

const CODE_BY_STATUS: Record<number, Code> = {
  400: "invalid_argument",
  401: "unauthenticated",
  403: "permission_denied",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
  503: "unavailable",
};

/**
 * toFlotillaError converts anything thrown while serving a request. Errors of
 * Koa itself that carry a 4xx `status` keep their status as invalid input.
 */
export function toFlotillaError(err: unknown): FlotillaError {
  if (err instanceof FlotillaError) return err;
  const status = typeof err === "object" && err !== null ? (err as { status?: unknown }).status : undefined;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? "invalid_argument";
    return new FlotillaError(code, code === "not_found" ? "not found" : "invalid request", [], { status, cause: err });
  }
  return FlotillaError.from(dbUnavailable(err));
}

/** errorHandler renders errors as the JSON envelope; 5xx never show internals. */
export function errorHandler(): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
    } catch (err) {
      const fe = toFlotillaError(err);
      const server = fe.httpStatus >= 500;
      if (fe.code === "unavailable") ctx.state.log?.warn({ err: fe.cause ?? fe }, "request refused: unavailable");
      else if (server) ctx.state.log?.error({ err: fe.cause ?? fe }, "request failed");
      const body: ErrorEnvelope = {
        error: server && fe.code === "internal" ? "internal error" : fe.message,
        code: fe.code,
        request_id: ctx.state.requestId,
      };
      if (fe.details.length > 0) body.details = fe.details;
      ctx.status = fe.httpStatus;
      ctx.body = body;
      if (fe.code === "unauthenticated") ctx.set("WWW-Authenticate", 'Bearer realm="flotilla"');
      if (fe.code === "unavailable") ctx.set("Retry-After", String(DB_RETRY_AFTER_S));
    }
  };
}

/** notFound answers every request nothing else handled with a not_found envelope. */
export function notFound(): Middleware {
  return async function notFoundMiddleware(ctx, next) {
    await next();
    if (ctx.body === undefined && ctx.status === 404) throw new FlotillaError("not_found", `no route for ${ctx.method} ${ctx.path.slice(0, 200)}`);
  };
}
