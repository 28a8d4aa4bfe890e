import { ConfigError, errors, FlotillaError } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { User } from "../generated/sqlite/client.js";
import { newId } from "../ids.js";
import type { Revoker } from "./live-streams.js";
import { checkPasswordPolicy, hashPassword } from "./passwords.js";

/** USER_ROLES are the roles a user can hold, lowest first. */
export const USER_ROLES = ["viewer", "operator", "admin"] as const;
/** UserRole is one of {@link USER_ROLES}. */
export type UserRole = (typeof USER_ROLES)[number];
/** USERNAME_PATTERN is what a username may look like. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

/** ADMIN_LOCK_KEY is the PostgreSQL advisory lock held while an admin is demoted or removed. */
const ADMIN_LOCK_KEY = 0x466c6164; // "Flad"

/** canonicalUsername is the stored form of a username: usernames are case-insensitive, kept in lower case. */
export function canonicalUsername(name: string): string {
  return name.toLowerCase();
}

/** UserService manages operator accounts; it enforces the last-admin rule. */
export type UserService = ReturnType<typeof createUserService>;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** createUserService returns the user store operations. */
export function createUserService(
  ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>,
  deps: { /** streams closes the live streams of changed or removed users. */ streams?: Revoker } = {},
) {
  const { db } = ctx;

  async function get(id: string): Promise<User> {
    const u = await db.user.findUnique({ where: { id } });
    if (!u) throw errors.notFound("user");
    return u;
  }

  async function create(input: { username: string; password: string; role: UserRole }): Promise<User> {
    checkPasswordPolicy(input.password);
    const passwordHash = await hashPassword(input.password);
    try {
      return await db.user.create({ data: { id: newId("usr"), username: canonicalUsername(input.username), passwordHash, role: input.role } });
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict(`username "${input.username}" is taken`);
      throw err;
    }
  }

  /**
   * otherAdmins counts admins other than `id` inside a transaction that
   * holds the admin-change lock, so two concurrent demotions or removals
   * cannot both see the other admin and leave none. SQLite transactions
   * already serialise (BEGIN IMMEDIATE); PostgreSQL takes a
   * transaction-scoped advisory lock.
   */
  async function otherAdmins(tx: Pick<typeof db, "user" | "$queryRawUnsafe">, id: string): Promise<number> {
    if (ctx.provider === "postgres") await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${ADMIN_LOCK_KEY})::text`);
    return tx.user.count({ where: { role: "admin", NOT: { id } } });
  }

  return {
    get,
    create,
    count: () => db.user.count(),
    findByUsername: (username: string) => db.user.findUnique({ where: { username: canonicalUsername(username) } }),

    /** list returns users ordered by id after `afterId`. */
    list: (opts: { afterId?: string; take: number }) =>
      db.user.findMany({ where: opts.afterId ? { id: { gt: opts.afterId } } : {}, orderBy: { id: "asc" }, take: opts.take }),

    /** setupFirstAdmin creates the first admin; conflict once any user exists. */
    async setupFirstAdmin(input: { username: string; password: string }): Promise<User> {
      checkPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      return db.$transaction(async (tx) => {
        if ((await tx.user.count()) > 0) throw errors.conflict("setup is already done: a user exists");
        return tx.user.create({ data: { id: newId("usr"), username: canonicalUsername(input.username), passwordHash, role: "admin" } });
      });
    },

    /** update changes a user's role and/or password; password changes end the user's sessions. */
    async update(id: string, patch: { role?: UserRole; password?: string }): Promise<User> {
      if (patch.password !== undefined) checkPasswordPolicy(patch.password);
      const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
      const { before, after } = await db.$transaction(async (tx) => {
        const u = await tx.user.findUnique({ where: { id } });
        if (!u) throw errors.notFound("user");
        if (patch.role && patch.role !== "admin" && u.role === "admin" && (await otherAdmins(tx, id)) === 0)
          throw errors.conflict("the last admin cannot be demoted");
        if (passwordHash) await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
        return { before: u, after: await tx.user.update({ where: { id }, data: { role: patch.role, passwordHash } }) };
      });
      if (after.role !== before.role) deps.streams?.revoke({ userId: id, reason: `role changed to ${after.role}` });
      else if (passwordHash) deps.streams?.revoke({ userId: id, sessionsOnly: true, reason: "password changed" });
      return after;
    },

    /** remove deletes a user with their sessions and API keys. */
    async remove(id: string): Promise<void> {
      await db.$transaction(async (tx) => {
        const u = await tx.user.findUnique({ where: { id } });
        if (!u) throw errors.notFound("user");
        if (u.role === "admin" && (await otherAdmins(tx, id)) === 0) throw errors.conflict("the last admin cannot be removed");
        await tx.user.delete({ where: { id } });
      });
      deps.streams?.revoke({ userId: id, reason: "user deleted" });
    },

    /** setPassword replaces a user's password without touching sessions. */
    async setPassword(id: string, password: string): Promise<void> {
      checkPasswordPolicy(password, "new_password");
      await db.user.update({ where: { id }, data: { passwordHash: await hashPassword(password) } });
    },
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
