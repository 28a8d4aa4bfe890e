/**
 * ScanCompare: findings new, fixed and unchanged between two scans.
 */
import { FindingsTable } from "../components/findings-table.js";
import { LoadState } from "../components/load-state.js";
import { route } from "../lib/router.js";
import { useFetch } from "../lib/use-fetch.js";
import type { ScanCompare as Compare } from "../types.js";

/** ScanCompare renders GET /scans/compare?base=&head=. */
export function ScanCompare() {
  const base = route.value.query.get("base") ?? "";
  const head = route.value.query.get("head") ?? "";
  const cmp = useFetch<Compare>(base && head ? "/scans/compare" : null, { base, head });
  const d = cmp.data;
  const unchanged = Array.isArray(d?.unchanged) ? d.unchanged.length : (d?.unchanged ?? 0);
  return (
    <section>
      <h1>Compare scans</h1>
      <p>
        <a href="#/scans">← Scans</a> · base <code>{base || "?"}</code> → head <code>{head || "?"}</code>
      </p>
      {!(base && head) && <p class="muted">Pick two scans on the Scans page.</p>}
      <LoadState {...cmp} what="Scan comparison" empty={!d} />
      {d && (
        <>
          <h2>New ({d.new?.length ?? 0})</h2>
          {d.new?.length ? <FindingsTable items={d.new} /> : <p class="muted">No new findings.</p>}
          <h2>Fixed ({d.fixed?.length ?? 0})</h2>
          {d.fixed?.length ? <FindingsTable items={d.fixed} /> : <p class="muted">Nothing fixed.</p>}
          <h2>Unchanged ({unchanged})</h2>
          {Array.isArray(d.unchanged) && d.unchanged.length > 0 && (
            <details>
              <summary>Show unchanged findings</summary>
              <FindingsTable items={d.unchanged} />
            </details>
          )}
        </>
      )}
    </section>
  );
}
