import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { FlotillaError, createLogger } from "@flotilla/shared";
import { openDb, type OpenedDb } from "../../master/src/db/client.js";

/** The one mapping of database failures: an outage is `unavailable`, a constraint stays what it is. */
describe("db: errors of a database that does not answer", function () {
  this.timeout(30_000);
  let dir: string;
  let opened: OpenedDb;
  const log = createLogger({ level: "error", name: "test" });
  const user = (id: string, username: string) => ({ data: { id, username, passwordHash: "x", role: "viewer" } });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "flotilla-unavail-"));
    opened = await openDb(`file:${join(dir, "f.db")}`, log);
  });
  afterEach(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a unique violation as Prisma's P2002 (a conflict, not an outage)", async () => {
    await opened.db.user.create(user("u1", "alice"));
    const err = await opened.db.user.create(user("u2", "alice")).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err && !(err instanceof FlotillaError), "not converted");
    assert.equal((err as { code?: string }).code, "P2002");
  });

  it("turns a write blocked by another process's lock into unavailable within the busy timeout", async () => {
    const lock = new Database(join(dir, "f.db"), { timeout: 0 });
    lock.exec("BEGIN EXCLUSIVE");
    try {
      const t = Date.now();
      const err = await opened.db.user.create(user("u3", "bob")).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof FlotillaError, `FlotillaError expected, got ${String(err)}`);
      assert.equal(err.code, "unavailable");
      assert.ok(Date.now() - t < 8_000, "bounded by the busy timeout");
    } finally {
      lock.exec("ROLLBACK");
      lock.close();
    }
    await opened.db.user.create(user("u3", "bob"));
    await opened.ping(1_500);
  });
});
