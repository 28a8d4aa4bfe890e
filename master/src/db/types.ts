import type { PrismaClient } from "../generated/sqlite/client.js";

/**
 * Db is the Prisma client used by services. SQLite and PostgreSQL clients are
 * generated from one schema, so both share this type.
 */
export type Db = PrismaClient;

/** Provider names the database engine behind a Db. */
export type Provider = "sqlite" | "postgres";
