/**
 * DeliveryAttempts shows one webhook delivery as the receiver saw it: the
 * request (headers and body) and, per attempt, the response or the error.
 */
import type { WebhookDelivery } from "../automation-types.js";
import { time } from "../lib/format.js";

const headerText = (h: Record<string, string> | null) =>
  Object.entries(h ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** DeliveryAttempts renders the request and every attempt of a delivery, oldest first. */
export function DeliveryAttempts({ delivery }: { delivery: WebhookDelivery }) {
  const first = delivery.attempts[0];
  return (
    <div class="delivery" data-testid="delivery-details">
      <h3>Request</h3>
      {first && <pre class="json">{headerText(first.request_headers)}</pre>}
      <pre class="json" data-testid="request-body">
        {pretty(delivery.request_body)}
      </pre>
      {delivery.attempts.length === 0 && <p class="muted">Not attempted yet.</p>}
      <ol class="attempts">
        {delivery.attempts.map((a, i) => (
          <li key={i} data-testid="attempt">
            <h3>
              Attempt {i + 1} · {time(a.at)} · {a.status_code ? `HTTP ${a.status_code}` : "no response"}
              {a.latency_ms != null && ` · ${a.latency_ms} ms`}
            </h3>
            {a.error && (
              <p class="error" data-testid="attempt-error">
                {a.error}
              </p>
            )}
            {a.response_headers && <pre class="json">{headerText(a.response_headers)}</pre>}
            {a.response_body !== null && (
              <pre class="json" data-testid="response-body">
                {a.response_body || "(empty body)"}
              </pre>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
