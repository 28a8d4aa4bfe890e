import { randomBytes } from "node:crypto";
import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { Revoker } from "./live-streams.js";
import { ROLE_RANK } from "./principal.js";
import { newId } from "../ids.js";
import { sha256Hex } from "./auth.js";
import type { UserRecord, UserRole } from "./users.js";
import { createApiKeyStore, type ApiKeyRecord } from "./api-key-store.js";

export type { ApiKeyRecord };

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
  const store = createApiKeyStore(ctx);
  return {
    /** create makes a key for `owner` whose role may not exceed `maxRole`; the plain key is returned once. */
    async create(input: {
      owner: UserRecord;
      maxRole: UserRole;
      name: string;
      role?: UserRole;
      expiresAt?: Date;
    }): Promise<{ key: string; record: ApiKeyRecord }> {
      const role = input.role ?? input.maxRole;
      if (ROLE_RANK[role] > ROLE_RANK[input.maxRole])
        throw errors.forbidden(`cannot create a key with role ${role} above your own (${input.maxRole})`);
      const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
      const record = await store.create({
        id: newId("key"),
        name: input.name,
        prefix: key.slice(0, 12),
        keyHash: sha256Hex(key),
        role,
        userId: input.owner.id,
        expiresAt: input.expiresAt,
      });
      return { key, record };
    },

    /** list returns keys ordered by id, optionally of one user. */
    list: store.list,

    /** remove deletes a key; `ownerId` restricts it to that user's keys (not found otherwise). */
    async remove(id: string, ownerId?: string): Promise<ApiKeyRecord> {
      const k = await store.get(id);
      if (!k || (ownerId && k.userId !== ownerId)) throw errors.notFound("API key");
      await store.remove(id);
      deps.streams?.revoke({ apiKeyId: id, reason: "API key deleted" });
      return k;
    },

    /**
     * resolve finds the key and its owner; the effective role is capped by
     * the owner's current role. Returns null for unknown or expired keys.
     */
    async resolve(key: string): Promise<{ record: ApiKeyRecord; user: UserRecord; role: UserRole } | null> {
      if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
      const k = await store.byHash(sha256Hex(key));
      if (!k || (k.expiresAt && k.expiresAt <= new Date())) return null;
      if (!k.lastUsedAt || Date.now() - k.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) await store.touch(k.id).catch(() => undefined);
      return { record: k, user: k.user, role: lowerRole(k.role as UserRole, k.user.role as UserRole) };
    },
  };
}
