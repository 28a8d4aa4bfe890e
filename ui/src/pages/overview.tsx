/**
 * Overview: fleet online/offline counts, findings by severity, reclaimable
 * space and estimated savings, and the latest events.
 */
import { useEffect } from "preact/hooks";
import { Badge } from "../components/badge.js";
import { LoadState } from "../components/load-state.js";
import { EventRow } from "../components/event-row.js";
import { bytes, money } from "../lib/format.js";
import { recent } from "../lib/live.js";
import { useFetch } from "../lib/use-fetch.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { SEVERITIES, type FindingsSummary, type FleetEvent, type FleetStatus } from "../types.js";

/** Overview is the landing page. */
export function Overview() {
  const fleet = useFetch<FleetStatus>("/fleet/status");
  const summary = useFetch<FindingsSummary>("/findings/summary");
  // Metrics events outnumber everything else: ask for every other type of the catalogue.
  const types = useFetch<{ items: { type: string }[] }>("/events/types");
  const wanted = (types.data?.items ?? [])
    .map((t) => t.type)
    .filter((t) => t !== "node.metrics")
    .join(",");
  const stored = useList<FleetEvent>(wanted || types.error ? "/events" : null, wanted ? { type: wanted } : {}, 25);
  // Liveness is written to the database in batches: refresh now and once more shortly after.
  useLiveEvent(["node.*"], (e) => {
    if (e.type === "node.metrics") return;
    fleet.reload();
    setTimeout(fleet.reload, 2_500);
  });
  useEffect(() => {
    const t = setInterval(fleet.reload, 15_000);
    return () => clearInterval(t);
  }, []);
  useLiveEvent(["finding.*", "scan.completed"], () => summary.reload());

  const f = fleet.data;
  const s = summary.data;
  const seen = new Set<string>();
  const events = [...recent.value, ...stored.items].filter((e) => !seen.has(e.id) && seen.add(e.id)).slice(0, 10);

  return (
    <section>
      <h1>Overview</h1>
      <div class="cards">
        <div class="card stat" data-testid="stat-online">
          <span class="stat-value">{f ? f.online : "—"}</span>
          <span class="stat-label">online</span>
        </div>
        <div class="card stat" data-testid="stat-offline">
          <span class="stat-value">{f ? f.offline : "—"}</span>
          <span class="stat-label">offline</span>
        </div>
        <div class="card stat">
          <span class="stat-value">{f ? f.total : "—"}</span>
          <span class="stat-label">nodes</span>
        </div>
        <div class="card stat">
          <span class="stat-value">{s ? bytes(s.reclaimable_bytes) : "—"}</span>
          <span class="stat-label">reclaimable</span>
        </div>
        <div class="card stat">
          <span class="stat-value">{s ? money(s.monthly_savings) : "—"}</span>
          <span class="stat-label">est. monthly savings</span>
        </div>
      </div>
      <LoadState {...fleet} what="Fleet status" empty={!f} />

      <h2>Findings by severity</h2>
      <LoadState {...summary} what="Findings summary" empty={!s} />
      {s && (
        <ul class="sev-bars">
          {SEVERITIES.map((sev) => (
            <li key={sev}>
              <a href={`#/findings?severity=${sev}`}>
                <Badge value={sev} /> <strong>{s.by_severity?.[sev] ?? 0}</strong>
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2>Recent events</h2>
      {events.length === 0 ? (
        <LoadState {...stored} what="The event log" empty />
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Type</th>
              <th scope="col">Node</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <EventRow key={e.id} e={e} />
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="#/events">All events →</a>
      </p>
    </section>
  );
}
