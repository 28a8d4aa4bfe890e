/**
 * Nodes: the fleet table with live status and figures, search as you type,
 * filters, sorting by any column (done by the server), the total count and
 * label editing. Filters, search and sort live in the URL.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { OpenAlertCount } from "../components/alert-badges.js";
import { Badge } from "../components/badge.js";
import { LabelsDialog } from "../components/labels-dialog.js";
import { NodeBulk } from "../components/node-bulk.js";
import { ListTable } from "../components/list-table.js";
import { ListTotal } from "../components/list-total.js";
import { ago, labelsText, percent } from "../lib/format.js";
import { useOpenAlerts } from "../lib/open-alerts.js";
import { isOperator } from "../lib/session.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useSearch } from "../lib/use-search.js";
import { useSelection } from "../lib/use-selection.js";
import { useLiveEvent } from "../lib/use-live.js";
import type { FleetNode } from "../types.js";

const SORTS: Record<string, string> = {
  Name: "name",
  Status: "status",
  CPU: "cpu",
  Memory: "memory",
  Disk: "disk",
  OS: "os",
  Agent: "agent_version",
  "Last seen": "last_seen",
};
/** FLUSH_MS batches live figures. */
const FLUSH_MS = 1000;

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Nodes lists the fleet. */
export function Nodes() {
  const [f, setF] = useFilters(["status", "labels", "q", "sort", "order"] as const);
  const list = useList<FleetNode>("/nodes", f, 25, { inUrl: true });
  const sel = useSelection(list.items, (n) => n.id);
  const [editing, setEditing] = useState<FleetNode | null>(null);
  const [typed, setTyped] = useSearch(f.q, (q) => setF("q", q));
  // Kept here while typing, so a live re-render does not reset what is being typed.
  const [labels, setLabels] = useState(f.labels);
  // The table first: open alerts are asked for once it is on screen.
  const open = useOpenAlerts(undefined, list.items.length > 0 || !list.loading);
  const marked = useRef(false);

  // Marks the first rows on screen, so load time can be measured (performance "nodes-ready").
  useEffect(() => {
    if (!marked.current && list.items.length > 0) {
      marked.current = true;
      performance.mark("nodes-ready");
    }
  }, [list.items]);

  // Figures arrive for every node of a large fleet: apply them once a second, not per event.
  const pending = useRef(new Map<string, Partial<FleetNode>>());
  const current = useRef(list);
  current.current = list;
  useEffect(() => {
    const t = setInterval(() => {
      if (pending.current.size === 0) return;
      const p = pending.current;
      pending.current = new Map();
      current.current.setItems((items) => items.map((n) => (p.has(n.id) ? { ...n, ...p.get(n.id) } : n)));
    }, FLUSH_MS);
    return () => clearInterval(t);
  }, []);
  useLiveEvent(["node.online", "node.offline", "node.metrics"], (e) => {
    if (!e.node_id) return;
    // Going offline reports the last heartbeat, not the moment the master noticed.
    const seen = e.type === "node.offline" && typeof e.data.last_seen_at === "string" ? e.data.last_seen_at : e.ts;
    const change: Partial<FleetNode> =
      e.type === "node.metrics"
        ? {
            cpu_usage_ratio: num(e.data.cpu_usage_ratio),
            mem_usage_ratio: num(e.data.mem_usage_ratio),
            fs_max_usage_ratio: num(e.data.fs_max_usage_ratio),
            last_seen_at: seen,
          }
        : { status: e.type === "node.online" ? "online" : "offline", last_seen_at: seen };
    if (e.type === "node.metrics") pending.current.set(e.node_id, { ...pending.current.get(e.node_id), ...change });
    // Status changes show at once.
    else list.setItems((items) => items.map((n) => (n.id === e.node_id ? { ...n, ...change } : n)));
  });
  useLiveEvent(["node.enrolled", "node.updated", "node.deleted"], () => list.reload());

  return (
    <section>
      <h1>Nodes</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={typed} placeholder="name, hostname or id" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
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
          <input
            value={labels}
            placeholder="env=prod"
            onInput={(e) => setLabels(e.currentTarget.value)}
            onChange={(e) => setF("labels", e.currentTarget.value)}
          />
        </label>
      </form>
      <ListTotal list={list} one="node" many="nodes" />
      {isOperator.value && <NodeBulk sel={sel} onDone={list.reload} />}
      <ListTable
        list={list}
        items={list.items}
        what="The node list"
        testid="nodes-table"
        {...(isOperator.value ? { selection: { sel, nameOf: (n: FleetNode) => n.name || n.hostname } } : {})}
        sorting={{
          keys: SORTS,
          sort: f.sort,
          order: f.order,
          onSort: (sort, order) => {
            setF("sort", sort);
            setF("order", order);
          },
        }}
        columns={["Name", "Status", "CPU", "Memory", "Disk", "OS", "Agent", "Labels", "Open alerts", "Last seen", isOperator.value && "Actions"]}
        row={(n) => (
          <tr key={n.id} data-node-id={n.id}>
            <td>
              <a href={`#/nodes/${encodeURIComponent(n.id)}`} title={n.id}>
                {n.name || n.hostname}
              </a>
              {n.name && n.hostname && n.name !== n.hostname && <div class="muted small">{n.hostname}</div>}
              {n.duplicate_of && (
                <div title={`The machine id of this host is also used by node ${n.duplicate_of}`}>
                  <Badge value="duplicate_machine_id" />
                </div>
              )}
            </td>
            <td>
              <Badge value={n.status} testId="node-status" />
            </td>
            <td class="num" data-testid="cpu">
              {percent(n.cpu_usage_ratio)}
            </td>
            <td class="num">{percent(n.mem_usage_ratio)}</td>
            <td class="num">{percent(n.fs_max_usage_ratio)}</td>
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
