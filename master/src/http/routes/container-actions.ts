import { errors } from "@flotilla/shared";
import { z } from "zod";
import { ACTION_LIMITS, type Requester } from "../../containers/actions.js";
import { defineRoute, type Principal } from "../route.js";
import type { RouteFactory } from "../services.js";
import { commandSchema } from "./commands.js";

export { ACTION_LIMITS } from "../../containers/actions.js";

const params = z.object({ id: z.string().min(1).max(128), cid: z.string().min(1).max(256) });

const actionBody = z
  .object({
    action: z.enum(["start", "stop", "restart"]),
    stop_timeout_seconds: z
      .number()
      .int()
      .min(0)
      .max(3_600)
      .optional()
      .describe("Grace period before the engine kills the container (stop, restart)"),
    timeout_seconds: z.number().int().min(1).max(3_600).optional().describe("Command timeout (default: grace period + 15 s)"),
  })
  .strict();

/** parseSince accepts RFC 3339 or Unix seconds; returns milliseconds. */
export function parseSince(raw: string): number | null {
  if (/^\d{1,12}(\.\d+)?$/.test(raw)) return Math.floor(Number(raw) * 1000);
  if (!/^\d{4}-\d\d-\d\dT/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

/** logsQuery is the `tail`/`since` query of the logs routes (also used by the follow socket). */
export const logsQuery = z.object({
  tail: z.coerce
    .number()
    .int()
    .min(0)
    .max(ACTION_LIMITS.maxTail)
    .default(ACTION_LIMITS.defaultTail)
    .describe("Lines from the end (0 = none before `since`, max 10000)"),
  since: z
    .string()
    .max(64)
    .refine((s) => parseSince(s) !== null, "RFC 3339 time or Unix seconds")
    .optional(),
});

const lineSchema = z.object({ stream: z.enum(["stdout", "stderr"]), text: z.string(), ts: z.string() });
const logsResponse = z.object({ lines: z.array(lineSchema), truncated: z.boolean() });

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** requesterOf names the requester of a command and scopes its idempotency keys. */
export function requesterOf(p: Principal | null): Requester {
  return { requestedBy: p?.username ?? "anonymous", idempotencyScope: p ? (p.apiKeyId ? `key:${p.apiKeyId}` : `user:${p.userId}`) : "anonymous" };
}

/**
 * containerActionRoutes serves container actions (operator) and log reads
 * (viewer) through the container service.
 */
export const containerActionRoutes: RouteFactory = ({ containers }) => [
  defineRoute({
    method: "POST",
    path: "/nodes/:id/containers/:cid/actions",
    role: "operator",
    tag: "containers",
    action: "containers.action",
    summary: "Start, stop or restart a container; answers the command record (Idempotency-Key supported)",
    params,
    body: actionBody,
    response: commandSchema,
    handler: async ({ params: p, body, principal, requestId, ctx }) => {
      const rawKey = ctx.get("idempotency-key");
      if (rawKey && !IDEMPOTENCY_KEY.test(rawKey)) {
        throw errors.invalid("invalid Idempotency-Key", [{ field: "Idempotency-Key", message: "1-200 visible ASCII characters" }]);
      }
      const who = { ...requesterOf(principal), ...(rawKey ? { idempotencyKey: rawKey } : {}) };
      const req = {
        action: body.action,
        ...(body.stop_timeout_seconds !== undefined ? { stopTimeoutSeconds: body.stop_timeout_seconds } : {}),
        ...(body.timeout_seconds !== undefined ? { timeoutSeconds: body.timeout_seconds } : {}),
      };
      const r = await containers.act(p.id, p.cid, req, who, requestId);
      if (r.done) return r.record;
      ctx.status = 202;
      ctx.body = r.record;
      return undefined;
    },
  }),
  defineRoute({
    method: "GET",
    path: "/nodes/:id/containers/:cid/logs",
    role: "viewer",
    tag: "containers",
    summary: "Read a container's last log lines (tail default 100, max 10000; since = RFC 3339 or Unix seconds)",
    params,
    query: logsQuery,
    response: logsResponse,
    handler: async ({ params: p, query, principal, requestId }) =>
      containers.readLogs(
        p.id,
        p.cid,
        { tail: query.tail, sinceMs: query.since ? (parseSince(query.since) ?? 0) : 0 },
        requesterOf(principal),
        requestId,
      ),
  }),
];
