/**
 * Alerts: alert instances, newest first, filtered by state, severity, node
 * and rule; operators acknowledge, resolve and silence them.
 */
import { useState } from "preact/hooks";
import { api } from "../../api.js";
import type { Alert } from "../../automation-types.js";
import { ActionButton } from "../../components/action-button.js";
import { Badge } from "../../components/badge.js";
import { ListTable } from "../../components/list-table.js";
import { SilenceForm } from "../../components/silence-form.js";
import { ago } from "../../lib/format.js";
import { nodeName, ruleName } from "../../lib/names.js";
import { isOperator } from "../../lib/session.js";
import { toast } from "../../lib/toast.js";
import { useFilters } from "../../lib/use-query-state.js";
import { useList } from "../../lib/use-list.js";
import { useLiveEvent } from "../../lib/use-live.js";
import { SEVERITIES } from "../../types.js";

/** Alerts is the alerts page. */
export function Alerts() {
  const [f, setF] = useFilters(["state", "severity", "node_id", "rule_id"] as const);
  const list = useList<Alert>("/alerts", f);
  const [silencing, setSilencing] = useState<Alert | null>(null);
  useLiveEvent(["alert.*"], () => list.reload());
  const op = isOperator.value;
  const act = (a: Alert, verb: "acknowledge" | "resolve") => async () => {
    const u = await api.post<Alert>(`/alerts/${encodeURIComponent(a.id)}/${verb}`);
    list.setItems((items) => items.map((x) => (x.id === a.id ? { ...x, ...u } : x)));
  };
  return (
    <section>
      <div class="row">
        <h1>Alerts</h1>
        <span class="spacer" />
        <a class="btn btn-plain" href="#/alert-rules">
          Rules
        </a>
        <a class="btn btn-plain" href="#/silences">
          Silences
        </a>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          State
          <select value={f.state} onChange={(e) => setF("state", e.currentTarget.value)}>
            <option value="">any</option>
            <option value="firing">firing</option>
            <option value="acknowledged">acknowledged</option>
            <option value="resolved">resolved</option>
          </select>
        </label>
        <label>
          Severity
          <select value={f.severity} onChange={(e) => setF("severity", e.currentTarget.value)}>
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {f.node_id && (
          <button type="button" class="btn btn-plain" onClick={() => setF("node_id", "")}>
            Node {nodeName(f.node_id)} ✕
          </button>
        )}
        {f.rule_id && (
          <button type="button" class="btn btn-plain" onClick={() => setF("rule_id", "")}>
            Rule {ruleName(f.rule_id)} ✕
          </button>
        )}
      </form>
      <ListTable
        list={list}
        items={list.items}
        what="Alerts"
        testid="alerts-table"
        columns={["Severity", "State", "Alert", "Rule", "Node", "Fired", op && "Actions"]}
        row={(a) => (
          <tr key={a.id} data-alert-id={a.id}>
            <td>
              <Badge value={a.severity} />
            </td>
            <td>
              <Badge value={a.state} testId="alert-state" />
              {a.acknowledged_by && a.state !== "resolved" && <div class="muted small">by {a.acknowledged_by}</div>}
              {a.resolved_at && (
                <div class="muted small">
                  {a.resolved_by ? `by ${a.resolved_by}` : "cleared"} {ago(a.resolved_at)}
                </div>
              )}
            </td>
            <td class="wrap">{a.summary}</td>
            <td>
              <a href={`#/alerts?rule_id=${encodeURIComponent(a.rule_id)}`}>{ruleName(a.rule_id)}</a>
            </td>
            <td>
              {a.node_id ? (
                <a href={`#/nodes/${encodeURIComponent(a.node_id)}`} title={a.node_id}>
                  {nodeName(a.node_id)}
                </a>
              ) : (
                "—"
              )}
            </td>
            <td title={a.fired_at ?? undefined}>{ago(a.fired_at)}</td>
            {op && (
              <td class="actions">
                {a.state === "firing" && (
                  <ActionButton onClick={act(a, "acknowledge")} done="Alert acknowledged">
                    Acknowledge
                  </ActionButton>
                )}
                {a.state !== "resolved" && (
                  <ActionButton onClick={act(a, "resolve")} done="Alert resolved">
                    Resolve
                  </ActionButton>
                )}
                {a.state !== "resolved" && (
                  <button type="button" class="btn btn-plain" onClick={() => setSilencing(a)}>
                    Silence
                  </button>
                )}
              </td>
            )}
          </tr>
        )}
      />
      {silencing && (
        <SilenceForm
          ruleId={silencing.rule_id}
          title={`Silence ${ruleName(silencing.rule_id)}`}
          onClose={() => setSilencing(null)}
          onSaved={() => toast("Notifications silenced")}
        />
      )}
    </section>
  );
}
