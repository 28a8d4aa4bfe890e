import { Counter, type Registry } from "prom-client";
import type { IngestResult } from "./series-store.js";

const SAMPLES = "flotilla_telemetry_samples_total";
const REFUSED = "flotilla_telemetry_samples_refused_total";

/**
 * createIngestCounters registers the ingest self-metrics: samples stored and
 * samples refused by reason (duplicate, series_cap, stale, invalid).
 */
export function createIngestCounters(registry: Registry) {
  const stored = new Counter({ name: SAMPLES, help: "Metric samples stored in memory.", registers: [registry] });
  const refused = new Counter({
    name: REFUSED,
    help: "Metric samples not stored, by reason.",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  for (const reason of ["duplicate", "series_cap", "stale", "invalid"]) refused.inc({ reason }, 0);
  return {
    /** record counts one batch's outcome. */
    record(r: IngestResult): void {
      if (r.stored) stored.inc(r.stored);
      if (r.duplicates) refused.inc({ reason: "duplicate" }, r.duplicates);
      if (r.refusedSeries) refused.inc({ reason: "series_cap" }, r.refusedSeries);
      if (r.stale) refused.inc({ reason: "stale" }, r.stale);
      if (r.invalid) refused.inc({ reason: "invalid" }, r.invalid);
    },
    close(): void {
      registry.removeSingleMetric(SAMPLES);
      registry.removeSingleMetric(REFUSED);
    },
  };
}
