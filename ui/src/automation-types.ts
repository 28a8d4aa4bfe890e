/**
 * Response shapes of the automation API (webhooks, notification channels,
 * alert rules, alerts, silences, in-app notifications), as on the wire.
 */
import type { Severity } from "./types.js";

/** Webhook is one outbound endpoint; `secret` is only present right after create or rotate. */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  event_types: string[];
  labels: string | null;
  failing_since: string | null;
  disabled_reason: string | null;
  previous_secret_expires_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  secret?: string;
}

/** WebhookAttempt is one HTTP request of a delivery and what came back. */
export interface WebhookAttempt {
  at: string | null;
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
  request_headers: Record<string, string>;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

/** WebhookDelivery is one event sent (or to be sent) to one webhook. */
export interface WebhookDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: "pending" | "succeeded" | "dead" | string;
  attempt_count: number;
  next_attempt_at: string | null;
  created_at: string | null;
  finished_at: string | null;
  request_body: string;
  attempts: WebhookAttempt[];
}

/** ChannelKind is how a notification channel sends. */
export type ChannelKind = "email" | "slack" | "discord" | "webhook";

/** Channel is one notification channel. */
export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind;
  config: { to?: string[]; url?: string };
  created_at: string;
  updated_at: string;
}

/** RuleKind is what an alert rule watches. */
export type RuleKind =
  | "node_offline"
  | "group_offline_ratio"
  | "metric_threshold"
  | "container_down"
  | "finding_opened"
  | "scan_failed"
  | "enrollment_rejections"
  | "cert_expiring";

/** RuleParams are the kind-specific parameters of a rule. */
export interface RuleParams {
  metric?: string;
  threshold?: number;
  ratio?: number;
  container?: string;
  restarts?: number;
  min_severity?: Severity;
  count?: number;
  window_seconds?: number;
  days?: number;
}

/** AlertRule is one alert rule. */
export interface AlertRule {
  id: string;
  name: string;
  kind: RuleKind;
  severity: Severity;
  for_seconds: number;
  labels: string | null;
  params: RuleParams;
  channel_ids: string[];
  repeat_seconds: number;
  enabled: boolean;
  builtin: boolean;
  created_at: string | null;
  updated_at: string | null;
}

/** AlertState is the life cycle of an alert instance. */
export type AlertState = "firing" | "acknowledged" | "resolved";

/** Alert is one instance of a rule for one subject. */
export interface Alert {
  id: string;
  rule_id: string;
  subject: string;
  node_id: string | null;
  severity: Severity;
  state: AlertState;
  summary: string;
  details: Record<string, unknown>;
  fired_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  last_notified_at: string | null;
}

/** Silence mutes notifications of a rule and/or label selector until ends_at. */
export interface Silence {
  id: string;
  rule_id: string | null;
  labels: string | null;
  comment: string | null;
  created_by: string | null;
  starts_at: string | null;
  ends_at: string | null;
  active: boolean;
}

/** AppNotification is one in-app notification of the signed-in user. */
export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  read: boolean;
  read_at: string | null;
  created_at: string | null;
}
