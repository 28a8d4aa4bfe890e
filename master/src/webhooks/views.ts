import type { DeliveryWithAttempts, Webhook, WebhookAttempt } from "./webhook-store.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const json = <T>(s: string | null, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

/** webhookView renders a webhook row for the API (never the secret). */
export function webhookView(w: Webhook) {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    enabled: w.enabled,
    event_types: json<string[]>(w.eventTypes, []),
    labels: w.labels,
    failing_since: iso(w.failingSince),
    disabled_reason: w.disabledReason,
    previous_secret_expires_at: w.prevSecretUntil && w.prevSecretUntil > new Date() ? iso(w.prevSecretUntil) : null,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
  };
}

function attemptView(a: WebhookAttempt) {
  return {
    at: iso(a.at),
    status_code: a.statusCode,
    latency_ms: a.latencyMs,
    error: a.error,
    request_headers: json<Record<string, string>>(a.requestHeaders, {}),
    response_headers: json<Record<string, string> | null>(a.responseHeaders, null),
    response_body: a.responseBody,
  };
}

/** deliveryView renders a delivery with its request body and every attempt, oldest first. */
export function deliveryView(d: DeliveryWithAttempts) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event_id: d.msgId,
    event_type: d.eventType,
    status: d.status,
    attempt_count: d.attempts,
    next_attempt_at: d.status === "pending" ? iso(d.nextAttemptAt) : null,
    created_at: iso(d.createdAt),
    finished_at: iso(d.finishedAt),
    request_body: d.payload,
    attempts: d.attemptLog.map(attemptView),
  };
}
