import { errors, parseLabels } from "@flotilla/shared";
import { z } from "zod";
import type { MasterContext } from "../../context.js";
import type { NodeControl } from "../../node-control.js";
import { NODE_SORTS, type NodeFigures } from "../../services/node-sort.js";
import { createNodeService, labelsOf, type NodeWithLabels } from "../../services/nodes.js";
import type { SeriesStore } from "../../telemetry/series-store.js";
import { summarize } from "../../telemetry/summary.js";
import { mapPage, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { nodeDeletedSchema, nodeListSchema, nodeSchema } from "../schemas/nodes.js";

const idParams = z.object({ id: z.string().min(1).max(128) });

const listQuery = z.object({
  ...pageQueryShape,
  status: z.enum(["online", "offline"]).optional(),
  labels: z.string().max(2048).optional(),
  q: z.string().max(128).optional(),
  sort: z
    .enum(NODE_SORTS)
    .optional()
    .describe("Sort column; cpu, memory and disk are the latest figures (unknown last). Sorted lists are offset paged"),
  order: z.enum(["asc", "desc"]).optional().describe("Sort direction (default asc)"),
});

const patchBody = z
  .object({
    name: z.string().max(128).optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

function parseAddresses(raw: string): string[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === "string") : [];
  } catch {
    return [];
  }
}

/** nodeView renders a node for the REST API, with its latest host figures when known. */
export function nodeView(n: NodeWithLabels, lastBeatAt?: number, figures?: NodeFigures) {
  return {
    id: n.id,
    name: n.name,
    hostname: n.hostname,
    status: n.status,
    labels: labelsOf(n),
    os: n.os,
    os_version: n.osVersion,
    kernel: n.kernel,
    arch: n.arch,
    cpus: n.cpus,
    memory_bytes: Number(n.memoryBytes),
    machine_id: n.machineId,
    agent_version: n.agentVersion,
    addresses: parseAddresses(n.addresses),
    enrolled_at: n.enrolledAt.toISOString(),
    // The stored time is written in batches; a live node's last heartbeat is fresher.
    last_seen_at: lastBeatAt !== undefined ? new Date(lastBeatAt).toISOString() : (n.lastSeenAt?.toISOString() ?? null),
    cert_expires_at: n.certExpiresAt.toISOString(),
    duplicate_of: n.duplicateOf,
    cpu_usage_ratio: figures?.cpu ?? null,
    mem_usage_ratio: figures?.memory ?? null,
    fs_max_usage_ratio: figures?.disk ?? null,
  };
}

function labelFilter(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseLabels(raw);
  } catch (err) {
    throw errors.invalid("invalid labels filter", [{ field: "labels", message: err instanceof Error ? err.message : "expected k=v,k2=v2" }]);
  }
}

/** createNodeRoutes returns the node routes: list/get (viewer), patch (operator), delete (admin). */
export function createNodeRoutes(
  ctx: MasterContext,
  deps: { nodeControl: NodeControl; telemetry?: { store: SeriesStore } },
): RouteDef<any, any, any>[] {
  const figures = (id: string): NodeFigures => {
    const latest = deps.telemetry?.store.latest(id);
    const m = latest ? summarize(latest) : null;
    return {
      cpu: m?.cpu_usage_ratio ?? null,
      memory: m?.mem_usage_ratio ?? null,
      disk: m?.fs_max_usage_ratio ?? null,
      lastSeenMs: deps.nodeControl.lastBeatAt?.(id) ?? null,
    };
  };
  const svc = createNodeService(ctx, { ...deps, figures });
  const view = (n: NodeWithLabels) => nodeView(n, deps.nodeControl.lastBeatAt?.(n.id), figures(n.id));
  return [
    defineRoute({
      method: "GET",
      path: "/nodes",
      role: "viewer",
      tag: "nodes",
      summary: "List nodes (filters status, labels=k=v,k2=v2, q; sort, order); page.total counts every match",
      response: nodeListSchema,
      query: listQuery,
      handler: async ({ query }) => {
        const p = await svc.list({
          limit: query.limit,
          ...(query.cursor ? { cursor: query.cursor } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.labels !== undefined ? { labels: labelFilter(query.labels) } : {}),
          ...(query.sort ? { sort: query.sort, order: query.order ?? "asc" } : {}),
        });
        return mapPage(p, view);
      },
    }),
    defineRoute({
      method: "GET",
      path: "/nodes/:id",
      role: "viewer",
      tag: "nodes",
      summary: "Get a node",
      response: nodeSchema,
      params: idParams,
      handler: async ({ params }) => view(await svc.get(params.id)),
    }),
    defineRoute({
      method: "PATCH",
      path: "/nodes/:id",
      role: "operator",
      tag: "nodes",
      summary: "Rename a node or replace its labels",
      response: nodeSchema,
      params: idParams,
      body: patchBody,
      handler: async ({ params, body, principal }) => view(await svc.update(params.id, body, principal?.username)),
    }),
    defineRoute({
      method: "DELETE",
      path: "/nodes/:id",
      role: "admin",
      tag: "nodes",
      summary: "Delete a node and revoke its certificate",
      response: nodeDeletedSchema,
      params: idParams,
      handler: async ({ params, principal }) => {
        const n = await svc.remove(params.id, principal?.username);
        return { id: n.id, deleted: true, revoked_serial: n.certSerial };
      },
    }),
  ];
}
