/**
 * ScanCompare: findings new, fixed and unchanged between two scans. The
 * older scan is always the base, whatever order they were picked in; a swap
 * link reverses it, and a warning says when the scans are not alike.
 */
import { FindingsTable } from "../components/findings-table.js";
import { LoadState } from "../components/load-state.js";
import { href, navigate, route } from "../lib/router.js";
import { time } from "../lib/format.js";
import { useFetch } from "../lib/use-fetch.js";
import type { ScanCompare as Compare, Scan } from "../types.js";

const key = (v: unknown) => JSON.stringify(v ?? null, (_k, x: unknown) => (Array.isArray(x) ? [...(x as unknown[])].sort() : x));

/** differences names what differs between two scans' targets and scanners. */
function differences(a: Scan, b: Scan): string[] {
  const out: string[] = [];
  if (key(a.targets) !== key(b.targets)) out.push("targets");
  if (key(a.scanners ?? []) !== key(b.scanners ?? [])) out.push("scanners");
  return out;
}

/** ScanCompare renders GET /scans/compare?base=&head=. */
export function ScanCompare() {
  const q = route.value.query;
  const base = q.get("base") ?? "";
  const head = q.get("head") ?? "";
  const swapped = q.get("order") === "picked";
  const a = useFetch<Scan>(base ? `/scans/${encodeURIComponent(base)}` : null);
  const b = useFetch<Scan>(head ? `/scans/${encodeURIComponent(head)}` : null);
  const known = !!(a.data && b.data);
  // Older first unless the user swapped on purpose.
  const inverted = known && Date.parse(a.data!.created_at ?? "") > Date.parse(b.data!.created_at ?? "");
  const [older, newer] = inverted && !swapped ? [head, base] : [base, head];
  const cmp = useFetch<Compare>(known ? "/scans/compare" : null, { base: older, head: newer });
  const d = cmp.data;
  const unchanged = Array.isArray(d?.unchanged) ? d.unchanged.length : (d?.unchanged ?? 0);
  const diff = known ? differences(a.data!, b.data!) : [];
  const created = (id: string) => time((id === base ? a.data : b.data)?.created_at);
  return (
    <section>
      <h1>Compare scans</h1>
      <p>
        <a href="#/scans">← Scans</a>
      </p>
      {!(base && head) && <p class="muted">Pick two scans on the Scans page.</p>}
      {known && (
        <p data-testid="compare-order">
          base{" "}
          <a href={`#/scans/${encodeURIComponent(older)}`}>
            <code>{older}</code>
          </a>{" "}
          ({created(older)}) → head{" "}
          <a href={`#/scans/${encodeURIComponent(newer)}`}>
            <code>{newer}</code>
          </a>{" "}
          ({created(newer)}){" "}
          <a
            class="btn btn-plain"
            href={href("/scans/compare", { base: newer, head: older, order: "picked" })}
            onClick={(e) => (e.preventDefault(), navigate("/scans/compare", { base: newer, head: older, order: "picked" }, true))}
          >
            Swap
          </a>
        </p>
      )}
      {known && Date.parse((older === base ? a : b).data!.created_at ?? "") > Date.parse((newer === base ? a : b).data!.created_at ?? "") && (
        <p class="warning" role="note">
          The base is the newer scan: “New” lists what the older scan found.
        </p>
      )}
      {diff.length > 0 && (
        <p class="warning" role="note" data-testid="compare-mismatch">
          These scans differ in {diff.join(" and ")}: findings may be new or fixed only because different nodes or scanners ran.
        </p>
      )}
      <LoadState {...(a.error ? a : b.error ? b : cmp)} what="Scan comparison" empty={!d} />
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
