/**
 * Enrollment: create join tokens, list and revoke them, and review
 * enrollment attempts with their reasons (admin).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { Badge } from "../components/badge.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { ListTable } from "../components/list-table.js";
import { TokenForm } from "../components/token-form.js";
import { labelsText, time } from "../lib/format.js";
import { isAdmin } from "../lib/session.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import type { EnrollmentAttempt, JoinToken } from "../types.js";

function tokenState(t: JoinToken): string {
  if (t.status) return t.status;
  if (t.revoked_at) return "revoked";
  if (new Date(t.expires_at).getTime() < Date.now()) return "expired";
  if (t.max_uses > 0 && t.uses >= t.max_uses) return "exhausted";
  return "active";
}

/** Enrollment is the admin page for join tokens. */
export function Enrollment() {
  const tokens = useList<JoinToken>(isAdmin.value ? "/enrollment-tokens" : null);
  const attempts = useList<EnrollmentAttempt>(isAdmin.value ? "/enrollment-attempts" : null);
  const [revoking, setRevoking] = useState<JoinToken | null>(null);
  useLiveEvent(["node.enrolled", "enrollment.rejected"], () => {
    tokens.reload();
    attempts.reload();
  });

  if (!isAdmin.value)
    return (
      <section>
        <h1>Enrollment</h1>
        <p class="muted">Only administrators manage join tokens.</p>
      </section>
    );
  return (
    <section>
      <h1>Enrollment</h1>
      <TokenForm onCreated={tokens.reload} />

      <h2>Join tokens</h2>
      <ListTable
        list={tokens}
        items={tokens.items}
        what="The token list"
        testid="tokens-table"
        columns={["Name", "State", "Uses", "Labels", "Expires", "Actions"]}
        row={(t) => {
          const state = tokenState(t);
          return (
            <tr key={t.id}>
              <td>
                {t.name || <span class="muted">unnamed</span>} <div class="muted small">{t.id}</div>
              </td>
              <td>
                <Badge value={state} />
              </td>
              <td>
                {t.uses} / {t.max_uses === 0 ? "∞" : t.max_uses}
              </td>
              <td>{labelsText(t.labels) || "—"}</td>
              <td>{time(t.expires_at)}</td>
              <td>
                {state === "active" && (
                  <button type="button" class="btn btn-danger" onClick={() => setRevoking(t)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          );
        }}
      />

      <h2>Enrollment attempts</h2>
      <ListTable
        list={attempts}
        items={attempts.items}
        what="The attempt log"
        columns={["Time", "Outcome", "Reason", "Host", "Source", "Node"]}
        row={(a) => (
          <tr key={a.id}>
            <td>{time(a.created_at)}</td>
            <td>
              <Badge value={a.outcome} />
            </td>
            <td>{a.reason}</td>
            <td>{a.hostname ?? "—"}</td>
            <td>{a.source_addr ?? "—"}</td>
            <td>{a.node_id ? <a href={`#/nodes/${encodeURIComponent(a.node_id)}`}>{a.node_id}</a> : "—"}</td>
          </tr>
        )}
      />

      {revoking && (
        <ConfirmDialog
          title="Revoke join token?"
          confirm="Revoke"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.del(`/enrollment-tokens/${encodeURIComponent(revoking.id)}`);
            tokens.reload();
          }}
        >
          <p>Workers can no longer enroll with {revoking.name || revoking.id}. Nodes that already enrolled are not affected.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
