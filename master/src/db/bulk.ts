import Database from "better-sqlite3";
import type pg from "pg";
import type { Db, Provider } from "./types.js";
import { dbUnavailable } from "./unavailable.js";

/**
 * Stmt is one SQL statement with `?` placeholders (the only `?` characters
 * in its text) and its arguments (strings, numbers, null, Dates, booleans).
 */
export interface Stmt {
  sql: string;
  args: unknown[];
}

/**
 * BulkWriter runs the hot-path writes (the event log, the webhook delivery
 * queue and its attempt log) as plain multi-row SQL in one transaction,
 * below the ORM: Prisma's query compiler and argument mapping cost about
 * 20× the database's own work for a batch of a few hundred rows. Only the
 * stores that own those tables build statements for it, with the table and
 * column names of the Prisma schema; every other query stays on Prisma.
 */
export interface BulkWriter {
  /** kind tells how statements run: on Prisma's own SQLite connection, on its PostgreSQL pool, or through Prisma's raw queries. */
  readonly kind: "sqlite" | "postgres" | "prisma";
  /** table quotes a model's table name for statements (schema-qualified on PostgreSQL). */
  table(name: string): string;
  /**
   * insert builds INSERTs of `rows` (values in `columns` order) into a model's
   * table, chunked under the parameter limit. With `upsert`, a row whose
   * `keys` exist already updates the `set` columns instead (the keys of the
   * rows of one call must be distinct).
   */
  insert(table: string, columns: readonly string[], rows: unknown[][], upsert?: Upsert): Stmt[];
  /** run runs statements in order in one transaction. */
  run(stmts: Stmt[]): Promise<void>;
}

/** Upsert names the conflict target (a unique key) and the columns a conflicting row overwrites. */
export interface Upsert {
  keys: readonly string[];
  set: readonly string[];
}

/** Rows per INSERT are powers of two up to this, so a few prepared statements per table serve every batch size. */
const MAX_ROWS = 256;
/** Parameters per statement, under SQLite's limit (32,766) and PostgreSQL's (65,535). */
export const MAX_PARAMS = 8_000;

/** counted is told how many statements a writer ran (the database operation counter). */
type Counter = (n: number) => void;

function builder(table: (name: string) => string) {
  const quote = (c: string) => `"${c}"`;
  return {
    table,
    insert(name: string, columns: readonly string[], rows: unknown[][], upsert?: Upsert): Stmt[] {
      const out: Stmt[] = [];
      const cap = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
      const one = `(${columns.map(() => "?").join(",")})`;
      const head = `INSERT INTO ${table(name)} (${columns.map(quote).join(",")}) VALUES `;
      // SQLite and PostgreSQL share this form; `excluded` is the row that was refused.
      const tail = upsert
        ? ` ON CONFLICT (${upsert.keys.map(quote).join(",")}) DO UPDATE SET ${upsert.set.map((c) => `${quote(c)}=excluded.${quote(c)}`).join(",")}`
        : "";
      let i = 0;
      while (i < rows.length) {
        let n = 1;
        while (n * 2 <= Math.min(cap, rows.length - i)) n *= 2;
        const args: unknown[] = [];
        for (const r of rows.slice(i, i + n)) args.push(...r);
        out.push({ sql: head + Array.from({ length: n }, () => one).join(",") + tail, args });
        i += n;
      }
      return out;
    },
  };
}

/** sqliteValue stores a value as Prisma's SQLite adapter does (DateTime as ISO 8601 text with "+00:00", booleans as 0/1). */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v === undefined ? null : v;
}

/**
 * sqliteWriter runs statements on the connection Prisma's adapter uses (one
 * connection, one writer: no lock contention, no stale snapshot for a
 * Prisma transaction). A batch runs synchronously inside BEGIN IMMEDIATE, so
 * nothing interleaves with it; while a Prisma transaction is open on the
 * connection (between its awaits) the batch waits for it to end instead of
 * joining it.
 */
export function sqliteWriter(conn: () => Database.Database | undefined, count: Counter): BulkWriter {
  const b = builder((n) => `"${n}"`);
  const cache = new Map<string, Database.Statement>();
  let owner: Database.Database | undefined;
  const prepared = (c: Database.Database, sql: string) => {
    if (owner !== c) (cache.clear(), (owner = c));
    return cache.get(sql) ?? cache.set(sql, c.prepare(sql)).get(sql)!;
  };
  return {
    kind: "sqlite",
    ...b,
    async run(stmts) {
      if (!stmts.length) return;
      for (let spins = 0; ; spins++) {
        const c = conn();
        if (!c || !c.open) throw dbUnavailable(Object.assign(new Error("the database connection is closed"), { code: "SQLITE_CANTOPEN" }));
        if (!c.inTransaction) {
          try {
            c.transaction(() => {
              for (const s of stmts) prepared(c, s.sql).run(s.args.map(sqliteValue));
            }).immediate();
          } catch (err) {
            throw dbUnavailable(err);
          }
          count(stmts.length);
          return;
        }
        await new Promise((r) => (spins < 20 ? setImmediate(r) : setTimeout(r, 2)));
      }
    },
  };
}

/** pgValue sends a DateTime as UTC text: the columns are `timestamp(3)` without time zone, as Prisma writes them. */
function pgValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("Z", "");
  return v === undefined ? null : v;
}

/** pgTable quotes a table of `schema`. */
const pgTable = (schema: string) => (n: string) => `"${schema.replace(/"/g, '""')}"."${n}"`;

/** numbered turns `?` placeholders into PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** postgresWriter runs statements in one transaction on a connection of the pool Prisma's adapter shares. */
export function postgresWriter(pool: pg.Pool, schema: string, count: Counter): BulkWriter {
  const b = builder(pgTable(schema));
  return {
    kind: "postgres",
    ...b,
    async run(stmts) {
      if (!stmts.length) return;
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw dbUnavailable(err);
      }
      let broken: unknown;
      try {
        await client.query("BEGIN");
        for (const s of stmts) await client.query(numbered(s.sql), s.args.map(pgValue));
        await client.query("COMMIT");
        count(stmts.length + 2);
      } catch (err) {
        broken = err;
        await client.query("ROLLBACK").catch(() => undefined);
        throw dbUnavailable(err);
      } finally {
        client.release(broken instanceof Error && /Connection terminated|not queryable/.test(broken.message) ? broken : undefined);
      }
    },
  };
}

/** prismaWriter runs statements as Prisma raw queries in one Prisma transaction: the fallback when the driver's connection is not reachable. */
export function prismaWriter(db: Db, provider: Provider, schema: string): BulkWriter {
  const b = builder(provider === "postgres" ? pgTable(schema) : (n) => `"${n}"`);
  const placeholders = provider === "postgres" ? numbered : (sql: string) => sql;
  return {
    kind: "prisma",
    ...b,
    async run(stmts) {
      if (!stmts.length) return;
      await db.$transaction(stmts.map((s) => db.$executeRawUnsafe(placeholders(s.sql), ...s.args.map((v) => (v === undefined ? null : v)))));
    },
  };
}

/** connectionOf reads the better-sqlite3 connection of a Prisma SQLite adapter, when this adapter version exposes it. */
export function connectionOf(adapter: unknown): Database.Database | undefined {
  const c = (adapter as { client?: unknown } | null)?.client;
  return c instanceof Database ? c : undefined;
}
