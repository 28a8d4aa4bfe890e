/**
 * Normalises metric series from GET /nodes/{id}/metrics
 * (`{series: [{name, labels, points: [[ts_ms, value], …]}]}`) into one shape
 * for the charts. Accepts points as [ts, value] or
 * {ts, value}, timestamps as RFC 3339, epoch seconds or epoch milliseconds.
 */

/** Series is one metric series: key = name plus labels. */
export interface Series {
  key: string;
  name: string;
  labels: Record<string, string>;
  /** [epoch seconds, value], oldest first. */
  points: [number, number][];
}

type Loose = Record<string, unknown>;

function toSeconds(t: unknown): number {
  if (typeof t === "string") return Date.parse(t) / 1000;
  const n = Number(t);
  return n > 1e11 ? n / 1000 : n;
}

function toPoint(p: unknown): [number, number] | null {
  if (Array.isArray(p)) return [toSeconds(p[0]), Number(p[1])];
  if (p && typeof p === "object") {
    const o = p as Loose;
    return [toSeconds(o.ts ?? o.t ?? o.time ?? o.ts_ms), Number(o.value ?? o.v)];
  }
  return null;
}

/** seriesKey names a series by metric name and sorted labels. */
export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const l = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
  return l ? `${name}{${l}}` : name;
}

/** normalizeSeries turns an API answer into a list of Series. */
export function normalizeSeries(resp: unknown): Series[] {
  const r = (resp ?? {}) as Loose;
  const raw = Array.isArray(resp) ? resp : ((r.series ?? r.items ?? r.metrics ?? []) as unknown[]);
  const out: Series[] = [];
  for (const s of Array.isArray(raw) ? raw : []) {
    const o = (s ?? {}) as Loose;
    const name = String(o.name ?? "");
    if (!name) continue;
    const labels = (o.labels && typeof o.labels === "object" ? o.labels : {}) as Record<string, string>;
    const pts = (o.points ?? o.samples ?? o.values ?? []) as unknown[];
    const points = (Array.isArray(pts) ? pts : [])
      .map(toPoint)
      .filter((p): p is [number, number] => !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]));
    out.push({ key: seriesKey(name, labels), name, labels, points });
  }
  return out;
}

/**
 * mergeSeries replaces the points of `old` at or after `fromS` with those of
 * `fresh` (a refresh from that time on), adds new series and drops points
 * older than `minS`.
 */
export function mergeSeries(old: Series[], fresh: Series[], fromS: number, minS: number): Series[] {
  const byKey = new Map(old.map((s) => [s.key, s]));
  for (const f of fresh) {
    const prev = byKey.get(f.key);
    byKey.set(f.key, { ...f, points: [...(prev?.points.filter((p) => p[0] < fromS) ?? []), ...f.points] });
  }
  return [...byKey.values()].map((s) => ({ ...s, points: s.points.filter((p) => p[0] >= minS) })).filter((s) => s.points.length > 0);
}

/** CHART_GROUPS maps each chart to the metric name prefixes it shows. */
export const CHART_GROUPS: { title: string; prefixes: string[]; unit: "ratio" | "bytes" | "rate" }[] = [
  { title: "CPU", prefixes: ["cpu."], unit: "ratio" },
  { title: "Memory", prefixes: ["mem.", "memory."], unit: "bytes" },
  { title: "Filesystem", prefixes: ["fs.", "filesystem."], unit: "ratio" },
  { title: "Network", prefixes: ["net.", "network."], unit: "rate" },
];
