import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createLogger } from "@flotilla/shared";
import { openDb, providerOf } from "../../master/src/db/client.js";
import { loadMigrations, MIGRATIONS_DIR, runMigrations } from "../../master/src/db/migrate.js";
import { createSqliteMigrationDriver } from "../../master/src/db/sqlite-driver.js";
import { testDatabase, usingPostgres } from "../helpers/database.js";

const log = createLogger({ level: "silent", name: "test" });

describe(`database migrations (${usingPostgres() ? "postgres" : "sqlite"})`, () => {
  it("creates the schema on an empty database and is idempotent on restart", async () => {
    const t = await testDatabase();
    try {
      const a = await openDb(t.url, log);
      assert.equal(a.provider, providerOf(t.url));
      await a.db.user.create({ data: { id: "u1", username: "alice", passwordHash: "x", role: "admin" } });
      await a.close();
      const b = await openDb(t.url, log);
      const users = await b.db.user.findMany();
      assert.deepEqual(
        users.map((u) => u.username),
        ["alice"],
        "data survives a second start",
      );
      await b.close();
    } finally {
      await t.cleanup();
    }
  });

  it("lets several masters start together and migrates once", async () => {
    const t = await testDatabase();
    try {
      const opened = await Promise.all([openDb(t.url, log), openDb(t.url, log), openDb(t.url, log)]);
      await opened[0]!.db.node.count();
      await Promise.all(opened.map((o) => o.close()));
    } finally {
      await t.cleanup();
    }
  });

  it("upgrades a database made by the first release in place, keeping its rows", async function () {
    if (usingPostgres()) return; // the runner is provider-independent; PostgreSQL runs every migration on each fresh schema
    const dir = mkdtempSync(join(tmpdir(), "flotilla-mig-"));
    try {
      const all = loadMigrations("sqlite");
      assert.ok(all.length >= 2, "there is an upgrade to test");
      const file = join(dir, "db.sqlite");
      const d1 = createSqliteMigrationDriver(file);
      assert.deepEqual(await runMigrations(d1, all.slice(0, 1), log), ["0001_init"]);
      d1.close();
      const raw = new Database(file);
      raw.prepare(`INSERT INTO "User" (id, username, passwordHash, role, createdAt, updatedAt) VALUES ('usr_1', 'old', 'x', 'admin', 0, 0)`).run();
      raw.prepare(`INSERT INTO "Session" (id, userId, refreshHash, csrfToken, expiresAt) VALUES ('ses_1', 'usr_1', 'h', 'c', 0)`).run();
      raw.close();
      const d2 = createSqliteMigrationDriver(file);
      assert.deepEqual(
        await runMigrations(d2, all, log),
        all.slice(1).map((m) => m.id),
      );
      d2.close();
      const after = new Database(file, { readonly: true });
      const row = after.prepare(`SELECT id, refreshHash, previousRefreshHash FROM "Session"`).get();
      after.close();
      assert.deepEqual(row, { id: "ses_1", refreshHash: "h", previousRefreshHash: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start when an applied migration was changed", async function () {
    if (usingPostgres()) return; // the same check runs provider-independently on SQLite
    const dir = mkdtempSync(join(tmpdir(), "flotilla-mig-"));
    try {
      cpSync(MIGRATIONS_DIR, join(dir, "m"), { recursive: true });
      const file = join(dir, "db.sqlite");
      const d1 = createSqliteMigrationDriver(file);
      assert.deepEqual(
        await runMigrations(d1, loadMigrations("sqlite", join(dir, "m")), log),
        loadMigrations("sqlite").map((m) => m.id),
      );
      d1.close();
      const first = loadMigrations("sqlite", join(dir, "m"))[0]!;
      appendFileSync(join(dir, "m/sqlite", `${first.id}.sql`), "\n-- edited\n");
      const d2 = createSqliteMigrationDriver(file);
      await assert.rejects(runMigrations(d2, loadMigrations("sqlite", join(dir, "m")), log), /was modified/);
      writeFileSync(join(dir, "m/sqlite/9999_extra.sql"), 'CREATE TABLE "Extra" (id TEXT);');
      d2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
