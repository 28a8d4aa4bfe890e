import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError, type Logger } from "@flotilla/shared";
import { errnoText } from "../startup.js";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "../generated/postgres/client.js";
import { loadMigrations, runMigrations } from "./migrate.js";
import { createPostgresMigrationDriver } from "./postgres-driver.js";
import { createSqliteMigrationDriver } from "./sqlite-driver.js";
import type { Db, Provider } from "./types.js";

/** OpenedDb is a migrated database ready for services. */
export interface OpenedDb {
  db: Db;
  provider: Provider;
  close(): Promise<void>;
}

/** providerOf tells which engine a database URL selects. */
export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/**
 * openDb applies pending migrations and returns a Prisma client for the URL:
 * `file:/path.db` (SQLite, WAL) or `postgres://…[?schema=name]`.
 */
export async function openDb(url: string, log: Logger): Promise<OpenedDb> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = url.replace(/^file:/, "");
    mkdirSync(dirname(file), { recursive: true });
    const driver = createSqliteMigrationDriver(file);
    try {
      await runMigrations(driver, loadMigrations("sqlite"), log);
    } finally {
      driver.close();
    }
    const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
    return { db: client, provider, close: () => client.$disconnect() };
  }
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  const connectionString = parsed.toString();
  const driver = await createPostgresMigrationDriver(connectionString, schema).catch((err: unknown) => {
    throw ConfigError.startup("--database-url", `cannot connect to PostgreSQL at ${parsed.host || "localhost"}: ${errnoText(err)}`);
  });
  try {
    await runMigrations(driver, loadMigrations("postgres"), log);
  } finally {
    await driver.close();
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString, max: 10 }, { schema }) });
  return { db: client as unknown as Db, provider, close: () => client.$disconnect() };
}
