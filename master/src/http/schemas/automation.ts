import { SEVERITIES } from "@flotilla/shared";
import { z } from "zod";
import { RULE_KINDS } from "../../alerts/rules.js";
import { CHANNEL_KINDS } from "../../notify/channels.js";
import { nullableTime, timestamp } from "./common.js";

const severity = z.enum(SEVERITIES as unknown as ["critical", "high", "medium", "low", "info"]);
const headers = z.record(z.string(), z.string());

/** webhookSchema is one outbound endpoint (never its secret). */
export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  event_types: z.array(z.string()),
  labels: z.string().nullable().describe("Label selector k=v,k2=v2"),
  failing_since: nullableTime,
  disabled_reason: z.string().nullable(),
  previous_secret_expires_at: nullableTime.describe("Until when the secret replaced by the last rotation still signs"),
  created_at: nullableTime,
  updated_at: nullableTime,
});

/** webhookWithSecretSchema is a webhook right after create or rotate-secret: the one time the secret is shown. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string().describe("whsec_ + base64 (Standard Webhooks)") });

/** webhookDeliverySchema is one event sent (or to be sent) to one webhook, with every attempt oldest first. */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhook_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(["pending", "succeeded", "dead"]),
  attempt_count: z.number().int(),
  next_attempt_at: nullableTime,
  created_at: nullableTime,
  finished_at: nullableTime,
  request_body: z.string(),
  attempts: z.array(
    z.object({
      at: nullableTime,
      status_code: z.number().int().nullable(),
      latency_ms: z.number().nullable(),
      error: z.string().nullable(),
      request_headers: headers,
      response_headers: headers.nullable(),
      response_body: z.string().nullable(),
    }),
  ),
});

/** deliveryQueuedSchema is POST /webhooks/{id}/test and …/redeliver (202). */
export const deliveryQueuedSchema = z.object({ delivery_id: z.string() });

/** channelSchema is one notification channel. */
export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  config: z.object({ to: z.array(z.string()).optional(), url: z.string().optional() }),
  created_at: timestamp,
  updated_at: timestamp,
});

/** channelTestedSchema is POST /notification-channels/{id}/test when the message went out. */
export const channelTestedSchema = z.object({ ok: z.literal(true) });

/** alertRuleSchema is one alert rule. */
export const alertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(RULE_KINDS),
  severity,
  for_seconds: z.number().int(),
  labels: z.string().nullable(),
  params: z
    .object({
      metric: z.string().optional(),
      threshold: z.number().optional(),
      ratio: z.number().optional(),
      container: z.string().optional(),
      restarts: z.number().int().optional(),
      min_severity: severity.optional(),
      count: z.number().int().optional(),
      window_seconds: z.number().int().optional(),
      days: z.number().optional(),
    })
    .describe("Kind parameters"),
  channel_ids: z.array(z.string()),
  repeat_seconds: z.number().int(),
  enabled: z.boolean(),
  builtin: z.boolean(),
  created_at: nullableTime,
  updated_at: nullableTime,
});

/** alertSchema is one instance of a rule for one subject. */
export const alertSchema = z.object({
  id: z.string(),
  rule_id: z.string(),
  subject: z.string(),
  node_id: z.string().nullable(),
  severity,
  state: z.enum(["firing", "acknowledged", "resolved"]),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  fired_at: nullableTime,
  acknowledged_at: nullableTime,
  acknowledged_by: z.string().nullable(),
  resolved_at: nullableTime,
  resolved_by: z.string().nullable(),
  last_notified_at: nullableTime,
});

/** silenceSchema mutes notifications of a rule and/or label selector until ends_at. */
export const silenceSchema = z.object({
  id: z.string(),
  rule_id: z.string().nullable(),
  labels: z.string().nullable(),
  comment: z.string().nullable(),
  created_by: z.string().nullable(),
  starts_at: nullableTime,
  ends_at: nullableTime,
  active: z.boolean(),
});

/** notificationSchema is one in-app notification of the signed-in user. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  read_at: nullableTime,
  created_at: nullableTime,
});
