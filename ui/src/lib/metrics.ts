/**
 * Normalises metric series from GET /nodes/{id}/metrics and node.metrics
 * events into one shape for the charts. Accepts points as [ts, value] or
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

/** eventPoints extracts {name, labels, value} samples and their time from a node.metrics event. */
export function eventPoints(data: Loose, ts: string): { ts: number; samples: { name: string; labels: Record<string, string>; value: number }[] } {
  const at = toSeconds(data.ts_ms ?? data.ts ?? ts);
  const list = (data.points ?? data.metrics ?? data.samples) as unknown;
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  if (Array.isArray(list)) {
    for (const p of list) {
      const o = (p ?? {}) as Loose;
      if (typeof o.name === "string" && Number.isFinite(Number(o.value)))
        samples.push({ name: o.name, labels: (o.labels ?? {}) as Record<string, string>, value: Number(o.value) });
    }
  } else {
    // Summary form: {cpu_usage_ratio: 0.2, mem_used_bytes: …} names "cpu.usage_ratio", "mem.used_bytes".
    const flat = (list && typeof list === "object" ? list : data) as Loose;
    for (const [k, v] of Object.entries(flat)) {
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      const name = k.includes(".") ? k : k.replace("_", ".");
      if (name.includes(".")) samples.push({ name, labels: {}, value: v });
    }
  }
  return { ts: Number.isFinite(at) ? at : Date.now() / 1000, samples };
}

/** CHART_GROUPS maps each chart to the metric name prefixes it shows. */
export const CHART_GROUPS: { title: string; prefixes: string[]; unit: "ratio" | "bytes" | "rate" }[] = [
  { title: "CPU", prefixes: ["cpu."], unit: "ratio" },
  { title: "Memory", prefixes: ["mem.", "memory."], unit: "bytes" },
  { title: "Filesystem", prefixes: ["fs.", "filesystem."], unit: "ratio" },
  { title: "Network", prefixes: ["net.", "network."], unit: "rate" },
];
