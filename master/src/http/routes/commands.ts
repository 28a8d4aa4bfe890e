import { z } from "zod";
import { decodeIdCursor, listResponseSchema, pageQueryShape, toPage } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { COMMAND_STATUSES, commandView, type CommandRecords } from "../../commands/records.js";

/** commandSchema describes a command record for the OpenAPI document. */
export const commandSchema = z.object({
  id: z.string(),
  node_id: z.string(),
  kind: z.string(),
  status: z.enum(COMMAND_STATUSES),
  params: z.record(z.string(), z.unknown()),
  requested_by: z.string().nullable(),
  request_id: z.string().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  timeout_ms: z.number().int(),
  result: z.unknown(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
});

const listQuery = z.object({
  ...pageQueryShape,
  node_id: z.string().min(1).max(128).optional(),
  status: z.enum(COMMAND_STATUSES).optional(),
  kind: z
    .string()
    .regex(/^[a-z_]{1,64}$/, "a command kind such as container_action")
    .optional(),
});

/** createCommandRoutes serves `GET /commands` (newest first) and `GET /commands/{id}` (viewer). */
export function createCommandRoutes(records: CommandRecords): RouteDef[] {
  return [
    defineRoute({
      method: "GET",
      path: "/commands",
      role: "viewer",
      tag: "commands",
      summary: "List commands sent to workers, newest first (filters node_id, status, kind)",
      query: listQuery,
      response: listResponseSchema(commandSchema),
      handler: async ({ query }) => {
        const rows = await records.list({
          limit: query.limit,
          nodeId: query.node_id,
          status: query.status,
          kind: query.kind,
          before: decodeIdCursor(query.cursor),
        });
        return toPage(rows, query.limit, (r) => [r.id], commandView);
      },
    }),
    defineRoute({
      method: "GET",
      path: "/commands/:id",
      role: "viewer",
      tag: "commands",
      summary: "Get one command: status, requester, timestamps, result or error",
      params: z.object({ id: z.string().min(1).max(128) }),
      response: commandSchema,
      handler: async ({ params }) => commandView(await records.get(params.id)),
    }),
  ];
}
