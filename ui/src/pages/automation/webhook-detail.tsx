/**
 * WebhookDetail: one webhook's settings and its delivery log — every
 * attempt's request and response, status, latency and error — with test,
 * redeliver, rotate-secret, edit and delete.
 */
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "../../api.js";
import type { Webhook, WebhookDelivery } from "../../automation-types.js";
import { ActionButton } from "../../components/action-button.js";
import { Badge } from "../../components/badge.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { DeliveryAttempts } from "../../components/delivery-attempts.js";
import { ListTable } from "../../components/list-table.js";
import { LoadState } from "../../components/load-state.js";
import { SecretOnce, WebhookForm } from "../../components/webhook-form.js";
import { ago, time } from "../../lib/format.js";
import { navigate } from "../../lib/router.js";
import { toast } from "../../lib/toast.js";
import { useTitleName } from "../../lib/title.js";
import { useFetch } from "../../lib/use-fetch.js";
import { useList } from "../../lib/use-list.js";
import { webhookPath, WebhookStatus } from "./webhooks.js";

/** POLL_MS is how often the delivery log refreshes while open (deliveries send no live events). */
const POLL_MS = 2000;

/** WebhookDetail is the page of one webhook. */
export function WebhookDetail({ id }: { id: string }) {
  const path = webhookPath(id);
  const hook = useFetch<Webhook>(path);
  const deliveries = useList<WebhookDelivery>(`${path}/deliveries`, {}, 20);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [secret, setSecret] = useState<Webhook | null>(null);
  useEffect(() => {
    const t = setInterval(() => document.visibilityState === "visible" && deliveries.reload(), POLL_MS);
    return () => clearInterval(t);
  }, [deliveries.reload]);

  const w = hook.data;
  useTitleName(w?.name);
  if (!w)
    return (
      <section>
        <h1>Webhook</h1>
        <LoadState {...hook} what="This webhook" empty />
      </section>
    );
  const queued = (what: string) => () => {
    toast(what);
    deliveries.reload();
  };
  return (
    <section>
      <div class="row">
        <h1>{w.name}</h1>
        <WebhookStatus w={w} />
        <span class="spacer" />
        <ActionButton kind="primary" onClick={async () => (await api.post(`${path}/test`), queued("Test delivery queued")())}>
          Send test
        </ActionButton>
        <button type="button" class="btn btn-plain" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" class="btn btn-plain" onClick={() => setRotating(true)}>
          Rotate secret
        </button>
        <button type="button" class="btn btn-danger" onClick={() => setDeleting(true)}>
          Delete
        </button>
      </div>
      {secret && <SecretOnce webhook={secret} onDismiss={() => setSecret(null)} />}
      <dl class="facts">
        {(
          [
            ["Webhook id", w.id],
            ["URL", w.url],
            ["Event types", w.event_types.join(", ")],
            ["Only nodes with labels", w.labels ?? "any node"],
            ["Failing since", w.failing_since ? time(w.failing_since) : "—"],
            ["Disabled because", w.disabled_reason ?? "—"],
            ["Previous secret valid until", w.previous_secret_expires_at ? time(w.previous_secret_expires_at) : "—"],
            ["Created", time(w.created_at)],
          ] as [string, string][]
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>

      <h2>Recent deliveries</h2>
      <ListTable
        list={deliveries}
        items={deliveries.items}
        what="The delivery log"
        testid="deliveries-table"
        columns={["Event", "Status", "Response", "Latency", "Attempts", "Created", "Actions"]}
        row={(d) => {
          const last = d.attempts[d.attempts.length - 1];
          const expanded = open === d.id;
          return (
            <Fragment key={d.id}>
              <tr data-delivery-id={d.id} data-event-id={d.event_id}>
                <td>
                  <code>{d.event_type}</code>
                  <div class="muted small" title="webhook-id header">
                    {d.event_id}
                  </div>
                </td>
                <td>
                  <Badge value={d.status} testId="delivery-status" />
                  {d.next_attempt_at && <div class="muted small">next try {time(d.next_attempt_at)}</div>}
                </td>
                <td data-testid="delivery-code">{last ? (last.status_code ?? last.error ?? "—") : "—"}</td>
                <td>{last?.latency_ms != null ? `${last.latency_ms} ms` : "—"}</td>
                <td>{d.attempt_count}</td>
                <td title={d.created_at ?? undefined}>{ago(d.created_at)}</td>
                <td class="actions">
                  <button type="button" class="btn btn-plain" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : d.id)}>
                    {expanded ? "Hide" : "Details"}
                  </button>
                  <ActionButton
                    onClick={async () => (await api.post(`${path}/deliveries/${encodeURIComponent(d.id)}/redeliver`), queued("Redelivery queued")())}
                  >
                    Redeliver
                  </ActionButton>
                </td>
              </tr>
              {expanded && (
                <tr>
                  <td colSpan={7}>
                    <DeliveryAttempts delivery={d} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        }}
      />
      {editing && <WebhookForm webhook={w} onClose={() => setEditing(false)} onSaved={(saved) => hook.set(() => saved)} />}
      {rotating && (
        <ConfirmDialog
          title="Rotate signing secret?"
          confirm="Rotate secret"
          onClose={() => setRotating(false)}
          onConfirm={async () => {
            const r = await api.post<Webhook>(`${path}/rotate-secret`, {});
            setSecret(r);
            hook.set(() => r);
          }}
        >
          <p>A new secret is generated and shown once. The old one keeps signing alongside it for 24 hours, so receivers can switch over.</p>
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete webhook ${w.name}?`}
          confirm="Delete"
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.del(path);
            toast(`Webhook ${w.name} deleted`);
            navigate("/webhooks");
          }}
        >
          <p>{w.url} receives nothing more; its delivery log is deleted too.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
