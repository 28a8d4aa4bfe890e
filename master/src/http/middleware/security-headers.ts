import type { Middleware } from "koa";

/** UI_CSP is the Content-Security-Policy of the web UI: same-origin only, no inline scripts. */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // 'self' covers ws:/wss: to the same origin (CSP Level 3); no other host is reachable from the UI.
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** securityHeaders sets nosniff, frame denial, referrer policy and the CSP on every response. */
export function securityHeaders(opts: { csp?: string } = {}): Middleware {
  const csp = opts.csp ?? UI_CSP;
  return async function securityHeadersMiddleware(ctx, next) {
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("X-Frame-Options", "DENY");
    ctx.set("Referrer-Policy", "no-referrer");
    ctx.set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.set("Content-Security-Policy", csp);
    if (ctx.path.startsWith("/api/")) ctx.set("Cache-Control", "no-store");
    await next();
  };
}
