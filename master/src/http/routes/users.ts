import { z } from "zod";
import { USER_ROLES, USERNAME_PATTERN, type UserRecord } from "../../services/users.js";
import { decodeIdCursor, listResponseSchema, pageQuery, toPage } from "../paging.js";
import type { RouteFactory } from "../services.js";
import { defineRoute } from "../route.js";

/** userSchema describes a user as rendered by the API. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(USER_ROLES),
  created_at: z.string(),
  updated_at: z.string(),
  last_login_at: z.string().nullable(),
});

/** userView renders a user (never its password hash). */
export function userView(u: UserRecord): z.infer<typeof userSchema> {
  return {
    id: u.id,
    username: u.username,
    role: u.role as (typeof USER_ROLES)[number],
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
  };
}

/** usernameSchema validates a username. */
export const usernameSchema = z.string().regex(USERNAME_PATTERN, "2-64 characters: letters, digits, . _ @ -");
/** passwordSchema bounds a password's size; the policy itself is checked by the service. */
export const passwordSchema = z.string().min(1).max(1024);
const idParams = z.object({ id: z.string().min(1).max(128) });

/** userRoutes manages operator accounts (admin only). */
export const userRoutes: RouteFactory = ({ core }) => [
  defineRoute({
    method: "GET",
    path: "/users",
    role: "admin",
    tag: "users",
    summary: "List users",
    query: pageQuery,
    response: listResponseSchema(userSchema),
    handler: async ({ query }) => {
      const rows = await core.users.list({ afterId: decodeIdCursor(query.cursor), take: query.limit + 1 });
      return toPage(rows, query.limit, (u) => [u.id], userView);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/users",
    role: "admin",
    tag: "users",
    summary: "Create a user",
    status: 201,
    body: z.object({ username: usernameSchema, password: passwordSchema, role: z.enum(USER_ROLES).default("viewer") }),
    response: userSchema,
    handler: async ({ body }) => userView(await core.users.create(body)),
  }),
  defineRoute({
    method: "GET",
    path: "/users/:id",
    role: "admin",
    tag: "users",
    summary: "Get a user",
    params: idParams,
    response: userSchema,
    handler: async ({ params }) => userView(await core.users.get(params.id)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/users/:id",
    role: "admin",
    tag: "users",
    summary: "Change a user's role or password (the last admin cannot be demoted)",
    params: idParams,
    body: z.object({ role: z.enum(USER_ROLES).optional(), password: passwordSchema.optional() }),
    response: userSchema,
    handler: async ({ params, body, ctx }) => {
      ctx.state.audit = { details: { role: body.role, password_changed: body.password !== undefined } };
      return userView(await core.users.update(params.id, body));
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/users/:id",
    role: "admin",
    tag: "users",
    summary: "Delete a user (not the last admin)",
    status: 204,
    params: idParams,
    handler: async ({ params }) => {
      await core.users.remove(params.id);
      return undefined;
    },
  }),
];
