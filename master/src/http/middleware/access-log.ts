import type { Logger } from "@flotilla/shared";
import type { Middleware } from "koa";
import type { Metrics } from "../../metrics/registry.js";

/** UNMATCHED_ROUTE labels requests that matched no route, keeping metric cardinality bounded. */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * accessLog writes one JSON line per request (with the request id) and
 * observes http_request_duration_seconds{method,route,status} using the
 * route template set by the router in ctx.state.route.
 */
export function accessLog(opts: { log: Logger; metrics: Metrics }): Middleware {
  return async function accessLogMiddleware(ctx, next) {
    const start = process.hrtime.bigint();
    ctx.state.log = opts.log.child({ request_id: ctx.state.requestId });
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route: string = ctx.state.route ?? UNMATCHED_ROUTE;
      const method = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(ctx.method) ? ctx.method : "OTHER";
      opts.metrics.httpSeconds.observe({ method, route, status: String(ctx.status) }, seconds);
      const entry = {
        method: ctx.method,
        path: ctx.path.slice(0, 512),
        route,
        status: ctx.status,
        duration_ms: Math.round(seconds * 1e4) / 10,
        remote: ctx.ip,
      };
      if (ctx.status >= 500) ctx.state.log.error(entry, "http request");
      else ctx.state.log.info(entry, "http request");
    }
  };
}
