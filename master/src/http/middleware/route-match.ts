import type { RouteDef } from "../route.js";

/** API_PREFIX is where REST routes live unless a route is `absolute`. */
export const API_PREFIX = "/api/v1";

/** CompiledRoute is a route with its full path template split into segments. */
export interface CompiledRoute {
  def: RouteDef;
  /** Full template, e.g. /api/v1/users/:id (the metrics `route` label). */
  template: string;
  segments: string[];
}

/** fullPath returns a route's path including the API prefix. */
export function fullPath(def: Pick<RouteDef, "path" | "absolute">): string {
  return def.absolute ? def.path : API_PREFIX + def.path;
}

/** compileRoutes prepares the registry for matching; static segments win over params. */
export function compileRoutes(defs: RouteDef[]): CompiledRoute[] {
  return defs.map((def) => {
    const template = fullPath(def);
    return { def, template, segments: template.split("/").filter(Boolean) };
  });
}

/** RouteMatch is the result of matching a path. */
export type RouteMatch =
  { kind: "found"; route: CompiledRoute; params: Record<string, string> } | { kind: "method"; allowed: string[] } | { kind: "none" };

/** matchRoute finds the most specific route for a method and raw path; params stay percent-encoded. */
export function matchRoute(routes: CompiledRoute[], method: string, path: string): RouteMatch {
  const parts = path.split("/").filter(Boolean);
  const m = method === "HEAD" ? "GET" : method;
  let best: { route: CompiledRoute; params: Record<string, string>; score: string } | undefined;
  const allowed = new Set<string>();
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let score = "";
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = route.segments[i]!;
      if (seg.startsWith(":")) {
        params[seg.slice(1)] = parts[i]!;
        score += "0";
      } else if (seg === parts[i]) score += "1";
      else ok = false;
    }
    if (!ok) continue;
    allowed.add(route.def.method);
    if (route.def.method !== m) continue;
    if (!best || score > best.score) best = { route, params, score };
  }
  if (best) return { kind: "found", route: best.route, params: best.params };
  return allowed.size > 0 ? { kind: "method", allowed: [...allowed] } : { kind: "none" };
}
