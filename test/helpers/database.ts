import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** PG_URL is the PostgreSQL server the suites use when FLOTILLA_TEST_DB=postgres. */
export const PG_URL = process.env.FLOTILLA_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/** usingPostgres reports whether this run targets PostgreSQL. */
export function usingPostgres(): boolean {
  return process.env.FLOTILLA_TEST_DB === "postgres";
}

/**
 * testDatabase returns a fresh, empty database URL for one test (a temp
 * SQLite file, or a new PostgreSQL schema when FLOTILLA_TEST_DB=postgres)
 * and a cleanup function that removes it.
 */
export async function testDatabase(): Promise<{ url: string; dir: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "flotilla-test-"));
  if (!usingPostgres()) {
    return { url: `file:${join(dir, "flotilla.db")}`, dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return postgresDatabase(dir);
}

/** postgresDatabase returns a fresh PostgreSQL schema whatever the run targets (replica tests need one). */
export async function postgresDatabase(
  dir = mkdtempSync(join(tmpdir(), "flotilla-test-")),
): Promise<{ url: string; dir: string; cleanup(): Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    url: `${PG_URL}?schema=${schema}`,
    dir,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
