import { strict as assert } from "node:assert";
import { createLogger } from "@flotilla/shared";
import { openDb, type OpenedDb } from "../../master/src/db/client.js";
import { createContainerStore } from "../../master/src/services/container-store.js";
import pg from "pg";
import { PG_URL, testDatabase, usingPostgres } from "../helpers/database.js";

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
  let url: string;
  const log = createLogger({ level: "error", name: "test" });
  const cols = ["id", "type", "nodeId", "ts", "data"] as const;

  beforeEach(async () => {
    const tdb = await testDatabase();
    cleanup = tdb.cleanup;
    url = tdb.url;
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
  it("upserts a node's containers in multi-row statements: new rows inserted, known rows overwritten, vanished rows deleted", async () => {
    const store = createContainerStore({ db: opened.db, bulk: opened.bulk, provider: opened.provider });
    const created = new Date("2026-01-02T03:04:05.678Z");
    const row = (i: number, state: string) => ({
      nodeId: "nod_1",
      id: `c${String(i).padStart(4, "0")}`,
      name: `web-${i}`,
      image: "local/busybox:1",
      imageId: "sha256:ab",
      state,
      status: state === "running" ? "Up 3 minutes (healthy)" : "Exited (0)",
      createdAt: created,
      ports: '[{"private":80}]',
      labels: '{"tier":"ü \\u0000"}',
      restartCount: i % 3,
    });
    // more rows than one statement holds, the same id twice (the last wins)
    await store.apply("nod_1", [...Array.from({ length: 700 }, (_, i) => row(i, "running")), row(5, "paused")], []);
    await store.apply("nod_2", [{ ...row(1, "running"), nodeId: "nod_2" }], []);
    assert.equal(await opened.db.container.count({ where: { nodeId: "nod_1" } }), 700);
    const before = await opened.db.container.findUniqueOrThrow({ where: { nodeId_id: { nodeId: "nod_1", id: "c0005" } } });
    assert.equal(before.state, "paused");
    assert.equal(before.createdAt.toISOString(), created.toISOString());
    assert.equal(before.labels, '{"tier":"ü \\u0000"}');
    assert.ok(Math.abs(before.updatedAt.getTime() - Date.now()) < 10_000);

    const deletes = Array.from({ length: 600 }, (_, i) => `c${String(i + 100).padStart(4, "0")}`);
    await store.apply("nod_1", [row(1, "exited"), row(900, "running")], deletes);
    const left = await opened.db.container.findMany({ where: { nodeId: "nod_1" }, orderBy: { id: "asc" } });
    assert.equal(left.length, 101);
    assert.equal(left.find((c) => c.id === "c0001")?.state, "exited");
    assert.equal(left.find((c) => c.id === "c0001")?.status, "Exited (0)");
    assert.equal(left.find((c) => c.id === "c0002")?.state, "running");
    assert.ok(left.some((c) => c.id === "c0900"));
    // another node's container with the same id is its own row
    assert.equal((await opened.db.container.findUniqueOrThrow({ where: { nodeId_id: { nodeId: "nod_2", id: "c0001" } } })).state, "running");
  });
  // PostgreSQL only: SQLite has no connection to break.
  if (usingPostgres())
    it("a connection terminated inside a Prisma transaction: the transaction fails, writes go on, and closing does not hang", async () => {
      const own = await openDb(url, log);
      const killer = new pg.Client({ connectionString: PG_URL });
      await killer.connect();
      try {
        const tx = own.db.$transaction(async (t) => {
          const [row] = await t.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          await killer.query("SELECT pg_terminate_backend($1)", [row!.pid]);
          await new Promise((r) => setTimeout(r, 300));
          await t.$queryRaw`SELECT 1`;
        });
        await assert.rejects(tx);
        await own.bulk.run(own.bulk.insert("Event", cols, [["evt_after", "t", null, new Date(), "{}"]]));
        assert.equal(await own.db.event.count({ where: { id: "evt_after" } }), 1);
      } finally {
        await killer.end();
        const t = performance.now();
        await own.close();
        assert.ok(performance.now() - t < 5_000, "close returned");
      }
    });
});
