/**
 * Findings: current findings of the fleet, most severe first, searchable
 * (by the server) as one types, sortable by any column, grouped by rule on
 * request, with triage one by one or in bulk. Everything lives in the URL.
 */
import { FindingBulk } from "../components/finding-bulk.js";
import { FindingsTable } from "../components/findings-table.js";
import { ListTotal } from "../components/list-total.js";
import { LoadState } from "../components/load-state.js";
import { Pager } from "../components/pager.js";
import { RuleGroups } from "../components/rule-groups.js";
import { isOperator } from "../lib/session.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { useSearch } from "../lib/use-search.js";
import { useSelection } from "../lib/use-selection.js";
import { SEVERITIES, TRIAGE_STATUSES, type Finding } from "../types.js";

const KEYS = ["view", "q", "severity", "scanner", "node_id", "status", "rule_id", "sort", "order"] as const;

/** Findings lists and triages findings. */
export function Findings() {
  const [f, setF] = useFilters(KEYS);
  const grouped = f.view === "rules";
  const { view: _view, sort: _sort, order: _order, ...filters } = f;
  // Most severe first unless the operator sorts otherwise.
  const sort = f.sort || "severity";
  const order = f.order || (f.sort ? "asc" : "desc");
  const list = useList<Finding>(grouped ? null : "/findings", { ...filters, sort, order }, 25, { inUrl: true });
  const sel = useSelection(list.items, (x) => x.fingerprint);
  const [typed, setTyped] = useSearch(f.q, (q) => setF("q", q));
  // New scans and other operators' triage change the list: refresh it.
  useLiveEvent(["scan.completed", "finding.triaged"], () => list.reload());
  return (
    <section>
      <h1>Findings</h1>
      <div class="tabs" role="group" aria-label="View">
        <button type="button" class="btn btn-plain" aria-pressed={!grouped} onClick={() => setF("view", "")}>
          All findings
        </button>
        <button type="button" class="btn btn-plain" aria-pressed={grouped} onClick={() => setF("view", "rules")}>
          By rule
        </button>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={typed} placeholder="title, resource, rule or node" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
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
          <input value={f.scanner} onChange={(e) => setF("scanner", e.currentTarget.value.trim())} />
        </label>
        <label>
          Node id
          <input value={f.node_id} onChange={(e) => setF("node_id", e.currentTarget.value.trim())} />
        </label>
        {f.rule_id && (
          <p class="chip">
            Rule <code>{f.rule_id}</code>{" "}
            <button type="button" class="btn btn-plain" aria-label="Clear the rule filter" onClick={() => setF("rule_id", "")}>
              ×
            </button>
          </p>
        )}
      </form>
      {grouped ? (
        <RuleGroups filters={filters} linkQuery={filters} />
      ) : (
        <>
          <ListTotal list={list} one="finding" many="findings" />
          {isOperator.value && <FindingBulk sel={sel} onDone={list.reload} />}
          <LoadState {...list} what="The findings list" empty={list.items.length === 0} />
          {list.items.length > 0 && (
            <FindingsTable
              items={list.items}
              sel={isOperator.value ? sel : undefined}
              sorting={{
                sort,
                order,
                onSort: (s, o) => {
                  setF("sort", s);
                  setF("order", o);
                },
              }}
              onSaved={(saved) => list.setItems((items) => items.map((x) => (x.fingerprint === saved.fingerprint ? { ...x, ...saved } : x)))}
            />
          )}
          <Pager list={list} />
        </>
      )}
    </section>
  );
}
