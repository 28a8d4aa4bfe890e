import { errors, FlotillaError } from "@flotilla/shared";
import type { Context } from "koa";
import { z } from "zod";
import type { IssuedSession } from "../../services/auth.js";
import { CSRF_COOKIE, serializeCookie, SESSION_COOKIE } from "../auth/cookies.js";
import { ACCESS_TOKEN_TTL_S, type TokenSigner } from "../auth/tokens.js";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";
import { passwordSchema, usernameSchema, userSchema, userView } from "./users.js";

const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  refresh_token: z.string(),
  csrf_token: z.string(),
  user: userSchema,
});

async function issueResponse(k: Context, tokens: TokenSigner, s: IssuedSession) {
  const claims = { sub: s.user.id, sid: s.session.id, role: s.user.role };
  const maxAge = (s.session.expiresAt.getTime() - Date.now()) / 1000;
  const cookie = await tokens.session(claims, s.session.expiresAt);
  k.append("Set-Cookie", serializeCookie(SESSION_COOKIE, cookie, { maxAgeSeconds: maxAge, httpOnly: true, secure: k.secure }));
  k.append("Set-Cookie", serializeCookie(CSRF_COOKIE, s.session.csrfToken, { maxAgeSeconds: maxAge, httpOnly: false, secure: k.secure }));
  return {
    access_token: await tokens.access(claims),
    token_type: "Bearer" as const,
    expires_in: ACCESS_TOKEN_TTL_S,
    refresh_token: s.refreshToken,
    csrf_token: s.session.csrfToken,
    user: userView(s.user),
  };
}

function clearCookies(k: Context): void {
  for (const [name, httpOnly] of [
    [SESSION_COOKIE, true],
    [CSRF_COOKIE, false],
  ] as const)
    k.append("Set-Cookie", serializeCookie(name, "", { maxAgeSeconds: 0, httpOnly, secure: k.secure }));
}

const credentials = z.object({ username: z.string().min(1).max(64), password: passwordSchema });

/** authRoutes: first-admin setup, login, token refresh, logout and the caller's own account. */
export const authRoutes: RouteFactory = ({ core }) => [
  defineRoute({
    method: "GET",
    path: "/auth/setup",
    role: "public",
    tag: "auth",
    summary: "Whether first-run setup is still required (no user exists yet)",
    response: z.object({ required: z.boolean() }),
    handler: async () => ({ required: (await core.users.count()) === 0 }),
  }),
  defineRoute({
    method: "POST",
    path: "/auth/setup",
    role: "public",
    tag: "auth",
    summary: "Create the first admin (409 once any user exists)",
    status: 201,
    body: z.object({ username: usernameSchema, password: passwordSchema }),
    response: userSchema,
    handler: async ({ body, ctx: k }) => {
      k.state.audit = { actorName: body.username };
      const user = await core.users.setupFirstAdmin(body);
      k.state.audit = { actorName: body.username, targetId: user.id };
      return userView(user);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/auth/login",
    role: "public",
    tag: "auth",
    summary: "Log in: access and refresh tokens plus the session cookie",
    body: credentials,
    response: tokenResponse,
    handler: async ({ body, ctx: k }) => {
      k.state.audit = { actorName: body.username };
      const check = core.loginLimiter.begin(k.ip, body.username);
      if (!check) throw errors.rateLimited("too many failed login attempts; try again later");
      const issued = await core.auth.login({ ...body, userAgent: k.get("user-agent") || undefined }).catch((err: unknown) => {
        if (err instanceof FlotillaError && err.code === "unauthenticated") check.failed();
        else check.release();
        throw err;
      });
      check.succeeded();
      k.state.principal = {
        userId: issued.user.id,
        username: issued.user.username,
        role: issued.user.role,
        via: "session",
        sessionId: issued.session.id,
      };
      k.state.audit = { actorName: body.username, targetId: issued.user.id };
      return issueResponse(k, core.tokens, issued);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/auth/refresh",
    role: "public",
    tag: "auth",
    summary: "Exchange a refresh token for new tokens (rotates the refresh token)",
    body: z.object({ refresh_token: z.string().min(1).max(512) }),
    response: tokenResponse,
    handler: async ({ body, ctx: k }) => {
      const issued = await core.auth.refresh(body.refresh_token);
      k.state.audit = { actorName: issued.user.username, targetId: issued.session.id };
      return issueResponse(k, core.tokens, issued);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/auth/logout",
    role: "viewer",
    tag: "auth",
    summary: "End the current session and clear the session cookie",
    status: 204,
    handler: async ({ principal, ctx: k }) => {
      if (principal?.sessionId) await core.auth.logout({ sessionId: principal.sessionId });
      clearCookies(k);
      return undefined;
    },
  }),
  defineRoute({
    method: "GET",
    path: "/auth/me",
    role: "viewer",
    tag: "auth",
    summary: "The caller's account",
    response: userSchema.extend({ auth: z.enum(["session", "jwt", "api_key"]) }),
    handler: async ({ principal }) => ({ ...userView(await core.users.get(principal!.userId)), role: principal!.role, auth: principal!.via }),
  }),
  defineRoute({
    method: "PUT",
    path: "/auth/me/password",
    role: "viewer",
    tag: "auth",
    summary: "Change your password (ends your other sessions)",
    status: 204,
    body: z.object({ current_password: passwordSchema, new_password: passwordSchema }),
    handler: async ({ body, principal, ctx: k }) => {
      const check = core.loginLimiter.begin(k.ip, principal!.username);
      if (!check) throw errors.rateLimited("too many failed password checks; try again later");
      await core.auth
        .changePassword({ userId: principal!.userId, current: body.current_password, next: body.new_password, keepSessionId: principal!.sessionId })
        .catch((err: unknown) => {
          if (err instanceof FlotillaError && err.code === "invalid_argument" && err.details.some((d) => d.field === "current_password"))
            check.failed();
          else check.release();
          throw err;
        });
      check.succeeded();
      return undefined;
    },
  }),
];
