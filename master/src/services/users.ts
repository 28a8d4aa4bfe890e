import { ConfigError, errors, FlotillaError } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import type { Revoker } from "./live-streams.js";
import { checkPasswordPolicy, hashPassword } from "./passwords.js";
import { createUserStore, type AdminGuard, type UserRecord } from "./user-store.js";

export type { UserRecord };

/** USER_ROLES are the roles a user can hold, lowest first. */
export const USER_ROLES = ["viewer", "operator", "admin"] as const;
/** UserRole is one of {@link USER_ROLES}. */
export type UserRole = (typeof USER_ROLES)[number];
/** USERNAME_PATTERN is what a username may look like. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

/** canonicalUsername is the stored form of a username: usernames are case-insensitive, kept in lower case. */
export function canonicalUsername(name: string): string {
  return name.toLowerCase();
}

/** UserService manages operator accounts; it enforces the last-admin rule. */
export type UserService = ReturnType<typeof createUserService>;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** createUserService returns the user operations. */
export function createUserService(
  ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>,
  deps: { /** streams closes the live streams of changed or removed users. */ streams?: Revoker } = {},
) {
  const store = createUserStore(ctx);

  async function create(input: { username: string; password: string; role: UserRole }): Promise<UserRecord> {
    checkPasswordPolicy(input.password);
    const passwordHash = await hashPassword(input.password);
    try {
      return await store.create({ id: newId("usr"), username: canonicalUsername(input.username), passwordHash, role: input.role });
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict(`username "${input.username}" is taken`);
      throw err;
    }
  }

  return {
    get: store.get,
    create,
    count: store.count,
    findByUsername: (username: string) => store.findByUsername(canonicalUsername(username)),

    /** list returns users ordered by id after `afterId`. */
    list: store.list,

    /** setupFirstAdmin creates the first admin; conflict once any user exists. */
    async setupFirstAdmin(input: { username: string; password: string }): Promise<UserRecord> {
      checkPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      const u = await store.createIfNone({ id: newId("usr"), username: canonicalUsername(input.username), passwordHash, role: "admin" });
      if (!u) throw errors.conflict("setup is already done: a user exists");
      return u;
    },

    /** update changes a user's role and/or password; password changes end the user's sessions. */
    async update(id: string, patch: { role?: UserRole; password?: string }): Promise<UserRecord> {
      if (patch.password !== undefined) checkPasswordPolicy(patch.password);
      const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
      const guard: AdminGuard = async (u, otherAdmins) => {
        if (patch.role && patch.role !== "admin" && u.role === "admin" && (await otherAdmins()) === 0)
          throw errors.conflict("the last admin cannot be demoted");
      };
      const { before, after } = await store.update(id, { role: patch.role, passwordHash }, { guard, revokeSessions: passwordHash !== undefined });
      if (after.role !== before.role) deps.streams?.revoke({ userId: id, reason: `role changed to ${after.role}` });
      else if (passwordHash) deps.streams?.revoke({ userId: id, sessionsOnly: true, reason: "password changed" });
      return after;
    },

    /** remove deletes a user with their sessions and API keys. */
    async remove(id: string): Promise<void> {
      await store.remove(id, async (u, otherAdmins) => {
        if (u.role === "admin" && (await otherAdmins()) === 0) throw errors.conflict("the last admin cannot be removed");
      });
      deps.streams?.revoke({ userId: id, reason: "user deleted" });
    },

    /** setPassword replaces a user's password without touching sessions. */
    async setPassword(id: string, password: string): Promise<void> {
      checkPasswordPolicy(password, "new_password");
      await store.setPasswordHash(id, await hashPassword(password));
    },

    /** touchLogin stamps a successful login and returns the updated user. */
    touchLogin: store.touchLogin,
  };
}

/**
 * ensureAdminUser creates user `admin` with the configured password when no
 * user exists yet (FLOTILLA_ADMIN_PASSWORD). Returns whether it created one.
 */
export async function ensureAdminUser(ctx: Pick<MasterContext, "db" | "log" | "config">): Promise<boolean> {
  const password = ctx.config.adminPassword;
  if (!password) return false;
  const users = createUserService(ctx);
  if ((await users.count()) > 0) return false;
  try {
    await users.setupFirstAdmin({ username: "admin", password });
  } catch (err) {
    if (err instanceof FlotillaError && err.code === "conflict") return false;
    if (err instanceof FlotillaError && err.code === "invalid_argument") throw new ConfigError("FLOTILLA_ADMIN_PASSWORD", err.message);
    throw err;
  }
  ctx.log.info({ username: "admin" }, "created the first admin from FLOTILLA_ADMIN_PASSWORD");
  return true;
}
