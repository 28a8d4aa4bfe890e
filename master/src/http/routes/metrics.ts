import { errors } from "@flotilla/shared";
import { z } from "zod";
import type { ContainerService } from "../../services/containers.js";
import { compileNameFilter, seriesKey } from "../../telemetry/series-key.js";
import type { SeriesStore } from "../../telemetry/series-store.js";
import { defineRoute, type RouteDef } from "../route.js";

const idParams = z.object({ id: z.string().min(1).max(128) });

const metricsQuery = z.object({
  names: z.string().max(4096).optional().describe("Comma-separated metric names; a trailing * matches a prefix (fs.*)"),
  since: z.string().max(64).optional().describe("RFC 3339 time or a relative duration such as -15m (default: the whole retention window)"),
  step: z.coerce.number().int().min(1).max(86_400).optional().describe("Downsample to one averaged point per step seconds"),
});

const NAME_ENTRY = /^[A-Za-z0-9_.:-]{1,200}\*?$|^\*$/;
const RELATIVE = /^-(\d{1,9})(ms|s|m|h|d)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** parseNames splits `?names=` into entries; throws invalid_argument on a malformed entry. */
export function parseNames(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const entries = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length > 100) throw errors.invalid("too many names", [{ field: "names", message: "at most 100 entries" }]);
  for (const e of entries) {
    if (!NAME_ENTRY.test(e))
      throw errors.invalid("invalid metric name", [{ field: "names", message: `"${e.slice(0, 64)}" is not a metric name or prefix*` }]);
  }
  return entries.includes("*") ? [] : entries;
}

/** parseSince reads `?since=` (RFC 3339 or `-15m`, `-30s`, `-1h`) into epoch ms; undefined when absent. */
export function parseSince(raw: string | undefined, now: number): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const rel = RELATIVE.exec(raw);
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  const t = RFC3339.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t))
    throw errors.invalid("invalid since", [{ field: "since", message: "expected an RFC 3339 time or a relative duration such as -15m" }]);
  return t;
}

const seriesSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  points: z.array(z.tuple([z.number(), z.number()])),
});

/** createMetricsRoutes returns GET /nodes/{id}/metrics (viewer): recent series of one node from memory. */
export function createMetricsRoutes(deps: { store: SeriesStore; containers: ContainerService }): RouteDef<any, any, any>[] {
  return [
    defineRoute({
      method: "GET",
      path: "/nodes/:id/metrics",
      role: "viewer",
      tag: "metrics",
      summary: "Recent metric series of a node (names=a,b,fs.*; since=RFC 3339 or -15m; step=seconds)",
      params: idParams,
      query: metricsQuery,
      response: z.object({
        node_id: z.string(),
        since: z.string(),
        step: z.number().nullable(),
        latest_ts: z.string().nullable(),
        latest: z.record(z.string(), z.number()),
        series: z.array(seriesSchema),
      }),
      handler: async ({ params, query }) => {
        const entries = parseNames(query.names);
        const now = Date.now();
        const since = parseSince(query.since, now) ?? now - deps.store.retentionMs;
        await deps.containers.requireNode(params.id);
        const filter = compileNameFilter(entries);
        const series = deps.store.query(params.id, filter, since, query.step ? query.step * 1000 : undefined) ?? [];
        const snap = deps.store.latest(params.id);
        const latest: Record<string, number> = {};
        for (const p of snap?.points ?? []) if (filter(p.name)) latest[seriesKey(p.name, p.labels)] = p.value;
        return {
          node_id: params.id,
          since: new Date(since).toISOString(),
          step: query.step ?? null,
          latest_ts: snap ? new Date(snap.tsMs).toISOString() : null,
          latest,
          series,
        };
      },
    }),
  ];
}
