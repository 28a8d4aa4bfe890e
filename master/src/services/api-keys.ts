import { randomBytes } from "node:crypto";
import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { ApiKey, User } from "../generated/sqlite/client.js";
import type { Revoker } from "./live-streams.js";
import { ROLE_RANK } from "./principal.js";
import { newId } from "../ids.js";
import { sha256Hex } from "./auth.js";
import type { UserRole } from "./users.js";

/** API_KEY_PREFIX starts every API key, so keys are easy to recognise and scan for. */
export const API_KEY_PREFIX = "flk_";
const LAST_USED_RESOLUTION_MS = 60_000;

/** ApiKeyService creates, lists, revokes and resolves API keys. */
export type ApiKeyService = ReturnType<typeof createApiKeyService>;

/** lowerRole returns the lower of two roles. */
export function lowerRole(a: UserRole, b: UserRole): UserRole {
  return ROLE_RANK[a] <= ROLE_RANK[b] ? a : b;
}

/** createApiKeyService returns the API key store operations. */
export function createApiKeyService(
  ctx: Pick<MasterContext, "db">,
  deps: { /** streams closes the live streams of deleted keys. */ streams?: Revoker } = {},
) {
  const { db } = ctx;
  return {
    /** create makes a key for `owner` whose role may not exceed `maxRole`; the plain key is returned once. */
    async create(input: {
      owner: User;
      maxRole: UserRole;
      name: string;
      role?: UserRole;
      expiresAt?: Date;
    }): Promise<{ key: string; record: ApiKey }> {
      const role = input.role ?? input.maxRole;
      if (ROLE_RANK[role] > ROLE_RANK[input.maxRole])
        throw errors.forbidden(`cannot create a key with role ${role} above your own (${input.maxRole})`);
      const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
      const record = await db.apiKey.create({
        data: {
          id: newId("key"),
          name: input.name,
          prefix: key.slice(0, 12),
          keyHash: sha256Hex(key),
          role,
          userId: input.owner.id,
          expiresAt: input.expiresAt,
        },
      });
      return { key, record };
    },

    /** list returns keys ordered by id, optionally of one user. */
    list: (opts: { userId?: string; afterId?: string; take: number }) =>
      db.apiKey.findMany({
        where: { ...(opts.userId ? { userId: opts.userId } : {}), ...(opts.afterId ? { id: { gt: opts.afterId } } : {}) },
        orderBy: { id: "asc" },
        take: opts.take,
      }),

    /** remove deletes a key; `ownerId` restricts it to that user's keys (not found otherwise). */
    async remove(id: string, ownerId?: string): Promise<ApiKey> {
      const k = await db.apiKey.findUnique({ where: { id } });
      if (!k || (ownerId && k.userId !== ownerId)) throw errors.notFound("API key");
      await db.apiKey.delete({ where: { id } });
      deps.streams?.revoke({ apiKeyId: id, reason: "API key deleted" });
      return k;
    },

    /**
     * resolve finds the key and its owner; the effective role is capped by
     * the owner's current role. Returns null for unknown or expired keys.
     */
    async resolve(key: string): Promise<{ record: ApiKey; user: User; role: UserRole } | null> {
      if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
      const k = await db.apiKey.findUnique({ where: { keyHash: sha256Hex(key) }, include: { user: true } });
      if (!k || (k.expiresAt && k.expiresAt <= new Date())) return null;
      if (!k.lastUsedAt || Date.now() - k.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
        await db.apiKey.update({ where: { id: k.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
      return { record: k, user: k.user, role: lowerRole(k.role as UserRole, k.user.role as UserRole) };
    },
  };
}
