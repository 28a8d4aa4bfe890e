/**
 * Channels: administrators manage notification channels (email, Slack,
 * Discord, generic webhook) and send a test message through each.
 */
import { useState } from "preact/hooks";
import { api } from "../../api.js";
import type { Channel, ChannelKind } from "../../automation-types.js";
import { ActionButton } from "../../components/action-button.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { Dialog } from "../../components/dialog.js";
import { FormActions, SelectField, TextField } from "../../components/form-field.js";
import { FormError } from "../../components/form-parts.js";
import { ListTable } from "../../components/list-table.js";
import { splitList } from "../../components/webhook-form.js";
import { time } from "../../lib/format.js";
import { isAdmin } from "../../lib/session.js";
import { useList } from "../../lib/use-list.js";
import { useSubmit } from "../../lib/use-submit.js";

const KINDS: { kind: ChannelKind; label: string }[] = [
  { kind: "email", label: "Email" },
  { kind: "slack", label: "Slack (also Mattermost, Rocket.Chat)" },
  { kind: "discord", label: "Discord" },
  { kind: "webhook", label: "Generic webhook (JSON)" },
];

const target = (c: Channel) => (c.kind === "email" ? (c.config.to ?? []).join(", ") : (c.config.url ?? ""));

function ChannelForm({ channel, onClose, onSaved }: { channel?: Channel; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(channel?.name ?? "");
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? "email");
  const [dest, setDest] = useState(channel ? target(channel) : "");
  const { busy, error, submit } = useSubmit(async () => {
    const config = kind === "email" ? { to: splitList(dest) } : { url: dest.trim() };
    const body = { name, kind, config };
    if (channel) await api.patch(`/notification-channels/${encodeURIComponent(channel.id)}`, body);
    else await api.post("/notification-channels", body);
    onSaved();
    onClose();
  });
  return (
    <Dialog title={channel ? `Edit channel ${channel.name}` : "New notification channel"} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label="Name" required value={name} onValue={setName} />
        <SelectField label="Kind" value={kind} onValue={setKind} options={KINDS.map((k) => ({ value: k.kind, label: k.label }))} />
        <TextField
          label={kind === "email" ? "Recipients (comma separated)" : "Incoming-webhook URL"}
          required
          value={dest}
          placeholder={kind === "email" ? "ops@example.com" : "https://hooks.slack.com/services/…"}
          onValue={setDest}
        />
        <FormError error={error} />
        <FormActions busy={busy} onCancel={onClose} submit={channel ? "Save channel" : "Create channel"} />
      </form>
    </Dialog>
  );
}

/** Channels is the admin page of notification channels. */
export function Channels() {
  const list = useList<Channel>(isAdmin.value ? "/notification-channels" : null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  if (!isAdmin.value)
    return (
      <section>
        <h1>Channels</h1>
        <p class="muted">Only administrators manage notification channels.</p>
      </section>
    );
  return (
    <section>
      <div class="row">
        <h1>Channels</h1>
        <span class="spacer" />
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          New channel
        </button>
      </div>
      <p class="muted">Where alert rules send their notifications.</p>
      <ListTable
        list={list}
        items={list.items}
        what="Notification channels"
        testid="channels-table"
        columns={["Name", "Kind", "Sends to", "Created", "Actions"]}
        row={(c) => (
          <tr key={c.id}>
            <td title={c.id}>{c.name}</td>
            <td>{c.kind}</td>
            <td class="wrap">
              <code>{target(c)}</code>
            </td>
            <td>{time(c.created_at)}</td>
            <td class="actions">
              <ActionButton
                onClick={() => api.post(`/notification-channels/${encodeURIComponent(c.id)}/test`)}
                done={`Test message sent through ${c.name}`}
              >
                Send test
              </ActionButton>
              <button type="button" class="btn btn-plain" onClick={() => setEditing(c)}>
                Edit
              </button>
              <button type="button" class="btn btn-danger" onClick={() => setDeleting(c)}>
                Delete
              </button>
            </td>
          </tr>
        )}
      />
      {creating && <ChannelForm onClose={() => setCreating(false)} onSaved={list.reload} />}
      {editing && <ChannelForm channel={editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete channel ${deleting.name}?`}
          confirm="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.del(`/notification-channels/${encodeURIComponent(deleting.id)}`);
            list.reload();
          }}
        >
          <p>Alert rules stop sending to {target(deleting)}.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
