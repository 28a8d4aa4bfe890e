/**
 * MetricCharts shows a node's CPU, memory, filesystem and network charts:
 * recent history from the API, then live node.metrics events.
 */
import { useEffect, useState } from "preact/hooks";
import { api, describeError, isNotFound } from "../api.js";
import { CHART_GROUPS, eventPoints, normalizeSeries, seriesKey, type Series } from "../lib/metrics.js";
import { useLiveEvent } from "../lib/use-live.js";
import { Chart } from "./chart.js";

const WINDOW_S = 15 * 60;
const MAX_SERIES = 6;
const NAMES = "cpu.usage_ratio,mem.used_bytes,mem.total_bytes,fs.usage_ratio,net.rx_bytes_per_second,net.tx_bytes_per_second";
const UNIT_MATCH = { ratio: /ratio/, bytes: /bytes$/, rate: /per_second|_rate|bytes/ };

/** MetricCharts renders the four metric charts of one node. */
export function MetricCharts({ nodeId }: { nodeId: string }) {
  const [series, setSeries] = useState<Series[]>([]);
  const [state, setState] = useState<string | null>("Loading…");

  useEffect(() => {
    const since = new Date(Date.now() - WINDOW_S * 1000).toISOString();
    api
      .get<unknown>(`/nodes/${encodeURIComponent(nodeId)}/metrics`, { names: NAMES, since, step: 15 })
      .then((r) => {
        setSeries(normalizeSeries(r));
        setState(null);
      })
      .catch((err) => setState(isNotFound(err) ? "Metrics are not available on this server." : describeError(err)));
  }, [nodeId]);

  useLiveEvent(["node.metrics"], (e) => {
    if (e.node_id !== nodeId) return;
    const { ts, samples } = eventPoints(e.data ?? {}, e.ts);
    if (samples.length === 0) return;
    setSeries((old) => {
      const byKey = new Map(old.map((s) => [s.key, s]));
      for (const p of samples) {
        const key = seriesKey(p.name, p.labels);
        const s = byKey.get(key) ?? { key, name: p.name, labels: p.labels, points: [] };
        const points = [...s.points, [ts, p.value] as [number, number]].filter((q) => q[0] >= ts - WINDOW_S);
        byKey.set(key, { ...s, points });
      }
      return [...byKey.values()];
    });
    setState(null);
  });

  if (state && series.length === 0) return <p class="muted">{state}</p>;
  return (
    <div class="charts">
      {CHART_GROUPS.map((g) => {
        const all = series.filter((s) => g.prefixes.some((p) => s.name.startsWith(p)));
        const preferred = all.filter((s) => UNIT_MATCH[g.unit].test(s.name));
        const mine = (preferred.length ? preferred : all).slice(0, MAX_SERIES);
        return mine.length ? <Chart key={g.title} title={g.title} series={mine} unit={g.unit} /> : (
          <figure key={g.title} class="chart card">
            <figcaption>{g.title}</figcaption>
            <p class="muted">No samples yet.</p>
          </figure>
        );
      })}
    </div>
  );
}
