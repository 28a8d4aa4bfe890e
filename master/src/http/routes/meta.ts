import { DOCS_CSP, DOCS_HTML } from "../docs.js";
import { buildOpenApi } from "../openapi.js";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";
import { z } from "zod";

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
      response: z
        .object({
          openapi: z.string(),
          info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
          servers: z.array(z.object({ url: z.string() })),
          paths: z.record(z.string(), z.record(z.string(), z.unknown())),
          components: z.record(z.string(), z.unknown()),
        })
        .describe("OpenAPI 3.1 document"),
      handler: async () => (cached ??= buildOpenApi(deps.routes())),
    }),
    defineRoute({
      method: "GET",
      path: "/docs",
      absolute: true,
      role: "public",
      tag: "meta",
      summary: "API reference page",
      produces: ["text/html"],
      handler: async ({ ctx }) => {
        ctx.set("Content-Security-Policy", DOCS_CSP);
        ctx.type = "text/html; charset=utf-8";
        ctx.body = DOCS_HTML;
        return undefined;
      },
    }),
  ];
};
