/**
 * Nodes: the fleet table with live status, filters and label editing.
 */
import { useState } from "preact/hooks";
import { Badge } from "../components/badge.js";
import { LabelsDialog } from "../components/labels-dialog.js";
import { ListTable } from "../components/list-table.js";
import { ago, labelsText } from "../lib/format.js";
import { isOperator } from "../lib/session.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { useOpenAlerts } from "../lib/open-alerts.js";
import type { FleetNode } from "../types.js";
import { OpenAlertCount } from "../components/alert-badges.js";

/** Nodes lists the fleet. */
export function Nodes() {
  const [f, setF] = useFilters(["status", "labels", "q"] as const);
  const list = useList<FleetNode>("/nodes", f);
  const [editing, setEditing] = useState<FleetNode | null>(null);
  const open = useOpenAlerts();

  useLiveEvent(["node.online", "node.offline", "node.metrics"], (e) => {
    // Going offline reports the last heartbeat, not the moment the master noticed.
    const seen = e.type === "node.offline" && typeof e.data.last_seen_at === "string" ? e.data.last_seen_at : e.ts;
    const status = e.type === "node.metrics" ? undefined : e.type === "node.online" ? "online" : "offline";
    list.setItems((items) => items.map((n) => (n.id === e.node_id ? { ...n, status: status ?? n.status, last_seen_at: seen } : n)));
  });
  useLiveEvent(["node.enrolled", "node.updated", "node.deleted"], () => list.reload());

  return (
    <section>
      <h1>Nodes</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={f.status} onChange={(e) => setF("status", e.currentTarget.value)}>
            <option value="">any</option>
            <option value="online">online</option>
            <option value="offline">offline</option>
          </select>
        </label>
        <label>
          Labels
          <input value={f.labels} placeholder="env=prod" onChange={(e) => setF("labels", e.currentTarget.value)} />
        </label>
        <label>
          Search
          <input type="search" value={f.q} placeholder="name or hostname" onChange={(e) => setF("q", e.currentTarget.value)} />
        </label>
      </form>
      <ListTable
        list={list}
        items={list.items}
        what="The node list"
        testid="nodes-table"
        columns={["Name", "Status", "OS", "Agent", "Labels", "Open alerts", "Last seen", isOperator.value && "Actions"]}
        row={(n) => (
          <tr key={n.id} data-node-id={n.id}>
            <td>
              <a href={`#/nodes/${encodeURIComponent(n.id)}`}>{n.name || n.hostname}</a>
              {n.name && n.hostname && n.name !== n.hostname && <div class="muted small">{n.hostname}</div>}
            </td>
            <td>
              <Badge value={n.status} testId="node-status" />
            </td>
            <td>{[n.os, n.os_version].filter(Boolean).join(" ") || "—"}</td>
            <td>{n.agent_version || "—"}</td>
            <td class="wrap">{labelsText(n.labels) || <span class="muted">none</span>}</td>
            <td data-testid="open-alerts">
              <OpenAlertCount alerts={open.byNode.get(n.id)} nodeId={n.id} />
            </td>
            <td title={n.last_seen_at ?? undefined} data-testid="last-seen">
              {ago(n.last_seen_at)}
            </td>
            {isOperator.value && (
              <td>
                <button type="button" class="btn btn-plain" onClick={() => setEditing(n)}>
                  Edit labels
                </button>
              </td>
            )}
          </tr>
        )}
      />
      {editing && (
        <LabelsDialog
          node={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => list.setItems((items) => items.map((n) => (n.id === saved.id ? { ...n, ...saved } : n)))}
        />
      )}
    </section>
  );
}
