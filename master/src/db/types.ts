import type { Prisma, PrismaClient } from "../generated/sqlite/client.js";

/**
 * Db is the Prisma client used by services. SQLite and PostgreSQL clients are
 * generated from one schema, so both share this type.
 */
export type Db = PrismaClient;

/** Provider names the database engine behind a Db. */
export type Provider = "sqlite" | "postgres";

/**
 * DbWrite is one not-yet-run write built by a store (a Prisma promise runs
 * only when awaited or handed to a transaction), so one store can commit
 * another store's rows in its own transaction.
 */
export type DbWrite = Prisma.PrismaPromise<unknown>;
