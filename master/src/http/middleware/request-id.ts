import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";

const SANE = /^[A-Za-z0-9._-]{1,128}$/;

/** REQUEST_ID_HEADER is accepted from clients and echoed on every response. */
export const REQUEST_ID_HEADER = "X-Request-ID";

/** acceptRequestId returns the client's request id when sane, else a new one. */
export function acceptRequestId(raw: string | string[] | undefined): string {
  return typeof raw === "string" && SANE.test(raw) ? raw : randomUUID();
}

/** requestId sets ctx.state.requestId and the X-Request-ID response header. */
export function requestId(): Middleware {
  return async function requestIdMiddleware(ctx, next) {
    const id = acceptRequestId(ctx.req.headers["x-request-id"]);
    ctx.state.requestId = id;
    ctx.set(REQUEST_ID_HEADER, id);
    await next();
  };
}
