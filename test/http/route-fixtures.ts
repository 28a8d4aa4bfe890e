import { fullPath } from "../../master/src/http/middleware/route-match.js";
import type { RouteDef } from "../../master/src/http/route.js";

/** ROLES lists the roles a route may declare. */
export const ROLES = ["public", "viewer", "operator", "admin"] as const;

/** PLACEHOLDER_ID fills path parameters; routes may answer 404 for it. */
export const PLACEHOLDER_ID = "placeholder-id";

/** concretePath turns a route template into a callable URL path. */
export function concretePath(r: RouteDef): string {
  return fullPath(r).replace(/:([A-Za-z0-9_]+)/g, PLACEHOLDER_ID);
}

/** describeRoute names a route in test titles. */
export const describeRoute = (r: RouteDef) => `${r.method} ${fullPath(r)}`;

/** isWrite tells routes that change state. */
export const isWrite = (r: RouteDef) => r.method !== "GET";

/** operationsOf lists the operations of an OpenAPI document as "METHOD /path", sorted. */
export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item))
      if (["get", "post", "put", "patch", "delete"].includes(method)) ops.push(`${method.toUpperCase()} ${path}`);
  }
  return ops.sort();
}

/**
 * realMasterOperations starts the real master process once and returns the
 * operations of its /api/v1/openapi.json: the reference the generated tables
 * must cover.
 */
let real: Promise<string[]> | undefined;
export function realMasterOperations(): Promise<string[]> {
  real ??= (async () => {
    const { startMaster } = await import("../helpers/processes.js");
    const m = await startMaster();
    try {
      const res = await fetch(`${m.http}/api/v1/openapi.json`);
      return operationsOf((await res.json()) as { paths: Record<string, Record<string, unknown>> });
    } finally {
      await m.cleanup();
    }
  })();
  return real;
}
