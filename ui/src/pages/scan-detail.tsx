/**
 * ScanDetail: one scan's per-node progress (live via scan.* events), its
 * findings, report downloads and cancel.
 */
import { useState } from "preact/hooks";
import { api, apiUrl } from "../api.js";
import { Badge } from "../components/badge.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { FindingsTable } from "../components/findings-table.js";
import { LoadState } from "../components/load-state.js";
import { Pager } from "../components/pager.js";
import { bytes, money, time } from "../lib/format.js";
import { isFinished, scanStatusOf } from "../lib/scan-status.js";
import { isOperator } from "../lib/session.js";
import { useFetch } from "../lib/use-fetch.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { SEVERITIES, type Finding, type Scan } from "../types.js";

/** ScanDetail is the page of one scan. */
export function ScanDetail({ id }: { id: string }) {
  const path = `/scans/${encodeURIComponent(id)}`;
  const scan = useFetch<Scan>(path);
  const findings = useList<Finding>(`${path}/findings`);
  const [canceling, setCanceling] = useState(false);

  useLiveEvent(["scan.*"], (e) => {
    if ((e.data.scan_id ?? e.data.id) !== id) return;
    // scan.progress carries the overall `progress` and the reporting node's `node_id` and `node_progress`.
    const status = scanStatusOf(e.type);
    const nodeId = e.data.node_id as string | undefined;
    const overall = typeof e.data.progress === "number" ? e.data.progress : undefined;
    const mine = typeof e.data.node_progress === "number" ? e.data.node_progress : undefined;
    scan.set((s) => {
      if (!s) return s;
      const nodes = (s.nodes ?? []).map((n) =>
        n.node_id === nodeId && mine !== undefined ? { ...n, progress: mine, status: "running" as const } : n,
      );
      return { ...s, status: status ?? s.status, nodes, progress: overall ?? s.progress };
    });
    if (status && isFinished(status)) {
      scan.reload();
      findings.reload();
    }
  });

  const s = scan.data;
  if (!s)
    return (
      <section>
        <h1>Scan</h1>
        <LoadState {...scan} what="This scan" empty />
      </section>
    );
  // A scan's summary is filled in when it finishes (an empty object before).
  const sum = s.summary && typeof s.summary.total === "number" ? s.summary : null;
  const progress = isFinished(s.status) ? 1 : (s.progress ?? 0);
  return (
    <section>
      <div class="row">
        <h1>Scan {s.id}</h1>
        <Badge value={s.status} testId="scan-status" />
        <span class="spacer" />
        {isOperator.value && !isFinished(s.status) && (
          <button type="button" class="btn btn-danger" onClick={() => setCanceling(true)}>
            Cancel scan
          </button>
        )}
      </div>
      <p class="muted">
        Created {time(s.created_at)} · finished {time(s.finished_at)} · scanners {(s.scanners ?? []).join(", ") || "all"}
      </p>
      {s.error && (
        <p class="error" role="alert">
          {s.error}
        </p>
      )}
      <p class="row">
        <progress max={1} value={progress} aria-label="Scan progress" data-testid="scan-progress" data-value={progress} />{" "}
        {Math.round(progress * 100)}%
      </p>
      {sum && (
        <dl class="facts" data-testid="scan-summary">
          <div>
            <dt>Findings</dt>
            <dd data-testid="scan-findings-total">{sum.total}</dd>
          </div>
          {SEVERITIES.filter((sev) => (sum.by_severity?.[sev] ?? 0) > 0).map((sev) => (
            <div key={sev}>
              <dt>{sev}</dt>
              <dd>{sum.by_severity?.[sev]}</dd>
            </div>
          ))}
          <div>
            <dt>Reclaimable</dt>
            <dd>{bytes(sum.reclaimable_bytes)}</dd>
          </div>
          <div>
            <dt>Est. monthly savings</dt>
            <dd>{money(sum.monthly_savings)}</dd>
          </div>
        </dl>
      )}
      <p class="row">
        Reports:
        {(["json", "csv", "html"] as const).map((f) => (
          <a key={f} class="btn btn-plain" href={apiUrl(`${path}/report?format=${f}`)} download={`scan-${id}.${f}`}>
            {f.toUpperCase()}
          </a>
        ))}
      </p>

      <h2>Nodes</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Findings</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {(s.nodes ?? []).map((n) => (
            <tr key={n.node_id}>
              <td>
                <a href={`#/nodes/${encodeURIComponent(n.node_id)}`}>{n.node_id}</a>
              </td>
              <td>
                <Badge value={n.status} />
              </td>
              <td>
                <progress max={1} value={n.progress ?? 0} aria-label={`Progress on ${n.node_id}`} /> {Math.round((n.progress ?? 0) * 100)}%
              </td>
              <td>{n.findings ?? "—"}</td>
              <td class="wrap">{n.reason ?? n.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Findings</h2>
      <LoadState {...findings} what="The findings of this scan" empty={findings.items.length === 0} />
      {findings.items.length > 0 && <FindingsTable items={findings.items} />}
      <Pager list={findings} />

      {canceling && (
        <ConfirmDialog
          title="Cancel scan?"
          confirm="Cancel scan"
          danger
          onClose={() => setCanceling(false)}
          onConfirm={async () => {
            await api.post(`${path}/cancel`);
            scan.reload();
          }}
        >
          <p>Nodes that have not finished stop scanning. Results already received are kept.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
