import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError, type Logger } from "@flotilla/shared";
import { errnoText } from "../startup.js";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { connectionOf, postgresWriter, prismaWriter, sqliteWriter, type BulkWriter } from "./bulk.js";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "../generated/postgres/client.js";
import { loadMigrations, runMigrations } from "./migrate.js";
import { createPostgresMigrationDriver } from "./postgres-driver.js";
import { createSqliteMigrationDriver } from "./sqlite-driver.js";
import type { Db, Provider } from "./types.js";
import { dbUnavailable } from "./unavailable.js";

/** OpenedDb is a migrated database ready for services. */
export interface OpenedDb {
  db: Db;
  provider: Provider;
  /** bulk runs the hot-path multi-row writes (event log, webhook queue) below the ORM, on the same connections. */
  bulk: BulkWriter;
  /** ping runs a trivial query; rejects when the database does not answer within timeoutMs. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Query time bounds. PostgreSQL: a connection (or a free pool slot) within
 * CONNECT_TIMEOUT_MS, a statement within STATEMENT_TIMEOUT_MS on the server
 * and an answer within QUERY_TIMEOUT_MS on the client (which also covers a
 * server that holds the bytes without answering); `statement_timeout` and
 * `query_timeout` (milliseconds) in the URL override the last two. SQLite
 * waits for another process's lock at most SQLITE_BUSY_MS: better-sqlite3
 * waits synchronously, so this also bounds how long the master stands still.
 */
export const DB_TIMEOUTS = { CONNECT_TIMEOUT_MS: 3_000, STATEMENT_TIMEOUT_MS: 5_000, QUERY_TIMEOUT_MS: 6_000, SQLITE_BUSY_MS: 2_000 };

/** How long closing waits for the PostgreSQL pool's connections to end, ms. */
const POOL_END_MS = 2_000;

let queries = 0;

/** dbQueryCount is how many database operations this process has run (exported as flotilla_db_queries_total). */
export function dbQueryCount(): number {
  return queries;
}

const countQueries = (n: number) => {
  queries += n;
};

/**
 * withUnavailable makes every operation of a Prisma client throw the
 * `unavailable` FlotillaError when the database does not answer, so services
 * and both transports see one error for an outage; it also counts operations.
 */
function withUnavailable<T extends { $extends: (ext: never) => unknown }>(client: T): Db {
  const ext = {
    query: {
      async $allOperations({ args, query }: { args: unknown; query: (a: unknown) => Promise<unknown> }) {
        queries++;
        try {
          return await query(args);
        } catch (err) {
          throw dbUnavailable(err);
        }
      },
    },
  };
  return (client.$extends as (e: unknown) => unknown)(ext) as Db;
}

/** deadline rejects with `unavailable` when p has not settled within ms. */
function deadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(dbUnavailable(Object.assign(new Error("Query read timeout"), { code: "ETIMEDOUT" }))), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
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
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // The database holds password hashes and audit data: owner-only, with its WAL and shared-memory files.
    if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
    const driver = createSqliteMigrationDriver(file);
    try {
      await runMigrations(driver, loadMigrations("sqlite"), log);
    } finally {
      driver.close();
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    // the bulk writer shares the adapter's one connection (captured when Prisma connects)
    const factory = new PrismaBetterSQLite3({ url: file, timeout: DB_TIMEOUTS.SQLITE_BUSY_MS });
    let conn: ReturnType<typeof connectionOf>;
    const adapter = {
      provider: factory.provider as "sqlite",
      adapterName: factory.adapterName,
      connect: async () => {
        const a = await factory.connect();
        conn = connectionOf(a);
        return a;
      },
      connectToShadowDb: () => factory.connectToShadowDb(),
    };
    const client = new SqliteClient({ adapter });
    const db = withUnavailable(client);
    await client.$connect();
    const bulk = conn ? sqliteWriter(() => conn, countQueries) : prismaWriter(db, provider, "");
    if (!conn) log.warn({}, "the SQLite driver connection is not reachable; bulk writes run through Prisma (slower)");
    return { db, provider, bulk, ping: (ms) => deadline(db.$queryRaw`SELECT 1`, ms).then(() => undefined), close: () => client.$disconnect() };
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
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: DB_TIMEOUTS.CONNECT_TIMEOUT_MS,
    statement_timeout: DB_TIMEOUTS.STATEMENT_TIMEOUT_MS,
    query_timeout: DB_TIMEOUTS.QUERY_TIMEOUT_MS,
  });
  // A broken connection emits 'error' on its client, and an 'error' nobody
  // hears ends the process. The pool hears its idle clients; a client that
  // breaks while checked out (between the queries of a transaction, Prisma's
  // or the bulk writer's) gets this listener, and the query in progress or
  // the next one reports the failure as `unavailable`.
  const broken = (what: string) => (err: Error & { code?: string }) => log.warn({ err: { message: err.message, code: err.code } }, what);
  pool.on("error", broken("idle PostgreSQL connection failed"));
  pool.on("connect", (c) => c.on("error", broken("PostgreSQL connection failed")));
  const client = new PostgresClient({ adapter: new PrismaPg(pool, { schema }) });
  const db = withUnavailable(client);
  const bulk = postgresWriter(pool, schema, countQueries);
  const close = async () => {
    await client.$disconnect();
    // A connection that broke inside a Prisma transaction can stay checked
    // out for good, and pool.end() waits for every checked-out client.
    await deadline(pool.end(), POOL_END_MS).catch((err: Error) =>
      log.warn({ waiting: pool.totalCount - pool.idleCount, err: err.message }, "PostgreSQL pool did not close in time; leaving it"),
    );
  };
  return { db, provider, bulk, ping: (ms) => deadline(db.$queryRaw`SELECT 1`, ms).then(() => undefined), close };
}
