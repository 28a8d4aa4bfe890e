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
