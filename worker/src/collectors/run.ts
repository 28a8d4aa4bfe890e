import type { Collector, CollectorContext, Point } from "./collector.js";

/** CollectorRunStatus is the outcome of one collector in one round. */
export interface CollectorRunStatus {
  name: string;
  success: boolean;
  durationSeconds: number;
  error?: string;
}

/** CollectorRound is what runCollectors returns. */
export interface CollectorRound {
  points: Point[];
  statuses: CollectorRunStatus[];
}

/**
 * runCollectors runs collectors concurrently, timing each. A collector that
 * throws contributes no points and a failed status; the others are not
 * affected. Self-metrics are appended as points
 * `collector.duration_seconds{collector}` and `collector.success{collector}`.
 */
export async function runCollectors(collectors: readonly Collector[], ctx: CollectorContext): Promise<CollectorRound> {
  const results = await Promise.all(
    collectors.map(async (c) => {
      const start = performance.now();
      try {
        const points = await c.collect(ctx);
        return { points, status: { name: c.name, success: true, durationSeconds: (performance.now() - start) / 1000 } };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        ctx.log.warn({ err, collector: c.name }, "collector failed");
        const status = { name: c.name, success: false, durationSeconds: (performance.now() - start) / 1000, error };
        return { points: [] as Point[], status };
      }
    }),
  );
  const points: Point[] = [];
  const statuses: CollectorRunStatus[] = [];
  for (const r of results) {
    points.push(...r.points);
    statuses.push(r.status);
    const labels = { collector: r.status.name };
    points.push(
      { name: "collector.duration_seconds", value: r.status.durationSeconds, labels },
      { name: "collector.success", value: r.status.success ? 1 : 0, labels },
    );
  }
  return { points, statuses };
}
