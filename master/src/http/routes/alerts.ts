import { z } from "zod";
import type { AlertService } from "../../alerts/service.js";
import { RULE_KINDS, SEVERITIES } from "../../alerts/rules.js";
import { listResponseSchema, pageQuery, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { deletedSchema } from "../schemas/common.js";
import { alertRuleSchema, alertSchema, notificationSchema, silenceSchema } from "../schemas/automation.js";

const idParams = z.object({ id: z.string().min(1).max(128) });
const day = 86_400;
const fields = {
  name: z.string().min(1).max(128),
  kind: z.enum(RULE_KINDS),
  severity: z.enum(SEVERITIES),
  for_seconds: z
    .number()
    .int()
    .min(0)
    .max(7 * day)
    .describe("How long the condition must hold before the alert fires"),
  labels: z.string().max(2048).nullable().optional().describe("Label selector k=v,k2=v2 scoping the rule"),
  params: z
    .record(z.string().max(64), z.unknown())
    .optional()
    .describe("Kind parameters: metric/threshold, ratio, container/restarts/window_seconds, min_severity, count/window_seconds, days"),
  channel_ids: z.array(z.string().min(1).max(128)).max(20).optional(),
  repeat_seconds: z
    .number()
    .int()
    .min(0)
    .max(7 * day)
    .optional()
    .describe("Notify again while firing (0: never)"),
  enabled: z.boolean().optional(),
};
const alertQuery = z.object({
  ...pageQueryShape,
  state: z.enum(["firing", "acknowledged", "resolved"]).optional(),
  severity: z.enum(SEVERITIES).optional(),
  node_id: z.string().min(1).max(128).optional(),
  rule_id: z.string().min(1).max(128).optional(),
});
const silenceBody = z
  .object({
    rule_id: z.string().min(1).max(128).optional(),
    labels: z.string().min(1).max(2048).optional(),
    ends_at: z.string().min(1).max(64).describe("RFC 3339 end time"),
    comment: z.string().max(1024).optional(),
  })
  .strict();

/** createAlertRoutes returns alert rule (admin; viewer reads), alert and silence (operator) and notification (own) routes. */
export function createAlertRoutes(svc: AlertService): RouteDef[] {
  const tag = "alerts";
  const who = (p: { username: string } | null) => p?.username ?? "unknown";
  return [
    defineRoute({
      tag,
      role: "viewer",
      method: "GET",
      path: "/alert-rules",
      summary: "List alert rules",
      response: listResponseSchema(alertRuleSchema),
      query: pageQuery,
      handler: async ({ query }) => svc.rules.list(query.limit, query.cursor),
    }),
    defineRoute({
      tag,
      role: "admin",
      method: "POST",
      path: "/alert-rules",
      status: 201,
      summary: "Create an alert rule",
      response: alertRuleSchema,
      body: z.object(fields).strict(),
      handler: async ({ body }) => svc.rules.create(body),
    }),
    defineRoute({
      tag,
      role: "viewer",
      method: "GET",
      path: "/alert-rules/:id",
      summary: "Get an alert rule",
      response: alertRuleSchema,
      params: idParams,
      handler: async ({ params }) => svc.rules.get(params.id),
    }),
    defineRoute({
      tag,
      role: "admin",
      method: "PATCH",
      path: "/alert-rules/:id",
      summary: "Update an alert rule",
      response: alertRuleSchema,
      params: idParams,
      body: z.object(fields).partial().strict(),
      handler: async ({ params, body }) => svc.rules.update(params.id, body),
    }),
    defineRoute({
      tag,
      role: "admin",
      method: "DELETE",
      path: "/alert-rules/:id",
      summary: "Delete an alert rule (its open alerts are resolved)",
      response: deletedSchema,
      params: idParams,
      handler: async ({ params }) => svc.rules.remove(params.id),
    }),
    defineRoute({
      tag,
      role: "viewer",
      method: "GET",
      path: "/alerts",
      summary: "List alerts, newest first (filters state, severity, node_id, rule_id)",
      response: listResponseSchema(alertSchema),
      query: alertQuery,
      handler: async ({ query }) => svc.alerts.list(query),
    }),
    defineRoute({
      tag,
      role: "operator",
      method: "POST",
      path: "/alerts/:id/acknowledge",
      summary: "Acknowledge a firing alert (stops repeats)",
      response: alertSchema,
      params: idParams,
      handler: async ({ params, principal }) => svc.alerts.acknowledge(params.id, who(principal)),
    }),
    defineRoute({
      tag,
      role: "operator",
      method: "POST",
      path: "/alerts/:id/resolve",
      summary: "Resolve an alert",
      response: alertSchema,
      params: idParams,
      handler: async ({ params, principal }) => svc.alerts.resolve(params.id, who(principal)),
    }),
    defineRoute({
      tag,
      role: "viewer",
      method: "GET",
      path: "/silences",
      summary: "List silences",
      response: listResponseSchema(silenceSchema),
      query: pageQuery,
      handler: async ({ query }) => svc.silences.list(query.limit, query.cursor),
    }),
    defineRoute({
      tag,
      role: "operator",
      method: "POST",
      path: "/silences",
      status: 201,
      summary: "Mute notifications of a rule and/or label selector until ends_at",
      response: silenceSchema,
      body: silenceBody,
      handler: async ({ body, principal }) => svc.silences.create(body, who(principal)),
    }),
    defineRoute({
      tag,
      role: "operator",
      method: "DELETE",
      path: "/silences/:id",
      summary: "End a silence",
      response: deletedSchema,
      params: idParams,
      handler: async ({ params }) => svc.silences.remove(params.id),
    }),
    defineRoute({
      tag: "notifications",
      role: "viewer",
      method: "GET",
      path: "/notifications",
      summary: "Your in-app notifications, newest first",
      response: listResponseSchema(notificationSchema),
      query: z.object({ ...pageQueryShape, unread: z.enum(["true", "false"]).optional() }),
      handler: async ({ query, principal }) => svc.notifications.list(principal!.userId, query.limit, query.cursor, query.unread === "true"),
    }),
    defineRoute({
      tag: "notifications",
      role: "viewer",
      method: "GET",
      path: "/notifications/unread-count",
      summary: "Number of your unread notifications",
      response: z.object({ count: z.number().int() }),
      handler: async ({ principal }) => svc.notifications.unreadCount(principal!.userId),
    }),
    defineRoute({
      tag: "notifications",
      role: "viewer",
      method: "POST",
      path: "/notifications/:id/read",
      summary: "Mark one of your notifications read",
      response: z.object({ read: z.literal(true) }),
      params: idParams,
      handler: async ({ params, principal }) => svc.notifications.read(principal!.userId, params.id),
    }),
    defineRoute({
      tag: "notifications",
      role: "viewer",
      method: "POST",
      path: "/notifications/read-all",
      summary: "Mark all your notifications read",
      response: z.object({ marked: z.number().int() }),
      handler: async ({ principal }) => svc.notifications.readAll(principal!.userId),
    }),
  ];
}
