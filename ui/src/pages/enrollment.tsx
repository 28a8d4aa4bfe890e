/**
 * Enrollment: create join tokens, list and revoke them, and review
 * enrollment attempts with their reasons (admin).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { Badge } from "../components/badge.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { LoadState } from "../components/load-state.js";
import { Pager } from "../components/pager.js";
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
      <LoadState {...tokens} what="The token list" empty={tokens.items.length === 0} />
      {tokens.items.length > 0 && (
        <table class="table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Uses</th>
              <th scope="col">Labels</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.items.map((t) => {
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
            })}
          </tbody>
        </table>
      )}
      <Pager list={tokens} />

      <h2>Enrollment attempts</h2>
      <LoadState {...attempts} what="The attempt log" empty={attempts.items.length === 0} />
      {attempts.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason</th>
              <th scope="col">Host</th>
              <th scope="col">Source</th>
              <th scope="col">Node</th>
            </tr>
          </thead>
          <tbody>
            {attempts.items.map((a) => (
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
            ))}
          </tbody>
        </table>
      )}
      <Pager list={attempts} />

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
