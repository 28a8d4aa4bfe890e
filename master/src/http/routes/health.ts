import { errors } from "@flotilla/shared";
import { z } from "zod";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";

/** healthRoutes serves liveness, readiness and Prometheus metrics (all public). */
export const healthRoutes: RouteFactory = (deps) => [
  defineRoute({
    method: "GET",
    path: "/health",
    absolute: true,
    role: "public",
    tag: "meta",
    summary: "Liveness",
    response: z.object({ status: z.literal("ok") }),
    handler: async () => ({ status: "ok" }),
  }),
  defineRoute({
    method: "GET",
    path: "/ready",
    absolute: true,
    role: "public",
    tag: "meta",
    summary: "Readiness: 503 until the database and gRPC listener are up, and while the database does not answer",
    response: z.object({ status: z.literal("ready") }),
    handler: async () => {
      if (!(await deps.isReady())) throw errors.unavailable("not ready");
      return { status: "ready" };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/metrics",
    absolute: true,
    role: "public",
    tag: "meta",
    summary: "Prometheus metrics (text exposition format)",
    produces: ["text/plain"],
    handler: async ({ ctx: k }) => {
      k.type = deps.ctx.metrics.registry.contentType;
      k.body = await deps.ctx.metrics.registry.metrics();
      return undefined;
    },
  }),
];
