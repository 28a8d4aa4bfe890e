/**
 * CensusView shows a node's latest host census (GET /nodes/{id}/census:
 * `{id, node_id, scan_id, taken_at, census}`): each top-level section as a
 * count or value, the installed packages as a searchable table, and the raw
 * document on demand.
 */
import { time } from "../lib/format.js";
import type { FetchState } from "../lib/use-fetch.js";
import type { CensusSnapshot } from "../types.js";
import { LoadState } from "./load-state.js";
import { PackageTable, packagesOf } from "./package-table.js";

function describe(v: unknown): string {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    // A small object (os: {name, version}) reads best as its values.
    const vals = Object.values(v as Record<string, unknown>).filter((x) => typeof x === "string" || typeof x === "number");
    if (vals.length > 0 && vals.length <= 4) return vals.join(" ");
  }
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
            {keys
              .filter((k) => k !== "packages")
              .slice(0, 24)
              .map((k) => (
                <div key={k}>
                  <dt>{k.replace(/_/g, " ")}</dt>
                  <dd>{describe(data[k])}</dd>
                </div>
              ))}
          </dl>
          {"packages" in data && <PackageTable packages={packagesOf(data.packages)} />}
          <details>
            <summary>Full census</summary>
            <pre class="json">{JSON.stringify(data, null, 2)}</pre>
          </details>
        </>
      )}
    </>
  );
}
