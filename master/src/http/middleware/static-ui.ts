import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Middleware } from "koa";

/** UI_DIST_DIR is where the built web UI lives, relative to this file (src or dist). */
export const UI_DIST_DIR = fileURLToPath(new URL("../../../../ui/dist", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

function fileIn(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * staticUi serves the built UI for GET/HEAD outside /api, with index.html as
 * the fallback for client-side routes. Does nothing when the UI is not built.
 */
export function staticUi(opts: { root?: string } = {}): Middleware {
  const root = normalize(opts.root ?? UI_DIST_DIR);
  return async function staticUiMiddleware(ctx, next) {
    if ((ctx.method !== "GET" && ctx.method !== "HEAD") || ctx.path.startsWith("/api/") || ctx.path === "/api") return next();
    if (!existsSync(join(root, "index.html"))) return next();
    const file = fileIn(root, ctx.path) ?? (extname(ctx.path) === "" ? join(root, "index.html") : null);
    if (!file) return next();
    ctx.state.route = "static";
    ctx.type = TYPES[extname(file)] ?? "application/octet-stream";
    ctx.set("Cache-Control", file.endsWith("index.html") ? "no-cache" : "public, max-age=3600");
    ctx.length = statSync(file).size;
    ctx.body = ctx.method === "HEAD" ? null : createReadStream(file);
    if (ctx.method === "HEAD") ctx.status = 200;
  };
}
