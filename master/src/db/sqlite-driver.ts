import Database from "better-sqlite3";
import { LEDGER, type Migration, type MigrationDriver } from "./migrate.js";

/**
 * createSqliteMigrationDriver runs migrations on a SQLite file. The lock is
 * SQLite's own write lock (BEGIN IMMEDIATE), so two masters on one file
 * cannot migrate at once.
 */
export function createSqliteMigrationDriver(file: string): MigrationDriver & { close(): void } {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE IF NOT EXISTS "${LEDGER}" (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  return {
    async withLock(fn) {
      return fn();
    },
    async exec(sql) {
      db.exec(sql);
    },
    async appliedIds() {
      const rows = db.prepare(`SELECT id, checksum FROM "${LEDGER}"`).all() as { id: string; checksum: string }[];
      return new Map(rows.map((r) => [r.id, r.checksum]));
    },
    async apply(m: Migration) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const exists = db.prepare(`SELECT 1 FROM "${LEDGER}" WHERE id = ?`).get(m.id);
        if (!exists) {
          db.exec(m.sql);
          db.prepare(`INSERT INTO "${LEDGER}" (id, checksum, applied_at) VALUES (?, ?, ?)`).run(m.id, m.checksum, new Date().toISOString());
        }
        db.exec("COMMIT");
      } catch (err) {
        db.exec("ROLLBACK");
        throw err;
      }
    },
    close() {
      db.close();
    },
  };
}
