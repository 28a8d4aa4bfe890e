import { assertValidStrings, checkQueryString, decodeComponent, FlotillaError, errors, type FieldViolation } from "@flotilla/shared";
import type { Context, Middleware } from "koa";
import type { z } from "zod";
import type { AuditService } from "../../services/audit.js";
import type { RefusalTally } from "../../services/refusal-tally.js";
import type { Metrics } from "../../metrics/registry.js";
import { safeEqual, type Authenticated, type Authenticator } from "../auth/authenticator.js";
import { ROLE_RANK, type Principal, type RouteDef } from "../route.js";
import { auditAction, auditTargetType } from "./audit-action.js";
import { toFlotillaError } from "./error-handler.js";
import { NO_BODY, readJsonBody } from "./json-body.js";
import { compileRoutes, matchRoute, type CompiledRoute } from "./route-match.js";

/** AuditNote lets a handler refine its audit entry via ctx.state.audit. */
export interface AuditNote {
  targetId?: string;
  actorName?: string;
  details?: Record<string, unknown>;
}

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function violations(err: z.ZodError, where: string): FlotillaError {
  // an unknown key is named as the field itself, so clients see which key to drop
  const details: FieldViolation[] = err.issues
    .slice(0, 50)
    .flatMap((i) =>
      i.code === "unrecognized_keys"
        ? i.keys.map((k) => ({ field: [...i.path.map(String), k].join("."), message: "unknown field" }))
        : [{ field: i.path.map(String).join(".") || where, message: i.message }],
    );
  return errors.invalid(`invalid ${where}`, details);
}

function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value);
  if (!r.success) throw violations(r.error, where);
  return r.data;
}

function decodeParams(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = decodeComponent(v, k);
  return out;
}

async function authorize(route: RouteDef, ctx: Context, authn: Authenticator): Promise<Authenticated | null> {
  let who: Authenticated | null;
  try {
    who = await authn.fromHeaders(ctx.req.headers);
  } catch (err) {
    if (route.role === "public") return null;
    throw err;
  }
  ctx.state.principal = who?.principal ?? null;
  if (route.role === "public") return who;
  if (!who) throw errors.unauthenticated();
  if (ROLE_RANK[who.principal.role] < ROLE_RANK[route.role]) throw errors.forbidden(`requires role ${route.role}`);
  if (WRITE.has(route.method) && who.csrfToken !== undefined) {
    const header = ctx.req.headers["x-csrf-token"];
    if (typeof header !== "string" || !safeEqual(header, who.csrfToken)) throw errors.forbidden("missing or invalid X-CSRF-Token");
  }
  return who;
}

function actorOf(p: Principal | null, note: AuditNote | undefined) {
  if (p) return { id: p.userId, name: p.username, type: p.via === "api_key" ? ("api_key" as const) : ("user" as const) };
  return { name: note?.actorName ?? "anonymous", type: "anonymous" as const };
}

/**
 * router serves the registry: match → authenticate → role → CSRF → parse and
 * validate → handler → render, and writes one audit entry per write request
 * (skipped only for requests without valid credentials on protected routes).
 */
export function router(opts: {
  routes: RouteDef[];
  authenticator: Authenticator;
  audit: AuditService;
  refusals?: RefusalTally;
  metrics?: Metrics;
}): Middleware {
  const routes: CompiledRoute[] = compileRoutes(opts.routes);
  return async function routerMiddleware(ctx, next) {
    const match = matchRoute(routes, ctx.method, ctx.path);
    if (match.kind === "none") return next();
    if (match.kind === "method") {
      ctx.set("Allow", match.allowed.join(", "));
      throw new FlotillaError("invalid_argument", `method ${ctx.method} not allowed here`, [], { status: 405 });
    }
    const { def } = match.route;
    ctx.state.route = match.route.template;
    let principal: Principal | null = null;
    let result: unknown;
    let failure: FlotillaError | undefined;
    try {
      principal = (await authorize(def, ctx, opts.authenticator))?.principal ?? null;
      const params = validate(def.params, decodeParams(match.params), "path parameters");
      checkQueryString(ctx.querystring);
      const query = validate(def.query, ctx.query, "query parameters");
      let body: unknown = undefined;
      if (WRITE.has(def.method)) {
        const raw = await readJsonBody(ctx);
        assertValidStrings(raw, "request body");
        if (def.body) body = validate(def.body, raw === NO_BODY ? {} : raw, "request body");
        else if (raw !== NO_BODY && !(typeof raw === "object" && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0))
          throw errors.invalid("this route takes no request body");
      }
      result = await def.handler({ body, query, params, principal, requestId: ctx.state.requestId, ctx });
      if (result !== undefined) {
        ctx.status = def.status ?? 200;
        ctx.body = result;
      } else if (ctx.body === undefined) ctx.status = 204;
    } catch (err) {
      failure = toFlotillaError(err);
      throw failure;
    } finally {
      // Requests without valid credentials on protected routes are not audited (nothing was attempted).
      if (WRITE.has(def.method) && (def.role === "public" || ctx.state.principal))
        await writeAudit(ctx, def, match.params, principal ?? ctx.state.principal ?? null, result, failure, opts);
    }
  };
}

/**
 * writeAudit writes the request's audit entry. A rate-limited request is
 * counted instead (metric, plus one entry per action and source address
 * and minute whose details carry `count`), so a flood of refused requests
 * cannot grow the audit log.
 */
async function writeAudit(
  ctx: Context,
  def: RouteDef,
  rawParams: Record<string, string>,
  principal: Principal | null,
  result: unknown,
  failure: FlotillaError | undefined,
  deps: { audit: AuditService; refusals?: RefusalTally; metrics?: Metrics },
) {
  const { audit } = deps;
  const note: AuditNote | undefined = ctx.state.audit;
  const resultId = typeof result === "object" && result !== null ? (result as { id?: unknown }).id : undefined;
  let targetId = note?.targetId ?? (typeof resultId === "string" ? resultId : undefined);
  if (targetId === undefined) {
    const first = Object.values(rawParams)[0];
    if (first !== undefined) targetId = safeDecode(first);
  }
  const details = {
    ...(note?.details ?? {}),
    outcome: failure ? "failure" : "success",
    status: failure ? failure.httpStatus : ctx.status,
    ...(failure ? { code: failure.code } : {}),
    ...(principal?.apiKeyId ? { api_key_id: principal.apiKeyId } : {}),
  };
  const entry = {
    actor: actorOf(principal, note),
    action: auditAction(def),
    target_type: auditTargetType(def),
    target_id: targetId,
    request_id: ctx.state.requestId,
    source: ctx.ip,
  };
  try {
    if (failure?.code === "rate_limited" && deps.refusals) {
      deps.metrics?.rateLimited.inc({ surface: `${def.method} ${def.path}` });
      await deps.refusals.note(`audit:${entry.action}:${ctx.ip}`, {
        create: async () => (await audit.record({ ...entry, details: { ...details, count: 1 } })).id,
        update: (id, count) => audit.updateDetails(id, { ...details, count }),
      });
      return;
    }
    await audit.record({ ...entry, details });
  } catch (err) {
    ctx.state.log?.error({ err }, "audit write failed");
  }
}

function safeDecode(s: string): string {
  try {
    return decodeComponent(s, "id");
  } catch {
    return s;
  }
}
