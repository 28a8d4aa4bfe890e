/**
 * Webhooks: administrators list, create, edit, test and delete outbound
 * webhooks; each links to its delivery log.
 */
import { useState } from "preact/hooks";
import { api } from "../../api.js";
import type { Webhook } from "../../automation-types.js";
import { ActionButton } from "../../components/action-button.js";
import { Badge } from "../../components/badge.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { ListTable } from "../../components/list-table.js";
import { SecretOnce, WebhookForm } from "../../components/webhook-form.js";
import { ago } from "../../lib/format.js";
import { navigate } from "../../lib/router.js";
import { isAdmin } from "../../lib/session.js";
import { useList } from "../../lib/use-list.js";

/** webhookPath is the API path of one webhook. */
export const webhookPath = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

/** WebhookStatus says whether a webhook sends, is failing or was disabled. */
export function WebhookStatus({ w }: { w: Webhook }) {
  if (!w.enabled) return <Badge value="disabled" />;
  if (w.failing_since)
    return (
      <span title={`failing since ${w.failing_since}`}>
        <Badge value="failing" />
      </span>
    );
  return <Badge value="active" />;
}

/** Webhooks is the admin page of outbound webhooks. */
export function Webhooks() {
  const list = useList<Webhook>(isAdmin.value ? "/webhooks" : null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<Webhook | null>(null);
  if (!isAdmin.value)
    return (
      <section>
        <h1>Webhooks</h1>
        <p class="muted">Only administrators manage webhooks.</p>
      </section>
    );
  return (
    <section>
      <div class="row">
        <h1>Webhooks</h1>
        <span class="spacer" />
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          New webhook
        </button>
      </div>
      <p class="muted">Signed HTTP POSTs of fleet events (Standard Webhooks), retried with backoff for about a day.</p>
      {secret && <SecretOnce webhook={secret} onDismiss={() => setSecret(null)} />}
      <ListTable
        list={list}
        items={list.items}
        what="Webhooks"
        testid="webhooks-table"
        columns={["Name", "URL", "Events", "Status", "Updated", "Actions"]}
        row={(w) => (
          <tr key={w.id} data-webhook-id={w.id}>
            <td>
              <a href={`#/webhooks/${encodeURIComponent(w.id)}`} title={w.id}>
                {w.name}
              </a>
            </td>
            <td class="wrap">
              <code>{w.url}</code>
            </td>
            <td class="wrap">
              {w.event_types.join(", ")}
              {w.labels && <div class="muted small">nodes {w.labels}</div>}
            </td>
            <td>
              <WebhookStatus w={w} />
            </td>
            <td title={w.updated_at ?? undefined}>{ago(w.updated_at)}</td>
            <td class="actions">
              <ActionButton
                onClick={async () => {
                  await api.post(`${webhookPath(w.id)}/test`);
                  navigate(`/webhooks/${w.id}`);
                }}
                done={`Test delivery to ${w.name} queued`}
              >
                Test
              </ActionButton>
              <button type="button" class="btn btn-plain" onClick={() => setEditing(w)}>
                Edit
              </button>
              <button type="button" class="btn btn-danger" onClick={() => setDeleting(w)}>
                Delete
              </button>
            </td>
          </tr>
        )}
      />
      {creating && (
        <WebhookForm
          onClose={() => setCreating(false)}
          onSaved={(w) => {
            setSecret(w);
            list.reload();
          }}
        />
      )}
      {editing && <WebhookForm webhook={editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete webhook ${deleting.name}?`}
          confirm="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.del(webhookPath(deleting.id));
            list.reload();
          }}
        >
          <p>{deleting.url} receives nothing more; its delivery log is deleted too.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
