/**
 * Hash router: `#/nodes/abc?status=online` → {path: "/nodes/abc", query}.
 * Hash routing keeps deep links working whatever the server's fallback does.
 */
import { signal } from "@preact/signals";

/** Route is the current location. */
export interface Route {
  path: string;
  parts: string[];
  query: URLSearchParams;
}

function parse(): Route {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path = "/", qs = ""] = raw.split("?");
  return { path, parts: path.split("/").filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs) };
}

// Links sent in notifications and emails are paths (https://host/nodes/x): the server answers them
// with the UI, which moves the path into the hash it routes on.
if (location.pathname !== "/" && !location.hash) history.replaceState(null, "", `/#${location.pathname}${location.search}`);

/** route is the current route; pages re-render when it changes. */
export const route = signal<Route>(parse());
addEventListener("hashchange", () => {
  route.value = parse();
});

/** href builds a link to a path with optional query. */
export function href(path: string, q: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return `#${path}${s ? `?${s}` : ""}`;
}

/** navigate moves to a path (replace keeps the history entry, for filters). */
export function navigate(path: string, q: Record<string, string | undefined> = {}, replace = false): void {
  const target = href(path, q);
  if (replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  route.value = parse();
}
