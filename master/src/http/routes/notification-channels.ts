import { z } from "zod";
import { CHANNEL_KINDS, type ChannelService } from "../../notify/channels.js";
import { listResponseSchema, pageQuery } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { deletedSchema } from "../schemas/common.js";
import { channelSchema, channelTestedSchema } from "../schemas/automation.js";

const idParams = z.object({ id: z.string().min(1).max(128) });
const config = z
  .object({
    to: z.array(z.string().min(3).max(254)).max(50).optional().describe("email: recipient addresses"),
    url: z.string().min(1).max(2048).optional().describe("slack, discord, webhook: the incoming-webhook URL"),
  })
  .strict();
const fields = { name: z.string().min(1).max(128), kind: z.enum(CHANNEL_KINDS), config };

/** createChannelRoutes returns the notification channel routes (admin only). */
export function createChannelRoutes(svc: ChannelService): RouteDef[] {
  const base = { role: "admin" as const, tag: "notification-channels" };
  return [
    defineRoute({
      ...base,
      method: "GET",
      path: "/notification-channels",
      summary: "List notification channels",
      response: listResponseSchema(channelSchema),
      query: pageQuery,
      handler: async ({ query }) => svc.list(query.limit, query.cursor),
    }),
    defineRoute({
      ...base,
      method: "POST",
      path: "/notification-channels",
      status: 201,
      summary: "Create a channel (email, slack, discord, webhook)",
      response: channelSchema,
      body: z.object(fields).strict(),
      handler: async ({ body }) => svc.create(body),
    }),
    defineRoute({
      ...base,
      method: "GET",
      path: "/notification-channels/:id",
      summary: "Get a channel",
      response: channelSchema,
      params: idParams,
      handler: async ({ params }) => svc.get(params.id),
    }),
    defineRoute({
      ...base,
      method: "PATCH",
      path: "/notification-channels/:id",
      summary: "Update a channel",
      response: channelSchema,
      params: idParams,
      body: z.object(fields).partial().strict(),
      handler: async ({ params, body }) => svc.update(params.id, body),
    }),
    defineRoute({
      ...base,
      method: "DELETE",
      path: "/notification-channels/:id",
      summary: "Delete a channel",
      response: deletedSchema,
      params: idParams,
      handler: async ({ params }) => svc.remove(params.id),
    }),
    defineRoute({
      ...base,
      method: "POST",
      path: "/notification-channels/:id/test",
      summary: "Send a test message now (503 with the reason when it fails)",
      response: channelTestedSchema,
      params: idParams,
      handler: async ({ params }) => svc.test(params.id),
    }),
  ];
}
