/**
 * Response shapes of the automation API (webhooks, notification channels,
 * alert rules, alerts, silences, in-app notifications): aliases of the types
 * generated from openapi.json, like ./types.ts.
 */
import type { Schemas } from "./types.js";

type ItemOf<Op extends keyof Schemas> = Schemas[Op] extends { items: Array<infer T> } ? T : never;

/** Webhook is one outbound endpoint; `secret` is only present right after create or rotate. */
export type Webhook = Schemas["webhooks.get.response"] & { secret?: string };

/** WebhookDelivery is one event sent (or to be sent) to one webhook. */
export type WebhookDelivery = ItemOf<"webhooks.deliveries.list.response">;

/** WebhookAttempt is one HTTP request of a delivery and what came back. */
export type WebhookAttempt = WebhookDelivery["attempts"][number];

/** Channel is one notification channel. */
export type Channel = Schemas["notification-channels.get.response"];

/** ChannelKind is how a notification channel sends. */
export type ChannelKind = Channel["kind"];

/** AlertRule is one alert rule. */
export type AlertRule = Schemas["alert-rules.get.response"];

/** RuleKind is what an alert rule watches. */
export type RuleKind = AlertRule["kind"];

/** RuleParams are the kind-specific parameters of a rule. */
export type RuleParams = AlertRule["params"];

/** Alert is one instance of a rule for one subject. */
export type Alert = ItemOf<"alerts.list.response">;

/** AlertState is the life cycle of an alert instance. */
export type AlertState = Alert["state"];

/** Silence mutes notifications of a rule and/or label selector until ends_at. */
export type Silence = ItemOf<"silences.list.response">;

/** AppNotification is one in-app notification of the signed-in user. */
export type AppNotification = ItemOf<"notifications.list.response">;
