/**
 * Findings: current findings of the fleet with filters and triage.
 */
import { FindingsTable } from "../components/findings-table.js";
import { LoadState } from "../components/load-state.js";
import { Pager } from "../components/pager.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { SEVERITIES, TRIAGE_STATUSES, type Finding } from "../types.js";

/** Findings lists and triages findings. */
export function Findings() {
  const [f, setF] = useFilters(["severity", "scanner", "node_id", "status"] as const);
  const list = useList<Finding>("/findings", f);
  // New scans and other operators' triage change the list: refresh it.
  useLiveEvent(["scan.completed", "finding.triaged"], () => list.reload());
  return (
    <section>
      <h1>Findings</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Severity
          <select value={f.severity} onChange={(e) => setF("severity", e.currentTarget.value)}>
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={f.status} onChange={(e) => setF("status", e.currentTarget.value)}>
            <option value="">current</option>
            {[...TRIAGE_STATUSES, "resolved", "all"].map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Scanner
          <input value={f.scanner} onChange={(e) => setF("scanner", e.currentTarget.value)} />
        </label>
        <label>
          Node id
          <input value={f.node_id} onChange={(e) => setF("node_id", e.currentTarget.value)} />
        </label>
      </form>
      <LoadState {...list} what="The findings list" empty={list.items.length === 0} />
      {list.items.length > 0 && (
        <FindingsTable
          items={list.items}
          onSaved={(saved) => list.setItems((items) => items.map((x) => (x.fingerprint === saved.fingerprint ? { ...x, ...saved } : x)))}
        />
      )}
      <Pager list={list} />
    </section>
  );
}
