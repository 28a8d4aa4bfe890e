import assert from "node:assert/strict";
import { pino } from "pino";
import type { MasterConfig } from "../../master/src/config.js";
import type { MasterContext } from "../../master/src/context.js";
import { openDb } from "../../master/src/db/client.js";
import { createEventBus } from "../../master/src/events/bus.js";
import { createEventStore } from "../../master/src/events/event-store.js";
import type { FleetEvent } from "../../master/src/events/types.js";
import { createLiveness, type Liveness } from "../../master/src/liveness/index.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import { createNodeStore } from "../../master/src/services/node-store.js";
import { postgresDatabase } from "../helpers/database.js";
import { waitFor } from "../helpers/processes.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Replica is one replica's liveness on the shared database, with the events it published. */
interface Replica {
  ctx: MasterContext;
  live: Liveness;
  events: FleetEvent[];
  /** othersHold is what this replica currently believes of the other replicas (its NATS view). */
  othersHold: Set<string>;
  close(): Promise<void>;
}

/**
 * The handover of a worker between two replicas on one PostgreSQL schema,
 * with the NATS view of each replica set by the test so that the messages
 * arrive in the unlucky order: the replica the worker left judges it gone
 * before it hears that another replica claimed it.
 */
describe("replicas: a late offline write never leaves a node offline while another replica holds it (PostgreSQL)", function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  const replicas: Replica[] = [];
  let nodeSeq = 0;

  const replica = async (id: string): Promise<Replica> => {
    const log = pino({ level: process.env.FLOTILLA_TEST_LOG ?? "silent" });
    const opened = await openDb(db.url, log);
    const metrics = createMetrics();
    const bus = createEventBus({ store: createEventStore(opened), log, metrics }, { flushIntervalMs: 50 });
    // TTL = 1.5 × 200 ms + 200 ms = 500 ms.
    const config = { heartbeatIntervalMs: 200, heartbeatGraceMs: 200, databaseUrl: db.url } as MasterConfig;
    const ctx: MasterContext = { config, log, db: opened.db, provider: opened.provider, bulk: opened.bulk, bus, metrics };
    const othersHold = new Set<string>();
    const live = createLiveness(
      ctx,
      { sweepMs: 50, statusFlushMs: 50 },
      { self: id, heldElsewhere: (n) => othersHold.has(n), claimed: () => undefined, released: () => undefined },
    );
    await live.start();
    const events: FleetEvent[] = [];
    bus.subscribe((e) => void events.push(e));
    const r = {
      ctx,
      live,
      events,
      othersHold,
      async close() {
        await live.stop();
        await bus.close();
        await opened.close();
      },
    };
    replicas.push(r);
    return r;
  };
  const addNode = async (r: Replica) => {
    const id = `n_race${++nodeSeq}`;
    await r.ctx.db.node.create({
      data: { id, name: id, hostname: id, machineId: id, certSerial: id, certExpiresAt: new Date(Date.now() + 86_400_000) },
    });
    return id;
  };
  const status = async (r: Replica, id: string) => (await r.ctx.db.node.findUniqueOrThrow({ where: { id } })).status;
  const types = (r: Replica, id: string) => r.events.filter((e) => e.node_id === id).map((e) => e.type);

  before(async () => {
    db = await postgresDatabase();
  });
  after(async () => {
    for (const r of replicas) await r.close();
    await db?.cleanup();
  });

  it("the replica a worker left times it out after the new replica claimed it: the node stays online, no node.offline", async () => {
    const a = await replica("replica-a");
    const b = await replica("replica-b");
    const n = await addNode(a);
    a.live.beat(n);
    await waitFor(async () => (await status(a, n)) === "online", 5_000, "online through A");
    // The worker moves to B; B still sees A announcing the node, so it takes it over (no event).
    b.othersHold.add(n);
    const beating = setInterval(() => b.live.beat(n), 200);
    try {
      b.live.beat(n);
      await sleep(150);
      // A's TTL runs out before B's claim reached it: A believes nobody else holds the node.
      await waitFor(async () => !a.live.isOnline(n), 5_000, "A times the node out");
      await sleep(500);
      assert.equal(await status(b, n), "online", "the database shows the node B holds as online");
      assert.deepEqual(types(a, n), ["node.online"], "A announces no node.offline");
      assert.deepEqual(types(b, n), [], "B's takeover is no event");
      assert.ok(b.live.isOnline(n));
    } finally {
      clearInterval(beating);
    }
  });

  it("when the old replica's offline lands first, the new replica's takeover brings the node back online with node.online", async () => {
    const a = replicas[0]!;
    const b = replicas[1]!;
    const n = await addNode(a);
    a.live.beat(n);
    await waitFor(async () => (await status(a, n)) === "online", 5_000, "online through A");
    await waitFor(async () => !a.live.isOnline(n), 5_000, "A times the node out");
    await waitFor(async () => (await status(a, n)) === "offline", 5_000, "offline through A");
    // B still had A's last announcement with the node in it when the worker arrived.
    b.othersHold.add(n);
    b.live.beat(n);
    await waitFor(async () => (await status(b, n)) === "online", 5_000, "online again through B");
    await sleep(200);
    assert.deepEqual(types(a, n), ["node.online", "node.offline"]);
    assert.deepEqual(types(b, n), ["node.online"], "the node was offline: B announces it back");
    b.live.offline(n, "goodbye");
  });

  it("the leader's sweep takes offline only what is still held by the replica it saw: a node claimed meanwhile stays online", async () => {
    const a = replicas[0]!;
    const b = replicas[1]!;
    const store = createNodeStore(a.ctx);
    const n = await addNode(a);
    const gone = await addNode(a);
    await store.setStatus([n, gone], "online", new Date(), "replica-dead");
    const seen = (await store.onlineNodes()).filter((r) => r.id === n || r.id === gone);
    assert.deepEqual(
      seen.map((r) => r.heldBy),
      ["replica-dead", "replica-dead"],
    );
    // Between the sweep's read and its write, the worker of `n` reconnects to B.
    b.live.beat(n);
    await waitFor(async () => (await b.ctx.db.node.findUniqueOrThrow({ where: { id: n } })).heldBy === "replica-b", 5_000, "B holds n");
    const taken = await store.takeOffline(seen);
    assert.deepEqual(taken, [gone], "only the node nobody claimed is taken offline");
    assert.equal(await status(a, n), "online");
    assert.equal(await status(a, gone), "offline");
    b.live.offline(n, "goodbye");
  });
});
