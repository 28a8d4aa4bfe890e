import { z } from "zod";
import { targetsSchema } from "../../scans/targets.js";
import type { ScanService } from "../../scans/scan-service.js";
import { listResponseSchema, pageQuery, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { scanCompareSchema, scanQueuedSchema, scanReportSchema, scanSchema, findingSchema } from "../schemas/scans.js";
import { deletedWithIdSchema } from "../schemas/common.js";

const idParams = z.object({ id: z.string().min(1).max(128) });

/** scanBody is the POST /scans body. */
export const scanBody = z
  .object({
    targets: targetsSchema,
    scanners: z.array(z.string().min(1).max(64)).max(50).optional().describe("Scanner names from GET /scanners; all when absent"),
    options: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Scanner options: shared scalars or {"<scanner>": {...}}')
      .refine((o) => o === undefined || JSON.stringify(o).length <= 16_384, { message: "options are larger than 16 KiB" }),
    deadline_seconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .optional()
      .describe("How long offline targets are waited for (default 3600)"),
  })
  .strict();

const compareQuery = z.object({ base: z.string().min(1).max(128), head: z.string().min(1).max(128) });
const reportQuery = z.object({ format: z.enum(["json", "csv", "html"]).default("json") });

/** createScanRoutes returns the scan routes; /scans/compare comes before /scans/:id. */
export function createScanRoutes(svc: ScanService): RouteDef[] {
  return [
    defineRoute({
      method: "POST",
      path: "/scans",
      role: "operator",
      tag: "scans",
      status: 202,
      summary: "Start a scan on target nodes",
      response: scanQueuedSchema,
      body: scanBody,
      handler: async ({ body, principal }) => svc.create(body, principal?.username ?? null),
    }),
    defineRoute({
      method: "GET",
      path: "/scans",
      role: "viewer",
      tag: "scans",
      summary: "List scans, newest first",
      response: listResponseSchema(scanSchema),
      query: pageQuery,
      handler: async ({ query }) => svc.list(query.limit, query.cursor),
    }),
    defineRoute({
      method: "GET",
      path: "/scans/compare",
      role: "viewer",
      tag: "scans",
      summary: "Compare two scans: new, fixed and unchanged findings",
      response: scanCompareSchema,
      query: compareQuery,
      handler: async ({ query }) => svc.compare(query.base, query.head),
    }),
    defineRoute({
      method: "GET",
      path: "/scans/:id",
      role: "viewer",
      tag: "scans",
      summary: "Get a scan with per-node status, progress and summary",
      response: scanSchema,
      params: idParams,
      handler: async ({ params }) => svc.get(params.id),
    }),
    defineRoute({
      method: "POST",
      path: "/scans/:id/cancel",
      role: "operator",
      tag: "scans",
      summary: "Cancel a scan (409 when it already finished)",
      response: scanSchema,
      params: idParams,
      handler: async ({ params }) => svc.cancel(params.id),
    }),
    defineRoute({
      method: "DELETE",
      path: "/scans/:id",
      role: "operator",
      tag: "scans",
      summary: "Delete a finished scan (409 while it runs)",
      response: deletedWithIdSchema,
      params: idParams,
      handler: async ({ params }) => svc.remove(params.id),
    }),
    defineRoute({
      method: "GET",
      path: "/scans/:id/findings",
      role: "viewer",
      tag: "scans",
      summary: "List the findings a scan saw",
      response: listResponseSchema(findingSchema),
      params: idParams,
      query: z.object(pageQueryShape),
      handler: async ({ params, query }) => svc.findings(params.id, query.limit, query.cursor),
    }),
    defineRoute({
      method: "GET",
      path: "/scans/:id/report",
      role: "viewer",
      tag: "scans",
      summary: "Scan report as JSON, CSV or a self-contained HTML page",
      response: scanReportSchema,
      produces: ["text/csv", "text/html"],
      params: idParams,
      query: reportQuery,
      handler: async ({ params, query, ctx }) => {
        const r = await svc.report(params.id, query.format);
        ctx.type = r.contentType;
        ctx.set("Content-Disposition", `attachment; filename="${r.filename}"`);
        ctx.body = r.body;
        return undefined;
      },
    }),
  ];
}
