/**
 * Chart draws time series with uPlot and redraws when data changes.
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import { bytes } from "../lib/format.js";
import type { Series } from "../lib/metrics.js";

const COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2"];

/** fmt renders a value in its unit; `digits` are the decimals of a percentage. */
function fmt(unit: string, v: number | null, digits = 0): string {
  if (v === null || v === undefined) return "";
  if (unit === "ratio") return `${(v * 100).toFixed(digits)}%`;
  if (unit === "bytes") return bytes(v);
  if (unit === "rate") return `${bytes(v)}/s`;
  return String(v);
}

const READABLE: Record<string, string> = {
  "cpu.usage_ratio": "CPU used",
  "mem.used_bytes": "used",
  "mem.total_bytes": "total",
  "fs.usage_ratio": "used",
  "net.rx_bytes_per_second": "received",
  "net.tx_bytes_per_second": "sent",
};

/** shortLabel names a series in words, with its most telling label (mount, interface, core). */
function shortLabel(s: Series): string {
  const l = s.labels;
  const which = l.mount ?? l.iface ?? l.interface ?? l.device ?? l.core ?? "";
  const name = READABLE[s.name] ?? s.name;
  return which ? `${name} ${which}` : name;
}

/** align merges series onto one sorted time axis (uPlot's data layout). */
function align(series: Series[]): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const cols = series.map((s) => {
    const col = new Array<number | null>(times.length).fill(null);
    for (const [t, v] of s.points) col[index.get(t)!] = v;
    return col;
  });
  return [times, ...cols] as uPlot.AlignedData;
}

/**
 * recordTimeLabels writes where uPlot drew the time axis labels (canvas
 * pixels: label, left, right) to data-x-ticks, so overlapping labels can be
 * measured; uPlot draws them on the canvas, out of reach of the DOM.
 */
function recordTimeLabels(u: uPlot, el: HTMLElement): void {
  const axis = u.axes[0] as unknown as { _splits?: number[]; _values?: (string | null)[]; font?: [string, number] };
  if (!axis._splits || !axis._values || !axis.font) return;
  u.ctx.save();
  u.ctx.font = axis.font[0];
  const boxes = axis._splits.flatMap((v, i) => {
    const label = axis._values![i];
    if (label == null) return [];
    const w = Math.max(
      ...String(label)
        .split("\n")
        .map((t) => u.ctx.measureText(t).width),
    );
    const x = u.valToPos(v, "x", true);
    return [{ label: String(label), left: Math.round(x - w / 2), right: Math.round(x + w / 2) }];
  });
  u.ctx.restore();
  el.dataset.xTicks = JSON.stringify(boxes);
}

/**
 * Chart renders one uPlot chart of `series`; data-points tells how many
 * samples its longest series has. Charts with the same `sync` key share one
 * crosshair: pointing at a moment in one shows it in all (data-cursor holds
 * the time pointed at, for tests).
 */
export function Chart({
  title,
  series,
  unit,
  windowS = 900,
  sync,
}: {
  title: string;
  series: Series[];
  unit: string;
  windowS?: number;
  sync?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = series.map((s) => s.key).join("|");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 180,
      legend: { show: true },
      ...(sync ? { cursor: { sync: { key: sync, setSeries: false } } } : {}),
      hooks: {
        draw: [(u) => recordTimeLabels(u, el)],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const t = i === null || i === undefined ? null : u.data[0][i];
            el.dataset.cursor = t === null || t === undefined ? "" : String(t);
          },
        ],
      },
      // The x axis runs from the oldest sample (at least a minute, at most windowS back) to now.
      scales: {
        x: { time: true, range: (_u, min) => [Math.max(Date.now() / 1000 - windowS, Math.min(min, Date.now() / 1000 - 60)), Date.now() / 1000] },
        // Ratios read against the whole 0-100 %, never a zoomed 99.4-100 %.
        ...(unit === "ratio" ? { y: { range: [0, 1] as uPlot.Range.MinMax } } : {}),
      },
      axes: [
        // Wide spacing keeps time labels from running into each other on narrow charts.
        { space: 90 },
        {
          space: 30,
          size: 70,
          values: (_u, vals, _axis, _space, incr) => {
            const labels = vals.map((v) => fmt(unit, v, incr * 100 < 1 ? 2 : incr * 100 < 10 ? 1 : 0));
            el.dataset.yTicks = labels.join("|");
            return labels;
          },
        },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: shortLabel(s),
          stroke: COLORS[i % COLORS.length],
          spanGaps: true,
          value: (_u: uPlot, v: number | null) => fmt(unit, v, 1),
        })),
      ],
    };
    plot.current = new uPlot(opts, align(series), el);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height: 180 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, unit, windowS, sync]);

  useEffect(() => {
    plot.current?.setData(align(series));
  }, [series]);

  return (
    <figure class="chart card" data-testid="chart" data-series={series.length} data-points={Math.max(0, ...series.map((s) => s.points.length))}>
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title} chart`} />
    </figure>
  );
}
