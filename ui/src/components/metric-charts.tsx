/**
 * MetricCharts shows a node's CPU, memory, filesystem and network charts:
 * recent history from GET /nodes/{id}/metrics, then, on every node.metrics
 * event of the node, only the newest step buckets, merged in place.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, describeError, isNotFound } from "../api.js";
import { CHART_GROUPS, mergeSeries, normalizeSeries, type Series } from "../lib/metrics.js";
import { useLiveEvent } from "../lib/use-live.js";
import { Chart } from "./chart.js";

/** RANGES are the windows the picker offers: minutes and the bucket step (seconds) asked for. */
const RANGES = [
  { label: "15 min", minutes: 15, step: 5 },
  { label: "1 h", minutes: 60, step: 15 },
] as const;
const RANGE_KEY = "flotilla.metrics.range";
const MAX_SERIES = 6;
const NAMES = "cpu.usage_ratio,mem.used_bytes,mem.total_bytes,fs.usage_ratio,net.rx_bytes_per_second,net.tx_bytes_per_second";
const UNIT_MATCH = { ratio: /ratio/, bytes: /bytes$/, rate: /per_second|_rate|bytes/ };

/**
 * MetricCharts renders the four metric charts of one node over the picked
 * time range, with one crosshair shared by every chart.
 */
export function MetricCharts({ nodeId }: { nodeId: string }) {
  const [minutes, setMinutes] = useState(() => (localStorage.getItem(RANGE_KEY) === "60" ? 60 : 15));
  const range = RANGES.find((r) => r.minutes === minutes) ?? RANGES[0];
  const windowS = range.minutes * 60;
  const win = useRef({ windowS, step: range.step });
  win.current = { windowS, step: range.step };
  const [series, setSeries] = useState<Series[]>([]);
  const [state, setState] = useState<string | null>("Loading…");
  // Start (epoch s) of the newest bucket received; the next refresh asks from there.
  const from = useRef<number | null>(null);
  const busy = useRef(false);
  const again = useRef(false);

  const load = () => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    const { windowS: w, step } = win.current;
    const fromS = from.current ?? Date.now() / 1000 - w;
    api
      .get<unknown>(`/nodes/${encodeURIComponent(nodeId)}/metrics`, { names: NAMES, since: new Date(fromS * 1000).toISOString(), step })
      .then((r) => {
        const fresh = normalizeSeries(r);
        const newest = Math.max(0, ...fresh.flatMap((s) => s.points.map((p) => p[0])));
        if (newest > 0) from.current = newest;
        setSeries((old) => mergeSeries(old, fresh, fromS, Date.now() / 1000 - w));
        setState(null);
      })
      .catch((err) => setState(isNotFound(err) ? "Metrics are not available on this server." : describeError(err)))
      .finally(() => {
        busy.current = false;
        if (again.current) {
          again.current = false;
          load();
        }
      });
  };

  useEffect(() => {
    from.current = null;
    setSeries([]);
    load();
  }, [nodeId, minutes]);

  useLiveEvent(["node.metrics"], (e) => {
    if (e.node_id === nodeId) load();
  });

  const picker = (
    <div class="tabs" role="group" aria-label="Time range">
      {RANGES.map((r) => (
        <button
          key={r.minutes}
          type="button"
          class="btn btn-plain"
          aria-pressed={r.minutes === minutes}
          onClick={() => {
            localStorage.setItem(RANGE_KEY, String(r.minutes));
            setMinutes(r.minutes);
          }}
        >
          Last {r.label}
        </button>
      ))}
    </div>
  );
  if (state && series.length === 0)
    return (
      <>
        {picker}
        <p class="muted">{state}</p>
      </>
    );
  return (
    <>
      {picker}
      <div class="charts" data-window-s={windowS}>
        {CHART_GROUPS.map((g) => {
          const all = series.filter((s) => g.prefixes.some((p) => s.name.startsWith(p)));
          const preferred = all.filter((s) => UNIT_MATCH[g.unit].test(s.name));
          const mine = (preferred.length ? preferred : all).slice(0, MAX_SERIES);
          return mine.length ? (
            <Chart key={g.title} title={g.title} series={mine} unit={g.unit} windowS={windowS} sync={`node-${nodeId}`} />
          ) : (
            <figure key={g.title} class="chart card">
              <figcaption>{g.title}</figcaption>
              <p class="muted">No samples yet.</p>
            </figure>
          );
        })}
      </div>
    </>
  );
}
