import type { RouteDef } from "../route.js";

const VERB: Record<string, string> = { POST: "create", PUT: "update", PATCH: "update", DELETE: "delete" };

/**
 * auditAction names a write route for the audit log: the static path
 * segments joined by dots, plus a verb when the path ends at a resource
 * (`POST /users` → users.create, `DELETE /users/:id` → users.delete,
 * `POST /scans/:id/cancel` → scans.cancel, `POST /auth/login` → auth.login).
 */
export function auditAction(route: Pick<RouteDef, "method" | "path" | "action">): string {
  if (route.action) return route.action;
  const segs = route.path.split("/").filter(Boolean);
  const statics = segs.filter((s) => !s.startsWith(":")).map((s) => s.replace(/[^A-Za-z0-9_-]/g, ""));
  const last = segs[segs.length - 1] ?? "";
  const endsAtResource = last.startsWith(":") || statics.length <= 1;
  const verb = VERB[route.method] ?? route.method.toLowerCase();
  if (endsAtResource || route.method !== "POST") return [...statics, verb].join(".");
  return statics.join(".");
}

/** auditTargetType is the resource a write route acts on: its first path segment. */
export function auditTargetType(route: Pick<RouteDef, "path">): string {
  return route.path.split("/").filter(Boolean)[0] ?? "";
}
