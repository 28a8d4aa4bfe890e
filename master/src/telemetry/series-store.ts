import type { CollectorStatus, MetricBatch } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { createNodeSeries, type NodeSeries, type SamplePoint, type SeriesData, type WriteResult } from "./node-series.js";
import type { NameFilter } from "./series-key.js";

/** SeriesStoreOptions configure the in-memory series of every node. */
export interface SeriesStoreOptions {
  retentionMs: number;
  /**
   * Samples this close to a node's newest are kept as sent; older ones (up to
   * the retention) as one average per `stepMs` bucket.
   */
  rawMs: number;
  stepMs: number;
  /** Series cap per node. */
  maxSeriesPerNode: number;
  /** Shortest collection interval the ring buffers are sized for. */
  minIntervalMs: number;
  /** Snapshots stamped further than this in the future are refused (clock skew). */
  maxFutureMs: number;
  /** Assumed collection interval until two snapshots show the real one. */
  defaultIntervalMs: number;
  now: () => number;
}

/** LatestSnapshot is the newest collection round of a node. */
export interface LatestSnapshot {
  tsMs: number;
  points: readonly SamplePoint[];
  collectors: readonly CollectorStatus[];
  spoolDropped: number;
  /** Corrupt spool batches the worker skipped since it started. */
  spoolCorrupt: number;
}

interface NodeState {
  series: NodeSeries;
  latest: LatestSnapshot | null;
  intervalMs: number;
  refusedSeries: number;
}

/** IngestResult is what one metric batch did, summed over its snapshots. */
export interface IngestResult extends WriteResult {
  /** True when the batch carried a snapshot newer than any seen before. */
  newLatest: boolean;
}

const DEFAULTS: SeriesStoreOptions = {
  retentionMs: 3_600_000,
  rawMs: 300_000,
  stepMs: 60_000,
  maxSeriesPerNode: 2_000,
  minIntervalMs: 1_000,
  maxFutureMs: 300_000,
  defaultIntervalMs: 15_000,
  now: Date.now,
};

/**
 * createSeriesStore keeps recent samples of every node in memory (SPEC §7:
 * samples are never written row by row), one {@link createNodeSeries} per
 * node, plus each node's newest snapshot for the REST `latest` map, the
 * node.metrics summary and the Prometheus gauges.
 */
export function createSeriesStore(options: Partial<SeriesStoreOptions> = {}) {
  // An option given as undefined (a configuration without the key) keeps its default.
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as SeriesStoreOptions;
  const nodes = new Map<string, NodeState>();
  const maxPoints = Math.ceil(Math.min(o.rawMs, o.retentionMs) / o.minIntervalMs) + 1;

  const stateOf = (nodeId: string): NodeState => {
    let s = nodes.get(nodeId);
    if (!s) {
      s = {
        series: createNodeSeries({ retentionMs: o.retentionMs, rawMs: o.rawMs, stepMs: o.stepMs, maxSeries: o.maxSeriesPerNode, maxPoints }),
        latest: null,
        intervalMs: o.defaultIntervalMs,
        refusedSeries: 0,
      };
      nodes.set(nodeId, s);
    }
    return s;
  };

  const noteSpool = (s: NodeState, dropped: number, corrupt: number) => {
    if (!s.latest) return;
    if (dropped <= s.latest.spoolDropped && corrupt <= s.latest.spoolCorrupt) return;
    s.latest = { ...s.latest, spoolDropped: Math.max(s.latest.spoolDropped, dropped), spoolCorrupt: Math.max(s.latest.spoolCorrupt, corrupt) };
  };

  return {
    /**
     * spool records a worker's spool counters from a heartbeat, so samples
     * it could not keep (a full disk) are reported while nothing else arrives.
     */
    spool(nodeId: string, dropped: number, corrupt: number): void {
      const s = nodes.get(nodeId);
      if (s) noteSpool(s, dropped, corrupt);
    },

    /** ingest stores every snapshot of a batch and updates the node's latest snapshot. */
    ingest(nodeId: string, batch: MetricBatch): IngestResult {
      const s = stateOf(nodeId);
      const r: IngestResult = { stored: 0, duplicates: 0, refusedSeries: 0, stale: 0, invalid: 0, newLatest: false };
      const horizon = o.now() + o.maxFutureMs;
      for (const snap of batch.snapshots) {
        const t = Number(snap.tsMs);
        if (!Number.isFinite(t) || t <= 0 || t > horizon) {
          r.stale += snap.points.length;
          continue;
        }
        const newer = !s.latest || t > s.latest.tsMs;
        const points: SamplePoint[] | undefined = newer ? [] : undefined;
        const w = s.series.write(t, snap.points, points);
        r.stored += w.stored;
        r.duplicates += w.duplicates;
        r.refusedSeries += w.refusedSeries;
        r.stale += w.stale;
        r.invalid += w.invalid;
        if (points) {
          if (s.latest && t - s.latest.tsMs >= o.minIntervalMs / 2) s.intervalMs = Math.min(t - s.latest.tsMs, 300_000);
          s.latest = {
            tsMs: t,
            points,
            collectors: batch.collectors,
            spoolDropped: Math.max(Number(batch.spoolDropped), s.latest?.spoolDropped ?? 0),
            spoolCorrupt: Math.max(Number(batch.spoolCorrupt), s.latest?.spoolCorrupt ?? 0),
          };
          r.newLatest = true;
        }
      }
      if (!r.newLatest && s.latest) noteSpool(s, Number(batch.spoolDropped), Number(batch.spoolCorrupt));
      s.refusedSeries += r.refusedSeries;
      return r;
    },

    /** query returns a node's series matching `filter` since `sinceMs`; undefined when the node sent nothing yet. */
    query(nodeId: string, filter: NameFilter, sinceMs: number, stepMs?: number): SeriesData[] | undefined {
      return nodes.get(nodeId)?.series.query(filter, sinceMs, stepMs);
    },

    /** latest returns a node's newest snapshot, or null. */
    latest(nodeId: string): LatestSnapshot | null {
      return nodes.get(nodeId)?.latest ?? null;
    },

    /** intervalMs is a node's observed collection interval. */
    intervalMs(nodeId: string): number {
      return nodes.get(nodeId)?.intervalMs ?? o.defaultIntervalMs;
    },

    /** entries iterates nodes that have a latest snapshot. */
    *entries(): IterableIterator<[string, LatestSnapshot]> {
      for (const [id, s] of nodes) if (s.latest) yield [id, s.latest];
    },

    /** refusedSeries counts samples refused at the series cap for a node. */
    refusedSeries(nodeId: string): number {
      return nodes.get(nodeId)?.refusedSeries ?? 0;
    },

    /** stats reports one node's timeline and series counts. */
    stats(nodeId: string) {
      return nodes.get(nodeId)?.series.stats();
    },

    /** forget drops everything kept for a node (node deleted). */
    forget(nodeId: string): void {
      nodes.delete(nodeId);
    },

    /** retentionMs is the window kept per node. */
    retentionMs: o.retentionMs,
  };
}

/** SeriesStore is the in-memory store of recent samples of every node. */
export type SeriesStore = ReturnType<typeof createSeriesStore>;
