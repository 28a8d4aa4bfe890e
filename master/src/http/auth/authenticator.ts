import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { errors } from "@flotilla/shared";
import type { ApiKeyService } from "../../services/api-keys.js";
import type { AuthService } from "../../services/auth.js";
import type { UserRole } from "../../services/users.js";
import type { Principal } from "../route.js";
import { parseCookies, SESSION_COOKIE } from "./cookies.js";
import { looksLikeJwt, type TokenSigner } from "./tokens.js";

/** Authenticated is a principal plus, for cookie logins, the session's CSRF token. */
export interface Authenticated {
  principal: Principal;
  /** Set when the request was authenticated by the session cookie. */
  csrfToken?: string;
}

/** Authenticator resolves request headers to a principal. */
export type Authenticator = ReturnType<typeof createAuthenticator>;

/** safeEqual compares two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * createAuthenticator checks, in order: `Authorization: Bearer` (JWT or API
 * key), `X-API-Key`, then the session cookie. It returns null without
 * credentials and throws unauthenticated when credentials are present but bad.
 */
export function createAuthenticator(deps: { tokens: TokenSigner; auth: AuthService; apiKeys: ApiKeyService }) {
  async function viaSession(token: string, typ: "access" | "session"): Promise<Authenticated> {
    const claims = await deps.tokens.verify(token, typ);
    const s = claims && (await deps.auth.activeSession(claims.sid));
    if (!claims || !s || s.userId !== claims.sub) throw errors.unauthenticated("invalid or expired token");
    const principal: Principal = {
      userId: s.user.id,
      username: s.user.username,
      role: s.user.role as UserRole,
      via: typ === "access" ? "jwt" : "session",
      sessionId: s.id,
    };
    return typ === "session" ? { principal, csrfToken: s.csrfToken } : { principal };
  }

  async function viaApiKey(key: string): Promise<Authenticated> {
    const k = await deps.apiKeys.resolve(key);
    if (!k) throw errors.unauthenticated("invalid or expired API key");
    return { principal: { userId: k.user.id, username: k.user.username, role: k.role, via: "api_key", apiKeyId: k.record.id } };
  }

  async function fromHeaders(headers: IncomingHttpHeaders): Promise<Authenticated | null> {
    const authz = headers.authorization;
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      if (!m) throw errors.unauthenticated("unsupported Authorization header: use Bearer <token>");
      return looksLikeJwt(m[1]!) ? viaSession(m[1]!, "access") : viaApiKey(m[1]!);
    }
    const apiKey = headers["x-api-key"];
    if (apiKey !== undefined) return viaApiKey(Array.isArray(apiKey) ? (apiKey[0] ?? "") : apiKey.trim());
    const cookie = parseCookies(headers.cookie).get(SESSION_COOKIE);
    if (cookie) return viaSession(cookie, "session");
    return null;
  }

  return {
    fromHeaders,
    /** principalOf is the lenient form for upgrades: null for missing or bad credentials. */
    async principalOf(headers: IncomingHttpHeaders): Promise<Principal | null> {
      try {
        return (await fromHeaders(headers))?.principal ?? null;
      } catch {
        return null;
      }
    },
  };
}
