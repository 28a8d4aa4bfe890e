/**
 * Users: administrators create operators, change roles and remove users.
 */
import { useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { ListTable } from "../components/list-table.js";
import { time } from "../lib/format.js";
import { isAdmin, me } from "../lib/session.js";
import { toast } from "../lib/toast.js";
import { useList } from "../lib/use-list.js";
import type { Role, User } from "../types.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "../components/form-parts.js";

const ROLES: Role[] = ["viewer", "operator", "admin"];

/** Users is the admin page for operator accounts. */
export function Users() {
  const list = useList<User>(isAdmin.value ? "/users" : null);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [removing, setRemoving] = useState<User | null>(null);

  if (!isAdmin.value)
    return (
      <section>
        <h1>Users</h1>
        <p class="muted">Only administrators manage users.</p>
      </section>
    );
  const { busy, error, submit } = useSubmit(async () => {
    await api.post("/users", { username, password, role });
    toast(`User ${username} created`);
    setUsername("");
    setPassword("");
    list.reload();
  });
  const changeRole = async (u: User, r: Role) => {
    try {
      await api.patch(`/users/${encodeURIComponent(u.id)}`, { role: r });
      toast(`${u.username} is now ${r}`);
    } catch (err) {
      toast(describeError(err), "error");
    }
    list.reload();
  };
  return (
    <section>
      <h1>Users</h1>
      <form class="card filters" onSubmit={submit} aria-label="Create user">
        <label>
          Username
          <input required autoComplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input
            required
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <SubmitButton busy={busy}>Create user</SubmitButton>
        <FormError error={error} />
      </form>
      <ListTable
        list={list}
        items={list.items}
        what="User management"
        columns={["Username", "Role", "Last login", "Actions"]}
        row={(u) => (
          <tr key={u.id}>
            <td>{u.username}</td>
            <td>
              <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void changeRole(u, e.currentTarget.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </td>
            <td>{time(u.last_login_at)}</td>
            <td>
              {u.id !== me.value?.id && (
                <button type="button" class="btn btn-danger" onClick={() => setRemoving(u)}>
                  Remove
                </button>
              )}
            </td>
          </tr>
        )}
      />
      {removing && (
        <ConfirmDialog
          title="Remove user?"
          confirm="Remove"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api.del(`/users/${encodeURIComponent(removing.id)}`);
            list.reload();
          }}
        >
          <p>{removing.username} can no longer sign in; their API keys stop working.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
