import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "@flotilla/shared";
import type { Provider } from "./types.js";

/** Migration is one SQL file from prisma/migrations/<provider>/. */
export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

/** MigrationDriver is the minimal SQL access the runner needs. */
export interface MigrationDriver {
  /** Runs fn while holding the migration lock (exclusive across processes). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  appliedIds(): Promise<Map<string, string>>;
  /** Applies one migration and records it in the ledger, in one transaction. */
  apply(m: Migration): Promise<void>;
}

/** MIGRATIONS_DIR is where the SQL migrations ship, relative to this file (src or dist). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** LEDGER is the table recording applied migrations. */
export const LEDGER = "_flotilla_migrations";

/** loadMigrations reads the provider's SQL files in name order. */
export function loadMigrations(provider: Provider, dir = MIGRATIONS_DIR): Migration[] {
  const root = join(dir, provider);
  return readdirSync(root)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(root, f), "utf8");
      return { id: f.replace(/\.sql$/, ""), sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * runMigrations applies every pending migration under the lock, each in its
 * own transaction, and refuses to start when an applied migration was changed.
 * Returns the ids it applied.
 */
export async function runMigrations(driver: MigrationDriver, migrations: Migration[], log: Logger): Promise<string[]> {
  return driver.withLock(async () => {
    const applied = await driver.appliedIds();
    const done: string[] = [];
    for (const m of migrations) {
      const prev = applied.get(m.id);
      if (prev !== undefined) {
        if (prev !== m.checksum) throw new Error(`migration ${m.id} was modified after it was applied`);
        continue;
      }
      const t = Date.now();
      await driver.apply(m);
      log.info({ migration: m.id, ms: Date.now() - t }, "migration applied");
      done.push(m.id);
    }
    return done;
  });
}
