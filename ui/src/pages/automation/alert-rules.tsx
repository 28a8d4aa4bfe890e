/**
 * AlertRules: the rules alerts fire from; administrators create, edit,
 * enable/disable and delete them, everyone reads them.
 */
import { useState } from "preact/hooks";
import { api } from "../../api.js";
import type { AlertRule } from "../../automation-types.js";
import { ActionButton } from "../../components/action-button.js";
import { Badge } from "../../components/badge.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { ListTable } from "../../components/list-table.js";
import { describeParams, RULE_KINDS, RuleForm } from "../../components/rule-form.js";
import { duration } from "../../lib/format.js";
import { isAdmin } from "../../lib/session.js";
import { useList } from "../../lib/use-list.js";

/** AlertRules lists alert rules. */
export function AlertRules() {
  const list = useList<AlertRule>("/alert-rules", {}, 100);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const admin = isAdmin.value;
  return (
    <section>
      <div class="row">
        <h1>Alert rules</h1>
        <span class="spacer" />
        {admin && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            New rule
          </button>
        )}
      </div>
      <ListTable
        list={list}
        items={list.items}
        what="Alert rules"
        testid="rules-table"
        columns={["Name", "Fires when", "Severity", "For", "Scope", "Channels", "State", admin && "Actions"]}
        row={(r) => (
          <tr key={r.id} data-rule-id={r.id}>
            <td title={r.id}>
              {r.name} {r.builtin && <span class="muted small">(default)</span>}
            </td>
            <td>
              {RULE_KINDS[r.kind] ?? r.kind}
              {describeParams(r) && <div class="muted small">{describeParams(r)}</div>}
            </td>
            <td>
              <Badge value={r.severity} />
            </td>
            <td>{duration(r.for_seconds)}</td>
            <td>{r.labels || <span class="muted">all nodes</span>}</td>
            <td>{r.channel_ids.length || <span class="muted">in-app only</span>}</td>
            <td>
              <Badge value={r.enabled ? "enabled" : "disabled"} testId="rule-state" />
            </td>
            {admin && (
              <td class="actions">
                <ActionButton
                  onClick={async () => {
                    await api.patch(`/alert-rules/${encodeURIComponent(r.id)}`, { enabled: !r.enabled });
                    list.reload();
                  }}
                >
                  {r.enabled ? "Disable" : "Enable"}
                </ActionButton>
                <button type="button" class="btn btn-plain" onClick={() => setEditing(r)}>
                  Edit
                </button>
                <button type="button" class="btn btn-danger" onClick={() => setDeleting(r)}>
                  Delete
                </button>
              </td>
            )}
          </tr>
        )}
      />
      {creating && <RuleForm onClose={() => setCreating(false)} onSaved={list.reload} />}
      {editing && <RuleForm rule={editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete rule ${deleting.name}?`}
          confirm="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.del(`/alert-rules/${encodeURIComponent(deleting.id)}`);
            list.reload();
          }}
        >
          <p>Its open alerts are resolved and it fires no more.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
