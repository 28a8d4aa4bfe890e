import pg from "pg";
import { LEDGER, type Migration, type MigrationDriver } from "./migrate.js";

/** LOCK_KEY is the advisory lock id held while migrating. */
const LOCK_KEY = 0x466c6f74; // "Flot"

/**
 * createPostgresMigrationDriver runs migrations on PostgreSQL under an
 * advisory lock, so several master replicas starting together migrate once.
 * `schema` selects the search path (created if missing).
 */
export async function createPostgresMigrationDriver(connectionString: string, schema: string): Promise<MigrationDriver & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await client.query(`SET search_path TO ${q(schema)}`);
  return {
    async withLock(fn) {
      await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
      try {
        // Created under the lock: concurrent IF NOT EXISTS races in PostgreSQL.
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS "${LEDGER}" (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
        );
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
      }
    },
    async exec(sql) {
      await client.query(sql);
    },
    async appliedIds() {
      const r = await client.query<{ id: string; checksum: string }>(`SELECT id, checksum FROM "${LEDGER}"`);
      return new Map(r.rows.map((row) => [row.id, row.checksum]));
    },
    async apply(m: Migration) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${LEDGER}" (id, checksum) VALUES ($1, $2)`, [m.id, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    },
    async close() {
      await client.end();
    },
  };
}
