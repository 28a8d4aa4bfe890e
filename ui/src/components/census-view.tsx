/**
 * CensusView shows a node's latest host census (GET /nodes/{id}/census:
 * `{id, node_id, scan_id, taken_at, census}`): each top-level section as a
 * count or value, with the raw document on demand.
 */
import { time } from "../lib/format.js";
import type { FetchState } from "../lib/use-fetch.js";
import type { CensusSnapshot } from "../types.js";
import { LoadState } from "./load-state.js";

function describe(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} entries`;
  if (v && typeof v === "object") return `${Object.keys(v).length} fields`;
  return String(v);
}

/** CensusView renders the latest census; a node without one says how to get it. */
export function CensusView({ census }: { census: FetchState<CensusSnapshot> }) {
  // The route is served; not_found means no host-census scan has run on the node yet.
  if (census.unavailable) return <p class="muted">No census yet: run a scan with the host-census scanner on this node.</p>;
  const snap = census.data;
  const data = snap?.census ?? {};
  const keys = Object.keys(data) as Array<keyof typeof data>;
  return (
    <>
      <LoadState {...census} what="The census" empty={keys.length === 0} />
      {snap && (
        <p class="muted small">
          Taken {time(snap.taken_at)} by scan <a href={`#/scans/${encodeURIComponent(snap.scan_id)}`}>{snap.scan_id}</a>
        </p>
      )}
      {keys.length > 0 && (
        <>
          <dl class="facts">
            {keys.slice(0, 24).map((k) => (
              <div key={k}>
                <dt>{k.replace(/_/g, " ")}</dt>
                <dd>{describe(data[k])}</dd>
              </div>
            ))}
          </dl>
          <details>
            <summary>Full census</summary>
            <pre class="json">{JSON.stringify(data, null, 2)}</pre>
          </details>
        </>
      )}
    </>
  );
}
