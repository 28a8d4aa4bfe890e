/**
 * NodeDetail: one node's facts, live metric charts, containers, census and
 * findings; label editing (operator) and deletion (admin).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { AlertBadges } from "../components/alert-badges.js";
import { AuditTable, type AuditEntry } from "../components/audit-table.js";
import { Badge } from "../components/badge.js";
import { CensusView } from "../components/census-view.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { ContainersTable } from "../components/containers-table.js";
import { FindingsTable } from "../components/findings-table.js";
import { LabelsDialog } from "../components/labels-dialog.js";
import { RenameDialog } from "../components/rename-dialog.js";
import { CopyButton } from "../components/copy-button.js";
import { LoadState } from "../components/load-state.js";
import { MetricCharts } from "../components/metric-charts.js";
import { Pager } from "../components/pager.js";
import { ago, bytes, labelsText, time } from "../lib/format.js";
import { navigate } from "../lib/router.js";
import { isAdmin, isOperator } from "../lib/session.js";
import { toast } from "../lib/toast.js";
import { useTitleName } from "../lib/title.js";
import { useFetch } from "../lib/use-fetch.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import type { CensusSnapshot, Container, Finding, FleetNode } from "../types.js";

/** NodeDetail is the page of one node. */
export function NodeDetail({ id }: { id: string }) {
  const path = `/nodes/${encodeURIComponent(id)}`;
  const node = useFetch<FleetNode>(path);
  const containers = useList<Container>(`${path}/containers`);
  const census = useFetch<CensusSnapshot>(`${path}/census`);
  const findings = useList<Finding>("/findings", { node_id: id });
  const activity = useList<AuditEntry>(isAdmin.value ? "/audit" : null, { target_id: id }, 10);
  const [editing, setEditing] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  useLiveEvent(["node.online", "node.offline", "node.metrics"], (e) => {
    if (e.node_id !== id) return;
    const seen = e.type === "node.offline" && typeof e.data.last_seen_at === "string" ? e.data.last_seen_at : e.ts;
    const status = e.type === "node.metrics" ? undefined : e.type === "node.online" ? "online" : "offline";
    node.set((n) => n && { ...n, status: status ?? n.status, last_seen_at: seen });
  });
  useLiveEvent(["node.updated"], (e) => e.node_id === id && node.reload());
  useLiveEvent(["container.state"], (e) => e.node_id === id && containers.reload());
  useLiveEvent(["scan.completed"], () => {
    census.reload();
    findings.reload();
  });

  const n = node.data;
  useTitleName(n?.name || n?.hostname);
  if (!n)
    return (
      <section>
        <h1>Node</h1>
        <LoadState {...node} what="This node" empty />
      </section>
    );
  return (
    <section>
      <div class="row">
        <h1>{n.name || n.hostname}</h1>
        <Badge value={n.status} testId="node-status" />
        <span class="spacer" />
        {isOperator.value && (
          <button type="button" class="btn btn-plain" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
        {isOperator.value && (
          <button type="button" class="btn btn-plain" onClick={() => setEditing(true)}>
            Edit labels
          </button>
        )}
        {isAdmin.value && (
          <button type="button" class="btn btn-danger" onClick={() => setDeleting(true)}>
            Delete node
          </button>
        )}
      </div>
      <p class="muted small">
        <span title="Node id">
          <code data-testid="node-id">{n.id}</code>
        </span>{" "}
        <CopyButton text={n.id} label="Copy id" />
      </p>
      {n.duplicate_of && (
        <p class="error" role="status" data-testid="duplicate-machine-id">
          This host reports the same machine id as node <a href={`#/nodes/${encodeURIComponent(n.duplicate_of)}`}>{n.duplicate_of}</a>: it may be a
          clone. Check both hosts.
        </p>
      )}
      <AlertBadges nodeId={id} />
      <dl class="facts">
        {(
          [
            ["Node id", n.id],
            ["Hostname", n.hostname],
            ["OS", [n.os, n.os_version].filter(Boolean).join(" ")],
            ["Kernel", n.kernel],
            ["Arch", n.arch],
            ["CPUs", n.cpus],
            ["Memory", n.memory_bytes ? bytes(n.memory_bytes) : ""],
            ["Agent", n.agent_version],
            ["Addresses", (n.addresses ?? []).join(", ")],
            ["Labels", labelsText(n.labels)],
            ["Enrolled", time(n.enrolled_at)],
            ["Last seen", ago(n.last_seen_at)],
          ] as [string, unknown][]
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v === undefined || v === "" ? "—" : String(v)}</dd>
          </div>
        ))}
      </dl>

      <h2>Metrics</h2>
      <MetricCharts nodeId={id} />

      <h2>Containers</h2>
      <LoadState {...containers} what="The container list" empty={containers.items.length === 0} />
      {containers.items.length > 0 && <ContainersTable items={containers.items} onChanged={containers.reload} nodeOffline={n.status !== "online"} />}
      <Pager list={containers} />

      <h2>Findings</h2>
      <LoadState {...findings} what="Findings" empty={findings.items.length === 0} />
      {findings.items.length > 0 && (
        <FindingsTable
          items={findings.items}
          showNode={false}
          onSaved={(saved) => findings.setItems((items) => items.map((x) => (x.fingerprint === saved.fingerprint ? { ...x, ...saved } : x)))}
        />
      )}
      <Pager list={findings} />

      <h2>Census</h2>
      <CensusView census={census} />

      {isAdmin.value && (
        <>
          <h2>Activity</h2>
          <AuditTable list={activity} showTarget={false} />
        </>
      )}

      {renaming && <RenameDialog node={n} onClose={() => setRenaming(false)} onSaved={(saved) => node.set((old) => old && { ...old, ...saved })} />}
      {editing && <LabelsDialog node={n} onClose={() => setEditing(false)} onSaved={(saved) => node.set((old) => old && { ...old, ...saved })} />}
      {deleting && (
        <ConfirmDialog
          title="Delete node?"
          confirm="Delete node"
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.del(path);
            toast(`Node ${n.name || n.id} deleted`);
            navigate("/nodes");
          }}
        >
          <p>
            This revokes the certificate of <strong>{n.name || n.hostname}</strong> and cuts its connection. The worker must enroll again with a new
            join token.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
