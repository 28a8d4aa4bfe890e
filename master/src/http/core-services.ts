import type { MasterContext } from "../context.js";
import { createApiKeyService } from "../services/api-keys.js";
import { createAuditService } from "../services/audit.js";
import { createAuthService } from "../services/auth.js";
import { createLiveStreams, revocationMatches, type LiveStreams } from "../services/live-streams.js";
import { createRefusalTally } from "../services/refusal-tally.js";
import { createUserService } from "../services/users.js";
import { createWsTicketService, type WsTicketService } from "../services/ws-tickets.js";
import { createAuthenticator } from "./auth/authenticator.js";
import { createLoginLimiter, type LoginLimits } from "./auth/rate-limit.js";
import { createTokenSigner, loadJwtKey } from "./auth/tokens.js";
import type { CoreServices } from "./services.js";

/** CoreServicesOptions tune the identity services (tests lower the login limits set by the config). */
export interface CoreServicesOptions {
  loginLimits?: Partial<LoginLimits>;
  /** Ticket store shared with the WebSocket feed (created when omitted). */
  wsTickets?: WsTicketService;
  /** Registry of open WebSocket streams (created when omitted). */
  streams?: LiveStreams;
}

/**
 * createCoreServices builds users, sessions, API keys, audit, the JWT signer
 * and the request authenticator. A reused refresh token revokes its session
 * and is audited. Every revocation (logout, password change, user deletion,
 * role change, API key deletion) closes the credential's open WebSocket
 * streams and voids its outstanding tickets.
 */
export function createCoreServices(ctx: MasterContext, opts: CoreServicesOptions = {}): CoreServices {
  const streams = opts.streams ?? createLiveStreams({ maxPerPrincipal: ctx.config.wsMaxPerUser });
  const wsTickets = opts.wsTickets ?? createWsTicketService();
  streams.onRevoke((r) => wsTickets.drop((p) => revocationMatches(r, p)));
  const users = createUserService(ctx, { streams });
  const audit = createAuditService(ctx);
  const auth = createAuthService(ctx, {
    users,
    streams,
    maxLifetimeMs: ctx.config.sessionMaxLifetimeMs,
    async onReuse({ sessionId, userId }) {
      ctx.log.warn({ session_id: sessionId, user_id: userId }, "refresh token reused: session revoked");
      await audit.record({
        actor: { type: "system", name: "flotilla" },
        action: "auth.session_revoked",
        target_type: "session",
        target_id: sessionId,
        details: { reason: "refresh_token_reused", user_id: userId },
      });
    },
  });
  const apiKeys = createApiKeyService(ctx, { streams });
  const tokens = createTokenSigner(loadJwtKey(ctx.config.dataDir));
  const authenticator = createAuthenticator({ tokens, auth, apiKeys });
  return {
    users,
    auth,
    apiKeys,
    audit,
    tokens,
    authenticator,
    loginLimiter: createLoginLimiter({ perIp: ctx.config.loginLimitPerAddress, perUsername: ctx.config.loginLimitPerAccount, ...opts.loginLimits }),
    wsTickets,
    streams,
    refusals: createRefusalTally(ctx.log),
  };
}
