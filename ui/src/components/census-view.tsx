/**
 * CensusView shows a node's latest host census: each top-level section as a
 * count or value, with the raw document on demand.
 */
import type { FetchState } from "../lib/use-fetch.js";
import { LoadState } from "./load-state.js";

function describe(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} entries`;
  if (v && typeof v === "object") return `${Object.keys(v).length} fields`;
  return String(v);
}

/** CensusView renders GET /nodes/{id}/census. */
export function CensusView({ census }: { census: FetchState<Record<string, unknown>> }) {
  const raw = census.data ?? {};
  const data = (raw.data && typeof raw.data === "object" ? raw.data : raw) as Record<string, unknown>;
  const keys = Object.keys(data);
  return (
    <>
      <LoadState {...census} what="The census" empty={keys.length === 0} />
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
