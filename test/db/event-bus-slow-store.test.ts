import { strict as assert } from "node:assert";
import pino from "pino";
import { openDb, type OpenedDb } from "../../master/src/db/client.js";
import { createEventBus } from "../../master/src/events/bus.js";
import { createEventStore, type EventStore } from "../../master/src/events/event-store.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import { testDatabase, usingPostgres } from "../helpers/database.js";

/**
 * A loaded database makes each event log write slow. The bus must then
 * write larger batches, not queue one write per flush tick: a queue that
 * grows by a write every tick puts everything that waits on a flush (the
 * replica relay, `?since=` reads) further behind every second.
 */
describe(`events: the bus in front of a slow event store (${usingPostgres() ? "postgres" : "sqlite"})`, function () {
  this.timeout(30_000);
  let opened: OpenedDb;
  let cleanup: () => Promise<void>;
  before(async () => {
    const tdb = await testDatabase();
    cleanup = tdb.cleanup;
    opened = await openDb(tdb.url, pino({ level: "silent" }));
  });
  after(async () => {
    await opened.close();
    await cleanup();
  });

  it("stays at most two writes behind while every write takes 300 ms, and stores every event", async () => {
    const real = createEventStore(opened);
    let writes = 0;
    // the real store, each append held back 300 ms (a database under load)
    const slow: EventStore = {
      ...real,
      append: async (...a) => {
        writes++;
        await new Promise((r) => setTimeout(r, 300));
        return real.append(...a);
      },
    };
    const bus = createEventBus({ store: slow, log: pino({ level: "silent" }), metrics: createMetrics() }, { flushIntervalMs: 100 });
    const published: string[] = [];
    const until = Date.now() + 2_000;
    while (Date.now() < until) {
      published.push(bus.publish("container.state", { i: published.length }, "nod_1").id);
      await new Promise((r) => setTimeout(r, 10));
    }
    const t = performance.now();
    await bus.flush();
    const behind = performance.now() - t;
    assert.ok(behind < 1_000, `flush after the last event took ${behind.toFixed(0)} ms`);
    assert.ok(writes <= 10, `${writes} writes for 2 s of events at 300 ms each`);
    const stored = await real.list({ limit: 1000 });
    assert.deepEqual(new Set(stored.map((e) => e.id)), new Set(published));
    await bus.close();
  });
});
