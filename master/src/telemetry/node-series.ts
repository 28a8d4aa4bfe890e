import { labelObject, seriesKey, type LabelPair, type NameFilter } from "./series-key.js";

/** NodeSeriesOptions bound the memory one node's series may use. */
export interface NodeSeriesOptions {
  /** Samples older than the newest timestamp minus this are dropped. */
  retentionMs: number;
  /** Most distinct series kept for the node; further series are refused. */
  maxSeries: number;
  /** Most timestamps kept (retention divided by the shortest expected interval). */
  maxPoints: number;
}

/** WriteResult counts what one snapshot write did. */
export interface WriteResult {
  stored: number;
  /** Samples whose series already had a value at that timestamp. */
  duplicates: number;
  /** Samples refused because the node is at its series cap. */
  refusedSeries: number;
  /** Samples refused because their timestamp is outside the retention window. */
  stale: number;
  /** Samples refused for an empty or oversized name or too many labels. */
  invalid: number;
}

/** MAX_NAME and MAX_LABELS bound one sample's identity. */
export const MAX_NAME = 200;
export const MAX_LABELS = 16;

/** SeriesData is one series' samples returned by a query. */
export interface SeriesData {
  name: string;
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

interface Column {
  key: string;
  name: string;
  labels: Record<string, string>;
  /** The labels as the node last sent them (wire order), to recognise the series without building its key. */
  wire: readonly LabelPair[];
  values: Float64Array;
  /** Newest timestamp with a value, to drop series that left the window. */
  lastTs: number;
}

const INITIAL_CAPACITY = 16;

/** sameSeries tells whether a point names a column's series, comparing its labels in the order they were last sent. */
function sameSeries(c: Column, p: { name: string; labels: readonly LabelPair[] }): boolean {
  if (c.name !== p.name || c.wire.length !== p.labels.length) return false;
  for (let k = 0; k < p.labels.length; k++) {
    const a = c.wire[k]!;
    const b = p.labels[k]!;
    if (a.name !== b.name || a.value !== b.value) return false;
  }
  return true;
}

/**
 * createNodeSeries is the in-memory sample store of one node. All series of a
 * node share one sorted timeline of snapshot timestamps (a Float64Array);
 * each series is a Float64Array column aligned with it, NaN where it has no
 * sample. Appends are amortised O(1); a replayed or late snapshot is inserted
 * at its place, and a sample whose series already has a value at that
 * timestamp is dropped, so replays never create doubles. Memory is bounded by
 * `maxPoints` timestamps times `maxSeries` columns.
 */
export function createNodeSeries(opts: NodeSeriesOptions) {
  let cap = Math.min(INITIAL_CAPACITY, opts.maxPoints);
  let ts = new Float64Array(cap);
  let start = 0;
  let end = 0;
  const cols = new Map<string, Column>();
  // A node sends its points in the same order every round: the column at each
  // position of the previous snapshot is tried first, so the usual write
  // builds no series key string (less garbage per batch).
  let order: Array<Column | undefined> = [];

  const newest = () => (end > start ? ts[end - 1]! : -Infinity);
  const cutoff = () => newest() - opts.retentionMs;

  const expire = () => {
    const limit = cutoff();
    while (start < end && ts[start]! < limit) start++;
  };

  /** relocate moves the live window to index 0 (growing to `size`); returns how far indices moved. */
  const relocate = (size: number): number => {
    const shift = start;
    const n = end - start;
    const oldest = n > 0 ? ts[start]! : Infinity;
    const grow = size !== cap;
    if (grow) {
      const next = new Float64Array(size);
      next.set(ts.subarray(start, end));
      ts = next;
    } else ts.copyWithin(0, start, end);
    for (const [key, c] of cols) {
      if (c.lastTs < oldest) {
        cols.delete(key);
      } else if (grow) {
        const v = new Float64Array(size).fill(NaN);
        v.set(c.values.subarray(start, end));
        c.values = v;
      } else {
        c.values.copyWithin(0, start, end);
        c.values.fill(NaN, n);
      }
    }
    cap = size;
    start = 0;
    end = n;
    return shift;
  };

  /** ensureRoom guarantees end < cap by compacting, growing or evicting the oldest; returns the index shift. */
  const ensureRoom = (): number => {
    if (end < cap) return 0;
    expire();
    if (start === 0 && cap < opts.maxPoints) return relocate(Math.min(cap * 2, opts.maxPoints));
    if (start === 0) start = 1;
    return relocate(cap);
  };

  /** slot returns the timeline index for a timestamp, inserting it if new; -1 when too old. */
  const slot = (t: number): number => {
    if (end > start && t < cutoff()) return -1;
    if (end === start || t > newest()) {
      ensureRoom();
      ts[end] = t;
      for (const c of cols.values()) c.values[end] = NaN;
      end++;
      expire();
      return end - 1;
    }
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo < end && ts[lo] === t) return lo;
    if (end - start >= opts.maxPoints && lo === start) return -1;
    lo -= ensureRoom();
    ts.copyWithin(lo + 1, lo, end);
    ts[lo] = t;
    for (const c of cols.values()) {
      c.values.copyWithin(lo + 1, lo, end);
      c.values[lo] = NaN;
    }
    end++;
    return lo;
  };

