/**
 * ApiKeys: create API keys (shown once, with copy) and revoke them.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { CopyButton } from "../components/copy-button.js";
import { ListTable } from "../components/list-table.js";
import { time } from "../lib/format.js";
import { can, me } from "../lib/session.js";
import { useList } from "../lib/use-list.js";
import type { ApiKey, Role } from "../types.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "../components/form-parts.js";

/** ApiKeys manages the user's API keys (admins see everyone's). */
export function ApiKeys() {
  const list = useList<ApiKey>("/api-keys");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(me.value?.role ?? "viewer");
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const roles = (["viewer", "operator", "admin"] as Role[]).filter((r) => can(r));

  const { busy, error, submit } = useSubmit(async () => {
    setCreated(await api.post<ApiKey>("/api-keys", { name, role }));
    setName("");
    list.reload();
  });
  return (
    <section>
      <h1>API keys</h1>
      <form class="card filters" onSubmit={submit} aria-label="Create API key">
        <label>
          Name
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <SubmitButton busy={busy}>Create API key</SubmitButton>
        <FormError error={error} />
      </form>
      {created?.key && (
        <div class="card secret" role="region" aria-label="New API key">
          <p>
            Key <strong>{created.name}</strong> — copy it now, it is shown <strong>only once</strong>.
          </p>
          <pre data-testid="new-api-key">{created.key}</pre>
          <CopyButton text={created.key} label="Copy key" />
        </div>
      )}
      <ListTable
        list={list}
        items={list.items}
        what="API keys"
        columns={["Name", "Prefix", "Role", "Created", "Last used", "Actions"]}
        row={(k) => (
          <tr key={k.id}>
            <td>{k.name}</td>
            <td>
              <code>{k.prefix ?? "—"}</code>
            </td>
            <td>{k.role}</td>
            <td>{time(k.created_at)}</td>
            <td>{time(k.last_used_at)}</td>
            <td>
              <button type="button" class="btn btn-danger" onClick={() => setRevoking(k)}>
                Revoke
              </button>
            </td>
          </tr>
        )}
      />
      {revoking && (
        <ConfirmDialog
          title="Revoke API key?"
          confirm="Revoke"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.del(`/api-keys/${encodeURIComponent(revoking.id)}`);
            list.reload();
          }}
        >
          <p>Clients using {revoking.name} are refused from now on.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
