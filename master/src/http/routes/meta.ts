import { DOCS_CSP, DOCS_HTML } from "../docs.js";
import { buildOpenApi } from "../openapi.js";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";

/** metaRoutes serves the OpenAPI document and its rendered reference page (public). */
export const metaRoutes: RouteFactory = (deps) => {
  let cached: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: "GET",
      path: "/openapi.json",
      role: "public",
      tag: "meta",
      summary: "OpenAPI 3.1 document of this API",
      handler: async () => (cached ??= buildOpenApi(deps.routes())),
    }),
    defineRoute({
      method: "GET",
      path: "/docs",
      absolute: true,
      role: "public",
      tag: "meta",
      summary: "API reference page",
      handler: async ({ ctx }) => {
        ctx.set("Content-Security-Policy", DOCS_CSP);
        ctx.type = "text/html; charset=utf-8";
        ctx.body = DOCS_HTML;
        return undefined;
      },
    }),
  ];
};
