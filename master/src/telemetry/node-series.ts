import { labelObject, seriesKey, type LabelPair, type NameFilter } from "./series-key.js";

/** NodeSeriesOptions bound the memory one node's series may use. */
export interface NodeSeriesOptions {
  /** Samples older than the newest timestamp minus this are dropped. */
  retentionMs: number;
  /** Most distinct series kept for the node; further series are refused. */
  maxSeries: number;
  /** Most timestamps kept at full resolution (the full-resolution window divided by the shortest expected interval). */
  maxPoints: number;
  /**
   * Samples within this window of the newest timestamp are kept as sent;
   * older ones are averaged per `stepMs` bucket. Default: the whole retention
   * (nothing is averaged).
   */
  rawMs?: number;
  /** Bucket width of the averaged older samples. */
  stepMs?: number;
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

/** SamplePoint is one sample as written and as kept in a node's latest snapshot. */
export interface SamplePoint {
  name: string;
  value: number;
  labels: readonly LabelPair[];
}

interface Column {
  key: string;
  name: string;
  /** The labels as the node last sent them (wire order), to recognise the series without building its key. */
  wire: readonly LabelPair[];
  /** Row of this series in the node's value slabs. */
  row: number;
  /** Newest timestamp with a value, to drop series that left the window. */
  lastTs: number;
}

const INITIAL_CAPACITY = 16;
const INITIAL_ROWS = 8;
/** slot() result for a sample older than the full-resolution window: it goes into its bucket. */
const COARSE = -2;
const MAX_COUNT = 255;

// Metric names, label names and short label values repeat on every node and
// every round: one copy is kept for all (long values such as container ids
// are kept per series as received). Bounded, so odd input cannot grow it
// without limit.
const interned = new Map<string, string>();
const INTERN_MAX = 100_000;
const intern = (s: string, always: boolean): string => {
  const x = interned.get(s);
  if (x !== undefined) return x;
  if ((always || s.length <= 24) && interned.size < INTERN_MAX) interned.set(s, s);
  return s;
};
const canonicalLabels = (labels: readonly LabelPair[]): readonly LabelPair[] =>
  labels.length === 0 ? [] : labels.map((l) => ({ name: intern(l.name, true), value: intern(l.value, false) }));

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
 * createNodeSeries is the in-memory sample store of one node, in two tiers
 * held in a few typed arrays per node (no object per sample):
 *
 * - full resolution for the newest `rawMs`: all series share one sorted
 *   timeline of snapshot timestamps (a Float64Array) and one Float64Array
 *   slab with a row per series aligned with it, NaN where a series has no
 *   sample. Appends are amortised O(1); a replayed or late snapshot is
 *   inserted at its place, and a sample whose series already has a value at
 *   that timestamp is dropped, so replays never create doubles. Capacity grows
 *   in small steps up to `maxPoints`.
 * - older samples, up to `retentionMs`: a ring of `stepMs` buckets (bucket
 *   numbers in a Float64Array; per series a Float32Array of means and a
 *   Uint8Array of sample counts). Samples leaving the full-resolution window
 *   are averaged into their bucket; a late sample that old goes straight into
 *   its bucket.
 *
 * Memory per node is bounded by `maxSeries` rows times (`maxPoints` x 8 +
 * buckets x 5) bytes.
 */
export function createNodeSeries(opts: NodeSeriesOptions) {
  const rawMs = Math.min(opts.rawMs ?? opts.retentionMs, opts.retentionMs);
  const stepMs = opts.stepMs ?? 60_000;
  const buckets = rawMs < opts.retentionMs ? Math.ceil((opts.retentionMs - rawMs) / stepMs) + 2 : 0;

  let cap = Math.min(INITIAL_CAPACITY, opts.maxPoints);
  let rows = Math.min(INITIAL_ROWS, opts.maxSeries);
  let ts = new Float64Array(cap);
  let raw = new Float64Array(rows * cap).fill(NaN);
  const bucketOf = new Float64Array(buckets).fill(-1);
  let mean = new Float32Array(rows * buckets);
  let count = new Uint8Array(rows * buckets);
  let start = 0;
  let end = 0;
  const cols = new Map<string, Column>();
  const freeRows: number[] = [];
  let usedRows = 0;
  // A node sends its points in the same order every round: the column at each
  // position of the previous snapshot is tried first, so the usual write
  // builds no series key string (less garbage per batch).
  let order: Array<Column | undefined> = [];
  let newestTs = -Infinity;

  const cutoff = () => newestTs - opts.retentionMs;

  /** bucketSlot returns the ring slot of a bucket, claiming it if an older bucket held it; -1 when too old. */
  const bucketSlot = (bucket: number): number => {
    if (buckets === 0) return -1;
    const s = bucket % buckets;
    const b = bucketOf[s]!;
    if (b === bucket) return s;
    if (b > bucket) return -1;
    bucketOf[s] = bucket;
    for (let r = 0; r < rows; r++) count[r * buckets + s] = 0;
    return s;
  };

  const addToBucket = (row: number, s: number, v: number) => {
    const k = row * buckets + s;
    const n = count[k]!;
    mean[k] = n === 0 ? v : mean[k]! + (v - mean[k]!) / (n + 1);
    if (n < MAX_COUNT) count[k] = n + 1;
  };

  /** fold averages the samples at timeline index `i` into their bucket. */
  const fold = (i: number) => {
    if (buckets === 0 || ts[i]! < cutoff()) return;
    const s = bucketSlot(Math.floor(ts[i]! / stepMs));
    if (s < 0) return;
    for (const c of cols.values()) {
      const v = raw[c.row * cap + i]!;
      if (!Number.isNaN(v)) addToBucket(c.row, s, v);
    }
  };

  const expire = () => {
    const limit = newestTs - rawMs;
    while (start < end && ts[start]! < limit) fold(start++);
  };

  const dropColumn = (key: string, c: Column) => {
    cols.delete(key);
    raw.fill(NaN, c.row * cap, (c.row + 1) * cap);
    count.fill(0, c.row * buckets, (c.row + 1) * buckets);
    freeRows.push(c.row);
  };

  /** relocate moves the live window to index 0 (growing to `size`); returns how far indices moved. */
  const relocate = (size: number): number => {
    const shift = start;
    const n = end - start;
    const limit = cutoff();
    for (const [key, c] of cols) if (c.lastTs < limit) dropColumn(key, c);
    if (size !== cap) {
      const next = new Float64Array(size);
      next.set(ts.subarray(start, end));
      ts = next;
      const slab = new Float64Array(rows * size).fill(NaN);
      for (let r = 0; r < rows; r++) slab.set(raw.subarray(r * cap + start, r * cap + end), r * size);
      raw = slab;
    } else {
      ts.copyWithin(0, start, end);
      for (let r = 0; r < rows; r++) {
        raw.copyWithin(r * cap, r * cap + start, r * cap + end);
        raw.fill(NaN, r * cap + n, (r + 1) * cap);
      }
    }
    cap = size;
    start = 0;
    end = n;
    return shift;
  };

  /** ensureRoom guarantees end < cap by compacting, growing or averaging away the oldest; returns the index shift. */
  const ensureRoom = (): number => {
    if (end < cap) return 0;
    expire();
    if (start === 0 && cap < opts.maxPoints) return relocate(Math.min(opts.maxPoints, Math.max(cap + 8, Math.ceil(cap * 1.25))));
    if (start === 0) fold(start++);
    return relocate(cap);
  };

  /** newRow returns a free row of the slabs, growing them if needed. */
  const newRow = (): number => {
    const free = freeRows.pop();
    if (free !== undefined) return free;
    if (usedRows === rows) {
      const more = Math.min(opts.maxSeries, Math.max(rows + 8, Math.ceil(rows * 1.25)));
      const slab = new Float64Array(more * cap).fill(NaN);
      slab.set(raw);
      raw = slab;
      const m = new Float32Array(more * buckets);
      m.set(mean);
      mean = m;
      const k = new Uint8Array(more * buckets);
      k.set(count);
      count = k;
      rows = more;
    }
    return usedRows++;
  };

  /** slot returns the timeline index for a timestamp, inserting it if new; COARSE when older than the full-resolution window, -1 when too old. */
  const slot = (t: number): number => {
    if (newestTs > -Infinity) {
      if (t < cutoff()) return -1;
      if (t < newestTs - rawMs) return COARSE;
    }
    if (end === start || t > newestTs) {
      ensureRoom();
      ts[end] = t;
      for (const c of cols.values()) raw[c.row * cap + end] = NaN;
      end++;
      newestTs = t;
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
    if (end - start >= opts.maxPoints && lo === start) return buckets > 0 ? COARSE : -1;
    lo -= ensureRoom();
    ts.copyWithin(lo + 1, lo, end);
    ts[lo] = t;
    for (const c of cols.values()) {
      const base = c.row * cap;
      raw.copyWithin(base + lo + 1, base + lo, base + end);
      raw[base + lo] = NaN;
    }
    end++;
    return lo;
  };

  return {
    /**
     * write stores one snapshot's samples at `t` (epoch ms). With `latest`,
     * the samples are appended to it as {@link SamplePoint}s that share the
     * series' own name and label strings (the node's latest snapshot then
     * keeps no decoded message alive).
     */
    write(t: number, points: readonly SamplePoint[], latest?: SamplePoint[]): WriteResult {
      const r: WriteResult = { stored: 0, duplicates: 0, refusedSeries: 0, stale: 0, invalid: 0 };
      const i = slot(t);
      if (i === -1) {
        r.stale = points.length;
        return r;
      }
      const bucket = i === COARSE ? bucketSlot(Math.floor(t / stepMs)) : -1;
      if (i === COARSE && bucket < 0) {
        r.stale = points.length;
        return r;
      }
      if (order.length !== points.length) order = new Array<Column | undefined>(points.length);
      for (let j = 0; j < points.length; j++) {
        const p = points[j]!;
        if (p.name.length === 0 || p.name.length > MAX_NAME || p.labels.length > MAX_LABELS) {
          r.invalid++;
          latest?.push(p);
          continue;
        }
        let c = order[j];
        if (!c || !sameSeries(c, p) || cols.get(c.key) !== c) {
          const key = seriesKey(p.name, p.labels);
          c = cols.get(key);
          if (!c) {
            if (cols.size >= opts.maxSeries) {
              r.refusedSeries++;
              latest?.push(p);
              continue;
            }
            c = { key, name: intern(p.name, true), wire: canonicalLabels(p.labels), row: newRow(), lastTs: t };
            cols.set(key, c);
          } else c.wire = canonicalLabels(p.labels);
          order[j] = c;
        }
        latest?.push({ name: c.name, value: p.value, labels: c.wire });
        if (i === COARSE) {
          addToBucket(c.row, bucket, p.value);
        } else {
          const k = c.row * cap + i;
          if (!Number.isNaN(raw[k]!)) {
            r.duplicates++;
            continue;
          }
          raw[k] = p.value;
        }
        if (t > c.lastTs) c.lastTs = t;
        r.stored++;
      }
      return r;
    },

    /**
     * query returns matching series with samples at or after `sinceMs`, sorted
     * by series key; with `stepMs`, samples are averaged per step bucket.
     * Samples older than the full-resolution window come as one averaged
     * sample per bucket, stamped with the bucket start.
     */
    query(filter: NameFilter, sinceMs: number, stepMs_?: number): SeriesData[] {
      let from = start;
      while (from < end && ts[from]! < sinceMs) from++;
      const limit = cutoff();
      const slots: number[] = [];
      for (let s = 0; s < buckets; s++) {
        const b = bucketOf[s]!;
        if (b >= 0 && (b + 1) * stepMs > limit && b * stepMs >= sinceMs) slots.push(s);
      }
      slots.sort((a, b) => bucketOf[a]! - bucketOf[b]!);
      const out: SeriesData[] = [];
      for (const key of [...cols.keys()].sort()) {
        const c = cols.get(key)!;
        if (!filter(c.name)) continue;
        const points: Array<[number, number]> = [];
        for (const s of slots) {
          const k = c.row * buckets + s;
          if (count[k]! > 0) points.push([bucketOf[s]! * stepMs, mean[k]!]);
        }
        const base = c.row * cap;
        for (let i = from; i < end; i++) {
          const v = raw[base + i]!;
          if (!Number.isNaN(v)) points.push([ts[i]!, v]);
        }
        if (points.length === 0) continue;
        out.push({ name: c.name, labels: labelObject(c.wire), points: stepMs_ ? downsample(points, stepMs_) : points });
      }
      return out;
    },

    /** stats reports the timeline length, capacity and series count (for tests and the benchmark). */
    stats() {
      const limit = cutoff();
      let oldestBucket = Infinity;
      let kept = 0;
      for (let s = 0; s < buckets; s++) {
        const b = bucketOf[s]!;
        if (b >= 0 && (b + 1) * stepMs > limit) {
          kept++;
          oldestBucket = Math.min(oldestBucket, b * stepMs);
        }
      }
      return {
        points: end - start,
        capacity: cap,
        /** Averaged buckets held (older than the full-resolution window). */
        buckets: kept,
        series: cols.size,
        oldest: kept > 0 ? oldestBucket : end > start ? ts[start]! : null,
        newest: end > start ? newestTs : null,
        /** Bytes of the typed arrays holding this node's samples. */
        bytes: ts.byteLength + raw.byteLength + bucketOf.byteLength + mean.byteLength + count.byteLength,
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
