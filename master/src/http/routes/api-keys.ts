import { errors } from "@flotilla/shared";
import { z } from "zod";
import type { ApiKeyRecord } from "../../services/api-keys.js";
import { USER_ROLES } from "../../services/users.js";
import { decodeIdCursor, listResponseSchema, pageQueryShape, toPage } from "../paging.js";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(USER_ROLES),
  user_id: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
});

function apiKeyView(k: ApiKeyRecord): z.infer<typeof apiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role as (typeof USER_ROLES)[number],
    user_id: k.userId,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    expires_at: k.expiresAt?.toISOString() ?? null,
  };
}

/** apiKeyRoutes manages API keys: own keys for everyone, all keys for admins. */
export const apiKeyRoutes: RouteFactory = ({ core }) => [
  defineRoute({
    method: "GET",
    path: "/api-keys",
    role: "viewer",
    tag: "api-keys",
    summary: "List your API keys (admin: all, filter user_id)",
    query: z.object({ ...pageQueryShape, user_id: z.string().max(128).optional() }),
    response: listResponseSchema(apiKeySchema),
    handler: async ({ query, principal }) => {
      const p = principal!;
      if (query.user_id && query.user_id !== p.userId && p.role !== "admin") throw errors.forbidden("only admins can list other users' keys");
      const userId = p.role === "admin" ? query.user_id : p.userId;
      const rows = await core.apiKeys.list({ userId, afterId: decodeIdCursor(query.cursor), take: query.limit + 1 });
      return toPage(rows, query.limit, (k) => [k.id], apiKeyView);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api-keys",
    role: "viewer",
    tag: "api-keys",
    summary: "Create an API key (shown once; role at most your own)",
    status: 201,
    body: z.object({
      name: z.string().min(1).max(100),
      role: z.enum(USER_ROLES).optional(),
      expires_in_seconds: z
        .number()
        .int()
        .min(60)
        .max(10 * 365 * 86_400)
        .optional(),
    }),
    response: apiKeySchema.extend({ key: z.string() }),
    handler: async ({ body, principal }) => {
      const owner = await core.users.get(principal!.userId);
      const { key, record } = await core.apiKeys.create({
        owner,
        maxRole: principal!.role,
        name: body.name,
        role: body.role,
        expiresAt: body.expires_in_seconds ? new Date(Date.now() + body.expires_in_seconds * 1000) : undefined,
      });
      return { ...apiKeyView(record), key };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/api-keys/:id",
    role: "viewer",
    tag: "api-keys",
    summary: "Delete an API key (own; admin: any)",
    status: 204,
    params: z.object({ id: z.string().min(1).max(128) }),
    handler: async ({ params, principal }) => {
      await core.apiKeys.remove(params.id, principal!.role === "admin" ? undefined : principal!.userId);
      return undefined;
    },
  }),
];
