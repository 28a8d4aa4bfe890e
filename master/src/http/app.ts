import type { IncomingMessage } from "node:http";
import Koa from "koa";
import type { MasterContext } from "../context.js";
import { createApiKeyService } from "../services/api-keys.js";
import { createAuditService } from "../services/audit.js";
import { createAuthService } from "../services/auth.js";
import { createUserService } from "../services/users.js";
import { createWsTicketService } from "../services/ws-tickets.js";
import { createAuthenticator } from "./auth/authenticator.js";
import { createLoginLimiter } from "./auth/rate-limit.js";
import { createTokenSigner, loadJwtKey } from "./auth/tokens.js";
import { accessLog } from "./middleware/access-log.js";
import { errorHandler, notFound } from "./middleware/error-handler.js";
import { requestId } from "./middleware/request-id.js";
import { router } from "./middleware/router.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { staticUi } from "./middleware/static-ui.js";
import { buildRoutes, type CoreServices, type HttpDeps } from "./registry.js";
import type { Principal, RouteDef } from "./route.js";

export type { HttpDeps } from "./registry.js";

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

/**
 * createHttpApp builds the Koa app: request id → access log and metrics →
 * security headers → error envelope → registry router → static UI → 404.
 */
export function createHttpApp(ctx: MasterContext, deps: HttpDeps): HttpApp {
  const users = createUserService(ctx);
  const audit = createAuditService(ctx);
  const auth = createAuthService(ctx, {
    users,
    async onReuse({ sessionId, userId }) {
      ctx.log.warn({ session_id: sessionId, user_id: userId }, "refresh token reused: session revoked");
      await audit.record({
        actor: { type: "system", name: "flotilla" }, action: "auth.session_revoked", target_type: "session", target_id: sessionId,
        details: { reason: "refresh_token_reused", user_id: userId },
      });
    },
  });
  const apiKeys = createApiKeyService(ctx);
  const tokens = createTokenSigner(loadJwtKey(ctx.config.dataDir));
  const authenticator = createAuthenticator({ tokens, auth, apiKeys });
  const core: CoreServices = { users, auth, apiKeys, audit, tokens, authenticator, loginLimiter: createLoginLimiter({ perIp: ctx.config.loginLimitPerAddress, perUsername: ctx.config.loginLimitPerAccount, ...deps.loginLimits }), wsTickets: deps.wsTickets ?? createWsTicketService() };
  const routes = buildRoutes(ctx, { ...deps, core });

  const app = new Koa();
  app.silent = true;
  app.use(requestId());
  app.use(accessLog({ log: ctx.log, metrics: ctx.metrics }));
  app.use(securityHeaders());
  app.use(errorHandler());
  app.use(notFound());
  app.use(router({ routes, authenticator, audit }));
  app.use(staticUi({ root: deps.uiDir }));
  return {
    app,
    callback: app.callback(),
    authenticate: (req) => authenticator.principalOf(req.headers),
    routes,
    core,
  };
}
