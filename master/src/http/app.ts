import type { IncomingMessage } from "node:http";
import Koa from "koa";
import { accessLog } from "./middleware/access-log.js";
import { errorHandler, notFound } from "./middleware/error-handler.js";
import { forwarded } from "./middleware/forwarded.js";
import { requestId } from "./middleware/request-id.js";
import { router } from "./middleware/router.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { staticUi } from "./middleware/static-ui.js";
import { buildRoutes } from "./registry.js";
import type { Principal, RouteDef } from "./route.js";
import type { CoreServices, Services } from "./services.js";

export { createCoreServices, type CoreServicesOptions } from "./core-services.js";

/** HttpApp is the master's REST/UI application, ready to serve with node:http. */
export interface HttpApp {
  app: Koa;
  /** callback is the node:http request listener. */
  callback: ReturnType<Koa["callback"]>;
  /** authenticate resolves a raw request (e.g. a WebSocket upgrade) to a principal, or null. */
  authenticate(req: IncomingMessage): Promise<Principal | null>;
  /** routes is the final route list (registry order). */
  routes: RouteDef[];
  core: CoreServices;
}

/** HttpAppOptions are the adapter's own settings. */
export interface HttpAppOptions {
  /** Directory of the built UI (default ui/dist of the repository). */
  uiDir?: string;
}

/**
 * createHttpApp is the REST adapter over the services built by the
 * composition root: client address and protocol (trusted proxies) → request id → access log and metrics → security headers →
 * error envelope → registry router → static UI → 404.
 */
export function createHttpApp(services: Omit<Services, "routes">, opts: HttpAppOptions = {}): HttpApp {
  const { ctx, core } = services;
  const routes = buildRoutes(services);
  const app = new Koa();
  app.silent = true;
  // Koa's own proxy mode believes every peer and takes the left-most (client-written)
  // X-Forwarded-For hop; forwarded() strips the headers of untrusted peers and sets ctx.ip.
  app.proxy = true;
  app.use(forwarded(ctx.config.trustedProxies));
  app.use(requestId());
  app.use(accessLog({ log: ctx.log, metrics: ctx.metrics }));
  app.use(securityHeaders());
  app.use(errorHandler());
  app.use(notFound());
  app.use(router({ routes, authenticator: core.authenticator, audit: core.audit, refusals: core.refusals, metrics: ctx.metrics }));
  app.use(staticUi({ root: opts.uiDir }));
  return {
    app,
    callback: app.callback(),
    authenticate: (req) => core.authenticator.principalOf(req.headers),
    routes,
    core,
  };
}
