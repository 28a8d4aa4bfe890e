/**
 * WebhookForm creates or edits a webhook in a dialog: name, URL, event type
 * globs, an optional node label selector and whether it is enabled.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Webhook } from "../automation-types.js";
import { useSubmit } from "../lib/use-submit.js";
import { CopyButton } from "./copy-button.js";
import { Dialog } from "./dialog.js";
import { CheckField, FormActions, TextField } from "./form-field.js";
import { FormError } from "./form-parts.js";

/** splitList turns "a, b ,c" into ["a", "b", "c"]. */
export const splitList = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** WebhookForm saves a webhook; `onSaved` gets the answer (with the secret once, on create). */
export function WebhookForm({ webhook, onClose, onSaved }: { webhook?: Webhook; onClose: () => void; onSaved: (w: Webhook) => void }) {
  const [name, setName] = useState(webhook?.name ?? "");
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [types, setTypes] = useState((webhook?.event_types ?? ["node.*", "alert.*"]).join(", "));
  const [labels, setLabels] = useState(webhook?.labels ?? "");
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const { busy, error, submit } = useSubmit(async () => {
    const body = { name, url, event_types: splitList(types), labels: labels.trim() || null, enabled };
    const saved = webhook
      ? await api.patch<Webhook>(`/webhooks/${encodeURIComponent(webhook.id)}`, body)
      : await api.post<Webhook>("/webhooks", body);
    onSaved(saved);
    onClose();
  });
  return (
    <Dialog title={webhook ? `Edit webhook ${webhook.name}` : "New webhook"} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label="Name" required value={name} onValue={setName} />
        <TextField label="URL" required type="url" value={url} placeholder="https://hooks.example.com/flotilla" onValue={setUrl} />
        <TextField label="Event types (comma separated, * as wildcard)" required value={types} placeholder="node.*, alert.fired" onValue={setTypes} />
        <TextField label="Only nodes with labels (optional)" value={labels} placeholder="env=prod" onValue={setLabels} />
        <CheckField label="Enabled" checked={enabled} onChecked={setEnabled} />
        <FormError error={error} />
        <FormActions busy={busy} onCancel={onClose} submit={webhook ? "Save webhook" : "Create webhook"} />
      </form>
    </Dialog>
  );
}

/** SecretOnce shows a signing secret that will not be shown again. */
export function SecretOnce({ webhook, onDismiss }: { webhook: Webhook; onDismiss: () => void }) {
  if (!webhook.secret) return null;
  return (
    <div class="card secret" role="region" aria-label="Signing secret">
      <p>
        Signing secret of <strong>{webhook.name}</strong> — copy it now, it is shown <strong>only once</strong>. Receivers verify the{" "}
        <code>webhook-signature</code> header with it (Standard Webhooks).
      </p>
      <pre data-testid="webhook-secret">{webhook.secret}</pre>
      <div class="row">
        <CopyButton text={webhook.secret} label="Copy secret" />
        <button type="button" class="btn btn-plain" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}
