import { strict as assert } from "node:assert";
import { createLogger } from "@flotilla/shared";
import { openDb, type OpenedDb } from "../../master/src/db/client.js";
import { testDatabase, usingPostgres } from "../helpers/database.js";

/**
 * The bulk writer writes the event log and the webhook queue below the ORM:
 * what it writes must read back through Prisma exactly as Prisma's own
 * writes do, a batch is one transaction, and on SQLite it never joins (or
 * is lost with) a Prisma transaction open on the shared connection.
 */
describe(`db: bulk writer (${usingPostgres() ? "postgres" : "sqlite"})`, function () {
  this.timeout(30_000);
  let opened: OpenedDb;
  let cleanup: () => Promise<void>;
  const log = createLogger({ level: "error", name: "test" });
  const cols = ["id", "type", "nodeId", "ts", "data"] as const;

  beforeEach(async () => {
    const tdb = await testDatabase();
    cleanup = tdb.cleanup;
    opened = await openDb(tdb.url, log);
  });
  afterEach(async () => {
    await opened.close();
    await cleanup();
  });

  it("runs on the driver's own connection, not through the ORM", () => {
    assert.equal(opened.bulk.kind, usingPostgres() ? "postgres" : "sqlite");
  });

  it("writes rows that Prisma reads back unchanged: dates to the millisecond, nulls, unicode, NUL escapes in JSON", async () => {
    const ts = new Date("2026-03-04T05:06:07.089Z");
    const data = JSON.stringify({ s: "naïve \u0000 \ud83d\ude00 \ud800", n: 1 });
    await opened.bulk.run(
      opened.bulk.insert("Event", cols, [
        ["evt_a", "node.online", "nod_1", ts, data],
        ["evt_b", "scan.failed", null, ts, "{}"],
      ]),
    );
    const rows = await opened.db.event.findMany({ orderBy: { id: "asc" } });
    assert.deepEqual(
      rows.map((r) => [r.id, r.type, r.nodeId, r.ts.toISOString(), r.data]),
      [
        ["evt_a", "node.online", "nod_1", ts.toISOString(), data],
        ["evt_b", "scan.failed", null, ts.toISOString(), "{}"],
      ],
    );
    // Prisma filters on the written dates as on its own
    assert.equal(await opened.db.event.count({ where: { ts: { gte: ts } } }), 2);
    assert.equal(await opened.db.event.count({ where: { ts: { gt: ts } } }), 0);
    await opened.db.event.create({ data: { id: "evt_c", type: "x", ts: new Date(ts.getTime() + 1) } });
    assert.deepEqual(
      (await opened.db.event.findMany({ where: { ts: { gt: ts } } })).map((r) => r.id),
      ["evt_c"],
    );
  });

  it("splits a large batch under the parameter limit and writes every row once", async () => {
    const ts = new Date();
    const rows = Array.from({ length: 3_001 }, (_, i) => [`evt_${String(i).padStart(5, "0")}`, "t", null, ts, "{}"]);
    const stmts = opened.bulk.insert("Event", cols, rows);
    assert.ok(stmts.length > 1);
    for (const s of stmts) assert.ok(s.args.length <= 8_000);
    await opened.bulk.run(stmts);
    assert.equal(await opened.db.event.count(), 3_001);
  });

  it("is one transaction: a failing statement leaves none of the batch", async () => {
    const ts = new Date();
    await opened.db.event.create({ data: { id: "evt_dup", type: "x", ts } });
    const stmts = [
      ...opened.bulk.insert("Event", cols, [["evt_new", "t", null, ts, "{}"]]),
      ...opened.bulk.insert("Event", cols, [["evt_dup", "t", null, ts, "{}"]]),
    ];
    await assert.rejects(opened.bulk.run(stmts));
    assert.deepEqual(
      (await opened.db.event.findMany()).map((r) => r.id),
      ["evt_dup"],
    );
  });

  it("waits for a Prisma transaction in progress instead of joining it: a rollback there keeps the batch", async () => {
    const ts = new Date();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = opened.db
      .$transaction(async (t) => {
        await t.event.create({ data: { id: "evt_tx", type: "x", ts } });
        await held;
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 50));
    const write = opened.bulk.run(opened.bulk.insert("Event", cols, [["evt_bulk", "t", null, ts, "{}"]]));
    await new Promise((r) => setTimeout(r, 50));
    release();
    assert.equal(await tx, "roll back");
    await write;
    assert.deepEqual(
      (await opened.db.event.findMany()).map((r) => r.id),
      ["evt_bulk"],
    );
  });
});
