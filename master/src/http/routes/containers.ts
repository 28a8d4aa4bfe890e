import { errors } from "@flotilla/shared";
import { z } from "zod";
import type { ContainerRecord, ContainerService } from "../../services/containers.js";
import type { LatestSnapshot, SeriesStore } from "../../telemetry/series-store.js";
import { offsetPage, type SortKey } from "../../services/offset-page.js";
import { decodeCursor, listResponseSchema, pageQueryShape, toPage } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";

const idParams = z.object({ id: z.string().min(1).max(128) });

/** CONTAINER_SORTS are the columns the container lists sort by (`?sort=`). */
const CONTAINER_SORTS = ["name", "node", "image", "state", "status", "created", "restarts", "cpu", "memory"] as const;
type ContainerSort = (typeof CONTAINER_SORTS)[number];

const searchShape = {
  q: z.string().max(128).optional().describe("Search name, image and id"),
  sort: z
    .enum(CONTAINER_SORTS)
    .optional()
    .describe("Sort column; cpu and memory are the latest figures (unknown last). Sorted lists are offset paged"),
  order: z.enum(["asc", "desc"]).optional().describe("Sort direction (default asc)"),
};

const listQuery = z.object({
  ...pageQueryShape,
  node_id: z.string().min(1).max(128).optional(),
  state: z.enum(["created", "running", "paused", "restarting", "removing", "exited", "dead"]).optional(),
  image: z.string().min(1).max(512).optional(),
  ...searchShape,
});

const nodeListQuery = z.object({ ...pageQueryShape, ...searchShape });

const containerSchema = z.object({
  node_id: z.string(),
  id: z.string(),
  name: z.string(),
  image: z.string(),
  image_id: z.string(),
  state: z.string(),
  status: z.string(),
  created_at: z.string(),
  ports: z.array(z.object({ ip: z.string(), private_port: z.number(), public_port: z.number(), type: z.string() })),
  labels: z.record(z.string(), z.string()),
  restart_count: z.number(),
  cpu_ratio: z.number().nullable(),
  mem_usage_bytes: z.number().nullable(),
  mem_limit_bytes: z.number().nullable(),
});

interface Stats {
  cpu_ratio: number | null;
  mem_usage_bytes: number | null;
  mem_limit_bytes: number | null;
}

const STAT_FIELDS: Record<string, keyof Stats> = {
  "container.cpu_ratio": "cpu_ratio",
  "container.mem_usage_bytes": "mem_usage_bytes",
  "container.mem_limit_bytes": "mem_limit_bytes",
};

/** containerStats indexes the container.* points of a snapshot by container id. */
export function containerStats(snap: LatestSnapshot | null): Map<string, Stats> {
  const out = new Map<string, Stats>();
  for (const p of snap?.points ?? []) {
    const field = STAT_FIELDS[p.name];
    const id = field && p.labels.find((l) => l.name === "id")?.value;
    if (!field || !id) continue;
    let s = out.get(id);
    if (!s) out.set(id, (s = { cpu_ratio: null, mem_usage_bytes: null, mem_limit_bytes: null }));
    s[field] = p.value;
  }
  return out;
}

function sortKey(c: ContainerRecord & { nodeId: string }, sort: ContainerSort, s: Stats | undefined): SortKey {
  switch (sort) {
    case "name":
      return c.name.toLowerCase();
    case "node":
      return c.nodeId;
    case "image":
      return c.image.toLowerCase();
    case "state":
      return c.state;
    case "status":
      return c.status.toLowerCase();
    case "created":
      return c.createdMs;
    case "restarts":
      return c.restartCount;
    case "cpu":
      return s?.cpu_ratio ?? null;
    case "memory":
      return s?.mem_usage_bytes ?? null;
  }
}

/** createContainerRoutes returns the fleet-wide and per-node container lists (viewer). */
export function createContainerRoutes(deps: { store: SeriesStore; containers: ContainerService }): RouteDef<any, any, any>[] {
  const statsCache = (): ((nodeId: string) => Map<string, Stats>) => {
    const cache = new Map<string, Map<string, Stats>>();
    return (nodeId) => {
      let m = cache.get(nodeId);
      if (!m) cache.set(nodeId, (m = containerStats(deps.store.latest(nodeId))));
      return m;
    };
  };
  const view = (stats: (nodeId: string) => Map<string, Stats>) => (c: ContainerRecord & { nodeId: string }) => ({
    node_id: c.nodeId,
    id: c.id,
    name: c.name,
    image: c.image,
    image_id: c.imageId,
    state: c.state,
    status: c.status,
    created_at: new Date(c.createdMs).toISOString(),
    ports: c.ports,
    labels: c.labels,
    restart_count: c.restartCount,
    ...(stats(c.nodeId).get(c.id) ?? { cpu_ratio: null, mem_usage_bytes: null, mem_limit_bytes: null }),
  });
  const list = async (q: {
    limit: number;
    cursor?: string | undefined;
    node_id?: string | undefined;
    state?: string | undefined;
    image?: string | undefined;
    q?: string | undefined;
    sort?: ContainerSort | undefined;
    order?: "asc" | "desc" | undefined;
  }) => {
    const f = {
      ...(q.node_id ? { nodeId: q.node_id } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.image ? { image: q.image } : {}),
      ...(q.q ? { q: q.q } : {}),
    };
    const stats = statsCache();
    if (q.sort) {
      const sort = q.sort;
      const all = await deps.containers.all(f);
      const p = offsetPage(all, {
        key: (c) => sortKey(c, sort, stats(c.nodeId).get(c.id)),
        idOf: (c) => `${c.nodeId}/${c.id}`,
        order: q.order ?? "asc",
        limit: q.limit,
        cursor: q.cursor,
      });
      return { items: p.items.map(view(stats)), page: { ...p.page, total: all.length } };
    }
    const key = decodeCursor(q.cursor, 2);
    if (key && (typeof key[0] !== "string" || typeof key[1] !== "string")) {
      throw errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
    }
    const [rows, total] = await Promise.all([
      deps.containers.list({ limit: q.limit, ...f, ...(key ? { after: [String(key[0]), String(key[1])] as [string, string] } : {}) }),
      deps.containers.count(f),
    ]);
    const p = toPage(rows, q.limit, (r) => [r.nodeId, r.id], view(stats));
    return { items: p.items, page: { ...p.page, total } };
  };
  return [
    defineRoute({
      method: "GET",
      path: "/containers",
      role: "viewer",
      tag: "containers",
      summary: "List containers across the fleet (filters node_id, state, image, q; sort, order); page.total counts every match",
      query: listQuery,
      response: listResponseSchema(containerSchema),
      handler: async ({ query }) => list(query),
    }),
    defineRoute({
      method: "GET",
      path: "/nodes/:id/containers",
      role: "viewer",
      tag: "containers",
      summary: "List a node's containers",
      params: idParams,
      query: nodeListQuery,
      response: listResponseSchema(containerSchema),
      handler: async ({ params, query }) => {
        await deps.containers.requireNode(params.id);
        return list({ ...query, node_id: params.id });
      },
    }),
  ];
}