  return {
    /** write stores one snapshot's samples at `t` (epoch ms). */
    write(t: number, points: ReadonlyArray<{ name: string; value: number; labels: readonly LabelPair[] }>): WriteResult {
      const r: WriteResult = { stored: 0, duplicates: 0, refusedSeries: 0, stale: 0, invalid: 0 };
      const i = slot(t);
      if (i < 0) {
        r.stale = points.length;
        return r;
      }
      if (order.length !== points.length) order = new Array<Column | undefined>(points.length);
      for (let j = 0; j < points.length; j++) {
        const p = points[j]!;
        if (p.name.length === 0 || p.name.length > MAX_NAME || p.labels.length > MAX_LABELS) {
          r.invalid++;
          continue;
        }
        let c = order[j];
        if (!c || !sameSeries(c, p) || cols.get(c.key) !== c) {
          const key = seriesKey(p.name, p.labels);
          c = cols.get(key);
          if (!c) {
            if (cols.size >= opts.maxSeries) {
              r.refusedSeries++;
              continue;
            }
            c = { key, name: p.name, labels: labelObject(p.labels), wire: p.labels, values: new Float64Array(cap).fill(NaN), lastTs: t };
            cols.set(key, c);
          } else c.wire = p.labels;
          order[j] = c;
        }
        if (!Number.isNaN(c.values[i]!)) {
          r.duplicates++;
          continue;
        }
        c.values[i] = p.value;
        if (t > c.lastTs) c.lastTs = t;
        r.stored++;
      }
      return r;
    },

    /**
     * query returns matching series with samples at or after `sinceMs`, sorted
     * by series key; with `stepMs`, samples are averaged per step bucket.
     */
    query(filter: NameFilter, sinceMs: number, stepMs?: number): SeriesData[] {
      let from = start;
      while (from < end && ts[from]! < sinceMs) from++;
      const out: SeriesData[] = [];
      for (const key of [...cols.keys()].sort()) {
        const c = cols.get(key)!;
        if (!filter(c.name)) continue;
        const points: Array<[number, number]> = [];
        for (let i = from; i < end; i++) {
          const v = c.values[i]!;
          if (!Number.isNaN(v)) points.push([ts[i]!, v]);
        }
        if (points.length === 0) continue;
        out.push({ name: c.name, labels: c.labels, points: stepMs ? downsample(points, stepMs) : points });
      }
      return out;
    },

    /** stats reports the timeline length, capacity and series count (for tests and the benchmark). */
    stats() {
      return {
        points: end - start,
        capacity: cap,
        series: cols.size,
        oldest: end > start ? ts[start]! : null,
        newest: end > start ? newest() : null,
      };
    },
  };
}

/** NodeSeries is one node's sample store. */
export type NodeSeries = ReturnType<typeof createNodeSeries>;

/** downsample averages sorted samples per `stepMs` bucket, stamped with the bucket start. */
export function downsample(points: ReadonlyArray<[number, number]>, stepMs: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let bucket = NaN;
  let sum = 0;
  let n = 0;
  for (const [t, v] of points) {
    const b = Math.floor(t / stepMs) * stepMs;
    if (b !== bucket) {
      if (n > 0) out.push([bucket, sum / n]);
      bucket = b;
      sum = 0;
      n = 0;
    }
    sum += v;
    n++;
  }
  if (n > 0) out.push([bucket, sum / n]);
  return out;
}
