import { z } from "zod";
import type { ScheduleService } from "../../scans/schedules.js";
import { targetsSchema } from "../../scans/targets.js";
import { listResponseSchema, pageQuery } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { deletedWithIdSchema } from "../schemas/common.js";
import { scanQueuedSchema, scheduleSchema } from "../schemas/scans.js";

const idParams = z.object({ id: z.string().min(1).max(128) });

const fields = {
  name: z.string().min(1).max(128),
  interval_seconds: z
    .number()
    .int()
    .min(1)
    .max(366 * 86_400)
    .nullable()
    .optional()
    .describe("Seconds between runs; at least 1 is accepted, use 60 or more in production"),
  cron: z.string().min(1).max(128).nullable().optional().describe("5-field cron expression, evaluated in `timezone`"),
  timezone: z.string().min(1).max(64).optional().describe("IANA time zone of the cron expression (default UTC)"),
  targets: targetsSchema,
  scanners: z.array(z.string().min(1).max(64)).max(50).optional(),
  enabled: z.boolean().optional(),
};

const createBody = z.object(fields).strict();
const patchBody = z.object(fields).partial().strict();

/** createScheduleRoutes returns the schedule routes (operator for everything). */
export function createScheduleRoutes(svc: ScheduleService): RouteDef[] {
  return [
    defineRoute({
      method: "GET",
      path: "/schedules",
      role: "operator",
      tag: "schedules",
      summary: "List scan schedules",
      response: listResponseSchema(scheduleSchema),
      query: pageQuery,
      handler: async ({ query }) => svc.list(query.limit, query.cursor),
    }),
    defineRoute({
      method: "POST",
      path: "/schedules",
      role: "operator",
      tag: "schedules",
      status: 201,
      summary: "Create a scan schedule (interval_seconds or cron)",
      response: scheduleSchema,
      body: createBody,
      handler: async ({ body, principal }) => svc.create(body, principal?.username ?? null),
    }),
    defineRoute({
      method: "GET",
      path: "/schedules/:id",
      role: "operator",
      tag: "schedules",
      summary: "Get a schedule",
      response: scheduleSchema,
      params: idParams,
      handler: async ({ params }) => svc.get(params.id),
    }),
    defineRoute({
      method: "PATCH",
      path: "/schedules/:id",
      role: "operator",
      tag: "schedules",
      summary: "Update a schedule",
      response: scheduleSchema,
      params: idParams,
      body: patchBody,
      handler: async ({ params, body }) => svc.update(params.id, body),
    }),
    defineRoute({
      method: "DELETE",
      path: "/schedules/:id",
      role: "operator",
      tag: "schedules",
      summary: "Delete a schedule",
      response: deletedWithIdSchema,
      params: idParams,
      handler: async ({ params }) => svc.remove(params.id),
    }),
    defineRoute({
      method: "POST",
      path: "/schedules/:id/run",
      role: "operator",
      tag: "schedules",
      status: 202,
      summary: "Run a schedule's scan now",
      response: scanQueuedSchema,
      params: idParams,
      handler: async ({ params }) => svc.runNow(params.id),
    }),
  ];
}
